import { CALL_REFERENCE, CALL_REFERENCE_FORMAT } from '../../domain/call-reference';
import { problem } from '../../domain/problem';
import type { Caller } from '../../domain/caller';
import { isAudited } from '../audit/audit.queries';

/**
 * The call reference an audited change records: required from agents (every change they make is
 * tied to a call), optional from admins, refused when malformed. Other roles have no calls.
 */
export function callReferenceOf(caller: Caller, given: string | undefined): string | null {
  if (!isAudited(caller)) return null;
  if (given !== undefined && !CALL_REFERENCE.test(given)) {
    throw problem('invalid_call_reference', `A call reference is ${CALL_REFERENCE_FORMAT}.`);
  }
  if (caller.role === 'agent' && given === undefined) {
    throw problem(
      'call_reference_required',
      'Agents give the reference of the call they act in: callReference when booking, the X-Call-Reference header on any other change and on every read of patient data.',
    );
  }
  return given ?? null;
}
