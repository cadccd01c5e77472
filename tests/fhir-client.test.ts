// A vendor's view: a FHIR client library (fhir-kit-client) drives search → book → read → cancel
// against this API, its fetch routed to the app inside workerd.
import { createExecutionContext, waitOnExecutionContext } from 'cloudflare:test';
import { Client } from 'fhir-kit-client';
import { afterEach, describe, expect, it } from 'vitest';
import { createApp } from '../src/app';
import { api } from './helpers/api';
import { env } from './helpers/env';
import { namedDoctor, validR4 } from './helpers/fhir';
import { idemKey, newMission, newSite, newZone } from './helpers/fixtures';
import { token } from './helpers/tokens';

const NOW = new Date('2026-12-01T08:00:00Z');
const BASE = `${env.PUBLIC_URL}/fhir`;
const realFetch = globalThis.fetch;

/** The client's requests to BASE reach the app; everything else (the validator) goes out as usual. */
function routeToApp() {
  const app = createApp({ clock: () => NOW });
  globalThis.fetch = (async (input: RequestInfo | URL, init?: RequestInit) => {
    const request = new Request(input, init);
    if (!request.url.startsWith(BASE)) return realFetch(request);
    const ctx = createExecutionContext();
    const response = await app.fetch(request, env, ctx);
    const body = await response.arrayBuffer();
    await waitOnExecutionContext(ctx);
    return new Response(body, response);
  }) as typeof fetch;
}

afterEach(() => {
  globalThis.fetch = realFetch;
});

describe('fhir-kit-client against /fhir', () => {
  it('searches free slots the SAS way, books one, reads it and cancels it', async () => {
    const client = api({ now: NOW });
    const zone = await newZone(client);
    const site = await newSite(client, zone);
    const doctor = await namedDoctor('Anne', 'Leroy');
    await newMission(client, doctor.token, site.id, {
      date: '2026-12-10',
      start: '09:00',
      end: '10:00',
      slotMinutes: 20,
    });

    routeToApp();
    const fhir = new Client({
      baseUrl: BASE,
      bearerToken: await token('integrator', { client_id: `vendor-${crypto.randomUUID()}` }),
    });
    const capability: any = await fhir.capabilityStatement();
    expect(capability.fhirVersion).toBe('4.0.1');

    const bundle: any = await fhir.search({
      resourceType: 'Slot',
      searchParams: {
        _include: 'Slot:schedule',
        '_include:iterate': 'Schedule:actor',
        start: ['ge2026-12-10T00:00:00+01:00', 'le2026-12-10T23:59:59+01:00'],
        status: 'free',
        'schedule.actor:Practitioner.identifier': `urn:oid:1.2.250.1.71.4.2.1|8${doctor.rpps}`,
      },
    });
    await validR4(bundle);
    expect(bundle.total).toBe(3);
    const slot = bundle.entry.find((e: any) => e.search.mode === 'match').resource;

    const created: any = await fhir.create({
      resourceType: 'Appointment',
      body: {
        resourceType: 'Appointment',
        status: 'booked',
        contained: [
          {
            resourceType: 'Patient',
            id: 'p',
            name: [{ family: 'Moreau', given: ['Louise'] }],
            birthDate: '1948-03-02',
            telecom: [{ system: 'phone', value: '06 12 34 56 78' }],
          },
        ],
        participant: [{ actor: { reference: '#p' }, status: 'accepted' }],
        slot: [{ reference: `Slot/${slot.id}` }],
        extension: [{ url: `${BASE}/StructureDefinition/no-overbilling`, valueBoolean: true }],
      },
      options: { headers: { 'idempotency-key': idemKey() } },
    });
    await validR4(created);
    expect(created.status).toBe('booked');

    const read: any = await fhir.read({ resourceType: 'Appointment', id: created.id });
    expect(read.slot[0].reference).toBe(`Slot/${slot.id}`);

    const cancelled: any = await fhir.patch({
      resourceType: 'Appointment',
      id: created.id,
      jsonPatch: [{ op: 'replace', path: '/status', value: 'cancelled' }],
    });
    expect(cancelled.status).toBe('cancelled');
    const freeAgain: any = await fhir.read({ resourceType: 'Slot', id: slot.id });
    expect(freeAgain.status).toBe('free');
  });
});
