// Sends claimed deliveries (all at once: each waits at most 15 s) and records what happened.
// Only the database can make this throw; an endpoint's failure is an outcome.
import type { Db } from '../../db/client';
import type { EnvVars } from '../../env';
import { openSecret } from '../../lib/webhook-secrets';
import { errorSummary, log } from '../../lib/log';
import { countMetric } from '../../lib/metrics';
import { attempt, failure, type AttemptOptions, type Outcome } from './attempt';
import { recordAttempts, type ClaimedRow } from './webhook-attempts.queries';

/** The secrets that sign now: the current one, and the one before a rotation for its last 24 h. */
export async function liveSecrets(
  row: Pick<ClaimedRow, 'secret' | 'previous_secret' | 'previous_secret_expires_at'>,
  config: EnvVars,
  now: Date,
): Promise<string[]> {
  const secrets = [await openSecret(row.secret, config)];
  if (row.previous_secret && row.previous_secret_expires_at && new Date(row.previous_secret_expires_at) > now) {
    secrets.push(await openSecret(row.previous_secret, config));
  }
  return secrets;
}

export async function sendClaimed(
  db: Db,
  config: EnvVars,
  rows: ClaimedRow[],
  options: AttemptOptions,
): Promise<Outcome[]> {
  const outcomes = await Promise.all(
    rows.map(async (row) => {
      const delivery = {
        id: row.id,
        eventId: row.event_id,
        endpointId: row.endpoint_id,
        url: row.url,
        payload: row.payload,
        attempts: row.attempts,
      };
      let secrets: string[];
      try {
        secrets = await liveSecrets(row, config, options.now);
      } catch (error) {
        // A secret sealed under another key (or no key at all): this delivery waits, the others go.
        log('error', 'webhook_secret_unreadable', {
          deliveryId: row.id,
          endpointId: row.endpoint_id,
          error: errorSummary(error),
        });
        return failure(delivery, options, 'secret_unreadable');
      }
      return attempt(delivery, secrets, options);
    }),
  );
  countMetric('webhook_failed', undefined, outcomes.filter((o) => o.result !== 'succeeded').length);
  await recordAttempts(db, outcomes, options.now);
  return outcomes;
}
