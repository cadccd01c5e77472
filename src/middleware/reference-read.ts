// Anonymous reads of reference data (zones, communes, sites, readiness, the API document): limited
// per client address by the Workers rate-limiting binding (a fixed window counted where the request
// lands: no object, no round trip, fine for abuse control of cheap reads), and cacheable: public
// Cache-Control, a strong ETag (hash of the body) and 304 on If-None-Match. Authenticated reads
// pass untouched: nothing an authenticated caller receives is made cacheable here.
import type { Context, MiddlewareHandler } from 'hono';
import { etag } from 'hono/etag';
import { log } from '../lib/log';
import { problem, type ProblemError } from '../domain/problem';
import type { AppEnv } from '../app-env';
import { addressKey } from './client-address';

/** wrangler.toml's READ_RATE_LIMITER: `simple = { limit = 300, period = 60 }`. */
const READS_PER_MINUTE = 300;
const WINDOW_SECONDS = 60;

/** Whether a Workers rate-limiting binding admits one more request for this key; fails open. */
export async function allowed(limiter: RateLimit, key: string, name = 'reads'): Promise<boolean> {
  try {
    return (await limiter.limit({ key })).success;
  } catch (error) {
    log('warn', 'rate_limiter_unavailable', {
      limiter: name,
      error: error instanceof Error ? error.message : String(error),
    });
    return true;
  }
}

/** The 429 of a fixed-window limiter (a Workers rate-limiting binding): what was refused, and its policy. */
export function windowExceeded(scope: string, limit: number, windowSeconds: number, detail: string): ProblemError {
  return problem('rate_limited', detail, {
    headers: {
      'retry-after': String(windowSeconds),
      'ratelimit-policy': `"${scope}";q=${limit};w=${windowSeconds}`,
    },
  });
}

/** Limits stay on when the configuration does not parse: the route then says so itself (/ready lists it). */
function limitsOff(c: Context<AppEnv>): boolean {
  try {
    return c.var.config().RATE_LIMIT_ENABLED === '0';
  } catch {
    return false;
  }
}

/**
 * Takes one read from `key`'s budget (an address, or a signed-in person on the pages), or throws
 * 429. Every door counts an address's reads in the same budget.
 */
export async function spendRead(c: Context<AppEnv>, key: string): Promise<void> {
  const limiter = c.env.READ_RATE_LIMITER;
  // Checked before the configuration is read: /openapi.json is also served with no bindings at all
  // (npm run openapi), and needs no configuration.
  if (!limiter) {
    log('warn', 'rate_limiter_unavailable', { limiter: 'reads', error: 'binding is not configured' });
    return;
  }
  if (limitsOff(c) || (await allowed(limiter, key))) return;
  const who = key.startsWith('ip:') ? 'address' : 'caller';
  throw windowExceeded(
    who,
    READS_PER_MINUTE,
    WINDOW_SECONDS,
    `This ${who} has sent too many reads; retry in ${WINDOW_SECONDS} s.`,
  );
}

export interface ReferenceReadOptions {
  /** e.g. `public, max-age=3600`; `no-store` for a probe, which then gets no ETag either. */
  cacheControl: string;
}

export function referenceRead({ cacheControl }: ReferenceReadOptions): MiddlewareHandler<AppEnv> {
  const tagged = etag();
  return async (c, next) => {
    if (c.var.caller) return next();
    await spendRead(c, addressKey(c));
    const answer = async () => {
      await next();
      if (c.res.ok) c.header('Cache-Control', cacheControl);
    };
    if (cacheControl === 'no-store') return answer();
    return tagged(c, answer);
  };
}
