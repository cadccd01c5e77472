// The first webhook attempt from the integrator's own request (after the response, waitUntil): it
// reaches the receiver with no Queue and no cron at all; a failed one is retried on the usual
// schedule with the same webhook-id; and when the request and the Queue consumer both try the same
// event, the database's claim lets one of them send each delivery.
import { createMessageBatch, createScheduledController } from 'cloudflare:test';
import { Webhook } from 'standardwebhooks';
import { describe, expect, it } from 'vitest';
import worker from '../src/index';
import { createRequestDb } from '../src/db/client';
import { configOf } from '../src/env';
import type { EventMessage } from '../src/core/outbox/event';
import { firstWebhookAttempts } from '../src/events/webhooks/first-attempt';
import { api } from './helpers/api';
import { env } from './helpers/env';
import { book } from './helpers/fixtures';
import { missionDay, planning } from './helpers/mission-day';
import { sql } from './helpers/sql';
import { deliveriesOfEndpoint, integratorWithEndpoint, received, script } from './helpers/webhooks';

const DAY = '2026-12-17';
const PLANNED = new Date('2026-12-01T08:00:00Z');
// No Queue binding: nothing is published, so only the request itself can deliver.
const noQueue = api({ now: PLANNED, env: { EVENTS: undefined } });

const eventOf = async (bookingId: string) =>
  (
    await sql<{ id: string }>(`SELECT id FROM events WHERE booking_id = $1 AND type = 'booking.created'`, [bookingId])
  )[0].id;
const queueBatch = (eventId: string) =>
  createMessageBatch<EventMessage>('mpdcv-events', [
    { id: `msg-${crypto.randomUUID()}`, timestamp: new Date(), attempts: 1, body: { id: eventId } },
  ]);
const cronAt = (at: Date) => worker.scheduled(createScheduledController({ scheduledTime: at, cron: '* * * * *' }), env);

describe('the first webhook attempt from the request', () => {
  it('reaches the receiver, signed, before any Queue or cron runs; the booking is still one round trip', async () => {
    const d = await missionDay({ date: DAY });
    const integrator = await integratorWithEndpoint(planning);
    const res = await book(noQueue, integrator.bearer, { slotId: d.slotIds[0] });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.headers.get('x-db-queries')).toBe('1');
    const eventId = await eventOf(res.body.id);
    // The api helper returns once waitUntil's work is done: the attempt has happened.
    const [hook] = await received(integrator.path);
    expect(hook.headers['webhook-id']).toBe(eventId);
    expect(new Webhook(integrator.endpoint.secret).verify(hook.body, hook.headers)).toMatchObject({
      type: 'booking.created',
      data: { bookingId: res.body.id },
    });
    expect(await deliveriesOfEndpoint(integrator.endpoint.id)).toMatchObject([
      { event_id: eventId, status: 'succeeded', attempts: 1, last_status: 204 },
    ]);
    // The Queue's copy of the event, when it comes, sends nothing more and leaves the row as it is.
    await worker.queue(queueBatch(eventId), env);
    expect(await received(integrator.path)).toHaveLength(1);
    expect(await deliveriesOfEndpoint(integrator.endpoint.id)).toMatchObject([{ status: 'succeeded', attempts: 1 }]);
  });

  it('a failed first attempt is retried when due, with the same webhook-id; the Queue does not send it early', async () => {
    const d = await missionDay({ date: DAY });
    const integrator = await integratorWithEndpoint(planning);
    await script(integrator.path, [{ status: 500 }]);
    const res = await book(noQueue, integrator.bearer, { slotId: d.slotIds[1] });
    expect(res.status).toBe(201);
    const eventId = await eventOf(res.body.id);
    const [first] = await deliveriesOfEndpoint(integrator.endpoint.id);
    expect(first).toMatchObject({ event_id: eventId, status: 'pending', attempts: 1, last_status: 500 });
    // The Queue's message arrives before the retry is due: the schedule holds.
    await worker.queue(queueBatch(eventId), env);
    expect(await deliveriesOfEndpoint(integrator.endpoint.id)).toMatchObject([{ status: 'pending', attempts: 1 }]);
    await cronAt(new Date(first.next_attempt_at!));
    expect(await deliveriesOfEndpoint(integrator.endpoint.id)).toMatchObject([
      { status: 'succeeded', attempts: 2, last_status: 204 },
    ]);
    const hooks = await received(integrator.path);
    expect(hooks.map((h) => h.headers['webhook-id'])).toEqual([eventId, eventId]);
  });

  it('racing the Queue consumer, each delivery is sent once and its row stays consistent', async () => {
    const d = await missionDay({ date: DAY });
    const integrator = await integratorWithEndpoint(planning);
    const res = await book(noQueue, integrator.bearer, { slotId: d.slotIds[2] });
    const eventId = await eventOf(res.body.id);
    // A second endpoint of the same integrator, registered after the event: nobody has tried it yet.
    const second = await planning.post(
      '/v1/webhooks',
      { url: `${env.TEST_WEBHOOK_RECEIVER}/hooks/${crypto.randomUUID()}`, eventTypes: ['booking.created'] },
      integrator.bearer,
    );
    expect(second.status).toBe(201);
    const secondPath = new URL(second.body.url).pathname;
    const config = configOf(env);
    const requestDb = createRequestDb(
      () => config,
      () => undefined,
    );
    try {
      await Promise.all([
        firstWebhookAttempts(requestDb.db, config, [eventId], PLANNED, 'race'),
        worker.queue(queueBatch(eventId), env),
      ]);
    } finally {
      await requestDb.end();
    }
    expect(await received(secondPath)).toHaveLength(1);
    expect(await deliveriesOfEndpoint(second.body.id)).toMatchObject([
      { event_id: eventId, status: 'succeeded', attempts: 1 },
    ]);
    expect(await received(integrator.path)).toHaveLength(1);
  });
});
