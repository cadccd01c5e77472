// The booking operations every door calls (REST today; FHIR and the pages next): the rules, the
// one-statement change, and a precise refusal when nothing changed.
import type { Db } from '../../db/client';
import { callerKey, channelOf } from '../../lib/callers';
import { requestHash } from '../../lib/idempotency';
import { countMetric } from '../../lib/metrics';
import { zoneOfId } from '../../lib/zone-ids';
import { problem, notFound } from '../../domain/problem';
import type { Caller } from '../../domain/caller';
import { auditEntry } from '../audit/audit.queries';
import { slotUnavailable } from '../slots/slots.problems';
import { chosenChannels, type ChannelChoice } from '../../domain/notifications/choice';
import { callReferenceOf } from './call-reference';
import { canonicalPatient, type PatientInput } from './patient';
import { changeOrReplay, type Idempotency } from '../idempotency/idempotency.queries';
import {
  bookingFor,
  bookingObstacle,
  cancelBookingFor,
  insertBooking,
  type BookingRow,
  type NewBooking,
} from './bookings.queries';

export interface BookingRequest {
  slotId?: string;
  holdId?: string;
  patient: PatientInput;
  noOverbilling?: boolean;
  callReference?: string;
  notifications?: ChannelChoice;
  externalRef?: string;
}

export interface BookingOutcome {
  row: BookingRow;
  /** True when the Idempotency-Key had already booked: the first result is returned again. */
  replayed: boolean;
}

const overbilling = () =>
  problem(
    'overbilling_not_allowed',
    'Set noOverbilling to true: consultations of the scheme are billed at the tarif opposable, without dépassement d’honoraires.',
  );

/**
 * The tail booking and rescheduling share: run the one statement; if it matched nothing or its key
 * was taken, return the booking the same key and body already answered with (a replay), or
 * undefined for the caller to explain why nothing happened.
 */
export const claimOrReplay = <R>(db: Db, idempotency: Idempotency, claim: () => Promise<R | undefined>) =>
  changeOrReplay(db, idempotency, 'booking_id', claim, (id) => bookingFor(db, id, 'any'));

/** Why the slot or hold asked for could not be claimed: the hold's state first, then the slot's. */
export async function claimRefusal(
  db: Db,
  target: Pick<NewBooking, 'slotId' | 'holdId' | 'callerKey' | 'now'>,
): Promise<never> {
  const obstacle = await bookingObstacle(db, target);
  if (target.holdId) {
    if (!obstacle.hold_status) throw notFound('Hold');
    if (obstacle.hold_status !== 'active') throw problem('hold_not_active', `This hold was ${obstacle.hold_status}.`);
    if (obstacle.hold_expired)
      throw problem('hold_expired', 'This hold has expired; hold the slot again if it is still free.');
  }
  if (!obstacle.slot_exists) throw notFound('Slot');
  throw slotUnavailable();
}

/**
 * Books a slot (directly or through the caller's hold), or replays the booking its key already made.
 * The caps (per account, person, integrator and zone) are the database's: it refuses with a code.
 * `holdOwner` books a hold the caller acts on without having made it (a waitlist offer's).
 */
export async function createBooking(
  db: Db,
  caller: Caller,
  request: BookingRequest,
  idempotencyKey: string,
  now: Date,
  holdOwner?: string,
): Promise<BookingOutcome> {
  if (request.noOverbilling !== true) throw overbilling();
  const callReference = callReferenceOf(caller, request.callReference);
  const { key: patientKey, identityKey, ...patient } = await canonicalPatient(request.patient, now);
  const owner = callerKey(caller);
  const hash = await requestHash(request);
  const booking: NewBooking = {
    id: crypto.randomUUID(),
    slotId: request.slotId,
    holdId: request.holdId,
    callerKey: holdOwner ?? owner,
    now,
    channel: channelOf(caller),
    role: caller.role,
    sub: caller.sub,
    clientId: caller.role === 'integrator' ? caller.clientId : null,
    callReference,
    externalRef: request.externalRef ?? null,
    patient,
    patientKey,
    identityKey,
    notify: chosenChannels(request.notifications, patient),
    idempotency: { owner, key: idempotencyKey, hash },
    audit: auditEntry(caller, 'booking.create', '201', now, callReference),
  };
  const outcome = await claimOrReplay(db, booking.idempotency, () => insertBooking(db, booking));
  if (!outcome) return claimRefusal(db, booking);
  if (!outcome.replayed) countMetric('booking', zoneOfId(outcome.row.slot_id));
  return outcome;
}

/**
 * Cancels a booking the caller may see, before it starts; its slot is free again at once. An agent
 * gives the call's reference; an agent's or admin's cancellation is audited by the same statement.
 */
export interface CancelOptions {
  callReference?: string;
  /** Cancel only the version the caller read (FHIR's If-Match), checked by the statement itself. */
  ifUpdatedAt?: Date;
  /** Why, as a code (CHANGE_REASONS): kept on the booking and carried by its event. */
  reason?: string;
}

export async function cancelBooking(
  db: Db,
  caller: Caller,
  id: string,
  now: Date,
  { callReference: given, ifUpdatedAt, reason }: CancelOptions = {},
): Promise<BookingRow> {
  const callReference = callReferenceOf(caller, given);
  const cancelled = await cancelBookingFor(db, id, caller, now, {
    audit: auditEntry(caller, 'booking.cancel', '200', now, callReference),
    ifUpdatedAt,
    reason,
  });
  if (cancelled) return cancelled;
  const row = await bookingFor(db, id, caller);
  if (!row) throw notFound('Booking');
  if (ifUpdatedAt && Date.parse(row.updated_at) !== ifUpdatedAt.getTime()) {
    throw problem('version_mismatch', 'The booking changed since the version named in If-Match; read it again.');
  }
  if (row.status !== 'booked') {
    throw problem('invalid_transition', `A booking that is ${row.status} cannot be cancelled.`, {
      extensions: { from: row.status, to: 'cancelled' },
    });
  }
  throw problem('too_late_to_cancel', 'The consultation has started; it can no longer be cancelled.');
}
