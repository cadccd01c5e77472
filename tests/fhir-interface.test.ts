// The FHIR R4 door: CapabilityStatement, reads, the SAS slot search, booking and cancelling. Every
// resource and Bundle it answers is validated as base R4 by an independent validator.
import { describe, expect, it } from 'vitest';
import { api } from './helpers/api';
import { env } from './helpers/env';
import { namedDoctor, validR4 } from './helpers/fhir';
import { idemKey, newDoctor, newMission, newSite, newZone } from './helpers/fixtures';
import { letters } from './helpers/names';
import { sql } from './helpers/sql';
import { token } from './helpers/tokens';

const NOW = new Date('2026-12-01T08:00:00Z');
const RPPS_SYSTEM = 'urn:oid:1.2.250.1.71.4.2.1';
const FHIR_JSON = /^application\/fhir\+json/;
const BASE = `${env.PUBLIC_URL}/fhir`;
const NO_OVERBILLING = `${BASE}/StructureDefinition/no-overbilling`;

async function supply(slots = 6) {
  const client = api({ now: NOW });
  const zone = await newZone(client);
  const site = await newSite(client, zone);
  const doctor = await namedDoctor('Jean', 'Dupont');
  const end = `${String(9 + Math.floor((slots * 20) / 60)).padStart(2, '0')}:${String((slots * 20) % 60).padStart(2, '0')}`;
  const mission = await newMission(client, doctor.token, site.id, {
    date: '2026-12-10',
    start: '09:00',
    end,
    slotMinutes: 20,
  });
  const slotIds = (
    await sql<{ id: string }>('SELECT id FROM slots WHERE mission_id = $1 ORDER BY starts_at', [mission.id])
  ).map((s) => s.id);
  return { client, zone, site, doctor, mission, slotIds };
}

const appointmentBody = (slotId: string, overrides: Record<string, unknown> = {}) => ({
  resourceType: 'Appointment',
  status: 'booked',
  contained: [
    {
      resourceType: 'Patient',
      id: 'p',
      name: [{ family: `Test-${letters()}`, given: ['Jeanne'] }],
      birthDate: '1950-06-15',
      telecom: [{ system: 'phone', value: `061${String(Math.floor(Math.random() * 1e7)).padStart(7, '0')}` }],
    },
  ],
  slot: [{ reference: `Slot/${slotId}` }],
  participant: [{ actor: { reference: '#p' }, status: 'accepted' }],
  extension: [{ url: NO_OVERBILLING, valueBoolean: true }],
  ...overrides,
});

const sasQuery = (rpps: string[], extra = '') =>
  `/fhir/Slot?_include=Slot:schedule&_include:iterate=Schedule:actor&start=ge2026-12-10T00:00:00%2B01:00&start=le2026-12-11T00:00:00%2B01:00` +
  `&schedule.actor:Practitioner.identifier=${rpps.map((r) => encodeURIComponent(`${RPPS_SYSTEM}|8${r}`)).join(',')}&status=free${extra}`;

const issueCode = (body: any) => body.issue[0].details.coding[0].code;

describe('GET /fhir/metadata', () => {
  it('is a valid CapabilityStatement naming the reads, the Slot search and Appointment create/patch', async () => {
    const res = await api({ now: NOW }).get('/fhir/metadata');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(FHIR_JSON);
    const statement = await validR4(res.body);
    expect(statement.fhirVersion).toBe('4.0.1');
    const types = statement.rest[0].resource.map((r: any) => r.type);
    expect(types).toEqual([
      'Slot',
      'Schedule',
      'Location',
      'Practitioner',
      'PractitionerRole',
      'Appointment',
      'StructureDefinition',
    ]);
    expect(statement.rest[0].resource[5].interaction.map((i: any) => i.code)).toEqual(['read', 'create', 'patch']);
    expect(statement.rest[0].resource[6].documentation).toContain(NO_OVERBILLING);
    // No empty arrays anywhere; includes as searchInclude, not as pseudo search parameters.
    const empties: string[] = [];
    const walk = (value: unknown, path: string) => {
      if (Array.isArray(value)) {
        if (!value.length) empties.push(path);
        value.forEach((v, i) => walk(v, `${path}[${i}]`));
      } else if (value && typeof value === 'object')
        for (const [k, v] of Object.entries(value)) walk(v, `${path}.${k}`);
    };
    walk(statement, 'CapabilityStatement');
    expect(empties).toEqual([]);
    const slot = statement.rest[0].resource[0];
    expect(slot.searchInclude).toEqual(['Slot:schedule', 'Schedule:actor']);
    expect(slot.searchParam.map((p: any) => p.name).filter((n: string) => n.startsWith('_include'))).toEqual([]);
    expect(statement.rest[0].resource[5].conditionalCreate).toBeUndefined();
  });
});

