// Database faults, made on purpose by the local WebSocket proxy (scripts/db/ws-proxy-faults.ts):
// a connection cut before the booking statement reaches Postgres, or after Postgres has run it but
// before its answer comes back, and Postgres down. The API must answer a 503 problem the caller can
// retry, the database must hold the booking completely or not at all, and a retry with the same
// Idempotency-Key must tell the truth.
import { describe, expect, it } from 'vitest';
import { api, type Api, type ApiResponse } from './helpers/api';
import { env } from './helpers/env';
import { bookableZone, idemKey, patientBody } from './helpers/fixtures';
import { sql } from './helpers/sql';
import { token } from './helpers/tokens';

const now = new Date('2026-12-01T08:00:00Z');
const client = api({ now });
const proxy = env.DB_PROXY!;

interface FaultRecord {
  id: string;
  hits: number;
  answered: number;
}

async function fault(rule: { action: 'refuse' | 'cut-before' | 'cut-after'; scope?: string; match?: string }) {
  const res = await fetch(`http://${proxy}/__faults`, { method: 'POST', body: JSON.stringify(rule) });
  expect(res.status, await res.clone().text()).toBe(201);
  return (await res.json()) as FaultRecord;
}
const faultState = async (id: string) => (await (await fetch(`http://${proxy}/__faults/${id}`)).json()) as FaultRecord;
const clearFaults = async (scope: string) =>
  expect((await fetch(`http://${proxy}/__faults?scope=${scope}`, { method: 'DELETE' })).status).toBe(204);

function expectUnavailable(res: ApiResponse) {
  expect(res.status, JSON.stringify(res.body)).toBe(503);
  expect(res.headers.get('content-type')).toContain('application/problem+json');
  expect(res.body).toMatchObject({ status: 503, code: 'database_unavailable' });
  expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0);
}

/** Everything one booking statement writes, read back in SQL. */
async function bookingState(slotId: string, key: string, holdId?: string) {
  const bookings = await sql<{ id: string; status: string }>(`SELECT id, status FROM bookings WHERE slot_id = $1`, [
    slotId,
  ]);
  const [slot] = await sql<{ status: string; hold_id: string | null }>(
    `SELECT status, hold_id FROM slots WHERE id = $1`,
    [slotId],
  );
  const keys = await sql<{ booking_id: string }>(`SELECT booking_id FROM idempotency_keys WHERE key = $1`, [key]);
  const [hold] = holdId ? await sql<{ status: string }>(`SELECT status FROM holds WHERE id = $1`, [holdId]) : [];
  return { bookings, slot: slot.status, keys: keys.map((k) => k.booking_id), hold: hold?.status };
}

async function expectNotBooked(slotId: string, key: string, holdId?: string) {
  expect(await bookingState(slotId, key, holdId)).toEqual({
    bookings: [],
    slot: 'open',
    keys: [],
    hold: holdId ? 'active' : undefined,
  });
}

async function expectBookedOnce(slotId: string, key: string, holdId?: string) {
  const state = await bookingState(slotId, key, holdId);
  expect(state.bookings).toHaveLength(1);
  const [booking] = state.bookings;
  expect(state).toEqual({
    bookings: [{ id: booking.id, status: 'booked' }],
    slot: 'booked',
    keys: [booking.id],
    hold: holdId ? 'consumed' : undefined,
  });
  return booking.id;
}

/** A slot to book, by slotId or through a hold, with the request a client would retry verbatim. */
async function bookingAttempt(by: 'slot' | 'hold') {
  const { slotIds } = await bookableZone(client, { slots: 2 });
  const patient = await token('patient');
  const slotId = slotIds[0];
  let holdId: string | undefined;
  if (by === 'hold') {
    const hold = await client.post('/v1/holds', { slotId }, patient);
    expect(hold.status, JSON.stringify(hold.body)).toBe(201);
    holdId = hold.body.id as string;
  }
  const key = idemKey();
  const body = { noOverbilling: true, patient: patientBody(), ...(holdId ? { holdId } : { slotId }) };
  const send = (c: Api = client) => c.post('/v1/bookings', body, patient, { 'idempotency-key': key });
  return { slotId, holdId, key, send, patient };
}

