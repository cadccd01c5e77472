// The request log over HTTP: one JSON line per request with its request id, route pattern, status,
// duration, caller role, door and zone, and never a patient's phone, name or birth date, whatever
// door the data came through (a partner's booking, a refusal, the lookup by reference and birth
// date, the pages' booking form).
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { api, type ApiResponse } from './helpers/api';
import { Browser, csrfOf } from './helpers/browser';
import { bookableZone, idemKey, patientBody } from './helpers/fixtures';
import { token } from './helpers/tokens';

const now = new Date('2026-12-07T08:00:00Z'); // the fixtures' mission is Thursday 10 December
const client = api({ now });
const locationOf = (res: { headers: Headers }) => res.headers.get('location')!;
const anAddress = () => ({
  'cf-connecting-ip': `10.${Math.floor(Math.random() * 256)}.${Math.floor(Math.random() * 256)}.${Math.floor(Math.random() * 256)}`,
});

let lines: string[] = [];
beforeEach(() => {
  lines = [];
  for (const level of ['log', 'info', 'warn', 'error', 'debug'] as const) {
    vi.spyOn(console, level).mockImplementation((...args: unknown[]) => void lines.push(args.map(String).join(' ')));
  }
});
afterEach(() => vi.restoreAllMocks());

describe('the request log', () => {
  it('says which request, route, status, role, door and zone, as JSON, and never the patient’s phone, name or birth date', async () => {
    const { zone, slotIds } = await bookableZone(client, { slots: 3 });
    const patient = patientBody({ firstName: 'Philomène', birthDate: '1944-03-12' });
    const secrets = [
      patient.phone,
      patient.phone.slice(1),
      patient.lastName,
      'Philom',
      '1944-03-12',
      '12/03/1944',
      '12031944',
    ];
    const answered: ApiResponse[] = [];
    const sent = async (res: Promise<ApiResponse>) => {
      const r = await res;
      answered.push(r);
      return r;
    };

    // The API door: a partner's booking, the same slot again, and a birth date in the wrong format.
    const partner = await token('integrator', { client_id: `app-${crypto.randomUUID()}` });
    const booked = await sent(
      client.post('/v1/bookings', { noOverbilling: true, slotId: slotIds[0], patient }, partner, {
        'idempotency-key': idemKey(),
      }),
    );
    expect(booked.status, JSON.stringify(booked.body)).toBe(201);
    expect(
      (
        await sent(
          client.post('/v1/bookings', { noOverbilling: true, slotId: slotIds[0], patient }, partner, {
            'idempotency-key': idemKey(),
          }),
        )
      ).status,
    ).toBe(409);
    const misdated = { ...patient, birthDate: '12/03/1944' };
    expect(
      (
        await sent(
          client.post('/v1/bookings', { noOverbilling: true, slotId: slotIds[1], patient: misdated }, partner, {
            'idempotency-key': idemKey(),
          }),
        )
      ).status,
    ).toBe(400);

    // The pages: finding the booking by reference and birth date.
    const visitor = new Browser(client);
    const address = anAddress();
    expect(
      (await sent(visitor.post('/rdv', { reference: booked.body.reference, naissance: '12/03/1944' }, address))).status,
    ).toBe(303);

    // The pages' booking form, signed in, for a relative: kept while extending, then refused for its email.
    const browser = new Browser(client);
    // An account of this file's own: a patient holds one slot at a time.
    expect((await browser.signIn(`/reserver/${slotIds[2]}`, 'fc-demo-6')).status).toBe(303);
    const csrf = csrfOf((await browser.get(`/reserver/${slotIds[2]}`)).body)!;
    const formPath = locationOf(await sent(browser.post(`/reserver/${slotIds[2]}`, { csrf })));
    const form = await sent(browser.get(formPath));
    const key = /name="cle" value="([^"]+)"/.exec(form.body)![1];
    const relative = {
      csrf,
      cle: key,
      who: 'proche',
      firstName: patient.firstName,
      lastName: patient.lastName,
      birthDate: '12/03/1944',
      phone: patient.phone,
      email: '',
    };
    expect((await sent(browser.post(`${formPath}/prolonger`, relative))).status).toBe(303);
    expect((await sent(browser.post(formPath, { ...relative, email: 'pas-une-adresse' }))).status).toBe(400);

    expect(lines.length).toBeGreaterThan(answered.length);
    for (const line of lines) {
      for (const secret of secrets) expect(line, `a log line carries "${secret}"`).not.toContain(secret);
    }
    const requests = lines
      .map((line) => JSON.parse(line) as Record<string, unknown>)
      .filter((entry) => entry.event === 'request');
    for (const res of answered) {
      const id = res.headers.get('x-request-id');
      expect(id, `${res.status} ${String(res.body).slice(0, 80)}`).toBeTruthy();
      const entry = requests.find((r) => r.requestId === id);
      expect(entry, `no request line for ${id}`).toMatchObject({
        status: res.status,
        route: expect.stringMatching(/^\//),
        ms: expect.any(Number),
      });
    }
    const bookingLines = requests.filter((r) => r.route === '/v1/bookings');
    expect(bookingLines.map((r) => r.status)).toEqual([201, 409, 400]);
    expect(bookingLines[0]).toMatchObject({ method: 'POST', role: 'integrator', door: 'api', zone: zone.siren });
    expect(requests.find((r) => r.route === '/reserver/:slotId' && r.method === 'POST')).toMatchObject({
      door: 'pages',
      role: 'patient',
      zone: zone.siren,
    });
  });
});
