// Sends the events a request's statements wrote to the Queue once the handler has answered
// (src/core/outbox/publish.ts), so that a booking stays one round trip, and tries an integrator's
// webhooks right after the response.
import type { MiddlewareHandler } from 'hono';
import { sendEvents, trackEvents } from '../core/outbox/publish';
import type { AppEnv } from '../app-env';
import { afterResponse } from '../db/client';
import { firstWebhookAttempts } from '../events/webhooks/first-attempt';

export const publishEvents: MiddlewareHandler<AppEnv> = async (c, next) => {
  const ids: string[] = [];
  trackEvents(c.var.db, ids);
  await next();
  if (!ids.length) return;
  // An integrator's own changes (its bookings, cancellations, moves): their webhooks are tried at
  // once, on the request's connection after the response (src/events/webhooks/first-attempt.ts).
  // Other callers' events reach integrators through the Queue: finding out whether any endpoint
  // wants them would cost every patient's booking a read.
  if (c.var.caller?.role === 'integrator') {
    const { db, config, now, requestId } = c.var;
    afterResponse(db, () => firstWebhookAttempts(db, config(), [...ids], now, requestId));
  }
  const queue = c.env.EVENTS;
  if (!queue) return;
  const sent = sendEvents(queue, ids, c.var.requestId);
  try {
    c.executionCtx.waitUntil(sent);
  } catch {
    await sent; // no execution context (a plain Node call)
  }
};
