// Failing webhook endpoints: retries on the Standard Webhooks schedule driven by the cron with an
// injected clock, Retry-After honoured, 410 Gone and five days of failures disabling the endpoint,
// and the manual retry. The first attempt comes from the real Queue, at the real time.
import { createScheduledController } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import worker from '../src/index';
import { RETRY_DELAYS_SECONDS } from '../src/domain/webhook-schedule';
import { retryWebhooks } from '../src/events/webhooks/retry';
import { api } from './helpers/api';
import { env } from './helpers/env';
import { book } from './helpers/fixtures';
import { missionDay, planning } from './helpers/mission-day';
import { sql } from './helpers/sql';
import {
  deliveriesOfEndpoint,
  deliveryWhen,
  integratorWithEndpoint,
  received,
  script,
  waitFor,
} from './helpers/webhooks';

const DAY = '2026-12-16';
const client = api();

const cronAt = (at: Date) => worker.scheduled(createScheduledController({ scheduledTime: at, cron: '* * * * *' }), env);
const seconds = (from: Date | null, to: Date | null) => (new Date(to!).getTime() - new Date(from!).getTime()) / 1000;

/** A new integrator with an endpoint whose receiver answers `answers` first, and one booking of theirs. */
async function failingEndpoint(answers: Parameters<typeof script>[1]) {
  const d = await missionDay({ date: DAY });
  const integrator = await integratorWithEndpoint(planning);
  await script(integrator.path, answers);
  const booking = await book(planning, integrator.bearer, { slotId: d.slotIds[0] });
  expect(booking.status).toBe(201);
  const first = await deliveryWhen(integrator.endpoint.id, (x) => x.last_status !== null, 'the first attempt');
  return { ...integrator, d, first };
}

describe('a failing endpoint', () => {
  it('is retried by the cron on the Standard Webhooks schedule, with jitter, then the delivery fails', async () => {
    const { endpoint, bearer, path, first } = await failingEndpoint(Array(10).fill({ status: 500 }));
    expect(first).toMatchObject({ status: 'pending', attempts: 1, last_status: 500, last_error: 'http_500' });
    let current = first;
    for (const [i, delay] of RETRY_DELAYS_SECONDS.entries()) {
      const wait = seconds(current.last_attempt_at, current.next_attempt_at);
      expect(wait, `wait after attempt ${i + 1}`).toBeGreaterThanOrEqual(delay * 0.9);
      expect(wait, `wait after attempt ${i + 1}`).toBeLessThanOrEqual(delay * 1.1);
      // A run a second early finds nothing due; the run at the due time sends it.
      await cronAt(new Date(new Date(current.next_attempt_at!).getTime() - 1000));
      expect((await deliveriesOfEndpoint(endpoint.id))[0].attempts).toBe(i + 1);
      await cronAt(new Date(current.next_attempt_at!));
      [current] = await deliveriesOfEndpoint(endpoint.id);
      expect(current.attempts).toBe(i + 2);
    }
    expect(current).toMatchObject({ status: 'failed', attempts: 10, next_attempt_at: null, last_status: 500 });
    const all = await received(path);
    expect(all).toHaveLength(10);
    expect(new Set(all.map((r) => r.headers['webhook-id']))).toEqual(new Set([current.event_id]));
    // About three days of failures: the endpoint stays enabled, and shows since when it fails.
    const shown = await client.get(`/v1/webhooks/${endpoint.id}`, bearer);
    expect(shown.body).toMatchObject({
      status: 'enabled',
      failingSince: new Date(first.last_attempt_at!).toISOString(),
    });
  });

  it('two cron runs at once send a due delivery once', async () => {
    const { endpoint, path, first } = await failingEndpoint([{ status: 500 }]);
    await Promise.all([cronAt(new Date(first.next_attempt_at!)), cronAt(new Date(first.next_attempt_at!))]);
    expect((await deliveriesOfEndpoint(endpoint.id))[0]).toMatchObject({ status: 'succeeded', attempts: 2 });
    expect(await received(path)).toHaveLength(2);
  });

  it('a secret that cannot be opened holds back its own delivery only', async () => {
    const sound = await failingEndpoint([{ status: 500 }]);
    const broken = await failingEndpoint([{ status: 500 }]);
    await sql(`UPDATE webhook_endpoints SET secret = 'gcm:AAAAAAAAAAAAAAAA:AAAAAAAAAAAAAAAAAAAAAA==' WHERE id = $1`, [
      broken.endpoint.id,
    ]);
    const due = new Date(Math.max(...[sound, broken].map((x) => new Date(x.first.next_attempt_at!).getTime())));
    await cronAt(due);
    expect((await deliveriesOfEndpoint(sound.endpoint.id))[0]).toMatchObject({ status: 'succeeded', attempts: 2 });
    expect((await deliveriesOfEndpoint(broken.endpoint.id))[0]).toMatchObject({
      status: 'pending',
      attempts: 2,
      last_error: 'secret_unreadable',
    });
    expect(await received(broken.path)).toHaveLength(1);
    // Leave no pending delivery for later runs' crons.
    expect((await client.del(`/v1/webhooks/${broken.endpoint.id}`, broken.bearer)).status).toBe(204);
  });

  it('answering 429 with Retry-After is not tried again before it', async () => {
    const { endpoint, first } = await failingEndpoint([{ status: 429, retryAfter: 7200 }]);
    expect(first).toMatchObject({ status: 'pending', last_status: 429 });
    expect(seconds(first.last_attempt_at, first.next_attempt_at)).toBe(7200);
    await cronAt(new Date(new Date(first.last_attempt_at!).getTime() + 3600_000));
    expect((await deliveriesOfEndpoint(endpoint.id))[0].attempts).toBe(1);
    await cronAt(new Date(first.next_attempt_at!));
    expect((await deliveriesOfEndpoint(endpoint.id))[0]).toMatchObject({
      status: 'succeeded',
      attempts: 2,
      last_status: 204,
    });
  });

  it('answering 410 Gone is disabled at once, shown so, refused a manual retry, and enabled again', async () => {
    const { endpoint, bearer, path, first, d } = await failingEndpoint([{ status: 410 }]);
    expect(first).toMatchObject({ status: 'failed', attempts: 1, last_status: 410, next_attempt_at: null });
    const shown = await client.get(`/v1/webhooks/${endpoint.id}`, bearer);
    expect(shown.body).toMatchObject({ status: 'disabled', disabledReason: 'gone' });
    // Disabled: a new booking makes no delivery.
    expect((await book(planning, bearer, { slotId: d.slotIds[1] })).status).toBe(201);
    await new Promise((r) => setTimeout(r, 3000));
    expect(await deliveriesOfEndpoint(endpoint.id)).toHaveLength(1);

    const refused = await client.post(`/v1/webhooks/${endpoint.id}/deliveries/${first.id}/retry`, {}, bearer);
    expect(refused.status).toBe(409);
    expect(refused.body.code).toBe('webhook_disabled');
    const enabled = await client.post(`/v1/webhooks/${endpoint.id}/enable`, {}, bearer);
    expect(enabled.body).toMatchObject({
      status: 'enabled',
      disabledReason: null,
      disabledAt: null,
      failingSince: null,
    });
    const retried = await client.post(`/v1/webhooks/${endpoint.id}/deliveries/${first.id}/retry`, {}, bearer);
    expect(retried.status).toBe(200);
    expect(retried.body).toMatchObject({ status: 'succeeded', attempts: 2, lastResponseStatus: 204 });
    const all = await received(path);
    expect(all.map((r) => r.headers['webhook-id'])).toEqual([first.event_id, first.event_id]);
  });

  it('failing for five days is disabled and shown so', async () => {
    const { endpoint, bearer, first } = await failingEndpoint([{ status: 500 }, { status: 503 }]);
    await sql(`UPDATE webhook_endpoints SET failing_since = now() - interval '5 days 1 minute' WHERE id = $1`, [
      endpoint.id,
    ]);
    const retried = await client.post(`/v1/webhooks/${endpoint.id}/deliveries/${first.id}/retry`, {}, bearer);
    expect(retried.body).toMatchObject({
      status: 'pending',
      attempts: 2,
      lastResponseStatus: 503,
      lastError: 'http_503',
    });
    const shown = await client.get(`/v1/webhooks/${endpoint.id}`, bearer);
    expect(shown.body).toMatchObject({ status: 'disabled', disabledReason: 'failing' });
    // Its pending delivery waits: the cron leaves a disabled endpoint alone.
    await cronAt(new Date(Date.now() + 86_400_000));
    expect((await deliveriesOfEndpoint(endpoint.id))[0].attempts).toBe(2);
    expect((await client.del(`/v1/webhooks/${endpoint.id}`, bearer)).status).toBe(204);
  });
});