describe('the connection is cut before the booking statement reaches Postgres', () => {
  for (const by of ['slot', 'hold'] as const) {
    it(`booking by ${by}: 503, nothing written, and the retry books afresh`, async () => {
      const { slotId, holdId, key, send } = await bookingAttempt(by);
      // The key travels in the statement's Bind message, and only there.
      const rule = await fault({ action: 'cut-before', match: key });

      expectUnavailable(await send());
      expect((await faultState(rule.id)).hits).toBe(1);
      await expectNotBooked(slotId, key, holdId);

      const retry = await send();
      expect(retry.status, JSON.stringify(retry.body)).toBe(201);
      expect(retry.headers.get('idempotent-replayed')).toBeNull();
      expect(retry.body.slot.id).toBe(slotId);
      expect(await expectBookedOnce(slotId, key, holdId)).toBe(retry.body.id);
    });
  }
});

describe('the connection is cut after Postgres ran the booking statement, before its answer', () => {
  for (const by of ['slot', 'hold'] as const) {
    it(`booking by ${by}: 503, the booking is complete, and the retry replays it`, async () => {
      const { slotId, holdId, key, send } = await bookingAttempt(by);
      const rule = await fault({ action: 'cut-after', match: key });

      expectUnavailable(await send());
      expect(await faultState(rule.id)).toMatchObject({ hits: 1, answered: 1 });
      const committed = await expectBookedOnce(slotId, key, holdId);

      const retry = await send();
      expect(retry.status, JSON.stringify(retry.body)).toBe(201);
      expect(retry.headers.get('idempotent-replayed')).toBe('true');
      expect(retry.body).toMatchObject({ id: committed, status: 'booked', slot: { id: slotId } });
      // Replayed again, never booked twice.
      expect((await send()).body.id).toBe(committed);
      expect(await expectBookedOnce(slotId, key, holdId)).toBe(committed);
    });
  }

  it('a retry with the same key and another body is refused, not booked', async () => {
    const { slotId, key, send, patient } = await bookingAttempt('slot');
    await fault({ action: 'cut-after', match: key });
    expectUnavailable(await send());
    const other = await client.post('/v1/bookings', { noOverbilling: true, patient: patientBody(), slotId }, patient, {
      'idempotency-key': key,
    });
    expect(other.status).toBe(422);
    expect(other.body.code).toBe('idempotency_key_reused');
    await expectBookedOnce(slotId, key);
  });

  it("when the retry's replay lookup is cut too, that is another 503, and the next retry still replays", async () => {
    const { slotId, key, send } = await bookingAttempt('slot');
    await fault({ action: 'cut-after', match: key });
    expectUnavailable(await send());
    // Only this client's connections: the lookup's SQL text is the same for every test file.
    const scope = `replay-${crypto.randomUUID()}`;
    const scoped = api({ now, env: { DB_PROXY: `${proxy}/scope/${scope}` } });
    const rule = await fault({ action: 'cut-before', scope, match: 'FROM idempotency_keys WHERE owner' });
    try {
      expectUnavailable(await send(scoped));
      expect((await faultState(rule.id)).hits).toBe(1);
    } finally {
      await clearFaults(scope);
    }
    const committed = await expectBookedOnce(slotId, key);
    const retry = await send();
    expect(retry.headers.get('idempotent-replayed')).toBe('true');
    expect(retry.body.id).toBe(committed);
  });
});