describe('GET /fhir/StructureDefinition/no-overbilling', () => {
  it('resolves the extension URL an Appointment carries to its definition, valid R4: a boolean on Appointment, true', async () => {
    const client = api({ now: NOW });
    const res = await client.get(new URL(NO_OVERBILLING).pathname);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(FHIR_JSON);
    const definition = await validR4(res.body);
    expect(definition).toMatchObject({
      resourceType: 'StructureDefinition',
      id: 'no-overbilling',
      url: NO_OVERBILLING,
      fhirVersion: '4.0.1',
      kind: 'complex-type',
      abstract: false,
      type: 'Extension',
      baseDefinition: 'http://hl7.org/fhir/StructureDefinition/Extension',
      derivation: 'constraint',
      context: [{ type: 'element', expression: 'Appointment' }],
    });
    const elements = Object.fromEntries(definition.differential.element.map((e: any) => [e.id, e]));
    expect(elements['Extension.url'].fixedUri).toBe(NO_OVERBILLING);
    expect(elements['Extension.value[x]']).toMatchObject({ min: 1, type: [{ code: 'boolean' }], patternBoolean: true });
  });

  it('is 404 for any other StructureDefinition', async () => {
    const res = await api({ now: NOW }).get('/fhir/StructureDefinition/booking-phone');
    expect(res.status).toBe(404);
    expect(issueCode(await validR4(res.body))).toBe('not_found');
  });
});

describe('FHIR reads', () => {
  it('serves Slot, Schedule, Location, Practitioner and PractitionerRole by id, valid R4 with their profiles', async () => {
    const { client, site, doctor, slotIds } = await supply();
    const scheduleId = `${site.id}.${doctor.rpps}`;
    for (const path of [
      `Slot/${slotIds[0]}`,
      `Schedule/${scheduleId}`,
      `Location/${site.id}`,
      `Practitioner/${doctor.rpps}`,
      `PractitionerRole/${scheduleId}`,
    ]) {
      const res = await client.get(`/fhir/${path}`);
      expect(res.status, path).toBe(200);
      expect(res.headers.get('content-type')).toMatch(FHIR_JSON);
      await validR4(res.body);
      expect(`${res.body.resourceType}/${res.body.id}`).toBe(path);
      expect(res.body.meta.profile.length).toBeGreaterThan(0);
    }
    const practitioner = (await client.get(`/fhir/Practitioner/${doctor.rpps}`)).body;
    expect(practitioner.identifier[0]).toMatchObject({ system: RPPS_SYSTEM, value: `8${doctor.rpps}` });
    expect(practitioner.name).toEqual([{ use: 'official', family: 'Dupont', given: ['Jean'] }]);
    expect((await client.get(`/fhir/Slot/${slotIds[0]}`)).body).toMatchObject({
      status: 'free',
      start: '2026-12-10T09:00:00+01:00',
      schedule: { reference: `Schedule/${scheduleId}` },
    });
  });

  it('maps a doctor whose token carried no name without one', async () => {
    const client = api({ now: NOW });
    const zone = await newZone(client);
    const site = await newSite(client, zone);
    const doctor = await newDoctor();
    await newMission(client, doctor.token, site.id, { date: '2026-12-11' });
    const res = await client.get(`/fhir/Practitioner/${doctor.rpps}`);
    expect(res.status).toBe(200);
    expect((await validR4(res.body)).name).toBeUndefined();
  });

  it('keeps the name the doctor’s token carried at their latest mission declaration', async () => {
    const { client, site, doctor } = await supply(1);
    const renamed = await token('doctor', {
      sub: `dr-${doctor.rpps}`,
      rpps: doctor.rpps,
      given_name: 'Jean-Marc',
      family_name: 'Dupont-Leroy',
    });
    await newMission(client, renamed, site.id, { date: '2026-12-17' });
    const [stored] = await sql<{ given_name: string; family_name: string }>(
      'SELECT given_name, family_name FROM doctors WHERE rpps = $1',
      [doctor.rpps],
    );
    expect(stored).toEqual({ given_name: 'Jean-Marc', family_name: 'Dupont-Leroy' });
    expect((await client.get(`/fhir/Practitioner/${doctor.rpps}`)).body.name).toEqual([
      { use: 'official', family: 'Dupont-Leroy', given: ['Jean-Marc'] },
    ]);
  });

  it('answers 404 as an OperationOutcome with the catalogue code, for unknown and malformed ids alike', async () => {
    const client = api({ now: NOW });
    for (const path of [
      'Slot/00000000-0000-4000-8000-000000000000',
      'Slot/nope',
      'Schedule/x.y',
      'Practitioner/123',
      'Location/%27',
      'Nothing/1',
    ]) {
      const res = await client.get(`/fhir/${path}`);
      expect(res.status, path).toBe(404);
      expect(res.headers.get('content-type')).toMatch(FHIR_JSON);
      expect(issueCode(await validR4(res.body))).toBe('not_found');
    }
  });
});

