// The webhook deliverer of the Queue consumer: fans an event out to the endpoints concerned and
// tries each at once. It throws only when the database fails (the message then comes back, and the
// deliveries already inserted are left to the cron); endpoint failures are recorded and retried by
// the cron (retry.ts).
import { createRequestDb } from '../../db/client';
import { WEBHOOK_EVENT_TYPES } from '../../db/schema';
import { configOf } from '../../env';
import { log } from '../../lib/log';
import type { Deliverer } from '../deliverers';
import type { OutboxEvent } from '../../core/outbox/event';
import type { AttemptOptions } from './attempt';
import { fanOut } from './webhook-attempts.queries';
import { webhookPayload } from '../../core/webhooks/payload';
import { sendClaimed } from './send';

const TYPES: readonly string[] = WEBHOOK_EVENT_TYPES;

/** Only events an integrator can be concerned by reach the database. */
const wanted = (event: OutboxEvent) => TYPES.includes(event.type) && (event.clientId !== null || event.type.startsWith('mission.'));

export function webhookDeliverer(options: Omit<AttemptOptions, 'now'> = {}): Deliverer {
  return {
    name: 'webhooks',
    handles: wanted,
    deliver: async (event, env, now) => {
      const config = configOf(env);
      const requestDb = createRequestDb(() => config, (error) => log('warn', 'db_pool_error', { job: 'webhooks', error: error.message }));
      try {
        const claimed = await fanOut(requestDb.db, event, webhookPayload(event, config.SANDBOX === '1'), now);
        if (!claimed.length) return;
        const outcomes = await sendClaimed(requestDb.db, config, claimed, { ...options, now });
        for (const o of outcomes) {
          if (o.result !== 'succeeded') log('warn', 'webhook_attempt_failed', { deliveryId: o.id, endpointId: o.endpointId, eventId: event.id, error: o.error });
        }
      } finally {
        await requestDb.end();
      }
    },
  };
}