describe('Postgres down', () => {
  const scope = `down-${crypto.randomUUID()}`;
  // Only this client's connections go through the refusing scope; the SQL checks and every other
  // test file keep their database.
  const down = api({ now, env: { DB_PROXY: `${proxy}/scope/${scope}` } });
  const uuid = () => crypto.randomUUID();

  /** One request per operation of the OpenAPI document, valid as far as the request itself goes. */
  const requests: Array<{ op: string; needsDb: boolean; send: (c: Api) => Promise<ApiResponse> }> = [];
  const add = (op: string, send: (c: Api) => Promise<ApiResponse>, needsDb = true) =>
    requests.push({ op, needsDb, send });
  const as = async (role: 'patient' | 'doctor' | 'admin' | 'agent' | 'integrator') =>
    token(
      role,
      role === 'doctor'
        ? { rpps: '10000000001', sub: 'dr-faults' }
        : role === 'integrator'
          ? { client_id: 'faults-app' }
          : {},
    );
  const siren = '200066801';
  add('GET /health', (c) => c.get('/health'), false);
  add('GET /problems', (c) => c.get('/problems'), false);
  add('GET /problems/{code}', (c) => c.get('/problems/slot_unavailable'), false);
  add('GET /ready', (c) => c.get('/ready'));
  add('GET /v1/zones', (c) => c.get('/v1/zones'));
  add('GET /v1/zones/{siren}', (c) => c.get(`/v1/zones/${siren}`));
  add('GET /v1/tariffs', (c) => c.get('/v1/tariffs'));
  add('POST /v1/zones/{siren}/priority', async (c) =>
    c.post(`/v1/zones/${siren}/priority`, { source: 'test' }, await as('admin')),
  );
  add('POST /v1/zones/imports', async (c) =>
    c.post('/v1/zones/imports', { csv: `siren;source\n${siren};test`, dryRun: true }, await as('admin')),
  );
  add('DELETE /v1/zones/{siren}/priority', async (c) => c.del(`/v1/zones/${siren}/priority`, await as('admin')));
  add('GET /v1/communes/{insee}', (c) => c.get('/v1/communes/40227'));
  add('GET /v1/communes', (c) => c.get('/v1/communes?postcode=40630'));
  add('GET /v1/me', async (c) => c.get('/v1/me', await as('patient')), false);
  add('POST /v1/sites', async (c) =>
    c.post(
      '/v1/sites',
      { name: 'MSP', address: '1 place', communeInsee: '40227', kind: 'maison_de_sante', phone: '05 58 00 00 00' },
      await as('admin'),
    ),
  );
  add('GET /v1/sites', (c) => c.get(`/v1/sites?epci=${siren}`));
  add('GET /v1/sites/{id}', (c) => c.get(`/v1/sites/${uuid()}`));
  add('POST /v1/missions', async (c) =>
    c.post(
      '/v1/missions',
      { siteId: uuid(), date: '2027-01-15', start: '09:00', end: '12:00', slotMinutes: 20 },
      await as('doctor'),
    ),
  );
  add('GET /v1/missions', async (c) => c.get('/v1/missions', await as('doctor')));
  add('DELETE /v1/missions/{id}', async (c) => c.del(`/v1/missions/${uuid()}`, await as('doctor')));
  add('GET /v1/missions/offered', async (c) => c.get('/v1/missions/offered', await as('doctor')));
  add('POST /v1/missions/{id}/handover', async (c) =>
    c.post(`/v1/missions/${uuid()}/handover`, {}, await as('doctor')),
  );
  add('DELETE /v1/missions/{id}/handover', async (c) => c.del(`/v1/missions/${uuid()}/handover`, await as('doctor')));
  add('POST /v1/missions/{id}/takeover', async (c) =>
    c.post(`/v1/missions/${uuid()}/takeover`, {}, await as('doctor')),
  );
  add('POST /v1/missions/{id}/check-in', async (c) =>
    c.post(`/v1/missions/${uuid()}/check-in`, {}, await as('doctor')),
  );
  add('POST /v1/missions/{id}/check-out', async (c) =>
    c.post(`/v1/missions/${uuid()}/check-out`, {}, await as('doctor')),
  );
  add('POST /v1/missions/{id}/attendance-corrections', async (c) =>
    c.post(
      `/v1/missions/${uuid()}/attendance-corrections`,
      {
        checkedInAt: '2027-01-15T09:00:00+01:00',
        checkedOutAt: '2027-01-15T17:00:00+01:00',
        reason: 'Pointage de sortie oublié',
      },
      await as('admin'),
    ),
  );
  add('GET /v1/slots', (c) => c.get(`/v1/slots?epci=${siren}`));
  add('POST /v1/holds', async (c) => c.post('/v1/holds', { slotId: uuid() }, await as('patient')));
  add('DELETE /v1/holds/{id}', async (c) => c.del(`/v1/holds/${uuid()}`, await as('patient')));
  add('POST /v1/holds/{id}/extend', async (c) => c.post(`/v1/holds/${uuid()}/extend`, {}, await as('patient')));
  add('GET /v1/holds/{id}', async (c) => c.get(`/v1/holds/${uuid()}`, await as('patient')));
  add('POST /v1/bookings', async (c) =>
    c.post('/v1/bookings', { noOverbilling: true, slotId: uuid(), patient: patientBody() }, await as('patient'), {
      'idempotency-key': idemKey(),
    }),
  );
  add('GET /v1/bookings', async (c) => c.get('/v1/bookings', await as('patient')));
  add('GET /v1/bookings/{id}', async (c) => c.get(`/v1/bookings/${uuid()}`, await as('patient')));
  add('POST /v1/bookings/{id}/cancel', async (c) => c.post(`/v1/bookings/${uuid()}/cancel`, {}, await as('patient')));
  add('POST /v1/bookings/{id}/arrival', async (c) => c.post(`/v1/bookings/${uuid()}/arrival`, {}, await as('doctor')));
  add('POST /v1/bookings/{id}/complete', async (c) =>
    c.post(`/v1/bookings/${uuid()}/complete`, { acts: [{ code: 'G' }], billedCents: 3000 }, await as('doctor')),
  );
  add('POST /v1/bookings/{id}/reschedule', async (c) =>
    c.post(`/v1/bookings/${uuid()}/reschedule`, { slotId: uuid() }, await as('patient'), {
      'idempotency-key': idemKey(),
    }),
  );
  add('POST /v1/bookings/{id}/no-show', async (c) => c.post(`/v1/bookings/${uuid()}/no-show`, {}, await as('doctor')));
  add('GET /v1/bookings/{id}/notifications', async (c) =>
    c.get(`/v1/bookings/${uuid()}/notifications`, await as('patient')),
  );
  add('GET /v1/call-list', async (c) => c.get('/v1/call-list', await as('agent'), { 'x-call-reference': 'CALL-1' }));
  add('POST /v1/call-list/{bookingId}/done', async (c) =>
    c.request('POST', `/v1/call-list/${uuid()}/done`, {
      token: await as('agent'),
      body: {},
      headers: { 'x-call-reference': 'CALL-1' },
    }),
  );
  add('GET /v1/audit', async (c) => c.get(`/v1/audit?bookingId=${uuid()}`, await as('admin')));
  add('POST /v1/erasures', async (c) =>
    c.post(
      '/v1/erasures',
      { bookingId: uuid(), reason: 'Demande DPO-TEST-0001 (art. 17 RGPD)' },
      await token('admin', { dpo: true }),
    ),
  );
  add('GET /v1/doctors/me/indemnities', async (c) =>
    c.get('/v1/doctors/me/indemnities?month=2026-12', await as('doctor')),
  );
  add('GET /v1/indemnities', async (c) => c.get('/v1/indemnities?month=2026-12', await as('admin')));
  add('GET /v1/zones/{siren}/stats', async (c) =>
    c.get(`/v1/zones/${siren}/stats?from=2026-12-01&to=2026-12-31`, await as('admin')),
  );
  add('PATCH /v1/sites/{id}', async (c) =>
    c.request('PATCH', `/v1/sites/${uuid()}`, { token: await as('admin'), body: { name: 'MSP du bourg' } }),
  );
  add('POST /v1/bookings/search', async (c) =>
    c.request('POST', '/v1/bookings/search', {
      token: await as('agent'),
      body: { phone: '06 12 34 56 78' },
      headers: { 'x-call-reference': 'CALL-1' },
    }),
  );
  add('POST /v1/waitlist', async (c) =>
    c.post('/v1/waitlist', { zone: siren, patient: patientBody() }, await as('patient')),
  );
  add('GET /v1/waitlist/{id}', async (c) => c.get(`/v1/waitlist/${uuid()}`, await as('patient')));
  add('POST /v1/waitlist/{id}/accept', async (c) =>
    c.post(`/v1/waitlist/${uuid()}/accept`, {}, await as('patient'), { 'idempotency-key': idemKey() }),
  );
  add('POST /v1/waitlist/{id}/decline', async (c) => c.post(`/v1/waitlist/${uuid()}/decline`, {}, await as('patient')));
  add('DELETE /v1/waitlist/{id}', async (c) => c.del(`/v1/waitlist/${uuid()}`, await as('patient')));
  add('GET /v1/coverage', async (c) => c.get('/v1/coverage?month=2026-12&region=76', await as('admin')));
  add('GET /v1/coverage/regions', async (c) => c.get('/v1/coverage/regions?month=2026-12', await as('admin')));
  add('POST /v1/webhooks', async (c) =>
    c.post(
      '/v1/webhooks',
      { url: 'https://partner.example.fr/hooks', eventTypes: ['booking.created'] },
      await as('integrator'),
    ),
  );
  add('GET /v1/webhooks', async (c) => c.get('/v1/webhooks', await as('integrator')));
  add('GET /v1/webhooks/{id}', async (c) => c.get(`/v1/webhooks/${uuid()}`, await as('integrator')));
  add('DELETE /v1/webhooks/{id}', async (c) => c.del(`/v1/webhooks/${uuid()}`, await as('integrator')));
  add('PATCH /v1/webhooks/{id}', async (c) =>
    c.request('PATCH', `/v1/webhooks/${uuid()}`, {
      token: await as('integrator'),
      body: { eventTypes: ['booking.created'] },
    }),
  );
  add('POST /v1/webhooks/{id}/test', async (c) =>
    c.post(`/v1/webhooks/${uuid()}/test`, undefined, await as('integrator')),
  );
  add('GET /v1/events', async (c) => c.get('/v1/events', await as('integrator')));
  add('POST /v1/webhooks/{id}/secret', async (c) =>
    c.post(`/v1/webhooks/${uuid()}/secret`, {}, await as('integrator')),
  );
  add('POST /v1/webhooks/{id}/enable', async (c) =>
    c.post(`/v1/webhooks/${uuid()}/enable`, {}, await as('integrator')),
  );
  add('GET /v1/webhooks/{id}/deliveries', async (c) =>
    c.get(`/v1/webhooks/${uuid()}/deliveries`, await as('integrator')),
  );
  add('POST /v1/webhooks/{id}/deliveries/{deliveryId}/retry', async (c) =>
    c.post(`/v1/webhooks/${uuid()}/deliveries/${uuid()}/retry`, {}, await as('integrator')),
  );

  it('the sweep covers every operation of the OpenAPI document', async () => {
    const doc = (await client.get('/openapi.json')).body as { paths: Record<string, Record<string, unknown>> };
    const operations = Object.entries(doc.paths).flatMap(([path, ops]) =>
      Object.keys(ops).map((m) => `${m.toUpperCase()} ${path}`),
    );
    expect(requests.map((r) => r.op).sort()).toEqual(operations.sort());
  });

  it('every operation that needs the database answers a 503 problem, never a 500; the others still answer', async () => {
    const rule = await fault({ action: 'refuse', scope });
    try {
      for (const r of requests) {
        // Each request passes validation (a 400 here would hide the outage), so only the database can fail it.
        const res = await r.send(down);
        if (r.needsDb) {
          expect(res.status, `${r.op}: ${JSON.stringify(res.body)}`).toBe(503);
          expectUnavailable(res);
        } else expect(res.status, r.op).toBe(200);
      }
      expect((await faultState(rule.id)).hits).toBeGreaterThanOrEqual(requests.filter((r) => r.needsDb).length);
    } finally {
      await clearFaults(scope);
    }
    // Postgres is back: the same scope reaches it again.
    expect((await down.get('/ready')).status).toBe(200);
  });

  // The FHIR door is not in the OpenAPI document: its operations, listed here, answer an
  // OperationOutcome. The bulk files are served from R2, without the database (tests/fhir-bulk.test.ts).
  const fhirRequests: Array<{ op: string; send: (c: Api) => Promise<ApiResponse> }> = [
    { op: 'GET /fhir/Slot/{id}', send: (c) => c.get(`/fhir/Slot/${uuid()}`) },
    { op: 'GET /fhir/Location/{id}', send: (c) => c.get(`/fhir/Location/${uuid()}`) },
    { op: 'GET /fhir/Practitioner/{id}', send: (c) => c.get('/fhir/Practitioner/10000000001') },
    { op: 'GET /fhir/Schedule/{id}', send: (c) => c.get(`/fhir/Schedule/${uuid()}.10000000001`) },
    {
      op: 'GET /fhir/Slot',
      send: (c) => c.get(`/fhir/Slot?start=ge2026-12-10&start=le2026-12-11&status=free&zone=${siren}`),
    },
    {
      op: 'POST /fhir/Appointment',
      send: async (c) =>
        c.post(
          '/fhir/Appointment',
          {
            resourceType: 'Appointment',
            slot: [{ reference: `Slot/${uuid()}` }],
            contained: [
              {
                resourceType: 'Patient',
                name: [{ family: 'Martin', given: ['Jeanne'] }],
                birthDate: '1950-06-15',
                telecom: [{ system: 'phone', value: '06 12 34 56 78' }],
              },
            ],
            extension: [{ url: `${env.PUBLIC_URL}/fhir/StructureDefinition/no-overbilling`, valueBoolean: true }],
          },
          await as('patient'),
          { 'idempotency-key': idemKey() },
        ),
    },
    { op: 'GET /fhir/Appointment/{id}', send: async (c) => c.get(`/fhir/Appointment/${uuid()}`, await as('patient')) },
    {
      op: 'PATCH /fhir/Appointment/{id}',
      send: async (c) =>
        c.request('PATCH', `/fhir/Appointment/${uuid()}`, {
          token: await as('patient'),
          body: [{ op: 'replace', path: '/status', value: 'cancelled' }],
        }),
    },
  ];

  it('every FHIR operation that needs the database answers a 503 OperationOutcome, never a 500', async () => {
    const _rule = await fault({ action: 'refuse', scope });
    try {
      for (const r of fhirRequests) {
        const res = await r.send(down);
        expect(res.status, `${r.op}: ${JSON.stringify(res.body)}`).toBe(503);
        expect(res.headers.get('content-type'), r.op).toMatch(/^application\/fhir\+json/);
        expect(res.body.issue[0].details.coding[0].code, r.op).toBe('database_unavailable');
        expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0);
      }
    } finally {
      await clearFaults(scope);
    }
  });
});
