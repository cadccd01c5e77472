// Publishing after the response: the statements of a request note the event ids they wrote
// (recordEvents), and once the handler has answered, waitUntil sends them to the Queue
// (src/middleware/publish-events.ts). Nothing here touches the database, so a booking stays one
// round trip; the consumer marks what it receives, and the cron relays whatever it never received.
import type { Db, RequestDb } from '../../db/client';
import { errorSummary, log } from '../../lib/log';
import type { EventMessage } from './event';

/** The ids written through each request's Db; a Db outside a request (scripts, bench) has none. */
const written = new WeakMap<Db, string[]>();

/** Called by a statement that wrote events, once it has succeeded. */
export function recordEvents(db: Db, ids: readonly string[]) {
  written.get(db)?.push(...ids);
}

/** From now on, the events the statements on this Db write are noted in `ids`. */
export function trackEvents(db: Db, ids: string[]) {
  written.set(db, ids);
}

/**
 * For work outside a request (the cron, the Queue consumer): the events its statements write are
 * sent to the Queue once it is done, rather than a minute later by the relay.
 */
export async function publishingEvents<T>(
  requestDb: RequestDb,
  queue: Queue<EventMessage> | undefined,
  work: (db: Db) => Promise<T>,
): Promise<T> {
  const ids: string[] = [];
  trackEvents(requestDb.db, ids);
  const result = await work(requestDb.db);
  if (ids.length && queue) await sendEvents(queue, ids);
  return result;
}

/** Sends event ids to the Queue; a failure is logged, and the relay sends them a minute later. */
export async function sendEvents(queue: Queue<EventMessage>, ids: string[], requestId?: string): Promise<void> {
  await queue
    .sendBatch(ids.map((id): MessageSendRequest<EventMessage> => ({ body: { id }, contentType: 'json' })))
    .catch((error: unknown) =>
      log('warn', 'events_publish_failed', {
        ...(requestId ? { requestId } : {}),
        count: ids.length,
        error: errorSummary(error),
      }),
    );
}
