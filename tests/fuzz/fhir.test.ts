// The FHIR door is not in the OpenAPI document the other fuzz groups read: its operations are fuzzed
// here. Whatever the input, no 5xx, always application/fhir+json, an error is an OperationOutcome
// with a catalogued code, and a refused booking books nothing.
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { PROBLEMS } from '../../src/domain/problems';
import { api } from '../helpers/api';
import { env } from '../helpers/env';
import { newDoctor, newMission, newSite, newZone } from '../helpers/fixtures';
import { sql } from '../helpers/sql';
import { token } from '../helpers/tokens';
import { RUNS } from './harness';

const NOW = new Date('2026-12-01T08:00:00Z');
// The limiter off: a 429 would hide what the operation itself answers.
const client = api({ now: NOW, env: { RATE_LIMIT_ENABLED: '0' } });
let slotIds: string[] = [];
let rpps = '';
let siren = '';

beforeAll(async () => {
  const zone = await newZone(client);
  const site = await newSite(client, zone);
  const doctor = await newDoctor();
  const mission = await newMission(client, doctor.token, site.id, {
    date: '2026-12-10',
    start: '09:00',
    end: '12:00',
    slotMinutes: 10,
  });
  slotIds = (
    await sql<{ id: string }>('SELECT id FROM slots WHERE mission_id = $1 ORDER BY starts_at', [mission.id])
  ).map((s) => s.id);
  rpps = doctor.rpps;
  siren = zone.siren;
});

function expectFhirAnswer(res: { status: number; headers: Headers; body: any }, what: string) {
  // The one 5xx a read may give: bulk files before their first generation (this file runs none).
  const code = res.body?.issue?.[0]?.details?.coding?.[0]?.code;
  if (res.status === 503 && code === 'publication_pending' && res.headers.get('retry-after')) return;
  expect(res.status, `${what} → ${JSON.stringify(res.body)}`).toBeLessThan(500);
  if (res.status === 304) return;
  expect(res.headers.get('content-type'), what).toMatch(/^application\/(fhir\+json|json|fhir\+ndjson)/);
  if (res.status >= 400) {
    expect(res.body.resourceType, what).toBe('OperationOutcome');
    expect(Object.keys(PROBLEMS), what).toContain(res.body.issue[0].details.coding[0].code);
  }
}

const hostile = fc.oneof(
  fc.string(),
  fc.string({ unit: 'grapheme' }),
  fc.constantFrom(
    '',
    'ge',
    'le2026-13-45',
    'ge0000-01-01',
    'ge2026-12-10T25:00:00Z',
    '%',
    '%00',
    '\u0000',
    '9'.repeat(400),
    'free',
    'busy',
    '-1',
    '1e9',
  ),
);
const date = fc.constantFrom(
  '2026-12-10',
  '2026-12-10T00:00:00+01:00',
  '2026-12-11T23:59:59Z',
  '2026-02-30',
  '1999-01-01',
);

describe('the FHIR door under generated input', () => {
  it('GET /fhir/Slot: any search parameters', async () => {
    const param = fc.oneof(
      fc.tuple(
        fc.constant('start'),
        fc.oneof(
          date.map((d) => `ge${d}`),
          date.map((d) => `le${d}`),
          hostile,
        ),
      ),
      fc.tuple(fc.constant('status'), fc.oneof(fc.constant('free'), hostile)),
      fc.tuple(
        fc.constant('schedule.actor:Practitioner.identifier'),
        fc.oneof(fc.constant(`urn:oid:1.2.250.1.71.4.2.1|8${rpps}`), hostile),
      ),
      fc.tuple(fc.constant('zone'), fc.oneof(fc.constant(siren), hostile)),
      fc.tuple(fc.constant('schedule.actor:Location.address-postalcode'), hostile),
      fc.tuple(
        fc.constantFrom('_count', '_cursor', '_include', '_include:iterate', hostile as fc.Arbitrary<string>),
        hostile,
      ),
    );
    await fc.assert(
      fc.asyncProperty(fc.array(param, { maxLength: 8 }), async (params) => {
        const query = new URLSearchParams(params as [string, string][]).toString();
        expectFhirAnswer(await client.get(`/fhir/Slot?${query}`), query);
      }),
      { numRuns: RUNS },
    );
  });

  it('reads: any type and id', async () => {
    const type = fc.constantFrom(
      'Slot',
      'Schedule',
      'Location',
      'Practitioner',
      'PractitionerRole',
      'Appointment',
      'bulk/Slot',
    );
    const id = fc.oneof(
      fc.constantFrom(slotIds[0] ?? 'x', `${slotIds[0]}.${rpps}`, rpps, '84.ndjson'),
      fc.uuid(),
      hostile,
    );
    const bearer = await token('patient');
    await fc.assert(
      fc.asyncProperty(type, id, fc.boolean(), async (t, i, withToken) => {
        const path = `/fhir/${t}/${encodeURIComponent(i)}`;
        expectFhirAnswer(await client.get(path, withToken ? bearer : undefined), path);
      }),
      { numRuns: RUNS },
    );
  });

  it('POST /fhir/Appointment and PATCH: any body books nothing unless it is a valid booking', async () => {
    const patient = fc.record(
      {
        resourceType: fc.oneof(fc.constant('Patient'), hostile),
        name: fc.oneof(fc.constant([{ family: 'Martin', given: ['Jeanne'] }]), fc.anything()),
        birthDate: fc.oneof(fc.constant('1950-06-15'), hostile),
        telecom: fc.oneof(fc.constant([{ system: 'phone', value: '06 12 34 56 78' }]), fc.anything()),
      },
      { requiredKeys: [] },
    );
    const body = fc.oneof(
      fc.anything(),
      fc.record(
        {
          resourceType: fc.oneof(fc.constant('Appointment'), hostile),
          slot: fc.oneof(fc.constantFrom(...slotIds.map((s) => [{ reference: `Slot/${s}` }])), fc.anything()),
          contained: fc.oneof(
            patient.map((p) => [p]),
            fc.anything(),
          ),
          extension: fc.oneof(
            fc.constant([{ url: `${env.PUBLIC_URL}/fhir/StructureDefinition/no-overbilling`, valueBoolean: true }]),
            fc.anything(),
          ),
        },
        { requiredKeys: [] },
      ),
    );
    const bearer = await token('patient', { sub: `fuzz-${crypto.randomUUID()}` });
    let created = 0;
    await fc.assert(
      fc.asyncProperty(
        body,
        fc.option(fc.string({ minLength: 8, maxLength: 40 }), { nil: undefined }),
        async (b, key) => {
          const res = await client.request('POST', '/fhir/Appointment', {
            token: bearer,
            body: b,
            headers: key ? { 'idempotency-key': key.replace(/[^\x21-\x7e]/g, 'x') } : {},
          });
          expectFhirAnswer(res, JSON.stringify(b));
          if (res.status === 201 && res.headers.get('idempotent-replayed') !== 'true') created += 1;
          const patched = await client.request('PATCH', `/fhir/Appointment/${res.body?.id ?? crypto.randomUUID()}`, {
            token: bearer,
            body: b,
          });
          expectFhirAnswer(patched, `PATCH ${JSON.stringify(b)}`);
        },
      ),
      { numRuns: RUNS },
    );
    const [{ count }] = await sql<{ count: number }>(
      'SELECT count(*)::int AS count FROM bookings WHERE slot_id = ANY($1::uuid[])',
      [slotIds],
    );
    expect(count).toBe(created);
  });
});
