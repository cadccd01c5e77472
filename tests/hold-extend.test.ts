// Extending a hold (RGAA 13.1: a person can extend a time limit): the full duration again from
// now, never past the slot's start, at least 10 times, the cap counted in the holds row.
import { describe, expect, it } from 'vitest';
import { api } from './helpers/api';
import { bookableZone, book } from './helpers/fixtures';
import { sql } from './helpers/sql';
import { token } from './helpers/tokens';

const at = (iso: string) => api({ now: new Date(iso) });
const client = at('2026-12-01T08:00:00Z');
const extend = (id: string, bearer: string, on = client) => on.post(`/v1/holds/${id}/extend`, {}, bearer);

describe('extending a hold', () => {
  it('gives the hold its full duration again from now, in one statement; the slot stays held', async () => {
    const { slotIds } = await bookableZone(client);
    const patient = await token('patient');
    const hold = await client.post('/v1/holds', { slotId: slotIds[0] }, patient);
    const later = at('2026-12-01T08:04:00Z');
    const extended = await extend(hold.body.id, patient, later);
    expect(extended.status).toBe(200);
    expect(extended.headers.get('x-db-queries')).toBe('1');
    expect(extended.body).toEqual({
      id: hold.body.id,
      slotId: slotIds[0],
      expiresAt: '2026-12-01T08:09:00.000Z',
      extensionsLeft: 9,
    });
    // Past the first expiry, the slot is still the patient's and can be booked through the hold.
    const afterFirst = at('2026-12-01T08:07:00Z');
    expect((await afterFirst.post('/v1/holds', { slotId: slotIds[0] }, await token('patient'))).body.code).toBe(
      'slot_unavailable',
    );
    expect((await book(afterFirst, patient, { holdId: hold.body.id })).status).toBe(201);
  });

  it('agents get their longer duration again', async () => {
    const { slotIds } = await bookableZone(client);
    const agent = await token('agent');
    const hold = await client.post('/v1/holds', { slotId: slotIds[0] }, agent);
    expect((await extend(hold.body.id, agent, at('2026-12-01T08:09:00Z'))).body.expiresAt).toBe(
      '2026-12-01T08:19:00.000Z',
    );
  });

  it('never past the slot’s start', async () => {
    const { slotIds } = await bookableZone(at('2026-11-30T08:00:00Z'), { date: '2026-12-01', start: '09:00' });
    const patient = await token('patient');
    const hold = await at('2026-12-01T07:54:00Z').post('/v1/holds', { slotId: slotIds[0] }, patient);
    const close = at('2026-12-01T07:58:00Z');
    // 09:00 in Paris is 08:00 UTC.
    const extended = await extend(hold.body.id, patient, close);
    expect(extended.body, JSON.stringify(extended.body)).toMatchObject({ expiresAt: '2026-12-01T08:00:00.000Z' });
  });

  it('at least 10 extensions, then hold_extension_limit_reached; the cap is configuration', async () => {
    const { slotIds } = await bookableZone(client);
    const patient = await token('patient');
    const hold = await client.post('/v1/holds', { slotId: slotIds[0] }, patient);
    const answers = [];
    for (let i = 1; i <= 11; i++)
      answers.push(await extend(hold.body.id, patient, at(`2026-12-01T08:${String(i * 4).padStart(2, '0')}:00Z`)));
    expect(answers.map((r) => r.status)).toEqual([...Array(10).fill(200), 409]);
    expect(answers[9].body.extensionsLeft).toBe(0);
    expect(answers[10].body.code).toBe('hold_extension_limit_reached');
    const [row] = await sql<{ extensions: number; expires_at: Date }>(
      `SELECT extensions, expires_at FROM holds WHERE id = $1`,
      [hold.body.id],
    );
    expect(row.extensions).toBe(10);
    expect(new Date(row.expires_at).toISOString()).toBe('2026-12-01T08:45:00.000Z');

    const generous = api({ now: new Date('2026-12-01T08:00:00Z'), env: { HOLD_MAX_EXTENSIONS: '12' } });
    expect((await extend(hold.body.id, patient, generous)).body.extensionsLeft).toBe(1);
    // The database's own ceiling, whatever the configuration says.
    await expect(sql(`UPDATE holds SET extensions = 21 WHERE id = $1`, [hold.body.id])).rejects.toThrow(
      /holds_extensions_bounded/,
    );
  });

  it('an expired, released or consumed hold is 409 with its own code; someone else’s is 404', async () => {
    const { slotIds } = await bookableZone(client);
    const patient = await token('patient');
    const expired = await client.post('/v1/holds', { slotId: slotIds[0] }, patient);
    const late = await extend(expired.body.id, patient, at('2026-12-01T08:05:00Z'));
    expect([late.status, late.body.code]).toEqual([409, 'hold_expired']);

    const released = await client.post('/v1/holds', { slotId: slotIds[1] }, patient);
    await client.del(`/v1/holds/${released.body.id}`, patient);
    const gone = await extend(released.body.id, patient);
    expect([gone.status, gone.body.code]).toEqual([409, 'hold_not_active']);

    const used = await client.post('/v1/holds', { slotId: slotIds[2] }, patient);
    await book(client, patient, { holdId: used.body.id });
    const consumed = await extend(used.body.id, patient);
    expect([consumed.status, consumed.body.code]).toEqual([409, 'hold_not_active']);

    const mine = await client.post('/v1/holds', { slotId: slotIds[3] }, patient);
    expect((await extend(mine.body.id, await token('patient'))).status).toBe(404);
    expect((await extend(crypto.randomUUID(), patient)).status).toBe(404);
    expect((await extend(mine.body.id, await token('admin'))).status).toBe(403);
  });
});
