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
    expect(new Set(responses.filter((r) => r.status === 409).map((r) => r.body.code))).toEqual(
      new Set(['slot_unavailable']),
    );
    const [{ n }] = await sql<{ n: number }>(`SELECT count(*)::int AS n FROM bookings WHERE slot_id = $1`, [
      slotIds[0],
    ]);
    expect(n).toBe(1);
  }, 120_000);

  it(`${N} concurrent holds of one slot: exactly one 201`, async () => {
    const { slotIds } = await bookableZone(client, { slots: 1 });
    const tokens = await Promise.all(Array.from({ length: N }, () => token('patient')));
    const responses = await Promise.all(tokens.map((t) => client.post('/v1/holds', { slotId: slotIds[0] }, t)));
    expect(statuses(responses)).toEqual({ 201: 1, 409: N - 1 });
    const [{ n }] = await sql<{ n: number }>(
      `SELECT count(*)::int AS n FROM holds WHERE slot_id = $1 AND status = 'active'`,
      [slotIds[0]],
    );
    expect(n).toBe(1);
  }, 120_000);

  it('bookings racing holds on one slot: one winner overall, and a hold never outlives a booking', async () => {
    const { slotIds } = await bookableZone(client, { slots: 1 });
    const tokens = await Promise.all(Array.from({ length: 100 }, () => token('patient')));
    const responses = await Promise.all(
      tokens.map((t, i) =>
        i % 2 ? book(client, t, { slotId: slotIds[0] }) : client.post('/v1/holds', { slotId: slotIds[0] }, t),
      ),
    );
    expect(responses.filter((r) => r.status >= 500)).toEqual([]);
    expect(responses.filter((r) => r.status === 201)).toHaveLength(1);
    const [slot] = await sql<{ status: string; hold_id: string | null }>(
      `SELECT status, hold_id FROM slots WHERE id = $1`,
      [slotIds[0]],
    );
    const [{ n }] = await sql<{ n: number }>(`SELECT count(*)::int AS n FROM bookings WHERE slot_id = $1`, [
      slotIds[0],
    ]);
    expect(slot.status === 'booked' ? slot.hold_id === null && n === 1 : slot.hold_id !== null && n === 0).toBe(true);
  }, 120_000);

  it('one patient booking many slots at once through several channels gets at most 2', async () => {
    const { slotIds } = await bookableZone(client, { slots: 12 });
    const person = patientBody();
    const callers = await Promise.all(
      slotIds.map((_, i) => (i % 2 ? token('patient') : token('integrator', { client_id: `c-${i}` }))),
    );
    const responses = await Promise.all(
      slotIds.map((slotId, i) => book(client, callers[i], { slotId, patient: person })),
    );
    expect(statuses(responses)).toEqual({ 201: 2, 409: 10 });
  }, 120_000);

  it('one account booking 20 slots at once for 20 different people gets exactly its cap of 4', async () => {
    const { slotIds } = await bookableZone(client, { slots: 20 });
    const account = await token('patient');
    const responses = await Promise.all(slotIds.map((slotId) => book(client, account, { slotId })));
    expect(statuses(responses)).toEqual({ 201: 4, 409: 16 });
    expect(new Set(responses.filter((r) => r.status === 409).map((r) => r.body.code))).toEqual(
      new Set(['account_booking_limit_reached']),
    );
    const [{ n }] = await sql<{ n: number }>(
      `SELECT count(*)::int AS n FROM bookings WHERE slot_id = ANY($1::uuid[]) AND status = 'booked'`,
      [slotIds],
    );
    expect(n).toBe(4);
  }, 120_000);

  it('one integrator holding for 30 patients at once gets exactly its cap of active holds', async () => {
    const { slotIds } = await bookableZone(client, { slots: 30, start: '08:00' });
    const clientId = `rush-${crypto.randomUUID()}`;
    await sql(`INSERT INTO caller_limits (caller_key, max_active_holds) VALUES ($1, 5)`, [`client:${clientId}`]);
    const partner = await token('integrator', { client_id: clientId });
    const responses = await Promise.all(
      slotIds.map((slotId, i) => client.post('/v1/holds', { slotId, patientRef: `p-${i}` }, partner)),
    );
    expect(statuses(responses)).toEqual({ 201: 5, 409: 25 });
    const [{ n }] = await sql<{ n: number }>(
      `SELECT count(*)::int AS n FROM holds WHERE caller_key = $1 AND status = 'active'`,
      [`client:${clientId}`],
    );
    expect(n).toBe(5);
  }, 120_000);
});
