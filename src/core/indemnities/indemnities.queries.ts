import { sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import type { DayKind, IndemnityRate } from '../../domain/indemnity';
import type { RegionScope } from '../../domain/region-scope';
import { inScope } from '../regions/in-scope';

export type MissionDayRow = {
  mission_id: string;
  rpps: string;
  local_date: string;
  start_local: string;
  end_local: string;
  starts_at: string;
  ends_at: string;
  day_kind: DayKind;
  checked_in_at: string | null;
  checked_out_at: string | null;
  site_id: string;
  site_name: string;
  finess: string | null;
  epci_siren: string;
  time_zone: string;
  fulfilled: number;
  noshows: number;
  correction_reason: string | null;
  /** Null for a doctor with no row in doctors (none declared since that table exists). */
  doctor_given_name: string | null;
  doctor_family_name: string | null;
};

/**
 * The month's mission days that were not cancelled. A day belongs to the month of its local date
 * (already in the site's time zone), so no instant arithmetic is needed here. A doctor's own, or
 * the worked days of sites in an ARS caller's regions.
 */
export async function missionDays(
  db: Db,
  month: string,
  scope: { rpps: string } | { workedOnly: true; regions: RegionScope | undefined },
) {
  const first = `${month}-01`;
  const { rows } = await db.execute<MissionDayRow>(sql`
    SELECT m.id AS mission_id, m.doctor_rpps AS rpps, m.local_date::text, to_char(m.start_local, 'HH24:MI') AS start_local,
           to_char(m.end_local, 'HH24:MI') AS end_local, m.starts_at, m.ends_at, m.day_kind, m.checked_in_at, m.checked_out_at,
           si.id AS site_id, si.name AS site_name, si.finess, m.epci_siren, si.time_zone,
           d.given_name AS doctor_given_name, d.family_name AS doctor_family_name,
           (SELECT count(*)::int FROM bookings b WHERE b.mission_id = m.id AND b.status = 'fulfilled') AS fulfilled,
           (SELECT count(*)::int FROM bookings b WHERE b.mission_id = m.id AND b.status = 'noshow') AS noshows,
           (SELECT ac.reason FROM attendance_corrections ac WHERE ac.mission_id = m.id ORDER BY ac.id DESC LIMIT 1) AS correction_reason
    FROM missions m JOIN sites si ON si.id = m.site_id JOIN communes co ON co.insee = si.commune_insee LEFT JOIN doctors d ON d.rpps = m.doctor_rpps
    WHERE m.status <> 'cancelled' AND m.local_date >= ${first}::date AND m.local_date < ${first}::date + interval '1 month'
      AND ${'rpps' in scope ? sql`m.doctor_rpps = ${scope.rpps}` : sql`m.checked_in_at IS NOT NULL AND m.checked_out_at IS NOT NULL AND ${inScope(scope.regions, sql`co.region`)}`}
    ORDER BY m.local_date, m.doctor_rpps, m.id`);
  return rows;
}

export async function indemnityRates(db: Db): Promise<IndemnityRate[]> {
  const { rows } = await db.execute<{
    day_kind: DayKind;
    amount_cents: number;
    effective_from: string;
    effective_to: string | null;
  }>(sql`
    SELECT day_kind, amount_cents, effective_from::text, effective_to::text FROM indemnity_rates ORDER BY effective_from`);
  return rows.map((r) => ({
    dayKind: r.day_kind,
    amountCents: r.amount_cents,
    effectiveFrom: r.effective_from,
    effectiveTo: r.effective_to,
  }));
}
