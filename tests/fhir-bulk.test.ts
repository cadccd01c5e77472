// SMART Scheduling Links: the manifest and the NDJSON files, checked line by line against the
// specification's rules and validated as base R4 by an independent validator.
import { describe, expect, it } from 'vitest';
import { api } from './helpers/api';
import { allValidR4, isoOf, namedDoctor, ndjsonLines, regionOf, validR4 } from './helpers/fhir';
import { newMission, newSite, newZone, patientBody, idemKey } from './helpers/fixtures';
import { token } from './helpers/tokens';
import { env } from './helpers/env';
import { sql } from './helpers/sql';
import { createRequestDb } from '../src/db/client';
import { regionName } from '../src/domain/regions';
import { configOf } from '../src/env';
import { ndjsonStream } from '../src/fhir/bulk/ndjson-stream';
import { sourceOf } from '../src/fhir/bulk/sources';

const NOW = new Date('2026-12-01T08:00:00Z');
const DAY = 86_400_000;
const DEEP_LINK = 'http://fhir-registry.smarthealthit.org/StructureDefinition/booking-deep-link';
const PHONE = 'http://fhir-registry.smarthealthit.org/StructureDefinition/booking-phone';
const ID = /^[A-Za-z0-9.-]{1,64}$/;
// A FHIR instant with seconds and an offset (or Z).
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

async function publishedZone(now = NOW, date = '2026-12-10', later = '2027-02-15') {
  const client = api({ now });
  const zone = await newZone(client);
  const site = await newSite(client, zone, { latitude: 44.5, longitude: 1.4 });
  const doctor = await namedDoctor();
  const mission = await newMission(client, doctor.token, site.id, { date, start: '09:00', end: '10:00', slotMinutes: 20 });
  // Beyond the 62 days published: must not appear.
  await newMission(client, doctor.token, site.id, { date: later, start: '09:00', end: '10:00', slotMinutes: 20 });
  return { client, zone, site, doctor, mission, region: await regionOf(zone.insee) };
}

const slotFile = async (client: ReturnType<typeof api>, region: string) => {
  const res = await client.get(`/fhir/bulk/Slot/${region}.ndjson`);
  expect(res.status).toBe(200);
  return res;
};

