// Worker entry: the app with the real clock (fetch), the outbox's Queue consumer (queue) and Cron
// Triggers (scheduled: every minute the relay, messages, webhook retries, the waitlist's sweep, the
// daily purge; every 5 minutes the bulk files), and the Durable Object classes it binds to.
import { createApp } from './app';
import { BULK_CRON, generateBulk } from './fhir/bulk/generate';
import { purgeIfDue } from './core/retention/purge.job';
import { sweepWaitlistJob } from './core/waitlist/sweep.job';
import { withMetrics } from './lib/metrics';
import { systemClock } from './lib/clock';
import type { Env } from './env';
import { consumeEvents } from './events/consumer';
import { DELIVERERS } from './events/deliverers';
import type { EventMessage } from './core/outbox/event';
import { sendDueNotifications } from './events/notifications/cron';
import { relayEvents } from './events/relay';
import { retryWebhooks } from './events/webhooks/retry';

export { CallerRateLimiter } from './durable-objects/caller-rate-limiter';
export { ZoneRateLimiter } from './durable-objects/zone-rate-limiter';

const app = createApp();

export default {
  fetch: app.fetch,
  queue: (batch, env) =>
    withMetrics(env.METRICS, 'background', () => consumeEvents(batch, env, DELIVERERS, systemClock)),
  // The controller's scheduledTime is the clock: tests inject it through createScheduledController.
  scheduled: async (controller, env) => {
    const at = new Date(controller.scheduledTime);
    if (controller.cron === BULK_CRON) return void (await generateBulk(env, at));
    // Side by side: a failing relay holds back neither messages nor webhook retries, nor the reverse.
    // The purge runs in one minute of the day (src/domain/retention.ts).
    const jobs = () =>
      Promise.all([
        relayEvents(env, at),
        sendDueNotifications(env, at),
        retryWebhooks(env, at),
        purgeIfDue(env, at),
        sweepWaitlistJob(env, at),
      ]);
    await withMetrics(env.METRICS, 'background', jobs);
  },
} satisfies ExportedHandler<Env, EventMessage>;
