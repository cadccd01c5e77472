// The booking statuses and their state machine; db/schema.ts and the API schemas take the list from here.
import { problem } from './problem';

export const BOOKING_STATUSES = ['booked', 'arrived', 'fulfilled', 'cancelled', 'noshow'] as const;
export type BookingStatus = (typeof BOOKING_STATUSES)[number];

/**
 * Keyed by target status so an update can be a single guarded statement:
 * `UPDATE … SET status = $to WHERE id = $id AND status = ANY(BOOKING_TRANSITIONS[$to])`.
 */
export const BOOKING_TRANSITIONS: Readonly<Record<BookingStatus, readonly BookingStatus[]>> = {
  // An arrival or a no-show undone (on the mission's day: the statement's guard).
  booked: ['arrived', 'noshow'],
  arrived: ['booked'],
  fulfilled: ['arrived'],
  cancelled: ['booked'],
  noshow: ['booked'],
};

export function assertTransition(from: BookingStatus, to: BookingStatus): void {
  if (BOOKING_TRANSITIONS[to].includes(from)) return;
  throw problem('invalid_transition', `a booking that is ${from} cannot become ${to}`, { extensions: { from, to } });
}
