// The webhook deliverer of the Queue consumer, also run by the request itself for its first attempt
// (first-attempt.ts): fans an event out to the endpoints concerned and tries each at once. It throws
// only when the database fails (the message then comes back, and the deliveries already inserted
// are left to the cron); endpoint failures are recorded and retried by the cron (retry.ts).
import { createRequestDb, type Db } from '../../db/client';
import { WEBHOOK_EVENT_TYPES } from '../../db/schema';
import { configOf, type EnvVars } from '../../env';
import { log } from '../../lib/log';
import type { Deliverer } from '../deliverers';
import type { OutboxEvent } from '../../core/outbox/event';
import type { AttemptOptions } from './attempt';
import { fanOut } from './webhook-attempts.queries';
import { webhookPayload } from '../../core/webhooks/payload';
import { sendClaimed } from './send';

const TYPES: readonly string[] = WEBHOOK_EVENT_TYPES;

/** Only events an integrator can be concerned by reach the database. */
export const wantsWebhooks = (event: OutboxEvent) =>
  TYPES.includes(event.type) && (event.clientId !== null || event.type.startsWith('mission.'));

/**
 * Fans `event` out and sends each new delivery once. fanOut's insert is the claim: whoever inserts a
 * delivery (the request's first attempt, or the Queue consumer) sends it, the other finds nothing.
 * Only the database can make this throw.
 */
export async function deliverWebhooks(db: Db, config: EnvVars, event: OutboxEvent, options: AttemptOptions) {
  const claimed = await fanOut(db, event, webhookPayload(event, config.SANDBOX === '1'), options.now);
  if (!claimed.length) return;
  const outcomes = await sendClaimed(db, config, claimed, options);
  for (const o of outcomes) {
    if (o.result !== 'succeeded')
      log('warn', 'webhook_attempt_failed', {
        deliveryId: o.id,
        endpointId: o.endpointId,
        eventId: event.id,
        error: o.error,
      });
  }
}

export function webhookDeliverer(options: Omit<AttemptOptions, 'now'> = {}): Deliverer {
  return {
    name: 'webhooks',
    handles: wantsWebhooks,
    deliver: async (event, env, now) => {
      const config = configOf(env);
      const requestDb = createRequestDb(
        () => config,
        (error) => log('warn', 'db_pool_error', { job: 'webhooks', error: error.message }),
      );
      try {
        await deliverWebhooks(requestDb.db, config, event, { ...options, now });
      } finally {
        await requestDb.end();
      }
    },
  };
}
