// The Cron Trigger's relay: events whose publish was lost (the request's waitUntil never reached
// the Queue) are sent again after RELAY_AFTER_SECONDS. At least once: an event both published and
// relayed reaches the consumer twice under the same id, and `deliveries` drops the copy.
import { createRequestDb } from '../db/client';
import { configOf, type Env } from '../env';
import { log } from '../lib/log';
import type { EventMessage } from '../core/outbox/event';
import { markRelayed, unenqueuedEvents } from '../core/outbox/outbox.queries';

/** Longer than a publish plus the consumer's batch wait (max_batch_timeout), so a live event is not relayed. */
export const RELAY_AFTER_SECONDS = 60;
/** sendBatch takes at most 100 messages; a run relays at most RELAY_BATCHES of them. */
const BATCH = 100;
const RELAY_BATCHES = 10;

/** Returns how many events were relayed. Sent first, marked after: a crash in between relays again. */
export async function relayEvents(env: Env, now: Date): Promise<number> {
  if (!env.EVENTS) throw new Error('the EVENTS queue binding is missing');
  const requestDb = createRequestDb(
    () => configOf(env),
    (error) => log('warn', 'db_pool_error', { job: 'relay', error: error.message }),
  );
  let relayed = 0;
  try {
    const before = new Date(now.getTime() - RELAY_AFTER_SECONDS * 1000);
    for (let i = 0; i < RELAY_BATCHES; i++) {
      const ids = await unenqueuedEvents(requestDb.db, before, BATCH);
      if (!ids.length) break;
      await env.EVENTS.sendBatch(
        ids.map((id): MessageSendRequest<EventMessage> => ({ body: { id }, contentType: 'json' })),
      );
      await markRelayed(requestDb.db, ids, now);
      relayed += ids.length;
      if (ids.length < BATCH) break;
    }
  } finally {
    await requestDb.end();
  }
  if (relayed) log('warn', 'events_relayed', { count: relayed });
  return relayed;
}
