import { describe, expect, it } from 'vitest';
import { mapDatabaseError } from './errors';

/** What Drizzle throws: its own error, with the driver's Postgres error as the cause. */
function failedQuery(code: string, extra: Record<string, string> = {}) {
  const pg = Object.assign(new Error('from postgres'), { code, ...extra });
  return new Error('Failed query: select 1\nparams: Alice,1950-01-01', { cause: pg });
}

describe('mapDatabaseError', () => {
  it('names the constraint a unique violation hit', () => {
    expect(mapDatabaseError(failedQuery('23505', { constraint: 'bookings_one_active_per_slot' }))).toMatchObject({
      status: 409,
      code: 'slot_unavailable',
    });
  });

  it.each([
    ['BK001', 409, 'booking_limit_reached'],
    ['BK003', 409, 'account_booking_limit_reached'],
    ['BK004', 409, 'client_zone_booking_limit_reached'],
    ['HL001', 409, 'hold_limit_reached'],
  ])('maps the fairness trigger %s to %i %s', (sqlstate, status, code) => {
    expect(mapDatabaseError(failedQuery(sqlstate))).toMatchObject({ status, code });
  });

  it.each([
    ['bookings_patient_phone_e164', 'invalid_phone'],
    ['bookings_birth_date_plausible', 'invalid_birth_date'],
  ])('maps the CHECK %s to 422 %s', (constraint, code) => {
    expect(mapDatabaseError(failedQuery('23514', { constraint }))).toMatchObject({ status: 422, code });
  });

  it.each(['08006', '53300', '53200', '57P01', '57P03', '57014', '55P03'])(
    'answers 503 with Retry-After for %s: nothing was decided',
    (code) => {
      const problem = mapDatabaseError(failedQuery(code));
      expect(problem).toMatchObject({ status: 503, code: 'database_unavailable' });
      expect(problem?.retryAfterSeconds).toBe(5);
    },
  );

  it('answers 503 when a query got no answer from Postgres at all', () => {
    const failed = (cause: unknown) => new Error('Failed query: select 1\nparams: ', { cause });
    for (const cause of [
      undefined,
      { type: 'error', message: 'WebSocket closed' },
      new Error('timeout exceeded when trying to connect'),
      new Error('Connection terminated unexpectedly'),
    ]) {
      expect(mapDatabaseError(failed(cause)), String(cause)).toMatchObject({
        status: 503,
        code: 'database_unavailable',
      });
    }
    expect(mapDatabaseError(new Error('Client has encountered a connection error and is not queryable'))).toMatchObject(
      { status: 503 },
    );
  });

  it('leaves an error it does not know to the 500 handler', () => {
    expect(mapDatabaseError(failedQuery('42P01'))).toBeUndefined();
    expect(mapDatabaseError(new TypeError('x is undefined'))).toBeUndefined();
    expect(
      mapDatabaseError(new Error('Failed query: select 1', { cause: new TypeError('x is undefined') })),
    ).toBeUndefined();
  });
});