describe('GET /fhir/Slot (the SAS search)', () => {
  it('answers a searchset with total, the matches, and the included Schedule, Practitioner and PractitionerRole (Location contained)', async () => {
    const { client, site, doctor, slotIds } = await supply(4);
    const other = await supply(2);
    const res = await client.get(sasQuery([doctor.rpps, other.doctor.rpps]));
    expect(res.status).toBe(200);
    const bundle = await validR4(res.body);
    expect(bundle).toMatchObject({ resourceType: 'Bundle', type: 'searchset', total: 6 });
    expect(bundle.meta.profile).toContain('http://sas.fr/fhir/StructureDefinition/BundleAgregateur');
    const matches = bundle.entry.filter((e: any) => e.search.mode === 'match').map((e: any) => e.resource.id);
    expect(matches).toEqual(expect.arrayContaining([...slotIds, ...other.slotIds]));
    const included = bundle.entry
      .filter((e: any) => e.search.mode === 'include')
      .map((e: any) => `${e.resource.resourceType}/${e.resource.id}`);
    expect(included).toEqual(
      expect.arrayContaining([
        `Schedule/${site.id}.${doctor.rpps}`,
        `Practitioner/${doctor.rpps}`,
        `PractitionerRole/${site.id}.${doctor.rpps}`,
        `Location/${site.id}`,
      ]),
    );
    const role = bundle.entry.find(
      (e: any) => e.resource.resourceType === 'PractitionerRole' && e.resource.id === `${site.id}.${doctor.rpps}`,
    ).resource;
    expect(role.contained[0]).toMatchObject({ resourceType: 'Location', id: 'location' });
    expect(role.location[0].reference).toBe('#location');
    for (const e of bundle.entry) expect(e.fullUrl).toBe(`${BASE}/${e.resource.resourceType}/${e.resource.id}`);
  });

  it('pages with _count and a next link that the client follows to the end', async () => {
    const { client, doctor, slotIds } = await supply(5);
    const seen: string[] = [];
    let url: string | undefined = sasQuery([doctor.rpps], '&_count=2');
    while (url) {
      const res: { status: number; body: any } = await client.get(url.replace(BASE, '/fhir'));
      expect(res.status).toBe(200);
      const bundle: any = await validR4(res.body);
      expect(bundle.total).toBe(5);
      seen.push(...bundle.entry.filter((e: any) => e.search.mode === 'match').map((e: any) => e.resource.id));
      url = bundle.link.find((l: any) => l.relation === 'next')?.url;
    }
    expect(seen).toEqual(slotIds);
  });

  it('leaves out held and booked slots, and searches by zone and by postcode too', async () => {
    const { client, zone, slotIds, doctor } = await supply(3);
    expect((await client.post('/v1/holds', { slotId: slotIds[0] }, await token('patient'))).status).toBe(201);
    const bySas = await client.get(sasQuery([doctor.rpps]));
    expect(bySas.body.total).toBe(2);
    const range = 'start=ge2026-12-10&start=le2026-12-10&status=free';
    const byZone = await client.get(`/fhir/Slot?${range}&zone=${zone.siren}`);
    expect(byZone.status).toBe(200);
    expect((await validR4(byZone.body)).entry.map((e: any) => e.resource.id)).toEqual(slotIds.slice(1));
    const byPostcode = await client.get(
      `/fhir/Slot?${range}&schedule.actor:Location.address-postalcode=${zone.postcode}`,
    );
    expect(byPostcode.body.entry.map((e: any) => e.resource.id)).toEqual(expect.arrayContaining(slotIds.slice(1)));
  });

  it('an empty search says, in an information OperationOutcome, when the next free slot and the next mission day are', async () => {
    const { client, zone, slotIds, doctor } = await supply(1);
    const patient = await token('patient');
    expect(
      (
        await client.request('POST', '/fhir/Appointment', {
          token: patient,
          body: appointmentBody(slotIds[0]),
          headers: { 'idempotency-key': idemKey(), 'content-type': 'application/fhir+json' },
        })
      ).status,
    ).toBe(201);
    await newMission(client, doctor.token, (await newSite(client, zone)).id, {
      date: '2027-01-05',
      start: '14:00',
      end: '15:00',
      slotMinutes: 20,
    });
    const hint = (code: string) => ({
      severity: 'information',
      code: 'informational',
      details: { coding: [{ system: `${BASE}/CodeSystem/search-hint`, code }], text: expect.any(String) },
      diagnostics: expect.any(String),
    });
    for (const path of [
      `/fhir/Slot?start=ge2026-12-01&start=le2026-12-14&status=free&zone=${zone.siren}`,
      sasQuery([doctor.rpps]).replace('2026-12-11', '2026-12-14'),
    ]) {
      const bundle: any = await validR4((await client.get(path)).body);
      expect(bundle.total, path).toBe(0);
      expect(bundle.entry).toEqual([
        {
          fullUrl: expect.stringMatching(/^urn:uuid:/),
          resource: expect.objectContaining({ resourceType: 'OperationOutcome' }),
          search: { mode: 'outcome' },
        },
      ]);
      const { issue } = bundle.entry[0].resource;
      expect(issue).toEqual([hint('next-available'), hint('next-mission-day')]);
      expect(issue.map((i: any) => i.diagnostics)).toEqual(['2027-01-05T14:00:00+01:00', '2026-12-10']);
    }
    // A search that finds slots has no outcome.
    const found: any = await client.get(
      `/fhir/Slot?start=ge2027-01-05&start=le2027-01-05&status=free&zone=${zone.siren}`,
    );
    expect(found.body.entry.map((e: any) => e.search.mode)).toEqual(['match', 'match', 'match']);
  });

  it('refuses a search it cannot answer exactly with a 400 OperationOutcome listing the parameters', async () => {
    const client = api({ now: NOW });
    const rpps = Array.from({ length: 26 }, (_, i) => String(10000000000 + i));
    const cases = [
      sasQuery(rpps),
      sasQuery(['12345678901']).replace('&status=free', ''),
      sasQuery(['12345678901']).replace('start=ge', 'start=gt'),
      sasQuery(['12345678901']).replace('%7C8', '%7C9'),
      '/fhir/Slot?start=ge2026-12-10&start=le2026-12-11&status=free',
      `${sasQuery(['12345678901'])}&_count=0`,
      `${sasQuery(['12345678901'])}&_cursor=nope`,
    ];
    for (const path of cases) {
      const res = await client.get(path);
      expect(res.status, path).toBe(400);
      expect(res.headers.get('content-type')).toMatch(FHIR_JSON);
      expect(['validation_failed', 'invalid_cursor']).toContain(issueCode(await validR4(res.body)));
    }
    const backwards = await client.get('/fhir/Slot?start=ge2026-12-11&start=le2026-12-10&status=free&zone=200000000');
    expect(issueCode(backwards.body)).toBe('invalid_range');
  });

  it('lists each invalid parameter or field as its own issue, with its expression', async () => {
    const client = api({ now: NOW });
    const search = await client.get('/fhir/Slot?start=gt2026-12-10&status=busy&zone=12&_count=0');
    expect(search.status).toBe(400);
    const issues = (await validR4(search.body)).issue;
    expect(
      issues.every(
        (i: any) => i.severity === 'error' && i.code === 'invalid' && i.details.coding[0].code === 'validation_failed',
      ),
    ).toBe(true);
    expect(issues.map((i: any) => i.expression)).toEqual(
      expect.arrayContaining([['http.status'], ['http.start'], ['http.zone'], ['http._count']]),
    );
    expect(issues.every((i: any) => i.diagnostics && !/field\(s\)/.test(i.diagnostics))).toBe(true);

    const { slotIds } = await supply(1);
    const body = appointmentBody(slotIds[0], { slot: [{ reference: 'Slot/1' }] });
    const refused = await client.post('/fhir/Appointment', body, await token('patient'), {
      'idempotency-key': idemKey(),
    });
    expect(refused.status).toBe(400);
    expect((await validR4(refused.body)).issue.map((i: any) => i.expression)).toEqual([
      ['Appointment.slot[0].reference'],
    ]);
    const person = appointmentBody(slotIds[0]);
    person.contained[0].birthDate = '1990-13-45';
    person.contained[0].telecom.push({ system: 'email', value: 'nope' });
    const both = await client.post('/fhir/Appointment', person, await token('patient'), {
      'idempotency-key': idemKey(),
    });
    expect(both.status).toBe(400);
    expect(both.body.issue.map((i: any) => i.expression[0]).sort()).toEqual([
      'Appointment.contained[0].birthDate',
      "Appointment.contained[0].telecom.where(system='email')",
    ]);
  });
});

