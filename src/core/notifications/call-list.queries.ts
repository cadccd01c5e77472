// The agents' call list: upcoming bookings whose patient no message could tell of a cancellation
// or a change. Agents read it (with the phone to call) and mark each call made, audited.
import { sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { auditCte, type AuditEntry } from '../audit/audit.queries';
import type { BookingStatus } from '../../domain/booking-status';
import type { Caller } from '../../domain/caller';
import { visibleTo } from '../bookings/bookings.queries';

export type CallListRow = {
  booking_id: string;
  reason: string;
  kind: string;
  added_at: string;
  done_at: string | null;
  call_reference: string | null;
  status: BookingStatus;
  cancelled_by: string | null;
  starts_at: string;
  time_zone: string;
  site_name: string;
  site_phone: string;
  address: string;
  insee: string;
  commune_name: string;
  patient_first_name: string;
  patient_last_name: string;
  patient_phone: string;
};

const entry = sql`
  SELECT cl.booking_id, cl.reason, cl.kind, cl.added_at, cl.done_at, cl.call_reference, b.status, b.cancelled_by, b.starts_at, si.time_zone,
         si.name AS site_name, si.phone AS site_phone, si.address, c.insee, c.name AS commune_name, b.patient_first_name, b.patient_last_name, b.patient_phone
  FROM call_list cl JOIN bookings b ON b.id = cl.booking_id JOIN slots s ON s.id = b.slot_id JOIN sites si ON si.id = s.site_id
  JOIN communes c ON c.insee = si.commune_insee`;

/** Calls still to make, for bookings not yet started that the caller may see (ARS staff: of their regions), soonest first. */
export async function openCalls(db: Db, caller: Caller, now: Date, after: [string, string] | undefined, limit: number) {
  const { rows } = await db.execute<CallListRow>(sql`
    ${entry}
    WHERE cl.done_at IS NULL AND b.starts_at > ${now} AND ${visibleTo(caller)}
      ${after ? sql`AND (b.starts_at, b.id) > (${after[0]}::timestamptz, ${after[1]}::uuid)` : sql``}
    ORDER BY b.starts_at, b.id LIMIT ${limit}`);
  return rows;
}

/** Marks the call made, with its audit row, in one statement; nothing when there is no open call. */
export async function markCalled(
  db: Db,
  caller: Caller,
  bookingId: string,
  now: Date,
  callReference: string | null,
  audit?: AuditEntry,
) {
  const { rows } = await db.execute<{ id: string }>(sql`
    WITH done AS (
      UPDATE call_list SET done_at = ${now}, done_by = ${`${caller.role}:${caller.sub}`}, call_reference = ${callReference}
      WHERE booking_id = ${bookingId} AND done_at IS NULL AND booking_id IN (SELECT b.id FROM bookings b WHERE b.id = ${bookingId} AND ${visibleTo(caller)})
      RETURNING booking_id AS id
    )${auditCte(audit, sql`done`)}
    SELECT id FROM done`);
  return rows[0];
}

export async function callFor(db: Db, caller: Caller, bookingId: string) {
  const { rows } = await db.execute<CallListRow>(
    sql`${entry} WHERE cl.booking_id = ${bookingId} AND ${visibleTo(caller)}`,
  );
  return rows[0];
}
