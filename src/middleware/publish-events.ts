// Sends the events a request's statements wrote to the Queue once the handler has answered
// (src/core/outbox/publish.ts), so that a booking stays one round trip.
import type { MiddlewareHandler } from 'hono';
import { sendEvents, trackEvents } from '../core/outbox/publish';
import type { AppEnv } from '../app-env';

export const publishEvents: MiddlewareHandler<AppEnv> = async (c, next) => {
  const ids: string[] = [];
  trackEvents(c.var.db, ids);
  await next();
  const queue = c.env.EVENTS;
  if (!ids.length || !queue) return;
  const sent = sendEvents(queue, ids, c.var.requestId);
  try {
    c.executionCtx.waitUntil(sent);
  } catch {
    await sent; // no execution context (a plain Node call)
  }
};
