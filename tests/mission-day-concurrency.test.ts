// Racing status changes on one booking, against the Postgres server (PGlite is one backend and
// would prove nothing): the compare-and-set lets exactly one through, the rest get a clean 409.
import { describe, expect, it } from 'vitest';
import { statuses } from './helpers/api';
import { onPostgresServer } from './helpers/env';
import { at, booked, checkIn, missionDay } from './helpers/mission-day';
import { sql } from './helpers/sql';
import { token } from './helpers/tokens';

const during = at('2026-12-15T08:10:00Z');
const N = 50;
// Agents' changes name the call they act on.
const CALL = { 'x-call-reference': 'CALL-1' };

describe.runIf(onPostgresServer)('mission-day concurrency (Postgres server)', () => {
  it(`${N} concurrent complete / no-show calls on one arrived booking: exactly one wins`, async () => {
    const d = await missionDay({ date: '2026-12-15' });
    const id = await booked(d.slotIds[0]);
    await checkIn(during, d.mission.id, d.doctor.token);
    expect((await during.post(`/v1/bookings/${id}/arrival`, {}, d.doctor.token)).status).toBe(200);
    const agent = await token('agent');
    const responses = await Promise.all(
      Array.from({ length: N }, (_, i) =>
        i % 2
          ? during.post(`/v1/bookings/${id}/complete`, { acts: [{ code: 'G' }], billedCents: 3000 }, d.doctor.token)
          : during.post(`/v1/bookings/${id}/no-show`, {}, i % 4 ? d.doctor.token : agent, CALL),
      ),
    );
    expect(statuses(responses)).toEqual({ 200: 1, 409: N - 1 });
    expect(new Set(responses.filter((r) => r.status === 409).map((r) => r.body.code))).toEqual(
      new Set(['invalid_transition']),
    );
    const [row] = await sql<{ status: string; billed_cents: number }>(
      `SELECT status, billed_cents FROM bookings WHERE id = $1`,
      [id],
    );
    expect(row).toEqual({ status: 'fulfilled', billed_cents: 3000 });
  }, 120_000);

  it(`${N} concurrent arrival / no-show calls on one booked booking: exactly one wins, whichever it is`, async () => {
    const d = await missionDay({ date: '2026-12-15' });
    const id = await booked(d.slotIds[0]);
    const agent = await token('agent');
    const responses = await Promise.all(
      Array.from({ length: N }, (_, i) =>
        during.post(`/v1/bookings/${id}/${i % 2 ? 'arrival' : 'no-show'}`, {}, i % 3 ? d.doctor.token : agent, CALL),
      ),
    );
    expect(statuses(responses)).toEqual({ 200: 1, 409: N - 1 });
    const winner = responses.find((r) => r.status === 200)!.body.status as string;
    const [row] = await sql<{ status: string; arrived_at: string | null; noshow_at: string | null }>(
      `SELECT status, arrived_at, noshow_at FROM bookings WHERE id = $1`,
      [id],
    );
    expect(row.status).toBe(winner);
    expect(
      winner === 'arrived'
        ? row.arrived_at !== null && row.noshow_at === null
        : row.noshow_at !== null && row.arrived_at === null,
    ).toBe(true);
  }, 120_000);
});
