// The daily run of the purge from the Cron Trigger, with its own connection, logging counts only.
import { createRequestDb } from '../../db/client';
import { isPurgeMinute } from '../../domain/retention';
import { configOf, type Env } from '../../env';
import { log } from '../../lib/log';
import { purge, type PurgeCounts } from './purge';

/** Purges at `at` when it is the day's purge minute; otherwise does nothing and returns undefined. */
export async function purgeIfDue(env: Env, at: Date): Promise<PurgeCounts | undefined> {
  if (!isPurgeMinute(at)) return undefined;
  const requestDb = createRequestDb(
    () => configOf(env),
    (error) => log('warn', 'db_pool_error', { job: 'purge', error: error.message }),
  );
  try {
    const counts = await purge(requestDb.db, at);
    log('info', 'purge_done', { ...counts });
    return counts;
  } finally {
    await requestDb.end();
  }
}
