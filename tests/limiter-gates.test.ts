// What reaches a zone's budget: only authenticated callers of the right role, with valid input;
// a zone this isolate does not know shares one budget with all such zones; and a caller's budget
// across zones caps a tour of many zones.
import { describe, expect, it } from 'vitest';
import { api, statuses } from './helpers/api';
import { bookableZone, book, newZone } from './helpers/fixtures';
import { env } from './helpers/env';
import { sql } from './helpers/sql';
import { token } from './helpers/tokens';
import { UNKNOWN_ZONES } from '../src/middleware/zone-of-request';

const now = new Date('2026-12-01T08:00:00Z');

/** The real zone limiter, recording which zones' objects are asked for. */
function recordingZones() {
  const names: string[] = [];
  const real = env.ZONE_RATE_LIMITER!;
  const namespace = {
    idFromName: (name: string) => {
      names.push(name);
      return real.idFromName(name);
    },
    get: (id: DurableObjectId) => real.get(id),
  };
  return { names, namespace: namespace as unknown as typeof real };
}

/** A syntactically valid slot id whose first 8 hex digits name `siren`. */
const idInZone = (siren: string) => `${Number(siren).toString(16).padStart(8, '0')}${crypto.randomUUID().slice(8)}`;

describe('the limiter runs after authentication, the role check and validation', () => {
  it('anonymous, wrong-role and invalid claims never spend a zone’s budget', async () => {
    const client = api({ now });
    const { slotIds } = await bookableZone(client, { slots: 2 });
    const doctor = await token('doctor', { rpps: '10001234567' });
    const patient = await token('patient');
    // A first hold wakes both limiters, so that a busy machine's cold start cannot make them fail open below.
    const hold = await client.post('/v1/holds', { slotId: slotIds[1] }, patient);
    expect(hold.headers.get('ratelimit')).toMatch(/^"zone";r=59;/);
    const attempts = [];
    const attackers = [
      ...Array.from({ length: 100 }, () => () => book(client, '', { slotId: slotIds[0] })),
      ...Array.from({ length: 30 }, () => () => client.post('/v1/holds', { slotId: slotIds[0] })),
      ...Array.from({ length: 30 }, () => () => book(client, doctor, { slotId: slotIds[0] })),
      ...Array.from(
        { length: 10 },
        () => () => client.post('/v1/holds', { slotId: slotIds[0], unexpected: true }, patient),
      ),
    ];
    for (let i = 0; i < attackers.length; i += 20)
      attempts.push(...(await Promise.all(attackers.slice(i, i + 20).map((attack) => attack()))));
    expect(statuses(attempts)).toEqual({ 400: 10, 401: 130, 403: 30 });
    expect(attempts.every((r) => r.headers.get('ratelimit') === null)).toBe(true);

    const booked = await book(client, patient, { holdId: hold.body.id });
    expect(booked.status).toBe(201);
    // Only the hold and this booking took from the zone's 60 and the patient's budgets.
    expect(booked.headers.get('ratelimit')).toMatch(
      /^"zone";r=58;t=\d+, "caller";r=8;t=\d+, "caller-total";r=18;t=\d+$/,
    );
  });

  it('an id whose zone is not a known priority zone gets no zone object of its own, but the one budget of unknown zones', async () => {
    const zones = recordingZones();
    const client = api({ now, env: { ZONE_RATE_LIMITER: zones.namespace } });
    const { zone, slotIds } = await bookableZone(client);
    const patient = await token('patient');
    for (const siren of ['999999999', '000000001', '200000000']) {
      const forged = await client.post('/v1/holds', { slotId: idInZone(siren) }, patient);
      expect(forged.status).toBe(404);
      // A zone's budget, shared by every unknown SIREN, and the caller's own budget across zones.
      expect(forged.headers.get('ratelimit-policy')).toMatch(
        /^"zone";q=60;w=12, "caller";q=10;w=60, "caller-total";q=20;w=60$/,
      );
    }
    expect(zones.names).toEqual([UNKNOWN_ZONES, UNKNOWN_ZONES, UNKNOWN_ZONES]);
    expect((await client.post('/v1/holds', { slotId: slotIds[0] }, patient)).status).toBe(201);
    expect(zones.names.at(-1)).toBe(zone.siren);
  });

  it('a zone designated elsewhere becomes known after a background refresh', async () => {
    const zones = recordingZones();
    // Clocks of their own, far from the other tests' and apart, so that the miss may ask for a refresh.
    const client = api({ now: new Date('2027-03-01T08:00:00Z'), env: { ZONE_RATE_LIMITER: zones.namespace } });
    const zone = await newZone(client);
    // An earlier miss: the isolate has loaded its zones at least once (cold or not, whatever ran before).
    expect((await api({ now: new Date('2027-02-01T08:00:00Z') }).get('/v1/slots?epci=999999999')).status).toBe(404);
    // Withdrawn through this isolate, then designated again behind its back (as another isolate would).
    expect((await client.del(`/v1/zones/${zone.siren}/priority`, await token('admin'))).status).toBe(204);
    await sql(`INSERT INTO priority_zones (siren, source) VALUES ($1, 'test: another isolate')`, [zone.siren]);
    expect((await client.get(`/v1/slots?epci=${zone.siren}`)).status).toBe(200);
    // Not known yet: limited by the budget all unknown zones share, not left without one.
    expect(zones.names).toEqual([UNKNOWN_ZONES]);
    // The miss asked for a refresh (awaited here through waitUntil): the next search knows the zone.
    expect((await client.get(`/v1/slots?epci=${zone.siren}`)).status).toBe(200);
    expect(zones.names).toEqual([UNKNOWN_ZONES, zone.siren]);
  });
});

describe('a caller’s budget across zones', () => {
  it('a patient touring zones is limited by one budget, not one per zone', async () => {
    const client = api({ now });
    const tour = await Promise.all([0, 1, 2].map(() => bookableZone(client, { slots: 7 })));
    const patient = await token('patient');
    const answers: number[] = [];
    for (let i = 0; i < 7; i++) {
      for (const { slotIds } of tour)
        answers.push((await client.post('/v1/holds', { slotId: slotIds[i] }, patient)).status);
    }
    // 7 per zone is within each zone's 10 for a caller, but 21 in all exceeds the 20 across zones.
    expect(answers.slice(0, 20).every((s) => s === 201)).toBe(true);
    expect(answers[20]).toBe(429);
    const refused = await client.post('/v1/holds', { slotId: tour[0].slotIds[6] }, patient);
    expect(refused.body).toMatchObject({ code: 'rate_limited', detail: expect.stringContaining('across zones') });
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    // Another patient is not affected (that slot was freed when the tourist's next hold replaced it).
    expect((await client.post('/v1/holds', { slotId: tour[0].slotIds[6] }, await token('patient'))).status).toBe(201);
  });
});
