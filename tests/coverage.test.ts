import { describe, expect, it } from 'vitest';
import { api } from './helpers/api';
import { adminToken, newDoctor, newMission, newSite, newZone } from './helpers/fixtures';
import { at, checkIn, missionDay, planning } from './helpers/mission-day';
import { sql } from './helpers/sql';
import { token } from './helpers/tokens';

/** A day's mission by a doctor of its own (each doctor may declare two days a month). */
async function declare(siteId: string, date: string) {
  const doctor = await newDoctor();
  return { doctor, mission: await newMission(planning, doctor.token, siteId, { date }) };
}

const regionOf = async (siren: string) => {
  const zone = (await planning.get(`/v1/zones/${siren}`)).body as { region: string };
  return zone.region;
};

const coverage = async (path: string, now = '2027-03-10T12:00:00Z') => {
  const res = await at(now).get(path, await adminToken());
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  expect(res.headers.get('x-db-queries')).toBe('1');
  return res.body;
};

describe('GET /v1/coverage', () => {
  it('a shipped zone counts from the scheme’s first day (September 2025), not from when the database was seeded', async () => {
    const seeded = '200071082'; // in data/priority-zones.csv
    const october = (await coverage('/v1/coverage?month=2025-10', '2025-11-03T12:00:00Z')).zones.find(
      (z: { siren: string }) => z.siren === seeded,
    );
    expect(october).toMatchObject({ designatedOn: '2025-09-01', workingDays: 23 });
  });

  it('a withdrawn zone still appears in the months it was a priority zone, for its days of validity only', async () => {
    const zone = await newZone(planning); // designated on 2026-12-01
    const admin = await adminToken();
    expect((await at('2027-02-10T09:00:00Z').del(`/v1/zones/${zone.siren}/priority`, admin)).status).toBe(204);
    const january = (await coverage('/v1/coverage?month=2027-01', '2027-03-10T12:00:00Z')).zones.find(
      (z: { siren: string }) => z.siren === zone.siren,
    );
    expect(january).toMatchObject({ designatedOn: '2026-12-01', workingDays: 20, coveredDays: 0 });
    const february = (await coverage('/v1/coverage?month=2027-02', '2027-03-10T12:00:00Z')).zones.find(
      (z: { siren: string }) => z.siren === zone.siren,
    );
    expect(february).toMatchObject({ workingDays: 7 }); // 1st–9th: the working days before the withdrawal
    const march = (await coverage('/v1/coverage?month=2027-03', '2027-03-10T12:00:00Z')).zones.find(
      (z: { siren: string }) => z.siren === zone.siren,
    );
    expect(march).toBeUndefined();
    // Designated again: a second period, the history of the first kept.
    expect(
      (await at('2027-03-15T09:00:00Z').post(`/v1/zones/${zone.siren}/priority`, { source: 'again' }, admin)).status,
    ).toBe(201);
    const periods = await sql<{ designated_at: Date; withdrawn_at: Date | null; withdrawn_by: string | null }>(
      `SELECT designated_at, withdrawn_at, withdrawn_by FROM zone_designations WHERE siren = $1 ORDER BY designated_at`,
      [zone.siren],
    );
    expect(periods.map((p) => [p.withdrawn_at?.toISOString() ?? null, p.withdrawn_by])).toEqual([
      ['2027-02-10T09:00:00.000Z', 'ars-test'],
      [null, null],
    ]);
    expect(
      (await coverage('/v1/coverage?month=2027-03', '2027-03-20T12:00:00Z')).zones.find(
        (z: { siren: string }) => z.siren === zone.siren,
      ),
    ).toMatchObject({ designatedOn: '2027-03-15' });
  });

  it('counts the working days with a mission day held or to come; missed, cancelled, weekend and holiday days do not cover', async () => {
    const { siren, site, doctor, mission } = await missionDay({ date: '2027-03-01' });
    await checkIn(at('2027-03-01T08:30:00Z'), mission.id, doctor.token); // held
    await declare(site.id, '2027-03-02'); // never checked in: missed by the 10th
    const cancelled = await declare(site.id, '2027-03-03');
    expect((await planning.del(`/v1/missions/${cancelled.mission.id}`, cancelled.doctor.token)).status).toBe(200);
    await declare(site.id, '2027-03-06'); // a Saturday
    await declare(site.id, '2027-03-29'); // Easter Monday
    await declare(site.id, '2027-03-30'); // to come
    await declare(site.id, '2027-03-30'); // a second doctor the same day counts once

    const body = await coverage('/v1/coverage?month=2027-03');
    const row = body.zones.find((z: { siren: string }) => z.siren === siren);
    expect(row).toMatchObject({
      siren,
      territory: 'metropole',
      designatedOn: '2026-12-01',
      workingDays: 22,
      coveredDays: 2,
      rate: 0.0909,
      holidays: [{ date: '2027-03-29', name: 'Lundi de Pâques' }],
    });
    expect(row.uncoveredDays).toHaveLength(20);
    expect(row.uncoveredDays.slice(0, 3)).toEqual(['2027-03-02', '2027-03-03', '2027-03-04']);
    expect(row.uncoveredDays).not.toContain('2027-03-29');
    expect(row.uncoveredDays).not.toContain('2027-03-06');
    expect(row.uncoveredDays).not.toContain('2027-03-30');
    expect(body.month).toBe('2027-03');
    expect(body.region).toBeNull();

    // The 30th, once over without a check-in, is missed: it no longer covers.
    const later = await coverage('/v1/coverage?month=2027-03', '2027-04-02T12:00:00Z');
    expect(later.zones.find((z: { siren: string }) => z.siren === siren)).toMatchObject({ coveredDays: 1 });
  });

  it('leaves Good Friday out in Alsace-Moselle, and filters by region with its totals', async () => {
    const zone = await newZone(planning, { departements: ['57', '67', '68'] });
    const site = await newSite(planning, zone);
    await declare(site.id, '2027-03-26'); // Good Friday: not a working day there
    await declare(site.id, '2027-03-25');

    const body = await coverage('/v1/coverage?month=2027-03&region=44');
    expect(body.region).toEqual({ code: '44', name: 'Grand Est' });
    const row = body.zones.find((z: { siren: string }) => z.siren === zone.siren);
    expect(row).toMatchObject({
      territory: 'alsace-moselle',
      region: { code: '44', name: 'Grand Est' },
      workingDays: 21,
      coveredDays: 1,
    });
    expect(row.holidays.map((h: { date: string }) => h.date)).toEqual(['2027-03-26', '2027-03-29']);
    expect(row.uncoveredDays).not.toContain('2027-03-26');
    expect(row.uncoveredDays).not.toContain('2027-03-25');
    expect(body.zones.every((z: { region: { code: string } }) => z.region.code === '44')).toBe(true);
    const sum = (key: string) => body.zones.reduce((n: number, z: Record<string, number>) => n + z[key], 0);
    expect(body.totals).toMatchObject({
      zones: body.zones.length,
      workingDays: sum('workingDays'),
      coveredDays: sum('coveredDays'),
    });
  });

  it('leaves each overseas département’s abolition day out', async () => {
    // Zones of their own, designated under the test's clock (a seeded zone is dated by the seeding's
    // wall clock), and withdrawn afterwards: these départements have few EPCI to spare.
    const admin = await adminToken();
    for (const { departement, region, month, territory, holidays, workingDays } of [
      {
        departement: '973',
        region: '03',
        month: '2027-06',
        territory: 'guyane',
        holidays: ['2027-06-10'],
        workingDays: 21,
      },
      {
        departement: '971',
        region: '01',
        month: '2027-05',
        territory: 'guadeloupe',
        holidays: ['2027-05-06', '2027-05-17', '2027-05-27'],
        workingDays: 18,
      },
    ]) {
      const zone = await newZone(planning, { departements: [departement] });
      try {
        const body = await coverage(`/v1/coverage?month=${month}&region=${region}`, `${month}-01T12:00:00Z`);
        const row = body.zones.find((z: { siren: string }) => z.siren === zone.siren);
        expect(row).toMatchObject({ territory, workingDays, coveredDays: 0 });
        expect(row.holidays.map((h: { date: string }) => h.date)).toEqual(holidays);
        expect(row.uncoveredDays).not.toContain(holidays.at(-1));
      } finally {
        expect((await planning.del(`/v1/zones/${zone.siren}/priority`, admin)).status).toBe(204);
      }
    }
  });

  it('counts a zone from the day it was designated, in its own time zone', async () => {
    // 23:30 UTC on 14 March is already the 15th in Paris.
    const zone = await newZone(api({ now: new Date('2027-03-14T23:30:00Z') }));
    const body = await coverage('/v1/coverage?month=2027-03');
    // 15–19, 22–26 and 30–31 March (the 29th is Easter Monday).
    expect(body.zones.find((z: { siren: string }) => z.siren === zone.siren)).toMatchObject({
      designatedOn: '2027-03-15',
      workingDays: 12,
      coveredDays: 0,
    });
    const february = await coverage('/v1/coverage?month=2027-02');
    expect(february.zones.some((z: { siren: string }) => z.siren === zone.siren)).toBe(false);
  });

  it('defaults to the current month in Paris', async () => {
    expect((await coverage('/v1/coverage', '2027-05-31T22:30:00Z')).month).toBe('2027-06');
  });

  it('is for admins, and reads month and region strictly', async () => {
    const admin = await adminToken();
    for (const bearer of [await token('agent'), await token('patient'), (await newDoctor()).token]) {
      expect((await planning.get('/v1/coverage', bearer)).status).toBe(403);
      expect((await planning.get('/v1/coverage/regions', bearer)).status).toBe(403);
    }
    expect((await planning.get('/v1/coverage')).status).toBe(401);
    for (const query of [
      'month=2027-13',
      'month=2027-3',
      'month=2027-03-01',
      'month=0099-01',
      'region=99',
      'region=',
      'region=76&month=x',
    ]) {
      const res = await planning.get(`/v1/coverage?${query}`, admin);
      expect(res.status, query).toBe(400);
      expect(res.body.code).toBe('validation_failed');
    }
    expect((await planning.get('/v1/coverage/regions?month=2027-00', admin)).status).toBe(400);
  });
});