describe('an endpoint that does not answer', () => {
  it('is cut off at the timeout (15 s; shortened here) and retried later', async () => {
    const { endpoint, bearer, first } = await failingEndpoint([{ status: 500 }, { hang: true }]);
    const attempted = await retryWebhooks(env, new Date(first.next_attempt_at!), { timeoutMs: 300 });
    expect(attempted).toBeGreaterThanOrEqual(1);
    const [after] = await deliveriesOfEndpoint(endpoint.id);
    expect(after).toMatchObject({ status: 'pending', attempts: 2, last_status: null, last_error: 'timeout' });
    expect(seconds(after.last_attempt_at, after.next_attempt_at)).toBeGreaterThanOrEqual(270);
    expect((await client.del(`/v1/webhooks/${endpoint.id}`, bearer)).status).toBe(204);
  });
});

describe('the delivery log', () => {
  it('pages newest first; someone else’s delivery is a 404 to retry', async () => {
    const d = await missionDay({ date: DAY });
    const integrator = await integratorWithEndpoint(planning);
    for (const slotId of d.slotIds.slice(0, 3))
      expect((await book(planning, integrator.bearer, { slotId })).status).toBe(201);
    const all = await waitFor(async () => {
      const rows = await deliveriesOfEndpoint(integrator.endpoint.id);
      return rows.length === 3 && rows.every((r) => r.status === 'succeeded') && rows;
    }, 'three deliveries');
    const page1 = await client.get(`/v1/webhooks/${integrator.endpoint.id}/deliveries?limit=2`, integrator.bearer);
    const page2 = await client.get(
      `/v1/webhooks/${integrator.endpoint.id}/deliveries?limit=2&cursor=${page1.body.nextCursor}`,
      integrator.bearer,
    );
    const listed = [...page1.body.items, ...page2.body.items].map((x: { id: string }) => x.id);
    expect(listed).toEqual(all.map((x) => x.id).reverse());
    expect(page2.body.nextCursor).toBeNull();
    const other = await integratorWithEndpoint(planning);
    expect(
      (await client.post(`/v1/webhooks/${integrator.endpoint.id}/deliveries/${all[0].id}/retry`, {}, other.bearer))
        .status,
    ).toBe(404);
    expect(
      (await client.post(`/v1/webhooks/${other.endpoint.id}/deliveries/${all[0].id}/retry`, {}, other.bearer)).status,
    ).toBe(404);
  });
});
