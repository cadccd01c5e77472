import { describe, expect, it } from 'vitest';
import { api } from './helpers/api';
import { adminToken, newSite, newZone } from './helpers/fixtures';
import { token } from './helpers/tokens';

const client = api({ now: new Date('2026-12-01T08:00:00Z') });

const patch = async (id: string, body: unknown, bearer?: string) =>
  client.request('PATCH', `/v1/sites/${id}`, { token: bearer ?? (await adminToken()), body });

describe('PATCH /v1/sites/{id}', () => {
  it('changes the fields given, keeps the others, and clears with null', async () => {
    const zone = await newZone(client);
    const site = await newSite(client, zone, {
      finess: '400000001',
      accessibility: 'Plain-pied',
      latitude: 44.3,
      longitude: -0.78,
    });
    const res = await patch(site.id, {
      name: 'Maison de santé du Bourg',
      phone: '05 58 11 22 33',
      accessibility: null,
      latitude: 44.31,
      longitude: -0.79,
    });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toEqual({
      ...site,
      name: 'Maison de santé du Bourg',
      phone: '0558112233',
      accessibility: null,
      latitude: 44.31,
      longitude: -0.79,
    });
    expect((await client.get(`/v1/sites/${site.id}`)).body).toEqual(res.body);
    const cleared = await patch(site.id, { finess: null, latitude: null, longitude: null, kind: 'cabinet' });
    expect(cleared.body).toMatchObject({
      finess: null,
      latitude: null,
      longitude: null,
      kind: 'cabinet',
      address: '1 place de la Mairie',
    });
  });

  it('refuses the commune, unknown fields, half a position, bad values and an empty change; nothing changes', async () => {
    const zone = await newZone(client);
    const site = await newSite(client, zone);
    for (const body of [
      { communeInsee: zone.insee },
      { epciSiren: zone.siren },
      { latitude: 44 },
      { latitude: null, longitude: 2 },
      { name: '' },
      { kind: 'castle' },
      { phone: '12' },
      { finess: '12' },
      {},
    ]) {
      const res = await patch(site.id, body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body.code).toBe('validation_failed');
    }
    expect((await client.get(`/v1/sites/${site.id}`)).body).toEqual(site);
  });

  it('is for admins; an unknown site is 404', async () => {
    const zone = await newZone(client);
    const site = await newSite(client, zone);
    for (const role of ['patient', 'doctor', 'agent', 'integrator'] as const) {
      expect(
        (await patch(site.id, { name: 'X' }, await token(role, { rpps: '10000000001', client_id: 'c' }))).status,
      ).toBe(403);
    }
    expect((await client.request('PATCH', `/v1/sites/${site.id}`, { body: { name: 'X' } })).status).toBe(401);
    expect((await patch(crypto.randomUUID(), { name: 'X' })).status).toBe(404);
    expect((await patch('not-a-uuid', { name: 'X' })).status).toBe(400);
    expect((await client.get(`/v1/sites/${site.id}`)).body.name).toBe('Maison de santé test');
  });
});
