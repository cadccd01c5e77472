// Delivery: the Queue consumer hands each event to each deliverer once, even when the message
// comes twice; a throwing deliverer has its message retried with backoff; the cron relays the
// events whose publish was lost, and only those.
import { createExecutionContext, createMessageBatch, createScheduledController, getQueueResult } from 'cloudflare:test';
import { describe, expect, it, vi } from 'vitest';
import worker from '../src/index';
import { consumeEvents } from '../src/events/consumer';
import type { Deliverer } from '../src/events/deliverers';
import type { EventMessage, OutboxEvent } from '../src/core/outbox/event';
import { logDeliverer } from '../src/events/log-deliverer';
import { env } from './helpers/env';
import { sql } from './helpers/sql';

/** An event row as a lost publish leaves it; a zone id no real EPCI has. */
async function newEvent(occurredAt: Date, enqueuedAt: Date | null = null) {
  const id = crypto.randomUUID();
  await sql(
    `INSERT INTO events (id, type, occurred_at, mission_id, epci_siren, data, enqueued_at) VALUES ($1, 'mission.declared', $2, $3, '000000001', '{}', $4)`,
    [id, occurredAt, crypto.randomUUID(), enqueuedAt],
  );
  return id;
}

let messageCounter = 0;
const message = (id: string, attempts = 1) => ({
  id: `msg-${messageCounter++}`,
  timestamp: new Date(),
  attempts,
  body: { id },
});
const batchOf = (...messages: ReturnType<typeof message>[]) =>
  createMessageBatch<EventMessage>('mpdcv-events', messages);

function counting(name: string, fail: () => boolean = () => false): Deliverer & { seen: string[] } {
  const seen: string[] = [];
  return {
    name,
    seen,
    handles: () => true,
    deliver: async (event: OutboxEvent) => {
      if (fail()) throw new Error('provider answered 503');
      seen.push(event.id);
    },
  };
}

const deliveriesOf = (id: string) =>
  sql<{ deliverer: string; status: string; attempts: number; last_error: string | null; next_attempt_at: Date | null }>(
    `SELECT deliverer, status, attempts, last_error, next_attempt_at FROM deliveries WHERE event_id = $1 ORDER BY deliverer`,
    [id],
  );

describe('the Queue consumer', () => {
  it('the worker’s queue handler delivers an event to the log deliverer and marks it enqueued', async () => {
    const id = await newEvent(new Date());
    const batch = batchOf(message(id));
    await worker.queue(batch, env);
    const result = await getQueueResult(batch, createExecutionContext());
    expect(result.retryMessages).toEqual([]);
    expect(result.explicitAcks).toHaveLength(1);
    // A mission day declared is also handed to the waitlist, which offers its slots.
    expect(await deliveriesOf(id)).toMatchObject([
      { deliverer: 'log', status: 'delivered', attempts: 1 },
      { deliverer: 'waitlist', status: 'delivered', attempts: 1 },
    ]);
    const [row] = await sql<{ enqueued_at: Date | null }>(`SELECT enqueued_at FROM events WHERE id = $1`, [id]);
    expect(row.enqueued_at).not.toBeNull();
  });

  it('delivers each event once per deliverer, though the message comes twice in a batch and again later', async () => {
    const id = await newEvent(new Date());
    const other = counting('test-counter');
    const deliverers = [other, logDeliverer];
    const first = batchOf(message(id), message(id));
    const clock = () => new Date('2026-12-03T10:00:00Z');
    await consumeEvents(first, env, deliverers, clock);
    await consumeEvents(batchOf(message(id)), env, deliverers, clock);
    expect(other.seen).toEqual([id]);
    expect(await deliveriesOf(id)).toMatchObject([
      { deliverer: 'log', status: 'delivered', attempts: 1 },
      { deliverer: 'test-counter', status: 'delivered', attempts: 1 },
    ]);
    // Every copy is acknowledged: a duplicate is not an error.
    expect((await getQueueResult(first, createExecutionContext())).explicitAcks).toHaveLength(2);
  });

  it('a throwing deliverer gets its message retried with backoff; the others are not repeated', async () => {
    const now = new Date('2026-12-03T10:00:00Z');
    // The tests' consumer dates an event's work at the event's time (QUEUE_CLOCK=event).
    const id = await newEvent(now);
    let down = true;
    const flaky = counting('test-flaky', () => down);
    const steady = counting('test-steady');
    const third = batchOf(message(id, 3));
    // getQueueResult reports the retry but not its delay: watch the call itself.
    const retry = vi.spyOn(third.messages[0], 'retry');
    await consumeEvents(third, env, [flaky, steady], () => now);
    const result = await getQueueResult(third, createExecutionContext());
    expect(result.explicitAcks).toEqual([]);
    expect(result.retryMessages.map((m: { msgId: string }) => m.msgId)).toEqual([third.messages[0].id]);
    // The third attempt waits 30 s × 2²: backoff doubles from 30 s, capped at an hour.
    expect(retry).toHaveBeenCalledWith({ delaySeconds: 120 });
    const failed = await deliveriesOf(id);
    expect(failed).toMatchObject([
      { deliverer: 'test-flaky', status: 'failed', attempts: 1, last_error: 'Error: provider answered 503' },
      { deliverer: 'test-steady', status: 'delivered' },
    ]);
    expect(new Date(failed[0].next_attempt_at!).toISOString()).toBe('2026-12-03T10:02:00.000Z');

    down = false;
    const fourth = batchOf(message(id, 4));
    await consumeEvents(fourth, env, [flaky, steady], () => new Date('2026-12-03T10:02:00Z'));
    expect((await getQueueResult(fourth, createExecutionContext())).retryMessages).toEqual([]);
    expect(flaky.seen).toEqual([id]);
    expect(steady.seen).toEqual([id]);
    expect(await deliveriesOf(id)).toMatchObject([
      { deliverer: 'test-flaky', status: 'delivered', attempts: 2, last_error: null },
      { deliverer: 'test-steady', status: 'delivered', attempts: 1 },
    ]);
  });
});

describe('the cron relay', () => {
  it('enqueues events left un-enqueued for a minute, not those already enqueued nor the fresh ones', async () => {
    const now = new Date();
    const minutesAgo = (m: number) => new Date(now.getTime() - m * 60_000);
    const lost = await newEvent(minutesAgo(5));
    const published = await newEvent(minutesAgo(5), minutesAgo(5));
    const fresh = await newEvent(new Date(now.getTime() - 10_000));

    await worker.scheduled(createScheduledController({ scheduledTime: now, cron: '* * * * *' }), env);
    const rows = await sql<{ id: string; enqueued_at: Date | null; attempts: number }>(
      `SELECT id, enqueued_at, attempts FROM events WHERE id = ANY($1::uuid[])`,
      [[lost, published, fresh]],
    );
    const byId = new Map(rows.map((r) => [r.id, r]));
    expect(byId.get(lost)).toMatchObject({ attempts: 1 });
    expect(byId.get(lost)!.enqueued_at).not.toBeNull();
    expect(byId.get(published)).toMatchObject({ attempts: 0, enqueued_at: minutesAgo(5) });
    expect(byId.get(fresh)).toMatchObject({ attempts: 0, enqueued_at: null });

    // The relayed message goes through the real Queue to the consumer.
    let delivered: unknown[] = [];
    for (let i = 0; i < 40 && !delivered.length; i++) {
      await new Promise((r) => setTimeout(r, 250));
      delivered = (await deliveriesOf(lost)).filter((d) => d.deliverer === 'log' && d.status === 'delivered');
    }
    expect(delivered).toHaveLength(1);
  });
});
