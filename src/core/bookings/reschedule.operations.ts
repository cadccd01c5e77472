// Moving a booking to another slot, shared by every door: one statement when it succeeds, a
// precise refusal (and the booking untouched) when it does not.
import type { Db } from '../../db/client';
import { callerKey } from '../../lib/callers';
import { requestHash } from '../../lib/idempotency';
import { problem, notFound } from '../../domain/problem';
import type { Caller } from '../../domain/caller';
import { auditEntry } from '../audit/audit.queries';
import { callReferenceOf } from './call-reference';
import { claimOrReplay, claimRefusal } from './bookings.operations';
import { bookingFor, type BookingRow } from './bookings.queries';
import { moveBooking, type Move, type MovedRow } from './reschedule.queries';

export interface RescheduleRequest {
  slotId?: string;
  holdId?: string;
  /** Why, as a code (CHANGE_REASONS): carried by the booking.rescheduled event. */
  reason?: string;
}

export interface RescheduleOutcome {
  row: BookingRow;
  /** The slot the booking left; absent on a replay (the first answer already told it). */
  previousSlotId?: string;
  replayed: boolean;
}

/**
 * Moves a booking to the slot named or held, for the same person, channel and owner. A patient at
 * their cap may reschedule: the move books nothing more. The Idempotency-Key shares the bookings'
 * keys (per caller): its request hash names the booking and the target, so a key used for another
 * booking or another change is refused, never mistaken for this one.
 */
export async function rescheduleBooking(
  db: Db,
  caller: Caller,
  id: string,
  request: RescheduleRequest,
  idempotencyKey: string,
  now: Date,
  givenCallReference?: string,
): Promise<RescheduleOutcome> {
  const callReference = callReferenceOf(caller, givenCallReference);
  const owner = callerKey(caller);
  const hash = await requestHash({
    reschedule: id,
    slotId: request.slotId,
    holdId: request.holdId,
    reason: request.reason,
  });
  const move = {
    bookingId: id,
    slotId: request.slotId,
    holdId: request.holdId,
    caller,
    callerKey: owner,
    now,
    idempotency: { owner, key: idempotencyKey, hash },
    audit: auditEntry(caller, 'booking.reschedule', '200', now, callReference),
    reason: request.reason,
  };
  const outcome = await claimOrReplay<MovedRow>(db, move.idempotency, () => moveBooking(db, move));
  if (!outcome) return refusal(db, caller, move);
  if (outcome.replayed) return outcome;
  const { previous_slot_id: previousSlotId, ...booking } = outcome.row;
  return { row: booking, previousSlotId, replayed: false };
}

/** Why nothing moved: the booking first (404, 409), then the slot or hold asked for. */
async function refusal(db: Db, caller: Caller, move: Move): Promise<never> {
  const booking = await bookingFor(db, move.bookingId, caller);
  if (!booking) throw notFound('Booking');
  if (booking.status !== 'booked') {
    throw problem('not_reschedulable', `A booking that is ${booking.status} cannot be moved.`, {
      extensions: { from: booking.status },
    });
  }
  if (new Date(booking.starts_at) <= move.now) {
    throw problem('too_late_to_reschedule', 'The consultation has started; it can no longer be moved.');
  }
  return claimRefusal(db, move);
}
