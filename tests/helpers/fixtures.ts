// Each test makes its own data: a zone of its own (designated through the API), sites, doctors.
import { expect } from 'vitest';
import type { Api } from './api';
import { sql } from './sql';
import { token } from './tokens';

export const randomRpps = () => `1${String(Math.floor(Math.random() * 1e10)).padStart(10, '0')}`;

export async function adminToken() {
  return token('admin', { sub: 'ars-test' });
}

export async function newDoctor() {
  const rpps = randomRpps();
  return { rpps, token: await token('doctor', { sub: `dr-${rpps}`, rpps }) };
}

export interface Zone { siren: string; insee: string; postcode: string; departement: string; timeZone: string }

/**
 * Designates a metropolitan EPCI that no other test uses. The designation itself is the lock:
 * a concurrent test that picked the same EPCI gets 409 and picks again.
 */
export async function newZone(client: Api, options: { departements?: string[] } = {}): Promise<Zone> {
  const admin = await adminToken();
  for (let attempt = 0; attempt < 20; attempt++) {
    const [candidate] = await sql<Zone>(
      `SELECT e.siren, c.insee, c.postcodes[1] AS postcode, c.departement, e.time_zone AS "timeZone"
       FROM epci e JOIN communes c ON c.epci_siren = e.siren
       WHERE e.siren NOT IN (SELECT siren FROM priority_zones) AND cardinality(c.postcodes) > 0
         AND c.departement = ANY($1::text[])
       ORDER BY random() LIMIT 1`,
      [options.departements ?? ['01', '03', '15', '19', '23', '24', '32', '36', '43', '46', '47', '48', '58', '65', '82', '87']],
    );
    const res = await client.post(`/v1/zones/${candidate.siren}/priority`, { source: 'test fixture' }, admin);
    if (res.status === 201) return candidate;
    expect(res.status).toBe(409);
  }
  throw new Error('could not find a free EPCI for a test zone');
}

export async function newSite(client: Api, zone: Pick<Zone, 'insee'>, extra: Record<string, unknown> = {}) {
  const res = await client.post(
    '/v1/sites',
    { name: 'Maison de santé test', address: '1 place de la Mairie', communeInsee: zone.insee, kind: 'maison_de_sante', phone: '05 58 00 00 00', ...extra },
    await adminToken(),
  );
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body as { id: string; timeZone: string; epci: { siren: string } };
}

export async function newMission(client: Api, doctorToken: string, siteId: string, fields: { date: string; start?: string; end?: string; slotMinutes?: number }) {
  const res = await client.post('/v1/missions', { siteId, start: '09:00', end: '12:00', slotMinutes: 20, ...fields }, doctorToken);
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body as { id: string; slotCount: number; startsAt: string; endsAt: string };
}
