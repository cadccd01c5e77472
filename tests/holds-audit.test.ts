// An agent's hold, extension and release are agent actions: each leaves an audit row with the
// call's reference, written by the statement that makes the change (no booking exists yet).
import { describe, expect, it } from 'vitest';
import { api } from './helpers/api';
import { bookableZone } from './helpers/fixtures';
import { sql } from './helpers/sql';
import { token } from './helpers/tokens';

const client = api({ now: new Date('2026-12-01T08:00:00Z') });

const trail = (sub: string) =>
  sql<{ action: string; outcome: string; call_reference: string | null; booking_id: string | null }>(
    `SELECT action, outcome, call_reference, booking_id FROM audit_events WHERE actor_sub = $1 ORDER BY id`,
    [sub],
  );

describe('agents’ holds in the audit trail', () => {
  it('records hold, extend and release with the call reference, in the same round trip', async () => {
    const { slotIds } = await bookableZone(client);
    const sub = `agent-${crypto.randomUUID()}`;
    const agent = await token('agent', { sub });
    const call = { 'x-call-reference': 'CALL-HOLD-1' };
    const hold = await client.post('/v1/holds', { slotId: slotIds[0], patientRef: 'p1' }, agent, call);
    expect(hold.status).toBe(201);
    expect(hold.headers.get('x-db-queries')).toBe('1');
    expect((await client.post(`/v1/holds/${hold.body.id}/extend`, {}, agent, call)).status).toBe(200);
    expect((await client.request('DELETE', `/v1/holds/${hold.body.id}`, { token: agent, headers: call })).status).toBe(
      204,
    );
    expect(await trail(sub)).toEqual([
      { action: 'hold.create', outcome: '201', call_reference: 'CALL-HOLD-1', booking_id: null },
      { action: 'hold.extend', outcome: '200', call_reference: 'CALL-HOLD-1', booking_id: null },
      { action: 'hold.release', outcome: '204', call_reference: 'CALL-HOLD-1', booking_id: null },
    ]);
  });

  it('writes nothing for a refused hold, and nothing for patients', async () => {
    const { slotIds } = await bookableZone(client);
    const patientSub = `patient-${crypto.randomUUID()}`;
    expect(
      (await client.post('/v1/holds', { slotId: slotIds[0] }, await token('patient', { sub: patientSub }))).status,
    ).toBe(201);
    expect(await trail(patientSub)).toEqual([]);
    const sub = `agent-${crypto.randomUUID()}`;
    const refused = await client.post('/v1/holds', { slotId: slotIds[0] }, await token('agent', { sub }), {
      'x-call-reference': 'CALL-HOLD-2',
    });
    expect(refused.status).toBe(409);
    expect(await trail(sub)).toEqual([]);
  });
});
