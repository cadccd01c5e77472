// The waitlist's part of the minute's Cron Trigger, with its own connection, logging counts only.
import { createRequestDb } from '../../db/client';
import { configOf, type Env } from '../../env';
import { publishingEvents } from '../outbox/publish';
import { log } from '../../lib/log';
import { sweepWaitlist } from './offers.operations';

export async function sweepWaitlistJob(env: Env, at: Date) {
  const requestDb = createRequestDb(
    () => configOf(env),
    (error) => log('warn', 'db_pool_error', { job: 'waitlist', error: error.message }),
  );
  try {
    const counts = await publishingEvents(requestDb, env.EVENTS, (db) => sweepWaitlist(db, at));
    if (counts.offersExpired + counts.entriesExpired + counts.offersMade) log('info', 'waitlist_swept', { ...counts });
    return counts;
  } finally {
    await requestDb.end();
  }
}
