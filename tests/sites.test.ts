import { describe, expect, it } from 'vitest';
import { api } from './helpers/api';
import { adminToken, newZone, newSite } from './helpers/fixtures';
import { token } from './helpers/tokens';

const client = api({ now: new Date('2026-12-01T08:00:00Z') });

describe('sites', () => {
  it('an admin registers a site; its EPCI and time zone come from the commune', async () => {
    const zone = await newZone(client);
    const site = await newSite(client, zone, {
      finess: '400000001',
      accessibility: 'Plain-pied',
      latitude: 44.3,
      longitude: -0.78,
    });
    expect(site).toMatchObject({
      epci: { siren: zone.siren },
      timeZone: 'Europe/Paris',
      commune: { insee: zone.insee },
      finess: '400000001',
    });
    expect((await client.get(`/v1/sites/${site.id}`)).body).toEqual(site);
    const list = await client.get(`/v1/sites?epci=${zone.siren}`);
    expect(list.body.items).toEqual([site]);
  });

  it('an overseas site gets its own time zone', async () => {
    const site = await newSite(client, { insee: '97311' }); // Saint-Laurent-du-Maroni, CC de l'Ouest Guyanais
    expect(site.timeZone).toBe('America/Cayenne');
  });

  it('refuses a commune outside the priority zones (422) and an unknown commune', async () => {
    const admin = await adminToken();
    const body = { name: 'X', address: 'Y', kind: 'cabinet', phone: '0102030405' };
    const lyon = await client.post('/v1/sites', { ...body, communeInsee: '69123' }, admin);
    expect(lyon.status).toBe(422);
    expect(lyon.body.code).toBe('zone_not_priority');
    const unknown = await client.post('/v1/sites', { ...body, communeInsee: '99999' }, admin);
    expect(unknown.body.code).toBe('unknown_commune');
  });

  it('validates fields and refuses fields a client may not set', async () => {
    const admin = await adminToken();
    const zone = await newZone(client);
    const res = await client.post(
      '/v1/sites',
      { name: '', address: 'Y', communeInsee: zone.insee, kind: 'castle', phone: '12', epciSiren: zone.siren },
      admin,
    );
    expect(res.status).toBe(400);
    const fields = res.body.errors.map((e: { field: string }) => e.field);
    expect(fields).toEqual(expect.arrayContaining(['json.name', 'json.kind', 'json.phone']));
    expect(res.body.errors.some((e: { message: string }) => /epciSiren/.test(e.message))).toBe(true);
    expect((await client.get(`/v1/sites?epci=${zone.siren}`)).body.items).toEqual([]);
  });

  it('only admins register sites', async () => {
    for (const role of ['patient', 'doctor', 'agent', 'integrator'] as const) {
      const res = await client.post('/v1/sites', {}, await token(role, { rpps: '10000000001', client_id: 'c' }));
      expect(res.status).toBe(403);
    }
    expect((await client.post('/v1/sites', {})).status).toBe(401);
  });

  it('a zone with sites cannot be withdrawn; an empty one can', async () => {
    const admin = await adminToken();
    const zone = await newZone(client);
    await newSite(client, zone);
    const refused = await client.del(`/v1/zones/${zone.siren}/priority`, admin);
    expect(refused.status).toBe(409);
    expect(refused.body.code).toBe('zone_has_sites');
    const empty = await newZone(client);
    expect((await client.del(`/v1/zones/${empty.siren}/priority`, admin)).status).toBe(204);
    expect((await client.get(`/v1/zones/${empty.siren}`)).body.priority).toBe(false);
    expect((await client.post(`/v1/zones/${zone.siren}/priority`, { source: 'again' }, admin)).body.code).toBe(
      'zone_already_priority',
    );
  });
});
