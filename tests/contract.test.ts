// The committed contract, checked by an independent validator against what integrators see: the
// README's own request bodies, and every response of a booking journey.
import { describe, expect, it } from 'vitest';
import readme from '../README.md?raw';
import { api, type ApiResponse } from './helpers/api';
import { contract, checkExamples, requestBodyErrors, responseErrors } from './helpers/contract';
import { bookableZone, idemKey, patientBody } from './helpers/fixtures';
import { token } from './helpers/tokens';

const client = api({ now: new Date('2026-12-01T08:00:00Z') });

/** Shell values the README's commands refer to. */
const SHELL_VALUES: Record<string, string> = {
  SLOT: '0196f1c2-5b7e-7a4e-9c1d-3f2b8e6a1d20',
  HOLD: '0196f1c2-5b7e-7a4e-9c1d-3f2b8e6a1d21',
};

/** Every `curl … -X METHOD $B/path … -d BODY` of the README, with its body as JSON. */
function readmeRequests(): Array<{ method: string; path: string; body: unknown }> {
  const blocks = [...readme.matchAll(/```sh\n([\s\S]*?)```/g)].map((m) => m[1].replace(/\\\n\s*/g, ' '));
  const requests = [];
  for (const line of blocks.flatMap((b) => b.split('\n')).filter((l) => l.includes('curl') && / -d /.test(l))) {
    const method = /-X (\w+)/.exec(line)?.[1] ?? 'POST';
    const path = /\$B(\/[^\s"']*)/.exec(line)![1];
    const raw = /-d (?:"((?:[^"\\]|\\.)*)"|'([^']*)')/.exec(line)!;
    const text =
      raw[1] !== undefined
        ? raw[1].replace(/\\(.)/g, '$1').replace(/\$(\w+)/g, (_, v: string) => SHELL_VALUES[v] ?? `$${v}`)
        : raw[2];
    requests.push({ method, path, body: JSON.parse(text) });
  }
  return requests;
}

function conforms(method: string, path: string, res: ApiResponse) {
  expect(responseErrors(method, path, res), `${method} ${path} → ${res.status} ${JSON.stringify(res.body)}`).toEqual(
    [],
  );
  return res;
}

