// Who owns what: keys that scope holds, bookings and idempotency keys to a caller.
import type { Caller } from '../domain/caller';

/** The party that acts: a patient, an integrator (all tokens of one client_id), an agent, a doctor. */
export function callerKey(caller: Caller): string {
  return caller.role === 'integrator' ? `client:${caller.clientId}` : `${caller.role}:${caller.sub}`;
}

/** The party and the patient it acts for, when one caller serves many patients. */
export function holdOwnerKey(caller: Caller, patientRef: string | undefined): string {
  return patientRef && caller.role !== 'patient' ? `${callerKey(caller)}/${patientRef}` : callerKey(caller);
}

/** Booking channel, decided by who calls, never by the client. */
export function channelOf(caller: Caller): 'web' | 'app' | 'partner' | 'phone' {
  if (caller.role === 'integrator') return 'partner';
  if (caller.role === 'agent') return 'phone';
  // The national app's patient tokens carry a client_id; the website's do not.
  return caller.role === 'patient' && caller.clientId ? 'app' : 'web';
}