describe('POST /fhir/Appointment and PATCH', () => {
  it('books (201, Location), reads, replays safely, and cancels by a status change', async () => {
    const { client, slotIds, doctor } = await supply(2);
    const patient = await token('patient');
    const key = idemKey();
    const body = appointmentBody(slotIds[0]);
    const created = await client.request('POST', '/fhir/Appointment', {
      token: patient,
      body,
      headers: { 'idempotency-key': key, 'content-type': 'application/fhir+json' },
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const appointment = await validR4(created.body);
    expect(created.headers.get('location')).toBe(`${BASE}/Appointment/${appointment.id}`);
    expect(appointment).toMatchObject({
      status: 'booked',
      slot: [{ reference: `Slot/${slotIds[0]}` }],
      start: '2026-12-10T09:00:00+01:00',
    });
    expect(appointment.participant[1].actor.reference).toBe(`Practitioner/${doctor.rpps}`);
    expect(appointment.contained[0].telecom[0].value).toMatch(/^\+336/);

    const again = await client.request('POST', '/fhir/Appointment', {
      token: patient,
      body,
      headers: { 'idempotency-key': key },
    });
    expect(again.status).toBe(201);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(again.body.id).toBe(appointment.id);

    const read = await client.get(`/fhir/Appointment/${appointment.id}`, patient);
    expect(read.status).toBe(200);
    await validR4(read.body);
    expect((await client.get(`/fhir/Appointment/${appointment.id}`, await token('patient'))).status).toBe(404);

    const refused = await client.request('PATCH', `/fhir/Appointment/${appointment.id}`, {
      token: patient,
      body: [{ op: 'replace', path: '/start', value: '2026-12-10T10:00:00+01:00' }],
    });
    expect(refused.status).toBe(422);
    expect(issueCode(refused.body)).toBe('unsupported_change');
    const cancelled = await client.request('PATCH', `/fhir/Appointment/${appointment.id}`, {
      token: patient,
      body: [{ op: 'replace', path: '/status', value: 'cancelled' }],
    });
    expect(cancelled.status).toBe(200);
    expect((await validR4(cancelled.body)).status).toBe('cancelled');
    expect((await client.get(`/fhir/Slot/${slotIds[0]}`)).body.status).toBe('free');
  });

  it('versions an Appointment (meta.versionId, ETag), cancels only the version named by If-Match (412 otherwise), and answers 405 to other interactions', async () => {
    const { client, slotIds } = await supply(2);
    const patient = await token('patient');
    const created = await client.request('POST', '/fhir/Appointment', {
      token: patient,
      body: appointmentBody(slotIds[0]),
      headers: { 'idempotency-key': idemKey() },
    });
    expect(created.status).toBe(201);
    const v1 = created.body.meta.versionId;
    expect(v1).toMatch(/^[A-Za-z0-9.-]{1,64}$/);
    expect(created.headers.get('etag')).toBe(`W/"${v1}"`);
    const read = await client.get(`/fhir/Appointment/${created.body.id}`, patient);
    expect((await validR4(read.body)).meta.versionId).toBe(v1);
    expect(read.headers.get('etag')).toBe(`W/"${v1}"`);

    // Moved through REST an instant later: the version the client read is stale.
    // At a clock with milliseconds: the version keeps them, and If-Match compares them exactly.
    const moved = await api({ now: new Date(NOW.getTime() + 1234) }).post(
      `/v1/bookings/${created.body.id}/reschedule`,
      { slotId: slotIds[1] },
      patient,
      { 'idempotency-key': idemKey() },
    );
    expect(moved.status).toBe(200);
    const cancel = (ifMatch: string) =>
      client.request('PATCH', `/fhir/Appointment/${created.body.id}`, {
        token: patient,
        body: [{ op: 'replace', path: '/status', value: 'cancelled' }],
        headers: { 'if-match': ifMatch },
      });
    for (const stale of [`W/"${v1}"`, '"nope"']) {
      const refused = await cancel(stale);
      expect(refused.status, stale).toBe(412);
      expect(issueCode(await validR4(refused.body))).toBe('version_mismatch');
    }
    const v2 = (await client.get(`/fhir/Appointment/${created.body.id}`, patient)).body.meta.versionId;
    expect(v2).toBe(String(NOW.getTime() + 1234));
    const cancelled = await cancel(`W/"${v2}"`);
    expect(cancelled.status).toBe(200);
    expect(cancelled.body.status).toBe('cancelled');
    expect(cancelled.body.meta.versionId).not.toBe(v2);
    expect(cancelled.headers.get('etag')).toBe(`W/"${cancelled.body.meta.versionId}"`);

    const cases: Array<[string, string, string]> = [
      ['PUT', `/fhir/Appointment/${created.body.id}`, 'GET, HEAD, PATCH'],
      ['DELETE', `/fhir/Appointment/${created.body.id}`, 'GET, HEAD, PATCH'],
      ['GET', '/fhir/Appointment', 'POST'],
      ['POST', '/fhir/Slot', 'GET, HEAD'],
      ['DELETE', `/fhir/Slot/${slotIds[0]}`, 'GET, HEAD'],
      ['PUT', '/fhir/Location/x', 'GET, HEAD'],
      ['POST', '/fhir/metadata', 'GET, HEAD'],
    ];
    for (const [method, path, allow] of cases) {
      const res = await client.request(method, path, { token: patient, ...(method === 'GET' ? {} : { body: {} }) });
      expect(res.status, `${method} ${path}`).toBe(405);
      expect(res.headers.get('allow')).toBe(allow);
      expect(res.headers.get('content-type')).toMatch(FHIR_JSON);
      expect(issueCode(await validR4(res.body))).toBe('method_not_allowed');
    }
    expect((await client.request('DELETE', '/fhir/Patient/1', { token: patient })).status).toBe(404);
    expect((await client.get(`/fhir/Appointment/${created.body.id}`, patient)).body.status).toBe('cancelled');
  });

  it('refuses If-None-Exist (no conditional create: the Idempotency-Key makes a retry safe) and books nothing', async () => {
    const { client, slotIds } = await supply(1);
    const integrator = await token('integrator', { client_id: `app-${crypto.randomUUID()}` });
    const headers = {
      'if-none-exist': `identifier=https://app.example.fr|${crypto.randomUUID()}`,
      'idempotency-key': idemKey(),
    };
    const refused = await client.request('POST', '/fhir/Appointment', {
      token: integrator,
      body: appointmentBody(slotIds[0]),
      headers,
    });
    expect(refused.status).toBe(400);
    expect(issueCode(await validR4(refused.body))).toBe('conditional_create_unsupported');
    expect((await client.get(`/fhir/Slot/${slotIds[0]}`)).body.status).toBe('free');
  });

  it('refuses with the same codes as REST, as OperationOutcomes, and changes nothing', async () => {
    const { client, slotIds } = await supply(1);
    const patient = await token('patient');
    const post = (
      body: unknown,
      headers: Record<string, string> = { 'idempotency-key': idemKey() },
      bearer: string | null = patient,
    ) => client.request('POST', '/fhir/Appointment', { token: bearer ?? undefined, body, headers });
    const cases: Array<[Promise<any>, number, string]> = [
      [post(appointmentBody(slotIds[0]), {}), 400, 'idempotency_key_required'],
      [post(appointmentBody(slotIds[0], { extension: [] })), 422, 'overbilling_not_allowed'],
      [post(appointmentBody(slotIds[0], { slot: [{ reference: 'Slot/1' }] })), 400, 'validation_failed'],
      [post({ resourceType: 'Patient' }), 400, 'validation_failed'],
      [post(appointmentBody('00000000-0000-4000-8000-000000000000')), 404, 'not_found'],
      [post(appointmentBody(slotIds[0]), undefined, null), 401, 'unauthorized'],
      [post(appointmentBody(slotIds[0]), undefined, await token('doctor', { rpps: '12345678901' })), 403, 'forbidden'],
      [
        client.request('POST', '/fhir/Appointment', {
          token: patient,
          rawBody: '{not json',
          headers: { 'idempotency-key': idemKey() },
        }),
        400,
        'bad_request',
      ],
    ];
    for (const [request, status, code] of cases) {
      const res = await request;
      expect(res.status, code).toBe(status);
      expect(res.headers.get('content-type')).toMatch(FHIR_JSON);
      expect(issueCode(await validR4(res.body))).toBe(code);
    }
    const invalid = await post(
      appointmentBody(slotIds[0], {
        contained: [{ ...appointmentBody(slotIds[0]).contained[0], birthDate: 'yesterday' }],
      }),
    );
    expect(invalid.body.issue[0].diagnostics).toBeDefined();
    expect((await client.get(`/fhir/Slot/${slotIds[0]}`)).body.status).toBe('free');
  });

  it('audits an agent’s booking and read through FHIR like REST does', async () => {
    const { client, slotIds } = await supply(1);
    const agent = await token('agent', { sub: `agent-${crypto.randomUUID()}` });
    const created = await client.request('POST', '/fhir/Appointment', {
      token: agent,
      body: appointmentBody(slotIds[0]),
      headers: { 'idempotency-key': idemKey(), 'x-call-reference': 'CALL-42' },
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    expect(
      (await client.get(`/fhir/Appointment/${created.body.id}`, agent, { 'x-call-reference': 'CALL-1' })).status,
    ).toBe(200);
    const audit = await sql<{ action: string }>('SELECT action FROM audit_events WHERE booking_id = $1 ORDER BY id', [
      created.body.id,
    ]);
    expect(audit.map((a) => a.action)).toEqual(['booking.create', 'booking.read']);
  });
});

describe('FHIR door errors', () => {
  it('never answers problem+json: a bad token is an OperationOutcome too', async () => {
    const res = await api({ now: NOW }).request('GET', '/fhir/Appointment/00000000-0000-4000-8000-000000000000', {
      headers: { authorization: 'Bearer nope' },
    });
    expect(res.status).toBe(401);
    expect(res.headers.get('content-type')).toMatch(FHIR_JSON);
    expect(issueCode(await validR4(res.body))).toBe('invalid_token');
  });
});
