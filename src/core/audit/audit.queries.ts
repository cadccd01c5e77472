// Audit rows of changes are written by the statement that makes the change (an extra CTE): no
// change without its row, no row without its change, and still one round trip.
import { sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { textArray } from '../../db/text-array';
import type { Caller } from '../../domain/caller';

/** Roles whose actions on bookings are audited: call-centre agents and ARS administrators. */
export const isAudited = (caller: Caller) => caller.role === 'agent' || caller.role === 'admin';

export interface AuditEntry {
  at: Date;
  role: string;
  sub: string;
  /** booking.create, booking.read, booking.read_at_cap, booking.cancel, booking.arrival, booking.no-show, booking.complete, booking.search, hold.create, hold.extend, hold.release, mission.attendance.correct */
  action: string;
  /** The HTTP status the change answers with. */
  outcome: string;
  callReference: string | null;
}

/** The entry for a change by `caller`, or nothing when that role is not audited. */
export function auditEntry(
  caller: Caller,
  action: string,
  outcome: string,
  at: Date,
  callReference: string | null,
): AuditEntry | undefined {
  return isAudited(caller) ? { at, role: caller.role, sub: caller.sub, action, outcome, callReference } : undefined;
}

/**
 * `, audited AS (INSERT …)` recording one row per row of the CTE `changed` (its `id` as the booking,
 * or `bookingId` for changes that touch no booking, such as holds); nothing without an entry.
 */
export function auditCte(entry: AuditEntry | undefined, changed: SQL, bookingId: SQL = sql`id`): SQL {
  if (!entry) return sql``;
  return sql`, audited AS (
      INSERT INTO audit_events (at, actor_role, actor_sub, booking_id, action, outcome, call_reference)
      SELECT ${entry.at}, ${entry.role}, ${entry.sub}, ${bookingId}, ${entry.action}, ${entry.outcome}, ${entry.callReference} FROM ${changed}
    )`;
}

/**
 * An audited read that is not a change (an agent's search): one row per booking it showed, or one
 * row without a booking when it showed none, so that a search that found nothing is traced too.
 */
export async function recordAudit(db: Db, entry: AuditEntry, bookingIds: readonly string[]) {
  await db.execute(sql`
    INSERT INTO audit_events (at, actor_role, actor_sub, booking_id, action, outcome, call_reference)
    SELECT ${entry.at}, ${entry.role}, ${entry.sub}, id, ${entry.action}, ${entry.outcome}, ${entry.callReference}
    FROM unnest(${bookingIds.length ? textArray(bookingIds) : '{NULL}'}::uuid[]) AS id`);
}
