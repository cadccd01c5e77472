import { sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import type { RegionScope } from '../../domain/region-scope';
import { inScope } from '../regions/in-scope';

export type ZoneStatsRow = {
  zone_exists: boolean;
  planned: number;
  held: number;
  missed: number;
  offered: number;
  booked: number;
  fulfilled: number;
  attended: number;
  noshows: number;
  web: number;
  app: number;
  partner: number;
  phone: number;
  referrals: Array<{ source: string | null; count: number }>;
  waiting: number;
  offers_accepted: number;
  offers_expired: number;
};

/**
 * A zone's activity over local dates [from, to], in one statement. Cancelled mission days are
 * not counted; held means checked in; missed means never checked in and over. The waitlist's
 * length is today's; its offers are those of the period's slots.
 */
export async function zoneStats(
  db: Db,
  siren: string,
  from: string,
  to: string,
  now: Date,
  scope: RegionScope | undefined,
) {
  const { rows } = await db.execute<ZoneStatsRow>(sql`
    WITH days AS (
      SELECT id, checked_in_at, ends_at FROM missions
      WHERE epci_siren = ${siren} AND status <> 'cancelled' AND local_date BETWEEN ${from}::date AND ${to}::date
    ), booked AS (
      SELECT status, channel, referral_source, referral_id FROM bookings WHERE mission_id IN (SELECT id FROM days) AND status <> 'cancelled'
    ), offers AS (
      SELECT o.status FROM waitlist_offers o JOIN slots s ON s.id = o.slot_id WHERE s.mission_id IN (SELECT id FROM days)
    )
    SELECT EXISTS (SELECT 1 FROM epci e WHERE e.siren = ${siren} AND ${inScope(scope, sql`e.region`)}) AS zone_exists,
      (SELECT count(*)::int FROM days) AS planned,
      (SELECT count(*)::int FROM days WHERE checked_in_at IS NOT NULL) AS held,
      (SELECT count(*)::int FROM days WHERE checked_in_at IS NULL AND ends_at <= ${now}) AS missed,
      (SELECT count(*)::int FROM slots WHERE mission_id IN (SELECT id FROM days)) AS offered,
      count(*)::int AS booked,
      (count(*) FILTER (WHERE status = 'fulfilled'))::int AS fulfilled,
      (count(*) FILTER (WHERE status IN ('arrived', 'fulfilled')))::int AS attended,
      (count(*) FILTER (WHERE status = 'noshow'))::int AS noshows,
      (count(*) FILTER (WHERE channel = 'web'))::int AS web,
      (count(*) FILTER (WHERE channel = 'app'))::int AS app,
      (count(*) FILTER (WHERE channel = 'partner'))::int AS partner,
      (count(*) FILTER (WHERE channel = 'phone'))::int AS phone,
      -- Bookings that came through an aggregator's deep link, by its source (none named: null).
      (SELECT coalesce(json_agg(json_build_object('source', source, 'count', n) ORDER BY n DESC, source), '[]'::json)
         FROM (SELECT referral_source AS source, count(*)::int AS n FROM booked
               WHERE referral_source IS NOT NULL OR referral_id IS NOT NULL GROUP BY referral_source) r) AS referrals,
      -- The waitlist: people waiting now, whatever the period; offers of the period's slots and what became of them.
      (SELECT count(*)::int FROM waitlist_entries WHERE epci_siren = ${siren} AND status IN ('waiting', 'offered') AND ends_at > ${now}) AS waiting,
      (SELECT count(*)::int FROM offers WHERE status = 'accepted') AS offers_accepted,
      (SELECT count(*)::int FROM offers WHERE status = 'expired') AS offers_expired
    FROM booked`);
  return rows[0];
}
