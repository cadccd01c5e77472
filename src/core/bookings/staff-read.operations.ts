// A booking as a staff member's page shows it (the agent's confirmation to read back, a found
// booking to cancel or move): the same object-level rule as the API's GET /v1/bookings/{id}, the
// doctor's name to say, and, for agents and admins, the read in the audit trail with its call.
import { sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import type { Caller } from '../../domain/caller';
import { auditEntry, recordAudit } from '../audit/audit.queries';
import { toBooking, type Booking } from './bookings.presenters';
import { bookingFor } from './bookings.queries';
import { callReferenceOf } from './call-reference';

export type StaffBookingView = Booking & { doctor: { givenName: string; familyName: string } | null };

/** The booking the caller may see, or undefined; audited (booking.read) when it is found. */
export async function readBookingAsStaff(
  db: Db,
  caller: Caller,
  id: string,
  now: Date,
  givenCallReference?: string,
): Promise<StaffBookingView | undefined> {
  const callReference = callReferenceOf(caller, givenCallReference);
  const row = await bookingFor(db, id, caller);
  if (!row) return undefined;
  const entry = auditEntry(caller, 'booking.read', '200', now, callReference);
  const [doctor] = await Promise.all([
    doctorOfMission(db, row.mission_id),
    entry ? recordAudit(db, entry, [row.id]) : undefined,
  ]);
  return { ...toBooking(row), doctor: doctor ?? null };
}

/** The doctor's name as their identity gave it when they declared a mission; none for older doctors. */
async function doctorOfMission(db: Db, missionId: string) {
  const { rows } = await db.execute<{ givenName: string; familyName: string }>(sql`
    SELECT d.given_name AS "givenName", d.family_name AS "familyName" FROM missions m JOIN doctors d ON d.rpps = m.doctor_rpps WHERE m.id = ${missionId}`);
  return rows[0];
}