describe('GET /v1/coverage/regions', () => {
  it('sums each region’s zones, lists the days some zones are left uncovered, in one query', async () => {
    const { siren, site } = await missionDay({ date: '2027-09-01' });
    await declare(site.id, '2027-09-02');
    const region = await regionOf(siren);
    // Other test files may designate zones meanwhile: compare two views read between the same two states.
    for (let attempt = 0; ; attempt++) {
      const before = await coverage('/v1/coverage?month=2027-09', '2027-08-01T12:00:00Z');
      const regions = await coverage('/v1/coverage/regions?month=2027-09', '2027-08-01T12:00:00Z');
      const after = await coverage('/v1/coverage?month=2027-09', '2027-08-01T12:00:00Z');
      if (JSON.stringify(before) !== JSON.stringify(after) && attempt < 5) continue;
      const zones = before.zones.filter((z: { region: { name: string } }) => z.region.name === region);
      const row = regions.regions.find((r: { region: { name: string } }) => r.region.name === region);
      expect(row).toMatchObject({
        zones: zones.length,
        workingDays: zones.reduce((n: number, z: { workingDays: number }) => n + z.workingDays, 0),
        coveredDays: zones.reduce((n: number, z: { coveredDays: number }) => n + z.coveredDays, 0),
      });
      const gapsOn = (date: string) =>
        zones.filter((z: { uncoveredDays: string[] }) => z.uncoveredDays.includes(date)).length;
      for (const day of row.uncoveredDays) expect(day.zones, day.date).toBe(gapsOn(day.date));
      expect(row.uncoveredDays.find((d: { date: string }) => d.date === '2027-09-01')?.zones ?? 0).toBe(
        gapsOn('2027-09-01'),
      );
      expect(regions.totals).toMatchObject({
        zones: before.totals.zones,
        workingDays: before.totals.workingDays,
        coveredDays: before.totals.coveredDays,
      });
      break;
    }
  });
});
