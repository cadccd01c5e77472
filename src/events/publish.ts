// Publishing after the response: the statements of a request note the event ids they wrote
// (recordEvents), and once the handler has answered, waitUntil sends them to the Queue (and tries an
// integrator's webhooks at once, webhooks/first-attempt.ts). Nothing before the response touches
// the database, so a booking stays one round trip; the consumer marks what it receives, and the
// cron relays whatever it never received.
import type { MiddlewareHandler } from 'hono';
import type { Db, RequestDb } from '../db/client';
import { errorSummary, log } from '../lib/log';
import type { AppEnv } from '../lib/types';
import type { EventMessage } from './event';
import { firstWebhookAttempts } from './webhooks/first-attempt';

/** The ids written through each request's Db; a Db outside a request (scripts, bench) has none. */
const written = new WeakMap<Db, string[]>();

/** Called by a statement that wrote events, once it has succeeded. */
export function recordEvents(db: Db, ids: readonly string[]) {
  written.get(db)?.push(...ids);
}

/** Wraps the request's Db so that its statements' events are known to this request. */
function tracked(requestDb: RequestDb, ids: string[]): RequestDb {
  return {
    get db() {
      const db = requestDb.db;
      if (!written.has(db)) written.set(db, ids);
      return db;
    },
    queries: () => requestDb.queries(),
    afterResponse: (work) => requestDb.afterResponse(work),
    end: () => requestDb.end(),
  };
}

export const publishEvents: MiddlewareHandler<AppEnv> = async (c, next) => {
  const ids: string[] = [];
  const requestDb = tracked(c.var.db, ids);
  c.set('db', requestDb);
  await next();
  if (!ids.length) return;
  // An integrator's own changes (its bookings, cancellations, moves): their webhooks are tried at
  // once. Other callers' events reach integrators through the Queue: finding out whether any
  // endpoint wants them would cost every patient's booking a read.
  if (c.var.caller?.role === 'integrator') {
    const { config, now, requestId } = c.var;
    requestDb.afterResponse(() => firstWebhookAttempts(requestDb.db, config(), [...ids], now, requestId));
  }
  const queue = c.env.EVENTS;
  if (!queue) return;
  const sent = queue
    .sendBatch(ids.map((id): MessageSendRequest<EventMessage> => ({ body: { id }, contentType: 'json' })))
    .catch((error: unknown) => log('warn', 'events_publish_failed', { requestId: c.var.requestId, count: ids.length, error: errorSummary(error) }));
  try {
    c.executionCtx.waitUntil(sent);
  } catch {
    await sent; // no execution context (a plain Node call)
  }
};

/**
 * For work outside a request (the cron, the Queue consumer): the events its statements write are
 * sent to the Queue once it is done, rather than a minute later by the relay.
 */
export async function publishingEvents<T>(requestDb: RequestDb, queue: Queue<EventMessage> | undefined, work: (db: Db) => Promise<T>): Promise<T> {
  const ids: string[] = [];
  const result = await work(tracked(requestDb, ids).db);
  if (ids.length && queue) {
    await queue
      .sendBatch(ids.map((id): MessageSendRequest<EventMessage> => ({ body: { id }, contentType: 'json' })))
      .catch((error: unknown) => log('warn', 'events_publish_failed', { count: ids.length, error: errorSummary(error) }));
  }
  return result;
}
