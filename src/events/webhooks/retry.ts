// The cron's webhook retries, every minute: due deliveries in bounded batches, each claimed so that
// two runs never send one twice. A wait shorter than a minute (the schedule's first, 5 s) therefore
// lasts until the next run: up to a minute.
import { createRequestDb } from '../../db/client';
import { configOf, type Env } from '../../env';
import { log } from '../../lib/log';
import type { AttemptOptions } from './attempt';
import { claimDue } from './webhook-attempts.queries';
import { sendClaimed } from './send';

const BATCH = 50;
/** A run's bound: its batches follow one another, each lasting at most an attempt's timeout. */
const BATCHES = 3;

/** Returns how many attempts were made. */
export async function retryWebhooks(env: Env, now: Date, options: Omit<AttemptOptions, 'now'> = {}): Promise<number> {
  const config = configOf(env);
  const requestDb = createRequestDb(
    () => config,
    (error) => log('warn', 'db_pool_error', { job: 'webhook_retries', error: error.message }),
  );
  let attempted = 0;
  try {
    for (let i = 0; i < BATCHES; i++) {
      const claimed = await claimDue(requestDb.db, now, BATCH);
      if (!claimed.length) break;
      const outcomes = await sendClaimed(requestDb.db, config, claimed, { ...options, now });
      attempted += outcomes.length;
      if (claimed.length < BATCH) break;
    }
  } finally {
    await requestDb.end();
  }
  if (attempted) log('info', 'webhook_retries', { count: attempted });
  return attempted;
}
