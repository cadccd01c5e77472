// At a person's cap during a call, the agent is shown the bookings the cap counted: a read of
// patient data like any other, so each is audited with the call (booking.read_at_cap, 409).
import type { Db } from '../../db/client';
import type { Caller } from '../../domain/caller';
import { auditEntry, recordAudit } from '../audit/audit.queries';
import { personCapReached, type CapReached } from './caps.queries';
import { callReferenceOf } from './call-reference';
import type { PatientInput } from './patient';

export async function personCapForStaff(
  db: Db,
  caller: Caller,
  patient: PatientInput,
  now: Date,
  givenCallReference?: string,
): Promise<CapReached> {
  const reached = await personCapReached(db, caller, patient, now);
  const entry = auditEntry(caller, 'booking.read_at_cap', '409', now, callReferenceOf(caller, givenCallReference));
  if (entry)
    await recordAudit(
      db,
      entry,
      reached.bookings.map((b) => b.id),
    );
  return reached;
}
