// The first webhook attempt, from the request that wrote the event: after the response (waitUntil),
// on the request's own connection, so that an integrator hears of its booking within a second
// instead of after the Queue's batch window. The event is already committed (the change's own
// statement wrote it); the Queue still gets its id as before and delivers whatever this missed (a
// request cut short, a database error). fanOut's insert is the claim shared with the consumer, so a
// delivery is sent by one of them; a failed attempt is retried by the cron on the usual schedule.
import type { Db } from '../../db/client';
import type { EnvVars } from '../../env';
import { errorSummary, log } from '../../lib/log';
import { toEvent } from '../../core/outbox/event';
import { eventsById } from '../../core/outbox/outbox.queries';
import { deliverWebhooks, wantsWebhooks } from './deliverer';

/**
 * Never throws. What fails before a delivery is claimed is the Queue's to deliver; a claimed one
 * whose attempt never got recorded is due again for the cron when its lease ends.
 */
export async function firstWebhookAttempts(
  db: Db,
  config: EnvVars,
  ids: string[],
  now: Date,
  requestId: string,
): Promise<void> {
  try {
    const events = (await eventsById(db, ids)).map(toEvent).filter(wantsWebhooks);
    await Promise.all(events.map((event) => deliverWebhooks(db, config, event, { now })));
  } catch (error) {
    log('warn', 'webhook_first_attempt_failed', { requestId, count: ids.length, error: errorSummary(error) });
  }
}
