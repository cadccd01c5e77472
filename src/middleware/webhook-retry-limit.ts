// Manual webhook retries, per client: each is an outbound POST to the integrator's receiver, sent at
// once, so a loop of retries would turn our sender against any URL the client registered. The
// Workers rate-limiting binding counts them where the request lands (no object, no round trip);
// like every limiter here it fails open.
import type { Context } from 'hono';
import type { AppEnv } from '../app-env';
import { allowed, windowExceeded } from './reference-read';
import { callerOf } from './require-role';

/** wrangler.toml's WEBHOOK_RETRY_LIMITER: `simple = { limit = 10, period = 60 }`. */
const RETRIES_PER_MINUTE = 10;
const WINDOW_SECONDS = 60;

export async function spendWebhookRetry(c: Context<AppEnv>): Promise<void> {
  const limiter = c.env.WEBHOOK_RETRY_LIMITER;
  if (!limiter || c.var.config().RATE_LIMIT_ENABLED === '0') return;
  const caller = callerOf(c);
  // An integrator's retries count for its client_id, whichever of its tokens sends them.
  const key = caller.role === 'integrator' ? `client:${caller.clientId}` : `${caller.role}:${caller.sub}`;
  if (await allowed(limiter, key, 'webhook-retries')) return;
  throw windowExceeded(
    'webhook-retries',
    RETRIES_PER_MINUTE,
    WINDOW_SECONDS,
    `At most ${RETRIES_PER_MINUTE} manual retries a minute; retry in ${WINDOW_SECONDS} s.`,
  );
}