describe('the contract (openapi.yaml) under ajv 2020', () => {
  it('accepts every request body the README shows', () => {
    const requests = readmeRequests();
    expect(requests.map((r) => `${r.method} ${r.path}`)).toEqual(
      expect.arrayContaining(['POST /v1/holds', 'POST /v1/bookings']),
    );
    for (const { method, path, body } of requests)
      expect(requestBodyErrors(method, path, body), `${method} ${path}`).toEqual([]);
  });

  it('accepts accented, hyphenated and apostrophized names, and refuses digits', () => {
    const booking = (firstName: string) => ({
      slotId: SHELL_VALUES.SLOT,
      noOverbilling: true,
      patient: { firstName, lastName: 'N’Guyen-Le Dû', birthDate: '1952-04-03', phone: '06 12 34 56 78' },
    });
    for (const name of ['Alice', 'Zoé', 'Jean-Émile', "D'Artagnan"])
      expect(requestBodyErrors('POST', '/v1/bookings', booking(name)), name).toEqual([]);
    expect(requestBodyErrors('POST', '/v1/bookings', booking('R2D2'))).not.toEqual([]);
  });

  it('publishes only patterns every regex engine reads: no \\p{…}, valid without the u flag', () => {
    const patterns: string[] = [];
    const walk = (node: unknown): void => {
      if (!node || typeof node !== 'object') return;
      for (const [key, value] of Object.entries(node)) {
        if (key === 'pattern' && typeof value === 'string') patterns.push(value);
        else walk(value);
      }
    };
    walk(contract);
    expect(patterns.length).toBeGreaterThan(5);
    for (const pattern of patterns) {
      expect(pattern).not.toMatch(/\\[pP]\{/);
      expect(() => new RegExp(pattern), pattern).not.toThrow();
    }
  });

  it('marks the sets that grow within /v1 as x-extensible-enum in answers, and keeps requests closed', () => {
    const { schemas } = contract.components;
    expect(schemas.BookingStatus['x-extensible-enum']).toEqual([
      'booked',
      'arrived',
      'fulfilled',
      'cancelled',
      'noshow',
    ]);
    expect(schemas.WebhookEventType['x-extensible-enum']).toContain('booking.created');
    expect(schemas.Problem.properties.code['x-extensible-enum']).toContain('slot_unavailable');
    for (const open of [schemas.BookingStatus, schemas.WebhookEventType, schemas.Problem.properties.code])
      expect(open.enum).toBeUndefined();
    expect(schemas.Booking.properties.status.$ref).toBe('#/components/schemas/BookingStatus');
    expect(schemas.NewWebhook.properties.eventTypes.items.enum).toEqual(schemas.WebhookEventType['x-extensible-enum']);
  });

  it('says exactly one of slotId or holdId', () => {
    const patient = { firstName: 'Alice', lastName: 'Martin', birthDate: '1952-04-03', phone: '0612345678' };
    expect(requestBodyErrors('POST', '/v1/bookings', { noOverbilling: true, patient })).not.toEqual([]);
    expect(
      requestBodyErrors('POST', '/v1/bookings', {
        slotId: SHELL_VALUES.SLOT,
        holdId: SHELL_VALUES.HOLD,
        noOverbilling: true,
        patient,
      }),
    ).not.toEqual([]);
  });

  it('has no pattern carrying regex flags, an operationId and a tag on every operation, security everywhere', () => {
    expect(JSON.stringify(contract)).not.toMatch(/"pattern":"[^"]*\/[dgimsuvy]+"/);
    const ids = new Set<string>();
    for (const [path, operations] of Object.entries<Record<string, any>>(contract.paths)) {
      for (const [method, operation] of Object.entries<any>(operations)) {
        expect(operation.operationId, `${method} ${path}`).toMatch(/^[a-z][A-Za-z]+$/);
        ids.add(operation.operationId);
        expect(operation.tags?.length, `${method} ${path}`).toBeGreaterThan(0);
        expect(operation.security, `${method} ${path}`).toBeDefined();
        if (operation.requestBody) expect(operation.responses['413'], `${method} ${path}`).toBeDefined();
      }
    }
    expect(ids.size).toBe(Object.values(contract.paths).flatMap((o: any) => Object.keys(o)).length);
  });

  it('has examples that their own schemas accept', () => {
    const { checked, errors } = checkExamples();
    expect(checked).toBeGreaterThan(10);
    expect(errors).toEqual([]);
  });

  it('describes every response of a booking journey, refusals included', async () => {
    const { zone, site, slotIds } = await bookableZone(client);
    conforms('GET', `/v1/zones/${zone.siren}`, await client.get(`/v1/zones/${zone.siren}`));
    conforms('GET', '/v1/zones', await client.get('/v1/zones?limit=2'));
    conforms('GET', `/v1/communes/${zone.insee}`, await client.get(`/v1/communes/${zone.insee}`));
    conforms('GET', '/v1/communes', await client.get(`/v1/communes?postcode=${zone.postcode}`));
    conforms('GET', `/v1/sites/${site.id}`, await client.get(`/v1/sites/${site.id}`));
    conforms('GET', '/v1/sites', await client.get(`/v1/sites?epci=${zone.siren}`));
    const search = conforms('GET', '/v1/slots', await client.get(`/v1/slots?epci=${zone.siren}`));
    expect(search.body.items.length).toBeGreaterThan(0);
    conforms('GET', '/v1/slots', await client.get('/v1/slots?commune=69123'));

    const patient = await token('patient');
    conforms('GET', '/v1/me', await client.get('/v1/me', patient));
    const hold = conforms('POST', '/v1/holds', await client.post('/v1/holds', { slotId: slotIds[0] }, patient));
    expect(hold.status).toBe(201);
    const key = idemKey();
    const body = { holdId: hold.body.id, noOverbilling: true, patient: patientBody() };
    const booked = conforms(
      'POST',
      '/v1/bookings',
      await client.post('/v1/bookings', body, patient, { 'idempotency-key': key }),
    );
    expect(booked.status).toBe(201);
    const replayed = conforms(
      'POST',
      '/v1/bookings',
      await client.post('/v1/bookings', body, patient, { 'idempotency-key': key }),
    );
    expect(replayed.headers.get('idempotent-replayed')).toBe('true');
    conforms('GET', '/v1/bookings', await client.get('/v1/bookings', patient));
    conforms('GET', `/v1/bookings/${booked.body.id}`, await client.get(`/v1/bookings/${booked.body.id}`, patient));

    const other = await token('patient');
    const taken = conforms(
      'POST',
      '/v1/bookings',
      await client.post('/v1/bookings', { slotId: slotIds[0], noOverbilling: true, patient: patientBody() }, other, {
        'idempotency-key': idemKey(),
      }),
    );
    expect(taken.body.code).toBe('slot_unavailable');
    const overbilling = conforms(
      'POST',
      '/v1/bookings',
      await client.post('/v1/bookings', { slotId: slotIds[1], patient: patientBody() }, other, {
        'idempotency-key': idemKey(),
      }),
    );
    expect(overbilling.status).toBe(422);
    const noKey = conforms(
      'POST',
      '/v1/bookings',
      await client.post('/v1/bookings', { slotId: slotIds[1], noOverbilling: true, patient: patientBody() }, other),
    );
    expect(noKey.body.code).toBe('idempotency_key_required');
    const invalid = conforms(
      'POST',
      '/v1/bookings',
      await client.post('/v1/bookings', { slotId: 'x', patient: {} }, other, { 'idempotency-key': idemKey() }),
    );
    expect(invalid.body.code).toBe('validation_failed');
    conforms('GET', `/v1/bookings/${booked.body.id}`, await client.get(`/v1/bookings/${booked.body.id}`, other));
    conforms('GET', '/v1/bookings', await client.get('/v1/bookings'));
    conforms(
      'POST',
      '/v1/zones/{siren}/priority',
      await client.post(`/v1/zones/${zone.siren}/priority`, { source: 'test' }, patient),
    );

    const cancelled = conforms(
      'POST',
      `/v1/bookings/${booked.body.id}/cancel`,
      await client.post(`/v1/bookings/${booked.body.id}/cancel`, {}, patient),
    );
    expect(cancelled.body.cancelledBy).toBe('patient');
    conforms(
      'POST',
      `/v1/bookings/${booked.body.id}/cancel`,
      await client.post(`/v1/bookings/${booked.body.id}/cancel`, {}, patient),
    );
    conforms('GET', '/problems/slot_unavailable', await client.get('/problems/slot_unavailable'));
  });
});

describe('/docs', () => {
  it('is Scalar rendering /openapi.json, with its script served by this API', async () => {
    const page = await client.get('/docs');
    expect(page.status).toBe(200);
    expect(page.body).toContain('/openapi.json');
    expect(page.body).toContain('<script src="/docs/scalar.js">');
    expect(page.body).not.toMatch(/src="https?:/);
    const script = await client.get('/docs/scalar.js');
    expect(script.status).toBe(200);
    expect(script.headers.get('content-type')).toContain('javascript');
  });
});
