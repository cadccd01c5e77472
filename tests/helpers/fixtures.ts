// Each test makes its own data: a zone of its own (designated through the API), sites, doctors.
import { expect } from 'vitest';
import type { Api } from './api';
import { sql } from './sql';
import { token } from './tokens';
import { letters } from './names';

export const randomRpps = () => `1${String(Math.floor(Math.random() * 1e10)).padStart(10, '0')}`;

export async function adminToken() {
  return token('admin', { sub: 'ars-test' });
}

export async function newDoctor() {
  const rpps = randomRpps();
  return { rpps, token: await token('doctor', { sub: `dr-${rpps}`, rpps }) };
}

/** The départements of two regions, for tests of the ARS regions: Occitanie (76) and Bretagne (53). */
export const OCCITANIE = ['09', '11', '12', '30', '31', '32', '34', '46', '48', '65', '66', '81', '82'];
export const BRETAGNE = ['22', '29', '35', '56'];

export interface Zone {
  siren: string;
  insee: string;
  postcode: string;
  departement: string;
  timeZone: string;
}

/**
 * Designates an EPCI (metropolitan unless `departements` says) that no other test uses. The designation itself is the lock:
 * a concurrent test that picked the same EPCI gets 409 and picks again.
 */
export async function newZone(client: Api, options: { departements?: string[] } = {}): Promise<Zone> {
  const admin = await adminToken();
  for (let attempt = 0; attempt < 20; attempt++) {
    // Never designated, not even once and then withdrawn: a test withdrawing its zone checks
    // afterwards that the EPCI is no longer one, which another test designating it again would break.
    const [candidate] = await sql<Zone>(
      `SELECT e.siren, c.insee, c.postcodes[1] AS postcode, c.departement, e.time_zone AS "timeZone"
       FROM epci e JOIN communes c ON c.epci_siren = e.siren
       WHERE e.siren NOT IN (SELECT siren FROM zone_designations) AND cardinality(c.postcodes) > 0
         -- A postcode shared with another EPCI would let a postcode search find another test's zone.
         AND c.postcodes[1] NOT IN (SELECT p FROM communes, unnest(postcodes) p GROUP BY p HAVING min(epci_siren) <> max(epci_siren))
         AND ($1::text[] IS NULL AND c.departement NOT LIKE '97%' AND c.departement NOT IN ('57', '67', '68') AND e.type = 'CC'
              OR c.departement = ANY($1::text[]))
       ORDER BY random() LIMIT 1`,
      // Any metropolitan communauté de communes by default (a full run designates a few hundred test
      // zones); the cities' EPCI that tests name as non-priority (Lyon, Mont-de-Marsan) stay out, and
      // so does Alsace-Moselle, whose extra holidays (Good Friday, 26 December) tests ask for by name.
      [options.departements ?? null],
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
    {
      name: 'Maison de santé test',
      address: '1 place de la Mairie',
      communeInsee: zone.insee,
      kind: 'maison_de_sante',
      phone: '05 58 00 00 00',
      ...extra,
    },
    await adminToken(),
  );
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body as {
    id: string;
    timeZone: string;
    epci: { siren: string };
    commune: { insee: string; name: string; postcodes: string[] };
  };
}

export async function newMission(
  client: Api,
  doctorToken: string,
  siteId: string,
  fields: { date: string; start?: string; end?: string; slotMinutes?: number },
) {
  const res = await client.post(
    '/v1/missions',
    { siteId, start: '09:00', end: '12:00', slotMinutes: 20, ...fields },
    doctorToken,
  );
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body as { id: string; slotCount: number; startsAt: string; endsAt: string };
}

export const patientBody = (overrides: Record<string, unknown> = {}) => ({
  firstName: 'Jeanne',
  lastName: `Test-${letters()}`,
  birthDate: '1950-06-15',
  phone: `061${String(Math.floor(Math.random() * 1e7)).padStart(7, '0')}`, // 06 1x: a metropolitan mobile range
  ...overrides,
});

/** A zone of its own with one mission of `slots` 20-minute slots on `date` (default 2026-12-10). */
export async function bookableZone(client: Api, options: { date?: string; slots?: number; start?: string } = {}) {
  const zone = await newZone(client);
  const site = await newSite(client, zone);
  const doctor = await newDoctor();
  const count = options.slots ?? 6;
  const start = options.start ?? '09:00';
  const [h, m] = start.split(':').map(Number);
  const endMinutes = h * 60 + m + count * 20;
  const end = `${String(Math.floor(endMinutes / 60)).padStart(2, '0')}:${String(endMinutes % 60).padStart(2, '0')}`;
  const mission = await newMission(client, doctor.token, site.id, {
    date: options.date ?? '2026-12-10',
    start,
    end,
    slotMinutes: 20,
  });
  const slots = await sql<{ id: string; starts_at: string }>(
    `SELECT id, starts_at FROM slots WHERE mission_id = $1 ORDER BY starts_at`,
    [mission.id],
  );
  return { zone, site, doctor, mission, slotIds: slots.map((s) => s.id) };
}

let keyCounter = 0;
export const idemKey = () => `test-${crypto.randomUUID()}-${keyCounter++}`;

export async function book(client: Api, bearer: string, body: Record<string, unknown>, key = idemKey()) {
  return client.post('/v1/bookings', { noOverbilling: true, patient: patientBody(), ...body }, bearer, {
    'idempotency-key': key,
  });
}
