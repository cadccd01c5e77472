// Erasure on request (RGPD art. 17): an ARS data protection officer erases a person's data, found
// by one booking's id or by phone, with the reason. One statement anonymises every matching booking
// as the purge does, stops the messages still planned for them, and writes one audit row each with
// the reason. An upcoming booking is refused (cancel it first), audited, and nothing is erased.
import { sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { inScope } from '../regions/in-scope';
import { canonicalPhone } from '../../domain/phone';
import { problem, notFound } from '../../domain/problem';
import { type Caller, scopeOf } from '../../domain/caller';
import { anonymiseSet } from './purge';

export type ErasureTarget = { bookingId: string } | { phone: string };

export interface Erasure {
  erasedAt: string;
  /** The bookings anonymised by this request; empty when there was nothing left to erase. */
  bookingIds: string[];
}

/** Bookings of the DPO's regions (sites' communes aliased co). */
const inCallerRegion = (caller: Caller) => inScope(scopeOf(caller), sql`co.region`);

export async function eraseBookings(
  db: Db,
  caller: Caller,
  target: ErasureTarget,
  reason: string,
  now: Date,
): Promise<Erasure> {
  if (caller.role !== 'admin' || !caller.dpo)
    throw problem('forbidden', 'Erasure is for the data protection officer (a token with the dpo claim).');
  let match;
  if ('bookingId' in target) {
    match = sql`b.id = ${target.bookingId}`;
  } else {
    const phone = canonicalPhone(target.phone);
    if (!phone.ok) {
      throw problem('invalid_phone', 'Not a valid French phone number (metropolitan or overseas).', {
        extensions: { errors: [{ field: 'phone', message: 'Not a valid French phone number.' }] },
      });
    }
    match = sql`b.patient_phone = ${phone.e164}`;
  }
  const {
    rows: [row],
  } = await db.execute<{ found: number; upcoming: string[] | null; erased: string[] | null }>(sql`
    WITH target AS (
      SELECT b.id, b.status, b.starts_at, b.anonymised_at
      FROM bookings b JOIN slots s ON s.id = b.slot_id JOIN sites si ON si.id = s.site_id JOIN communes co ON co.insee = si.commune_insee
      WHERE ${match} AND ${inCallerRegion(caller)}
      FOR UPDATE OF b
    ), upcoming AS (
      SELECT id FROM target WHERE anonymised_at IS NULL AND status <> 'cancelled' AND starts_at > ${now}
    ), erased AS (
      UPDATE bookings b SET ${anonymiseSet(now)}
      FROM target t WHERE b.id = t.id AND t.anonymised_at IS NULL AND NOT EXISTS (SELECT 1 FROM upcoming)
      RETURNING b.id
    ), silenced AS (
      UPDATE notifications SET status = 'cancelled', next_attempt_at = NULL
      WHERE booking_id IN (SELECT id FROM erased) AND status = 'scheduled'
    ), audited AS (
      INSERT INTO audit_events (at, actor_role, actor_sub, booking_id, action, outcome, reason)
      -- Typed here: a UNION leaves untyped parameters as text.
      SELECT ${now}::timestamptz, ${caller.role}, ${caller.sub}, id, 'booking.erase', '200', ${reason} FROM erased
      -- A refusal is on record too, against the booking that caused it.
      UNION ALL SELECT ${now}, ${caller.role}, ${caller.sub}, id, 'booking.erase', '409 booking_upcoming', ${reason} FROM upcoming
    )
    SELECT (SELECT count(*)::int FROM target) AS found,
           (SELECT array_agg(id::text) FROM upcoming) AS upcoming,
           (SELECT array_agg(id::text ORDER BY id) FROM erased) AS erased`);
  if ('bookingId' in target && !row.found) throw notFound('Booking');
  if (row.upcoming?.length) {
    throw problem(
      'booking_upcoming',
      `Cancel the upcoming booking(s) first: ${row.upcoming.join(', ')}. Nothing was erased.`,
    );
  }
  if ('phone' in target) await eraseWaitlistEntries(db, caller, canonicalPhone(target.phone), now);
  return { erasedAt: now.toISOString(), bookingIds: row.erased ?? [] };
}

/**
 * The person's waitlist entries with that phone, in the DPO's regions, lose their data as the purge
 * does: ended ones as they are; a waiting one is withdrawn first (waiting implies being called);
 * an entry holding a live offer is left, its offer ends within two hours and the daily purge follows.
 */
async function eraseWaitlistEntries(db: Db, caller: Caller, phone: ReturnType<typeof canonicalPhone>, now: Date) {
  if (!phone.ok) return;
  await db.execute(sql`
    UPDATE waitlist_entries w SET
      status = CASE WHEN w.status = 'waiting' THEN 'withdrawn' ELSE w.status END, ended_at = coalesce(w.ended_at, ${now}),
      patient_first_name = NULL, patient_last_name = NULL, patient_birth_date = NULL, patient_phone = NULL, patient_email = NULL,
      identity_key = NULL, notify_sms = false, notify_email = false,
      owner_sub = CASE WHEN w.owner_role = 'patient' THEN 'anonymised' ELSE w.owner_sub END, anonymised_at = ${now}
    FROM epci e
    WHERE e.siren = w.epci_siren AND ${inScope(scopeOf(caller), sql`e.region`)}
      AND w.patient_phone = ${phone.e164} AND w.anonymised_at IS NULL AND w.status <> 'offered'`);
}