describe('GET /fhir/$bulk-publish', () => {
  it('is a manifest following the specification: instant, request, one file per type and region, error []', async () => {
    const { client, region, zone } = await publishedZone();
    const iso = await isoOf(zone.insee);
    const res = await client.get('/fhir/$bulk-publish?_since=2026-11-30T00:00:00Z');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    expect(res.headers.get('cache-control')).toBe('public, max-age=300');
    const manifest = res.body;
    expect(Object.keys(manifest).sort()).toEqual(['error', 'output', 'request', 'transactionTime']);
    expect(manifest.transactionTime).toMatch(INSTANT);
    expect(manifest.request).toBe(`${env.PUBLIC_URL}/fhir/$bulk-publish?_since=2026-11-30T00:00:00Z`);
    expect(manifest.error).toEqual([]);
    for (const output of manifest.output) {
      expect(['Location', 'PractitionerRole', 'Schedule', 'Slot']).toContain(output.type);
      expect(output.url.startsWith(`${env.PUBLIC_URL}/fhir/bulk/`)).toBe(true);
      expect(output.url).toMatch(/\/bulk\/[A-Za-z]+\/\d{2,3}\.ndjson$/);
      // ISO 3166-2 first (as US publishers write MA), then the INSEE code naming the file.
      expect(output.extension.state).toEqual([expect.stringMatching(/^FR-[A-Z0-9]{2,3}$/), output.url.match(/(\d{2,3})\.ndjson$/)[1]]);
    }
    for (const type of ['Location', 'PractitionerRole', 'Schedule', 'Slot']) {
      expect(manifest.output).toContainEqual({ type, url: `${env.PUBLIC_URL}/fhir/bulk/${type}/${region}.ndjson`, extension: { state: [iso, region] } });
    }
  });

  it('answers 304 to a poll five minutes later while nothing moves; a booking, or a slot that starts, makes a new version', async () => {
    // Versions follow the instants changes happened at: this test's clock is later than any other
    // test's (and than its own earlier runs): the wall clock moved five years on, to the minute.
    const minute = Math.floor((Date.now() + 5 * 365 * DAY) / 60_000) * 60_000;
    const day = (n: number) => new Date(minute + n * DAY).toISOString().slice(0, 10);
    const { client, region, mission } = await publishedZone(new Date(minute), day(9), day(100));
    const file = `/fhir/bulk/Slot/${region}.ndjson`;
    const first = await slotFile(client, region);
    const etag = first.headers.get('etag')!;
    expect(etag).toMatch(/^"[0-9a-f]{32}"$/);
    const since = first.headers.get('last-modified')!;
    const manifest = await client.get('/fhir/$bulk-publish');

    // Five minutes on, nothing moved: the same version, so 304 to either condition.
    const poll = api({ now: new Date(minute + 5 * 60_000) });
    expect((await poll.request('GET', file, { headers: { 'if-none-match': etag } })).status).toBe(304);
    expect((await poll.request('GET', file, { headers: { 'if-modified-since': since } })).status).toBe(304);
    const again = await poll.request('GET', '/fhir/$bulk-publish', { headers: { 'if-none-match': manifest.headers.get('etag')! } });
    expect(again.status).toBe(304);
    expect(again.headers.get('etag')).toBe(manifest.headers.get('etag'));
    expect((await poll.get('/fhir/$bulk-publish')).body.transactionTime).toBe(manifest.body.transactionTime);

    const [slot] = await slotsOf(mission.id);
    const at = minute + 6 * 60_000;
    const booked = await api({ now: new Date(at) }).post('/v1/bookings', { slotId: slot.id, noOverbilling: true, patient: patientBody() }, await token('patient'), { 'idempotency-key': idemKey() });
    expect(booked.status).toBe(201);
    const after = await api({ now: new Date(at + 1000) }).request('GET', file, { headers: { 'if-none-match': etag } });
    expect(after.status).toBe(200);
    expect(after.headers.get('etag')).not.toBe(etag);
    expect(Date.parse(after.headers.get('last-modified')!)).toBeGreaterThan(Date.parse(since));

    // Time alone changes the file when a slot starts (it leaves the file), not before.
    const [{ starts_at: firstStart }] = await sql<{ starts_at: string }>('SELECT min(starts_at) AS starts_at FROM slots WHERE mission_id = $1', [mission.id]);
    const before = await api({ now: new Date(Date.parse(firstStart) - 1000) }).get(file);
    const started = await api({ now: new Date(Date.parse(firstStart) + 1000) }).get(file);
    expect(started.headers.get('etag')).not.toBe(before.headers.get('etag'));
  });

  it('publishes each slot of the window as free or busy (held or booked), with deep link, phone and local offset; FHIR reads keep busy-tentative', async () => {
    const { client, region, site, doctor, mission } = await publishedZone();
    const [free, held, booked] = (await slotsOf(mission.id)).map((s) => s.id);
    expect((await client.post('/v1/holds', { slotId: held }, await token('patient'))).status).toBe(201);
    expect((await client.post('/v1/bookings', { slotId: booked, noOverbilling: true, patient: patientBody() }, await token('patient'), { 'idempotency-key': idemKey() })).status).toBe(201);

    const lines = await allValidR4(ndjsonLines(await fetchText(client, region)));
    for (const slot of lines) {
      expect(slot.resourceType).toBe('Slot');
      expect(slot.id).toMatch(ID);
      expect(slot.start).toMatch(INSTANT);
      expect(slot.end).toMatch(INSTANT);
      expect(slot.schedule.reference).toMatch(/^Schedule\/[A-Za-z0-9.-]{1,64}$/);
      expect(['free', 'busy']).toContain(slot.status);
      expect(slot.extension).toEqual([
        { url: DEEP_LINK, valueUrl: `${env.PUBLIC_URL}/reserver/${slot.id}` },
        { url: PHONE, valueString: env.CALL_CENTRE_PHONE },
      ]);
    }
    const ours = lines.filter((s) => s.schedule.reference === `Schedule/${site.id}.${doctor.rpps}`);
    // 3 slots on 10 December; the February mission is beyond BULK_SLOT_DAYS.
    expect(ours.map((s) => [s.id, s.status])).toEqual(expect.arrayContaining([[free, 'free'], [held, 'busy'], [booked, 'busy']]));
    expect(ours).toHaveLength(3);
    expect(ours.find((s) => s.id === free).start).toBe('2026-12-10T09:00:00+01:00');
    expect((await client.get(`/fhir/Slot/${held}`)).body.status).toBe('busy-tentative');
    expect((await client.get(`/fhir/Slot/${booked}`)).body.status).toBe('busy');
  });

  it('publishes Location, Schedule, PractitionerRole and Slot files whose lines are valid R4 and whose references all resolve', async () => {
    const { client, region, site, doctor, zone } = await publishedZone();
    const file = async (type: string) => {
      const res = await client.get(`/fhir/bulk/${type}/${region}.ndjson`);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe('application/fhir+ndjson');
      return allValidR4(ndjsonLines(typeof res.body === 'string' ? res.body : `${JSON.stringify(res.body)}\n`));
    };
    const files: Record<string, any[]> = {};
    for (const type of ['Location', 'Schedule', 'PractitionerRole', 'Slot']) files[type] = await file(type);
    // Line by line: the file's type, an id by the specification's rule, each id once.
    for (const [type, lines] of Object.entries(files)) {
      for (const line of lines) {
        expect(line.resourceType).toBe(type);
        expect(line.id).toMatch(ID);
      }
      expect(new Set(lines.map((l: any) => l.id)).size).toBe(lines.length);
    }
    // The specification's required elements, on every line of the region.
    for (const l of files.Location) {
      expect(l.name).toEqual(expect.any(String));
      expect(l.telecom).toContainEqual(expect.objectContaining({ system: 'phone' }));
      expect(l.address).toMatchObject({ line: [expect.any(String)], city: expect.any(String), state: expect.stringMatching(/^FR-/), postalCode: expect.stringMatching(/^\d{5}$/) });
    }
    for (const sch of files.Schedule) {
      expect(sch.actor[0].reference).toMatch(/^Location\//);
      expect(sch.serviceType[0].coding[0]).toMatchObject({ system: 'http://terminology.hl7.org/CodeSystem/service-type', code: '124' });
    }
    for (const slot of files.Slot) expect(['free', 'busy']).toContain(slot.status);
    // Every reference of every line (contained ones apart) names a line of the publication.
    const published = new Set(Object.entries(files).flatMap(([type, lines]) => lines.map((l: any) => `${type}/${l.id}`)));
    const references = (value: unknown): string[] =>
      Array.isArray(value) ? value.flatMap(references)
        : value && typeof value === 'object' ? Object.entries(value).flatMap(([key, v]) => (key === 'reference' && typeof v === 'string' ? [v] : references(v)))
        : [];
    const all = Object.values(files).flatMap((lines) => lines.flatMap(references)).filter((r) => !r.startsWith('#'));
    expect(all.length).toBeGreaterThan(0);
    for (const reference of all) expect(published, reference).toContain(reference);

    const location = files.Location.find((l: any) => l.id === site.id);
    expect(location).toMatchObject({ resourceType: 'Location', name: 'Maison de santé test', position: { latitude: 44.5, longitude: 1.4 } });
    expect(location.address).toMatchObject({ country: 'FR', state: await isoOf(zone.insee), postalCode: expect.stringMatching(/^\d{5}$/), city: expect.any(String), line: [expect.any(String)] });
    expect(location.telecom).toEqual([
      { system: 'phone', value: expect.any(String), use: 'work' },
      { system: 'url', value: `${env.PUBLIC_URL}/recherche?commune=${zone.insee}`, use: 'work' },
    ]);
    // Location first; the doctor through their role (no Practitioner file).
    const schedule = files.Schedule.find((s: any) => s.id === `${site.id}.${doctor.rpps}`);
    expect(schedule.actor).toEqual([{ reference: `Location/${site.id}`, display: 'Maison de santé test' }, { reference: `PractitionerRole/${site.id}.${doctor.rpps}` }]);
    const role = files.PractitionerRole.find((r: any) => r.id === `${site.id}.${doctor.rpps}`);
    expect(role.identifier).toEqual([{ system: 'urn:oid:1.2.250.1.71.4.2.1', value: `8${doctor.rpps}` }]);
    expect(role.practitioner).toEqual({ identifier: { system: 'urn:oid:1.2.250.1.71.4.2.1', value: `8${doctor.rpps}` }, display: 'Claire Martin' });
    // The FHIR door, where Practitioner is read, still names the doctor as an actor.
    const read = (await client.get(`/fhir/Schedule/${site.id}.${doctor.rpps}`)).body;
    expect(read.actor[0]).toEqual({ reference: `Location/${site.id}`, display: 'Maison de santé test' });
    expect(read.actor).toContainEqual({ reference: `Practitioner/${doctor.rpps}` });
  });

  it('is 404 for an unknown type or region file, as an OperationOutcome', async () => {
    const res = await api({ now: NOW }).get('/fhir/bulk/Patient/84.ndjson');
    expect(res.status).toBe(404);
    expect(res.headers.get('content-type')).toMatch(/^application\/fhir\+json/);
    expect((await validR4(res.body)).issue[0].details.coding[0].code).toBe('not_found');
    // Asked at http://api.test: the code system is the configured base's, not the request's host.
    expect(res.body.issue[0].details.coding[0].system).toBe(`${env.PUBLIC_URL}/problems`);
  });

  it('lists every slot of the window once, across mission days and months', async () => {
    const client = api({ now: NOW });
    const zone = await newZone(client);
    const site = await newSite(client, zone);
    const doctor = await namedDoctor();
    // 3 missions × 18 slots of 10 minutes; paging itself is tested in src/fhir/bulk/ndjson-stream.test.ts.
    for (const date of ['2026-12-14', '2026-12-15', '2027-01-12']) await newMission(client, doctor.token, site.id, { date, start: '09:00', end: '12:00', slotMinutes: 10 });
    const lines = ndjsonLines(await fetchText(client, await regionOf(zone.insee)));
    expect(lines.filter((s) => s.schedule.reference === `Schedule/${site.id}.${doctor.rpps}`)).toHaveLength(54);
    expect(new Set(lines.map((s) => s.id)).size).toBe(lines.length);
  });

  it('resumes a page inside a mission and across missions: small pages read the same file', async () => {
    const client = api({ now: NOW });
    const zone = await newZone(client);
    const site = await newSite(client, zone);
    const doctor = await namedDoctor();
    for (const date of ['2026-12-14', '2026-12-15', '2027-01-12']) await newMission(client, doctor.token, site.id, { date, start: '09:00', end: '10:00', slotMinutes: 10 });
    const region = await regionOf(zone.insee);
    const ours = (text: string) => ndjsonLines(text).filter((s) => s.schedule.reference === `Schedule/${site.id}.${doctor.rpps}`);
    const whole = ours(await fetchText(client, region));
    const config = configOf(env);
    const window = { from: NOW, to: new Date(NOW.getTime() + config.BULK_SLOT_DAYS * DAY) };
    const fhir = { base: `${config.PUBLIC_URL}/fhir`, publicUrl: config.PUBLIC_URL, callCentre: config.CALL_CENTRE_PHONE };
    // 7 does not divide a mission's 6 slots: pages end inside missions and at their ends.
    const db = createRequestDb(() => configOf(env), () => undefined);
    const paged = await new Response(ndjsonStream(db, sourceOf('Slot', regionName(region)!, window, fhir), 7)).text();
    expect(whole).toHaveLength(18);
    expect(ours(paged)).toEqual(whole);
  });
});

describe('the publication’s own budget', () => {
  it('answers 429 as an OperationOutcome past 120 requests a minute from one address, apart from reference reads', async () => {
    // The binding counts in fixed one-minute windows: start well inside one.
    const msLeft = 60_000 - (Date.now() % 60_000);
    if (msLeft < 10_000) await new Promise((resolve) => setTimeout(resolve, msLeft + 100));
    const client = api({ now: NOW });
    const address = `198.51.100.${Math.floor(Math.random() * 250) + 1}`;
    // An unknown file: the budget is spent before the file is looked at, and no database is needed.
    const fetchOne = () => client.request('GET', '/fhir/bulk/Patient/84.ndjson', { headers: { 'cf-connecting-ip': address } });
    const answers = await Promise.all(Array.from({ length: 120 }, fetchOne));
    expect(answers.every((r) => r.status === 404)).toBe(true);
    const refused = await fetchOne();
    expect(refused.status).toBe(429);
    expect(refused.headers.get('content-type')).toMatch(/^application\/fhir\+json/);
    expect(refused.body.issue[0].details.coding[0].code).toBe('rate_limited');
    expect(refused.headers.get('retry-after')).toBe('60');
    // Reference reads keep their own budget.
    expect((await client.request('GET', '/fhir/metadata', { headers: { 'cf-connecting-ip': address } })).status).toBe(200);
  }, 60_000);
});

async function fetchText(client: ReturnType<typeof api>, region: string): Promise<string> {
  const res = await client.get(`/fhir/bulk/Slot/${region}.ndjson`);
  expect(res.status).toBe(200);
  // The helper parses a one-line file as JSON: turn it back into its text.
  if (res.body === undefined) return '';
  return typeof res.body === 'string' ? res.body : `${JSON.stringify(res.body)}\n`;
}

async function slotsOf(missionId: string) {
  return sql<{ id: string }>('SELECT id FROM slots WHERE mission_id = $1 ORDER BY starts_at', [missionId]);
}
