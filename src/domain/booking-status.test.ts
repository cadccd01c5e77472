import { describe, expect, it } from 'vitest';
import { assertTransition, BOOKING_TRANSITIONS, type BookingStatus } from './booking-status';
import { ProblemError } from './problem';

const STATUSES: BookingStatus[] = ['booked', 'arrived', 'fulfilled', 'cancelled', 'noshow'];
const ALLOWED = new Set([
  'booked→arrived',
  'arrived→fulfilled',
  'booked→cancelled',
  'booked→noshow',
  'arrived→booked',
  'noshow→booked',
]);

describe('booking state machine', () => {
  it('lists, for each target, the statuses it may come from', () => {
    expect(BOOKING_TRANSITIONS).toEqual({
      booked: ['arrived', 'noshow'],
      arrived: ['booked'],
      fulfilled: ['arrived'],
      cancelled: ['booked'],
      noshow: ['booked'],
    });
  });

  for (const from of STATUSES) {
    for (const to of STATUSES) {
      const allowed = ALLOWED.has(`${from}→${to}`);
      it(`${allowed ? 'allows' : 'refuses'} ${from} → ${to}`, () => {
        if (allowed) {
          expect(() => assertTransition(from, to)).not.toThrow();
          return;
        }
        expect(() => assertTransition(from, to)).toThrow(ProblemError);
      });
    }
  }

  it('refuses with a 409 naming both statuses', () => {
    const error = (() => {
      try {
        assertTransition('cancelled', 'arrived');
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(ProblemError);
    expect(error).toMatchObject({
      code: 'invalid_transition',
      status: 409,
      detail: 'a booking that is cancelled cannot become arrived',
      extensions: { from: 'cancelled', to: 'arrived' },
    });
  });
});
