// The Queue consumer: hands each event to the deliverers that want it, once per deliverer.
// Messages come at least once (a publish and a relay, or a redelivery); `deliveries` drops the
// pairs already delivered. A deliverer that throws gets its message retried with backoff; after
// max_retries (wrangler.toml) the Queue moves it to the dead-letter queue.
import { createRequestDb } from '../db/client';
import { configOf, type Env } from '../env';
import { queueTime, type Clock } from '../lib/clock';
import { errorSummary, log } from '../lib/log';
import type { Deliverer } from './deliverers';
import { toEvent, type EventMessage, type OutboxEvent } from '../core/outbox/event';
import { claimDeliveries, recordOutcomes, type DeliveryKey, type DeliveryOutcome } from './deliverer-runs.queries';
import { receivedEvents } from '../core/outbox/outbox.queries';

/** 30 s, 1 min, 2 min… capped at 1 hour; `attempts` counts from 1. */
export const retryDelaySeconds = (attempts: number) => Math.min(30 * 2 ** (attempts - 1), 3600);

const keyOf = (k: DeliveryKey) => `${k.eventId} ${k.deliverer}`;

/** `wall` is read once per batch, and only where QUEUE_CLOCK is `wall` (src/lib/clock.ts). */
export async function consumeEvents(
  batch: MessageBatch<EventMessage>,
  env: Env,
  deliverers: readonly Deliverer[],
  wall: Clock,
) {
  const requestDb = createRequestDb(
    () => configOf(env),
    (error) => log('warn', 'db_pool_error', { queue: batch.queue, error: error.message }),
  );
  try {
    const { db } = requestDb;
    const mode = configOf(env).QUEUE_CLOCK;
    const wallNow = mode === 'wall' ? wall() : null;
    const events = new Map(
      (await receivedEvents(db, [...new Set(batch.messages.map((m) => m.body.id))], wallNow)).map((r) => [
        r.id,
        toEvent(r),
      ]),
    );
    const now =
      wallNow ??
      queueTime(
        mode,
        [...events.values()].map((e) => e.occurredAt),
        wall,
      );
    const eventNow = (event: OutboxEvent) => wallNow ?? queueTime(mode, [event.occurredAt]);
    const wanted = [...events.values()].flatMap((e) =>
      deliverers.filter((d) => d.handles(e)).map((d) => ({ eventId: e.id, deliverer: d.name })),
    );
    const pending = new Set((await claimDeliveries(db, wanted, now)).map(keyOf));
    const outcomes: DeliveryOutcome[] = [];
    for (const message of batch.messages) {
      const event = events.get(message.body.id);
      let failed = false;
      for (const deliverer of event ? deliverers : []) {
        const key = { eventId: event!.id, deliverer: deliverer.name };
        // Claimed once per batch: a second copy of the message in this batch finds it gone.
        if (!pending.delete(keyOf(key))) continue;
        try {
          await deliverer.deliver(event!, env, eventNow(event!));
          outcomes.push({ ...key, delivered: true });
        } catch (error) {
          failed = true;
          const delay = retryDelaySeconds(message.attempts);
          outcomes.push({
            ...key,
            delivered: false,
            error: errorSummary(error),
            nextAttemptAt: new Date(eventNow(event!).getTime() + delay * 1000),
          });
          log('warn', 'delivery_failed', {
            eventId: key.eventId,
            deliverer: key.deliverer,
            attempts: message.attempts,
            error: errorSummary(error),
          });
        }
      }
      if (!event) log('warn', 'event_unknown', { eventId: message.body.id });
      if (failed) message.retry({ delaySeconds: retryDelaySeconds(message.attempts) });
      else message.ack();
    }
    await recordOutcomes(db, outcomes, now);
  } catch (error) {
    // The database failed: nothing is known delivered, so every message comes back.
    log('error', 'events_consumer_failed', { queue: batch.queue, error: errorSummary(error) });
    batch.retryAll({ delaySeconds: retryDelaySeconds(Math.max(1, ...batch.messages.map((m) => m.attempts))) });
  } finally {
    await requestDb.end();
  }
}
