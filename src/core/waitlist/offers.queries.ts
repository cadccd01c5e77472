// Offering freed slots to the waitlist, one statement per slot: lock the slot, take the first
// matching entry of its zone (first come, first served), hold the slot for them, record the offer
// and its waitlist.offered event. The slot's row lock serialises offers of one slot; SKIP LOCKED
// lets two slots being offered at once go to two different people.
import { sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { textArray } from '../../db/text-array';
import { MAX_OFFERS_PER_ENTRY, NO_OFFER_WITHIN_HOURS } from '../../domain/waitlist';
import { recordEvents } from '../outbox/publish';
import { auditCte, type AuditEntry } from '../audit/audit.queries';

/** Slot columns a match reads: the slot s, its mission's local date and its site's commune. */
interface SlotColumns {
  id: SQL;
  zone: SQL;
  siteId: SQL;
  localDate: SQL;
  commune: SQL;
}

/** Whether waiting entry e takes slot `s` now: its zone, window, communes or sites, never the same slot twice, within the person's cap. */
const entryTakes = (s: SlotColumns, now: Date) => sql`
  e.epci_siren = ${s.zone} AND e.status = 'waiting' AND e.ends_at > ${now} AND e.offers < ${MAX_OFFERS_PER_ENTRY}
  AND ${s.localDate} BETWEEN e.from_date AND e.to_date
  AND (e.commune_insees IS NULL OR ${s.commune} = ANY(e.commune_insees))
  AND (e.site_ids IS NULL OR ${s.siteId} = ANY(e.site_ids))
  AND NOT EXISTS (SELECT 1 FROM waitlist_offers o WHERE o.entry_id = e.id AND o.slot_id = ${s.id})
  AND waitlist_person_has_room(e.identity_key, ${now})`;

const offerable = (now: Date) => sql`
  m.status = 'planned' AND s.status = 'open' AND s.starts_at > ${now}::timestamptz + interval '${sql.raw(String(NO_OFFER_WITHIN_HOURS))} hours'
  AND (s.hold_expires_at IS NULL OR s.hold_expires_at <= ${now})`;

export type OfferScope = { slotIds: string[] } | { zone: string } | 'all';

const scoped = (scope: OfferScope) =>
  scope === 'all'
    ? sql`s.epci_siren IN (SELECT epci_siren FROM waitlist_entries WHERE status = 'waiting')`
    : 'zone' in scope
      ? sql`s.epci_siren = ${scope.zone}`
      : sql`s.id = ANY(${textArray(scope.slotIds)}::uuid[])`;

/** Free slots that some waiting entry would take, soonest first. */
export async function offerableSlots(db: Db, scope: OfferScope, now: Date, limit: number) {
  const { rows } = await db.execute<{ id: string; starts_at: string }>(sql`
    SELECT s.id, s.starts_at FROM slots s
    JOIN missions m ON m.id = s.mission_id JOIN sites si ON si.id = s.site_id
    WHERE ${offerable(now)} AND ${scoped(scope)}
      AND EXISTS (SELECT 1 FROM waitlist_entries e WHERE ${entryTakes({ id: sql`s.id`, zone: sql`s.epci_siren`, siteId: sql`s.site_id`, localDate: sql`m.local_date`, commune: sql`si.commune_insee` }, now)})
    ORDER BY s.starts_at, s.id LIMIT ${limit}`);
  return rows;
}

/** Offers one slot to the first entry that takes it, held for `minutes`; nothing when it is no longer free or nobody takes it. */
export async function offerSlotToNext(db: Db, o: { slotId: string; holdId: string; now: Date; minutes: number }) {
  const eventId = crypto.randomUUID();
  const { rows } = await db.execute<{ id: string; entry_id: string; slot_id: string }>(sql`
    WITH slot AS (
      SELECT s.id, s.epci_siren, s.site_id, s.starts_at, s.mission_id, m.local_date, si.commune_insee
      FROM slots s JOIN missions m ON m.id = s.mission_id JOIN sites si ON si.id = s.site_id
      WHERE s.id = ${o.slotId} AND ${offerable(o.now)}
      FOR UPDATE OF s
    ), entry AS (
      SELECT e.id, e.client_id FROM waitlist_entries e, slot
      WHERE ${entryTakes({ id: sql`slot.id`, zone: sql`slot.epci_siren`, siteId: sql`slot.site_id`, localDate: sql`slot.local_date`, commune: sql`slot.commune_insee` }, o.now)}
      ORDER BY e.created_at, e.id LIMIT 1
      FOR UPDATE OF e SKIP LOCKED
    ), held AS (
      INSERT INTO holds (id, slot_id, caller_key, owner_key, status, created_at, expires_at)
      SELECT ${o.holdId}, slot.id, 'waitlist:' || entry.id, 'waitlist:' || entry.id, 'active', ${o.now}, ${o.now}::timestamptz + make_interval(mins => ${o.minutes})
      FROM slot, entry
      RETURNING id, slot_id, owner_key, expires_at
    ), claimed AS (
      UPDATE slots s SET hold_id = h.id, hold_owner = h.owner_key, hold_expires_at = h.expires_at FROM held h WHERE s.id = h.slot_id
    ), offered AS (
      INSERT INTO waitlist_offers (id, entry_id, slot_id, hold_id, slot_starts_at, offered_at, expires_at)
      SELECT gen_random_uuid(), entry.id, slot.id, held.id, slot.starts_at, ${o.now}, held.expires_at FROM slot, entry, held
      RETURNING id, entry_id, slot_id, expires_at
    ), event AS (
      INSERT INTO events (id, type, occurred_at, booking_id, mission_id, epci_siren, slot_id, client_id, cancelled_by, data)
      SELECT ${eventId}, 'waitlist.offered', ${o.now}, NULL, slot.mission_id, slot.epci_siren, slot.id, entry.client_id, NULL,
             jsonb_build_object('entryId', entry.id, 'offerId', offered.id, 'startsAt', slot.starts_at, 'expiresAt', offered.expires_at, 'siteId', slot.site_id)
      FROM slot, entry, offered
    )
    SELECT id, entry_id, slot_id FROM offered`);
  if (rows[0]) recordEvents(db, [eventId]);
  return rows[0];
}

/**
 * Ends the live offers `which` selects (a CTE-free condition on offers o) with `status`: releases
 * their holds, frees their slots, and puts their entries back to waiting, or ends them (expired)
 * after their third offer or past their window. Returns the slots freed, to offer them on. An
 * agent's decline leaves its audit row in the same statement.
 */
export async function endLiveOffers(
  db: Db,
  which: SQL,
  status: 'declined' | 'expired' | 'withdrawn',
  now: Date,
  audit?: AuditEntry,
) {
  const { rows } = await db.execute<{ slot_id: string; entry_id: string }>(sql`
    WITH ended AS (
      UPDATE waitlist_offers o SET status = ${status}, ended_at = ${now}
      WHERE o.status = 'live' AND ${which}
      RETURNING o.entry_id, o.slot_id, o.hold_id
    ), released AS (
      UPDATE holds SET status = 'released' WHERE id IN (SELECT hold_id FROM ended) AND status = 'active'
    ), freed AS (
      UPDATE slots SET hold_id = NULL, hold_owner = NULL, hold_expires_at = NULL
      WHERE id IN (SELECT slot_id FROM ended) AND hold_id IN (SELECT hold_id FROM ended)
    ), entries AS (
      UPDATE waitlist_entries e
      SET status = CASE WHEN e.offers >= ${MAX_OFFERS_PER_ENTRY} OR e.ends_at <= ${now} THEN 'expired' ELSE 'waiting' END,
          ended_at = CASE WHEN e.offers >= ${MAX_OFFERS_PER_ENTRY} OR e.ends_at <= ${now} THEN ${now}::timestamptz END
      WHERE e.id IN (SELECT entry_id FROM ended) AND e.status = 'offered'
    )${auditCte(audit, sql`ended`, sql`NULL::uuid`)}
    SELECT slot_id, entry_id FROM ended`);
  return rows;
}

/** Live offers whose time is up. */
export const expiredOffers = (now: Date) => sql`o.expires_at <= ${now}`;

/** Live offers whose slot is no longer theirs: its mission day was cancelled (the slot withdrawn, its hold cleared). */
export const orphanedOffers = sql`NOT EXISTS (SELECT 1 FROM slots s WHERE s.id = o.slot_id AND s.hold_id = o.hold_id AND s.status = 'open')`;

/** Waiting entries whose window is over end as expired (an offered one ends with its offer). */
export async function expireEndedWindows(db: Db, now: Date) {
  const { rows } = await db.execute<{ n: number }>(sql`
    WITH gone AS (UPDATE waitlist_entries SET status = 'expired', ended_at = ${now} WHERE status = 'waiting' AND ends_at <= ${now} RETURNING 1)
    SELECT count(*)::int AS n FROM gone`);
  return rows[0]?.n ?? 0;
}
