// Finding a booking by reference and birth date (POST /rdv), per client address: the Workers
// rate-limiting binding counts them where the request lands; like every limiter here it fails
// open. Each reference's own daily cap is in Postgres (core/bookings/lookup.operations.ts).
import type { Context } from 'hono';
import type { AppEnv } from '../app-env';
import { addressKey } from './client-address';
import { allowed } from './reference-read';

/** wrangler.toml's BOOKING_LOOKUP_LIMITER: `simple = { limit = 10, period = 60 }`. */
export const LOOKUPS_PER_MINUTE = 10;

/** Whether this address may try once more. */
export async function mayLookUp(c: Context<AppEnv>): Promise<boolean> {
  const limiter = c.env.BOOKING_LOOKUP_LIMITER;
  if (!limiter || c.var.config().RATE_LIMIT_ENABLED === '0') return true;
  return allowed(limiter, addressKey(c), 'booking-lookups');
}
