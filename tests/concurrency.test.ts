// The rush for the last slot, against the Postgres server (PGlite is one backend and would prove
// nothing about races): exactly one winner, everyone else a clean 409, no 5xx.
import { describe, expect, it } from 'vitest';
import { api, statuses } from './helpers/api';
import { bookableZone, book, patientBody } from './helpers/fixtures';
import { onPostgresServer } from './helpers/env';
import { sql } from './helpers/sql';
import { token } from './helpers/tokens';

// The limiter off: these races test the database's own guarantees, with every request reaching it
// (a zone admits 60 bookings at once; the rush with the limiter on is in rate-limit.test.ts).
const client = api({ now: new Date('2026-12-01T08:00:00Z'), env: { RATE_LIMIT_ENABLED: '0' } });
const N = 200;

describe.runIf(onPostgresServer)('concurrency (Postgres server)', () => {
  it(`${N} concurrent bookings of one slot: exactly one 201, every other 409`, async () => {
    const { slotIds } = await bookableZone(client, { slots: 1 });
    const tokens = await Promise.all(Array.from({ length: N }, () => token('patient')));
    const responses = await Promise.all(tokens.map((t) => book(client, t, { slotId: slotIds[0] })));
    expect(statuses(responses)).toEqual({ 201: 1, 409: N - 1 });
    expect(new Set(responses.filter((r) => r.status === 409).map((r) => r.body.code))).toEqual(new Set(['slot_unavailable']));
    const [{ n }] = await sql<{ n: number }>(`SELECT count(*)::int AS n FROM bookings WHERE slot_id = $1`, [slotIds[0]]);
    expect(n).toBe(1);
  }, 120_000);

  it(`${N} concurrent holds of one slot: exactly one 201`, async () => {
    const { slotIds } = await bookableZone(client, { slots: 1 });
    const tokens = await Promise.all(Array.from({ length: N }, () => token('patient')));
    const responses = await Promise.all(tokens.map((t) => client.post('/v1/holds', { slotId: slotIds[0] }, t)));
    expect(statuses(responses)).toEqual({ 201: 1, 409: N - 1 });
    const [{ n }] = await sql<{ n: number }>(`SELECT count(*)::int AS n FROM holds WHERE slot_id = $1 AND status = 'active'`, [slotIds[0]]);
    expect(n).toBe(1);
  }, 120_000);

  it('bookings racing holds on one slot: one winner overall, and a hold never outlives a booking', async () => {
    const { slotIds } = await bookableZone(client, { slots: 1 });
    const tokens = await Promise.all(Array.from({ length: 100 }, () => token('patient')));
    const responses = await Promise.all(
      tokens.map((t, i) => (i % 2 ? book(client, t, { slotId: slotIds[0] }) : client.post('/v1/holds', { slotId: slotIds[0] }, t))),
    );
    expect(responses.filter((r) => r.status >= 500)).toEqual([]);
    expect(responses.filter((r) => r.status === 201)).toHaveLength(1);
    const [slot] = await sql<{ status: string; hold_id: string | null }>(`SELECT status, hold_id FROM slots WHERE id = $1`, [slotIds[0]]);
    const [{ n }] = await sql<{ n: number }>(`SELECT count(*)::int AS n FROM bookings WHERE slot_id = $1`, [slotIds[0]]);
    expect(slot.status === 'booked' ? slot.hold_id === null && n === 1 : slot.hold_id !== null && n === 0).toBe(true);
  }, 120_000);

  it('one patient booking many slots at once through several channels gets at most 2', async () => {
    const { slotIds } = await bookableZone(client, { slots: 12 });
    const person = patientBody();
    const callers = await Promise.all(slotIds.map((_, i) => (i % 2 ? token('patient') : token('integrator', { client_id: `c-${i}` }))));
    const responses = await Promise.all(slotIds.map((slotId, i) => book(client, callers[i], { slotId, patient: person })));
    expect(statuses(responses)).toEqual({ 201: 2, 409: 10 });
  }, 120_000);
});
