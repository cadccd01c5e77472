// ARS staff work on their regions (issue 21 §2): an admin token scoped to Occitanie (76) lists,
// reads, changes and exports nothing of Bretagne (53), where the lists leave it out and a read or a
// change by id is a 404 as if it did not exist; a national token sees both; a token without a
// `regions` claim is refused everything (403 region_scope_missing), a malformed one is invalid.
import { beforeAll, describe, expect, it } from 'vitest';
import { api } from './helpers/api';
import { BRETAGNE, OCCITANIE, newDoctor, newMission, newSite, newZone, type Zone } from './helpers/fixtures';
import { booked } from './helpers/mission-day';
import { sql } from './helpers/sql';
import { token } from './helpers/tokens';

const client = api({ now: new Date('2027-02-01T08:00:00Z') });
const after = api({ now: new Date('2027-02-20T08:00:00Z') });
const DATE = '2027-02-17';

interface Region {
  zone: Zone;
  site: { id: string };
  mission: { id: string };
  booking: string;
}

async function region(departements: string[]): Promise<Region> {
  const zone = await newZone(client, { departements });
  const site = await newSite(client, zone);
  const doctor = await newDoctor();
  const mission = await newMission(client, doctor.token, site.id, { date: DATE, start: '09:00', end: '15:00' });
  const [slot] = await sql<{ id: string }>(`SELECT id FROM slots WHERE mission_id = $1 ORDER BY starts_at LIMIT 1`, [
    mission.id,
  ]);
  const booking = await booked(slot.id, {}, client);
  return { zone, site, mission, booking };
}

let occitanie: Region;
let bretagne: Region;
let own: string;
let national: string;

beforeAll(async () => {
  [occitanie, bretagne] = await Promise.all([region(OCCITANIE), region(BRETAGNE)]);
  own = await token('admin', { sub: 'ars-occitanie', regions: ['76'] });
  national = await token('admin', { sub: 'ars-national', regions: 'national' });
});

