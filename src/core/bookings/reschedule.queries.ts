import { sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import type { Caller } from '../../domain/caller';
import { bookingEventCte } from '../outbox/outbox.queries';
import { recordEvents } from '../outbox/publish';
import { auditCte, type AuditEntry } from '../audit/audit.queries';
import { rememberCte } from '../idempotency/idempotency.queries';
import { claimSlot, representation, visibleTo, type BookingRow } from './bookings.queries';

export interface Move {
  bookingId: string;
  slotId?: string;
  holdId?: string;
  caller: Caller;
  callerKey: string;
  now: Date;
  idempotency: { owner: string; key: string; hash: string };
  /** For agents and admins: the audit row, written by the same statement. */
  audit?: AuditEntry;
  /** Carried by the booking.rescheduled event. */
  reason?: string;
}

/** The moved booking, and the slot it left (what a "rescheduled" event will carry). */
export type MovedRow = BookingRow & { previous_slot_id: string };

/**
 * Moves a booked, not yet started booking the caller may see to another slot, in one statement:
 * lock the booking (a second move of it waits, then moves it from where the first left it), claim
 * the new slot under the same conditions as a booking (its row lock serialises every claimant),
 * move the booking there with the tariff of the new date, reopen the old slot, consume the
 * caller's hold, record the idempotency key and the audit row, and end the booking's personal
 * links (the change notice brings new ones). Nothing matched → no row, and the booking is where it was. The caps are not counted again: the number of upcoming bookings is
 * unchanged, and the trigger counts on INSERT only; it still re-checks the tariff on the move.
 * Its `booking.rescheduled` event is one more CTE reading `moved`.
 */
export async function moveBooking(db: Db, m: Move): Promise<MovedRow | undefined> {
  const eventId = crypto.randomUUID();
  const { rows } = await db.execute<MovedRow>(sql`
    WITH target AS (
      SELECT b.id, b.slot_id FROM bookings b
      WHERE b.id = ${m.bookingId} AND ${visibleTo(m.caller)} AND b.status = 'booked' AND b.starts_at > ${m.now}
      FOR UPDATE OF b
    ), claimed AS (${claimSlot(m, { from: sql`target t`, where: sql`s.id <> t.slot_id` })}), moved AS (
      UPDATE bookings b SET slot_id = c.id, mission_id = c.mission_id, starts_at = c.starts_at, updated_at = ${m.now},
        tariff_majorations = tariff_majorations(c.local_date, b.patient_birth_date),
        amount_cents = tariff_amount_cents(c.territory, c.local_date, b.patient_birth_date)
      FROM claimed c, target t
      WHERE b.id = t.id
      RETURNING b.*, t.slot_id AS previous_slot_id
    ), reopened AS (
      UPDATE slots SET status = 'open' WHERE id IN (SELECT previous_slot_id FROM moved) AND status = 'booked'
    ), consumed AS (
      UPDATE holds SET status = 'consumed'
      WHERE status = 'active' AND caller_key = ${m.callerKey} AND slot_id IN (SELECT id FROM claimed)
    ), unlinked AS (
      DELETE FROM booking_links WHERE booking_id IN (SELECT id FROM moved)
    )${rememberCte(m.idempotency, sql`moved`, 'booking_id', m.now)}${bookingEventCte({ name: 'moved_event', id: eventId, type: 'booking.rescheduled', at: m.now, reason: m.reason }, sql`moved`)}${auditCte(m.audit, sql`moved`)}
    SELECT r.*, (SELECT previous_slot_id FROM moved) AS previous_slot_id
    FROM (${representation(sql`moved`)}) r`);
  if (rows[0]) recordEvents(db, [eventId]);
  return rows[0];
}
