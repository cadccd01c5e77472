// The Analytics Engine data points (src/lib/metrics.ts) the worker writes per zone and door. Locally
// Miniflare's METRICS binding keeps nothing, so each test hands the worker a recording binding in
// its bindings, as production's runtime hands it the real one; the requests go through HTTP as usual.
import { createScheduledController } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import worker from '../src/index';
import { api } from './helpers/api';
import { env } from './helpers/env';
import { book, bookableZone, idemKey, patientBody } from './helpers/fixtures';
import { token } from './helpers/tokens';
import { deliveriesOfEndpoint, deliveryWhen, integratorWithEndpoint, script } from './helpers/webhooks';

const T0 = new Date('2026-12-01T08:00:00Z');

interface Point {
  name: string;
  zone: string;
  door: string;
  route: string;
  count: number;
  status: number;
  ms: number;
}

/** A dataset that keeps what is written, read back as named columns (blob1… and double1…, as the SQL API names them). */
function recordingDataset() {
  const written: AnalyticsEngineDataPoint[] = [];
  const dataset: AnalyticsEngineDataset = { writeDataPoint: (point) => void written.push(point ?? {}) };
  const points = (): Point[] =>
    written.map(({ blobs = [], doubles = [], indexes = [] }) => {
      expect(indexes).toEqual([blobs[0]]);
      const [name, zone, door, route] = blobs as string[];
      const [count, status, ms] = doubles;
      return { name, zone, door, route, count, status, ms };
    });
  return { dataset, points };
}

describe('metrics', () => {
  it('counts each request by door, zone, route and status, and each booking by zone and door: 201, 409, 429 and 503 alike', async () => {
    const { zone, slotIds } = await bookableZone(api({ now: T0 }), { slots: 2 });
    const { dataset, points } = recordingDataset();
    // Two bookings a minute in this zone: the third request is refused by the zone's limiter.
    const client = api({
      now: T0,
      env: { METRICS: dataset, RATE_LIMIT_OVERRIDES: JSON.stringify({ [zone.siren]: { booking: 2 } }) },
    });
    const patient = await token('patient');
    expect((await book(client, patient, { slotId: slotIds[0] })).status).toBe(201);
    expect((await book(client, await token('patient'), { slotId: slotIds[0] })).status).toBe(409);
    expect((await book(client, await token('patient'), { slotId: slotIds[1] })).status).toBe(429);
    expect((await client.get('/fhir/metadata')).status).toBe(200);
    expect((await client.get('/agent')).status).toBeLessThan(500);
    expect((await client.get('/')).status).toBe(200);
    const down = api({ env: { METRICS: dataset, DATABASE_URL: 'postgres://postgres@127.0.0.1:1/postgres' } });
    expect((await down.get('/v1/zones')).status).toBe(503);

    const bookingRequests = points().filter((p) => p.name === 'request' && p.route === '/v1/bookings');
    expect(bookingRequests.map((p) => p.status)).toEqual([201, 409, 429]);
    for (const p of bookingRequests)
      expect(p).toMatchObject({ door: 'api', zone: zone.siren, count: 1, ms: expect.any(Number) });
    expect(points().filter((p) => p.name === 'booking')).toEqual([
      { name: 'booking', zone: zone.siren, door: 'api', route: '', count: 1, status: 0, ms: 0 },
    ]);
    const doors = Object.fromEntries(
      points()
        .filter((p) => p.name === 'request')
        .map((p) => [p.route, p.door]),
    );
    expect(doors).toMatchObject({ '/fhir/metadata': 'fhir', '/': 'pages', '/v1/zones': 'api' });
    expect(points().some((p) => p.name === 'request' && p.door === 'agent')).toBe(true);
    expect(points().find((p) => p.route === '/v1/zones')).toMatchObject({ status: 503, zone: '' });
  });

  it('counts an offer left to expire in the cron, by zone, as background work', async () => {
    const client = api({ now: T0 });
    const { zone, slotIds } = await bookableZone(client, { slots: 1 });
    const booker = await token('patient');
    const booked = await book(client, booker, { slotId: slotIds[0] });
    expect(booked.status).toBe(201);
    const waiting = await client.post(
      '/v1/waitlist',
      { zone: zone.siren, patient: patientBody() },
      await token('patient'),
    );
    expect(waiting.status, JSON.stringify(waiting.body)).toBe(201);
    expect((await client.post(`/v1/bookings/${booked.body.id}/cancel`, {}, booker)).status).toBe(200);
    const cron = (at: Date, bindings = env) =>
      worker.scheduled(createScheduledController({ scheduledTime: at.getTime(), cron: '* * * * *' }), bindings);
    await cron(T0);

    const { dataset, points } = recordingDataset();
    // An offer made more than a day before its slot is kept 2 hours.
    await cron(new Date(T0.getTime() + 2 * 3_600_000), { ...env, METRICS: dataset });
    // The sweep is global: only this zone's offer is this test's.
    expect(points().filter((p) => p.name === 'offer_expired' && p.zone === zone.siren)).toEqual([
      { name: 'offer_expired', zone: zone.siren, door: 'background', route: '', count: 1, status: 0, ms: 0 },
    ]);
  });

  it('counts a failed webhook attempt of the cron’s retries', async () => {
    const client = api({ now: T0 });
    const { slotIds } = await bookableZone(client, { slots: 1 });
    const integrator = await integratorWithEndpoint(client);
    await script(integrator.path, [{ status: 500 }, { status: 500 }]);
    expect((await book(client, integrator.bearer, { slotId: slotIds[0] })).status).toBe(201);
    const first = await deliveryWhen(integrator.endpoint.id, (d) => d.last_status !== null, 'the first attempt');

    const { dataset, points } = recordingDataset();
    await worker.scheduled(
      createScheduledController({ scheduledTime: new Date(first.next_attempt_at!).getTime(), cron: '* * * * *' }),
      { ...env, METRICS: dataset },
    );
    expect((await deliveriesOfEndpoint(integrator.endpoint.id))[0]).toMatchObject({ attempts: 2, last_status: 500 });
    const failed = points().filter((p) => p.name === 'webhook_failed');
    expect(failed.reduce((sum, p) => sum + p.count, 0)).toBeGreaterThanOrEqual(1);
    for (const p of failed) expect(p).toMatchObject({ door: 'background', zone: '' });
    // Leave no pending delivery for other tests' crons.
    expect((await client.del(`/v1/webhooks/${integrator.endpoint.id}`, integrator.bearer)).status).toBe(204);
  });

  it('never fails a request: no binding writes nothing, a binding that throws is logged and passed over', async () => {
    const { slotIds } = await bookableZone(api({ now: T0 }), { slots: 2 });
    const unbound = api({ now: T0, env: { METRICS: undefined } });
    expect((await book(unbound, await token('patient'), { slotId: slotIds[0] })).status).toBe(201);
    const broken: AnalyticsEngineDataset = {
      writeDataPoint: () => {
        throw new Error('dataset unavailable');
      },
    };
    const failing = api({ now: T0, env: { METRICS: broken } });
    expect((await book(failing, await token('patient'), { slotId: slotIds[1] }, idemKey())).status).toBe(201);
    // Miniflare's own binding (wrangler.toml's) takes the points and keeps nothing.
    expect(typeof env.METRICS?.writeDataPoint).toBe('function');
  });
});
