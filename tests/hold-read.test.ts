// Reading a hold (GET /v1/holds/{id}): its caller sees it as it is now; anyone else gets the 404 that
// releasing or extending it would give.
import { describe, expect, it } from 'vitest';
import { api } from './helpers/api';
import { responseErrors } from './helpers/contract';
import { bookableZone, book } from './helpers/fixtures';
import { token } from './helpers/tokens';

const at = (iso: string) => api({ now: new Date(iso) });
const client = at('2026-12-01T08:00:00Z');

describe('reading a hold', () => {
  it('gives the caller their active hold, its expiry and the extensions left, in one query', async () => {
    const { slotIds } = await bookableZone(client);
    const patient = await token('patient');
    const hold = await client.post('/v1/holds', { slotId: slotIds[0] }, patient);
    await client.post(`/v1/holds/${hold.body.id}/extend`, {}, patient);
    const read = await at('2026-12-01T08:02:00Z').get(`/v1/holds/${hold.body.id}`, patient);
    expect(read.status).toBe(200);
    expect(read.headers.get('x-db-queries')).toBe('1');
    expect(read.body).toEqual({
      id: hold.body.id,
      slotId: slotIds[0],
      status: 'active',
      expiresAt: '2026-12-01T08:05:00.000Z',
      extensionsLeft: 9,
    });
    expect(responseErrors('GET', `/v1/holds/${hold.body.id}`, read)).toEqual([]);
  });

  it('says expired, released or consumed once it no longer keeps the slot', async () => {
    const { slotIds } = await bookableZone(client);
    const patient = await token('patient');
    const expiring = await client.post('/v1/holds', { slotId: slotIds[0] }, patient);
    const later = at('2026-12-01T08:05:00Z');
    expect((await later.get(`/v1/holds/${expiring.body.id}`, patient)).body).toMatchObject({
      status: 'expired',
      extensionsLeft: 0,
    });

    const released = await client.post('/v1/holds', { slotId: slotIds[1] }, patient);
    await client.del(`/v1/holds/${released.body.id}`, patient);
    expect((await client.get(`/v1/holds/${released.body.id}`, patient)).body).toMatchObject({
      status: 'released',
      extensionsLeft: 0,
    });

    const used = await client.post('/v1/holds', { slotId: slotIds[2] }, patient);
    expect((await book(client, patient, { holdId: used.body.id })).status).toBe(201);
    expect((await client.get(`/v1/holds/${used.body.id}`, patient)).body).toMatchObject({
      status: 'consumed',
      slotId: slotIds[2],
    });
  });

  it('is the caller’s only: another patient, agent or client gets a 404; an integrator’s other tokens see it', async () => {
    const { slotIds } = await bookableZone(client);
    const clientId = `app-${crypto.randomUUID()}`;
    const partner = await client.post(
      '/v1/holds',
      { slotId: slotIds[0], patientRef: 'p-1' },
      await token('integrator', { client_id: clientId }),
    );
    expect(
      (await client.get(`/v1/holds/${partner.body.id}`, await token('integrator', { client_id: clientId }))).status,
    ).toBe(200);
    expect(
      (
        await client.get(
          `/v1/holds/${partner.body.id}`,
          await token('integrator', { client_id: `app-${crypto.randomUUID()}` }),
        )
      ).status,
    ).toBe(404);

    const agent = await token('agent');
    const byAgent = await client.post('/v1/holds', { slotId: slotIds[1] }, agent, { 'x-call-reference': 'CALL-1' });
    expect((await client.get(`/v1/holds/${byAgent.body.id}`, agent)).body.status).toBe('active');
    expect((await client.get(`/v1/holds/${byAgent.body.id}`, await token('agent'))).status).toBe(404);
    const other = await client.get(`/v1/holds/${byAgent.body.id}`, await token('patient'));
    expect(other.status).toBe(404);
    expect(other.body.code).toBe('not_found');
    expect((await client.get(`/v1/holds/${crypto.randomUUID()}`, agent)).status).toBe(404);
  });

  it('refuses roles that do not hold, no token, and an id that is not a UUID', async () => {
    const { slotIds } = await bookableZone(client);
    const hold = await client.post('/v1/holds', { slotId: slotIds[0] }, await token('patient'));
    expect((await client.get(`/v1/holds/${hold.body.id}`, await token('doctor', { rpps: '10000000001' }))).status).toBe(
      403,
    );
    expect((await client.get(`/v1/holds/${hold.body.id}`, await token('admin'))).status).toBe(403);
    expect((await client.get(`/v1/holds/${hold.body.id}`)).status).toBe(401);
    const bad = await client.get('/v1/holds/not-a-uuid', await token('patient'));
    expect(bad.status).toBe(400);
    expect(bad.body.code).toBe('validation_failed');
  });
});
