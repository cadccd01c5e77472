// The booking operations every door calls (REST today; FHIR and the pages next): the rules, the
// one-statement change, and a precise refusal when nothing changed.
import type { Db } from '../../db/client';
import { findPgError } from '../../db/errors';
import { callerKey, channelOf } from '../../lib/callers';
import { requestHash } from '../../lib/idempotency';
import { problem, notFound } from '../../lib/problem';
import type { Caller } from '../../domain/caller';
import { auditEntry } from '../audit/audit.queries';
import { slotUnavailable } from '../slots/slots.problems';
import { chosenChannels, type ChannelChoice } from '../../domain/notifications/choice';
import { callReferenceOf } from './call-reference';
import { canonicalPatient, type PatientInput } from './patient';
import { bookingFor, bookingObstacle, cancelBookingFor, findIdempotencyKey, insertBooking, type BookingRow } from './bookings.queries';

export interface BookingRequest {
  slotId?: string;
  holdId?: string;
  patient: PatientInput;
  noOverbilling?: boolean;
  callReference?: string;
  notifications?: ChannelChoice;
}

export interface BookingOutcome {
  row: BookingRow;
  /** True when the Idempotency-Key had already booked: the first result is returned again. */
  replayed: boolean;
}

const overbilling = () =>
  problem('overbilling_not_allowed', 'Set noOverbilling to true: consultations of the scheme are billed at the tarif opposable, without dépassement d’honoraires.');

/** The booking an Idempotency-Key already answered with, if any; the same key with another body is refused. */
export async function replay(db: Db, owner: string, key: string, hash: string) {
  const stored = await findIdempotencyKey(db, owner, key);
  if (!stored) return undefined;
  if (stored.request_hash !== hash) {
    throw problem('idempotency_key_reused', 'This Idempotency-Key was used with another request; use a new key for a new change.');
  }
  return bookingFor(db, stored.booking_id, 'any');
}

export const isIdempotencyClash = (error: unknown) => findPgError(error)?.constraint === 'idempotency_keys_owner_key_pk';

/**
 * Books a slot (directly or through the caller's hold), or replays the booking its key already made.
 * The caps (per account, person, integrator and zone) are the database's: it refuses with a code.
 * `holdOwner` books a hold the caller acts on without having made it (a waitlist offer's).
 */
export async function createBooking(db: Db, caller: Caller, request: BookingRequest, idempotencyKey: string, now: Date, holdOwner?: string): Promise<BookingOutcome> {
  if (request.noOverbilling !== true) throw overbilling();
  const callReference = callReferenceOf(caller, request.callReference);
  const { key: patientKey, identityKey, ...patient } = await canonicalPatient(request.patient, now);
  const owner = callerKey(caller);
  const hash = await requestHash(request);
  const booking = {
    id: crypto.randomUUID(), slotId: request.slotId, holdId: request.holdId, callerKey: holdOwner ?? owner, now,
    channel: channelOf(caller), role: caller.role, sub: caller.sub, clientId: caller.role === 'integrator' ? caller.clientId! : null,
    callReference, patient, patientKey, identityKey, notify: chosenChannels(request.notifications, patient), idempotency: { owner, key: idempotencyKey, hash },
    audit: auditEntry(caller, 'booking.create', '201', now, callReference),
  };
  let row: BookingRow | undefined;
  try {
    row = await insertBooking(db, booking);
  } catch (error) {
    // The key was used before and its slot is free again: that is a replay, not a new booking.
    if (!isIdempotencyClash(error)) throw error;
  }
  if (row) return { row, replayed: false };
  const replayed = await replay(db, owner, idempotencyKey, hash);
  if (replayed) return { row: replayed, replayed: true };
  const obstacle = await bookingObstacle(db, booking);
  if (request.holdId) {
    if (!obstacle.hold_status) throw notFound('Hold');
    if (obstacle.hold_status !== 'active') throw problem('hold_not_active', `This hold was ${obstacle.hold_status}.`);
    if (obstacle.hold_expired) throw problem('hold_expired', 'This hold has expired; hold the slot again if it is still free.');
  }
  if (!obstacle.slot_exists) throw notFound('Slot');
  throw slotUnavailable();
}

/**
 * Cancels a booking the caller may see, before it starts; its slot is free again at once. An agent
 * gives the call's reference; an agent's or admin's cancellation is audited by the same statement.
 */
/** `ifUpdatedAt`: cancel only the version the caller read (FHIR's If-Match), checked by the statement itself. */
export async function cancelBooking(db: Db, caller: Caller, id: string, now: Date, givenCallReference?: string, ifUpdatedAt?: Date): Promise<BookingRow> {
  const callReference = callReferenceOf(caller, givenCallReference);
  const cancelled = await cancelBookingFor(db, id, caller, now, auditEntry(caller, 'booking.cancel', '200', now, callReference), ifUpdatedAt);
  if (cancelled) return cancelled;
  const row = await bookingFor(db, id, caller);
  if (!row) throw notFound('Booking');
  if (ifUpdatedAt && Date.parse(row.updated_at) !== ifUpdatedAt.getTime()) {
    throw problem('version_mismatch', 'The booking changed since the version named in If-Match; read it again.');
  }
  if (row.status !== 'booked') {
    throw problem('invalid_transition', `A booking that is ${row.status} cannot be cancelled.`, { extensions: { from: row.status, to: 'cancelled' } });
  }
  throw problem('too_late_to_cancel', 'The consultation has started; it can no longer be cancelled.');
}