describe('an ARS token’s regions', () => {
  it('are said, never assumed: no regions claim is a 403 everywhere, a malformed one an invalid token', async () => {
    const none = await token('admin', { sub: 'ars-none', regions: undefined });
    for (const path of [
      '/v1/bookings',
      '/v1/coverage',
      `/v1/zones/${occitanie.zone.siren}/stats`,
      '/v1/indemnities?month=2027-02',
    ]) {
      const res = await client.get(path, none);
      expect(res.status, path).toBe(403);
      expect(res.body.code).toBe('region_scope_missing');
    }
    expect(
      (await client.request('PATCH', `/v1/sites/${occitanie.site.id}`, { token: none, body: { name: 'Sans région' } }))
        .status,
    ).toBe(403);
    for (const regions of [['99'], [], 'NATIONAL', '76']) {
      expect(
        (await client.get('/v1/bookings', await token('admin', { regions }))).status,
        JSON.stringify(regions),
      ).toBe(401);
    }
    expect((await client.get('/v1/me', await token('admin', { regions: ['76', '53'] }))).status).toBe(200);
  });

  it('bookings: another region’s is left out of the list, a 404 to read or cancel, on REST and FHIR', async () => {
    const window = `from=${DATE}T00:00:00Z&to=${DATE}T23:59:59Z&limit=100`;
    const ids = async (bearer: string) =>
      ((await client.get(`/v1/bookings?${window}`, bearer)).body.items as { id: string }[]).map((b) => b.id);
    expect(await ids(own)).toContain(occitanie.booking);
    expect(await ids(own)).not.toContain(bretagne.booking);
    expect(await ids(national)).toEqual(expect.arrayContaining([occitanie.booking, bretagne.booking]));
    expect((await client.get(`/v1/bookings/${bretagne.booking}`, own)).status).toBe(404);
    expect((await client.get(`/v1/bookings/${occitanie.booking}`, own)).status).toBe(200);
    expect((await client.get(`/fhir/Appointment/${bretagne.booking}`, own)).status).toBe(404);
    expect((await client.post(`/v1/bookings/${bretagne.booking}/cancel`, undefined, own)).status).toBe(404);
    const [row] = await sql<{ status: string }>(`SELECT status FROM bookings WHERE id = $1`, [bretagne.booking]);
    expect(row.status).toBe('booked');
    // The audit trail of another region's booking is as empty as that of none.
    expect((await client.get(`/v1/bookings/${bretagne.booking}`, national)).status).toBe(200);
    expect((await client.get(`/v1/audit?bookingId=${bretagne.booking}`, own)).body.items).toEqual([]);
    expect((await client.get(`/v1/audit?bookingId=${bretagne.booking}`, national)).body.items.length).toBeGreaterThan(
      0,
    );
  });

  it('sites and zones: another region’s are a 404 to change, its communes unknown to add a site in', async () => {
    const edit = await client.request('PATCH', `/v1/sites/${bretagne.site.id}`, {
      token: own,
      body: { name: 'Pas chez moi' },
    });
    expect(edit.status).toBe(404);
    const ownEdit = await client.request('PATCH', `/v1/sites/${occitanie.site.id}`, {
      token: own,
      body: { name: 'Maison de santé d’Occitanie' },
    });
    expect(ownEdit.status).toBe(200);
    expect((await sql<{ name: string }>(`SELECT name FROM sites WHERE id = $1`, [bretagne.site.id]))[0].name).toBe(
      'Maison de santé test',
    );
    const site = {
      name: 'Ailleurs',
      address: '1 rue',
      communeInsee: bretagne.zone.insee,
      kind: 'cabinet',
      phone: '02 96 00 00 00',
    };
    const created = await client.post('/v1/sites', site, own);
    expect(created.status).toBe(422);
    expect(created.body.code).toBe('unknown_commune');
    expect((await client.post('/v1/sites', site, national)).status).toBe(201);

    // Bretagne's zone has sites: withdrawing it would be a 409, but for Occitanie's staff it is not there at all.
    expect((await client.del(`/v1/zones/${bretagne.zone.siren}/priority`, own)).status).toBe(404);
    const [free] = await sql<{ siren: string }>(
      `SELECT siren FROM epci WHERE region = 'Bretagne' AND siren NOT IN (SELECT siren FROM zone_designations) ORDER BY random() LIMIT 1`,
    );
    const designated = await client.post(`/v1/zones/${free.siren}/priority`, { source: 'Arrêté d’une autre ARS' }, own);
    expect(designated.status).toBe(404);
    expect(await sql(`SELECT 1 FROM priority_zones WHERE siren = $1`, [free.siren])).toHaveLength(0);
  });

  it('missions, figures and coverage: another region’s zone lists nothing, is a 404, and is not counted', async () => {
    expect((await client.get(`/v1/missions?epci=${bretagne.zone.siren}`, own)).body.items).toEqual([]);
    expect(
      (await client.get(`/v1/missions?epci=${occitanie.zone.siren}`, own)).body.items.map((m: { id: string }) => m.id),
    ).toContain(occitanie.mission.id);
    expect((await client.get(`/v1/zones/${bretagne.zone.siren}/stats`, own)).status).toBe(404);
    expect((await client.get(`/v1/zones/${occitanie.zone.siren}/stats`, own)).status).toBe(200);

    const coverage = (await client.get('/v1/coverage?month=2027-02', own)).body;
    const sirens = coverage.zones.map((z: { siren: string }) => z.siren);
    expect(sirens).toContain(occitanie.zone.siren);
    expect(sirens).not.toContain(bretagne.zone.siren);
    expect(coverage.zones.every((z: { region: { code: string } }) => z.region.code === '76')).toBe(true);
    expect(coverage.totals.zones).toBe(coverage.zones.length);
    expect((await client.get('/v1/coverage?month=2027-02&region=53', own)).body.zones).toEqual([]);
    const regions = (await client.get('/v1/coverage/regions?month=2027-02', own)).body.regions.map(
      (r: { region: { code: string } }) => r.region.code,
    );
    expect(regions).toEqual(['76']);
    const all = (await client.get('/v1/coverage/regions?month=2027-02', national)).body.regions.map(
      (r: { region: { code: string } }) => r.region.code,
    );
    expect(all).toEqual(expect.arrayContaining(['76', '53']));
  });

  it('indemnities and their CSV: only the days worked at sites of the region', async () => {
    // Both days worked, as an ARS correction records them.
    for (const { mission } of [occitanie, bretagne]) {
      const correction = {
        checkedInAt: `${DATE}T09:00:00+01:00`,
        checkedOutAt: `${DATE}T15:00:00+01:00`,
        reason: 'Journée confirmée par la maison de santé.',
      };
      expect((await after.post(`/v1/missions/${mission.id}/attendance-corrections`, correction, national)).status).toBe(
        200,
      );
    }
    // A correction is a change: another region's mission is a 404.
    const again = {
      checkedInAt: `${DATE}T09:00:00+01:00`,
      checkedOutAt: `${DATE}T14:00:00+01:00`,
      reason: 'Correction d’une autre région.',
    };
    expect((await after.post(`/v1/missions/${bretagne.mission.id}/attendance-corrections`, again, own)).status).toBe(
      404,
    );
    const lines = (await after.get('/v1/indemnities?month=2027-02', own)).body.items.map(
      (i: { epciSiren: string }) => i.epciSiren,
    );
    expect(lines).toContain(occitanie.zone.siren);
    expect(lines).not.toContain(bretagne.zone.siren);
    const csv = String((await after.get('/v1/indemnities?month=2027-02&format=csv', own)).body);
    expect(csv).toContain(occitanie.zone.siren);
    expect(csv).not.toContain(bretagne.zone.siren);
    expect(String((await after.get('/v1/indemnities?month=2027-02&format=csv', national)).body)).toContain(
      bretagne.zone.siren,
    );
  });
});
