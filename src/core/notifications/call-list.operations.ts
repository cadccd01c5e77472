// Marking a call made: the agent gives the call's reference (as for every change they make), and
// the same statement writes the audit row. A second mark of the same call answers it again.
import type { Db } from '../../db/client';
import { notFound } from '../../domain/problem';
import type { Caller } from '../../domain/caller';
import { auditEntry } from '../audit/audit.queries';
import { callReferenceOf } from '../bookings/call-reference';
import { callFor, markCalled } from './call-list.queries';

export async function markCallDone(db: Db, caller: Caller, bookingId: string, now: Date, givenCallReference?: string) {
  const callReference = callReferenceOf(caller, givenCallReference);
  await markCalled(
    db,
    caller,
    bookingId,
    now,
    callReference,
    auditEntry(caller, 'call_list.done', '200', now, callReference),
  );
  const row = await callFor(db, caller, bookingId);
  if (!row) throw notFound('Call list entry');
  return row;
}
