// The Cron Trigger's part in messages to patients: every minute, beside the outbox relay.
import { createRequestDb } from '../../db/client';
import { configOf, type Env } from '../../env';
import { log } from '../../lib/log';
import { messageProvider } from './brevo';
import { sendDue } from './sender';

/** The cron's part: every message due at `now` (reminders, retries), in bounded batches. */
export async function sendDueNotifications(env: Env, now: Date) {
  const config = configOf(env);
  const requestDb = createRequestDb(
    () => config,
    (error) => log('warn', 'db_pool_error', { job: 'patient-messages-cron', error: error.message }),
  );
  try {
    const report = await sendDue(requestDb.db, messageProvider(config, now), config, now);
    if (report.sent + report.retried + report.failed) log('info', 'messages_sent', { ...report });
    return report;
  } finally {
    await requestDb.end();
  }
}
