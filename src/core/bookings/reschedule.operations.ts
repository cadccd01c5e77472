// Moving a booking to another slot, shared by every door: one statement when it succeeds, a
// precise refusal (and the booking untouched) when it does not.
import type { Db } from '../../db/client';
import { callerKey } from '../../lib/callers';
import { requestHash } from '../../lib/idempotency';
import { problem, notFound } from '../../lib/problem';
import type { Caller } from '../../domain/caller';
import { auditEntry } from '../audit/audit.queries';
import { slotUnavailable } from '../slots/slots.problems';
import { callReferenceOf } from './call-reference';
import { isIdempotencyClash, replay } from './bookings.operations';
import { bookingFor, bookingObstacle, type BookingRow } from './bookings.queries';
import { moveBooking, type Move, type MovedRow } from './reschedule.queries';

export interface RescheduleRequest {
  slotId?: string;
  holdId?: string;
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
  db: Db, caller: Caller, id: string, request: RescheduleRequest, idempotencyKey: string, now: Date, givenCallReference?: string,
): Promise<RescheduleOutcome> {
  const callReference = callReferenceOf(caller, givenCallReference);
  const owner = callerKey(caller);
  const hash = await requestHash({ reschedule: id, slotId: request.slotId, holdId: request.holdId });
  const move = {
    bookingId: id, slotId: request.slotId, holdId: request.holdId, caller, callerKey: owner, now,
    idempotency: { owner, key: idempotencyKey, hash },
    audit: auditEntry(caller, 'booking.reschedule', '200', now, callReference),
  };
  let row: MovedRow | undefined;
  try {
    row = await moveBooking(db, move);
  } catch (error) {
    // The key was used before: a replay (or a key reused for another request), decided below.
    if (!isIdempotencyClash(error)) throw error;
  }
  if (row) {
    const { previous_slot_id: previousSlotId, ...booking } = row;
    return { row: booking, previousSlotId, replayed: false };
  }
  const replayed = await replay(db, owner, idempotencyKey, hash);
  if (replayed) return { row: replayed, replayed: true };
  return refusal(db, caller, move);
}

/** Why nothing moved: the booking first (404, 409), then the slot or hold asked for. */
async function refusal(db: Db, caller: Caller, move: Move): Promise<never> {
  const [booking, obstacle] = await Promise.all([bookingFor(db, move.bookingId, caller), bookingObstacle(db, move)]);
  if (!booking) throw notFound('Booking');
  if (booking.status !== 'booked') {
    throw problem('not_reschedulable', `A booking that is ${booking.status} cannot be moved.`, { extensions: { from: booking.status } });
  }
  if (new Date(booking.starts_at) <= move.now) {
    throw problem('too_late_to_reschedule', 'The consultation has started; it can no longer be moved.');
  }
  if (move.holdId) {
    if (!obstacle.hold_status) throw notFound('Hold');
    if (obstacle.hold_status !== 'active') throw problem('hold_not_active', `This hold was ${obstacle.hold_status}.`);
    if (obstacle.hold_expired) throw problem('hold_expired', 'This hold has expired; hold the slot again if it is still free.');
  }
  if (!obstacle.slot_exists) throw notFound('Slot');
  throw slotUnavailable();
}
