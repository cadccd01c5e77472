// Per-zone rate limiting: one Durable Object per zone holds the zone's bucket and each caller's
// smaller bucket inside it. Fails open: a limiter that is missing or down must never stop bookings.
import type { Context, MiddlewareHandler } from 'hono';
import type { BucketPolicy } from '../domain/token-bucket';
import type { CheckResult, RateLimitKind, ZonePolicy } from '../durable-objects/zone-buckets';
import { callerKey } from '../lib/callers';
import { log } from '../lib/log';
import { ProblemError } from '../lib/problem';
import type { AppEnv, Role } from '../lib/types';

/** A sustained rate per minute, and how many requests may arrive at once (a minute's worth by default). */
const budget = (perMinute: number, burst = perMinute): BucketPolicy => ({ capacity: burst, refillPerSecond: perMinute / 60 });

// Sized so that an honest peak (50 patients and 5 partner apps in one zone in the same minute, as
// slots open) is never limited, while a stampede cannot exceed what the database serves per zone:
// - zone: searches 1200/min ≥ 50 patients × 10 searches + 5 apps × 100, with ~20% headroom;
//   bookings 300/min ≥ 50 patients × 3 attempts (a slot taken → retry) + 5 apps × 20.
//   Bursts: the zone's first second may bring every patient and app at once (55 searches, 55
//   bookings); 150 and 60 cover that. A whole minute's budget at once (1,200 searches) would queue
//   at the database for longer than a connection waits.
// - patient, agent, doctor: 30 searches/min (one every 2 s while refreshing) and 10 bookings/min
//   (one booking plus a few conflicts); more is a script, not a person.
// - anonymous, keyed by IP: twice the search budget, since a carrier NAT or a town hall's Wi-Fi
//   puts several people behind one address.
// - integrator, keyed by client_id: one app multiplexes many patients (600/min ≈ 60 users each
//   searching every 6 s); half the zone's rate and burst, so one partner cannot take it all.
const ZONE_RATE: Record<RateLimitKind, { perMinute: number; burst: number }> = {
  search: { perMinute: 1200, burst: 150 },
  booking: { perMinute: 300, burst: 60 },
};
const PERSON: Record<RateLimitKind, BucketPolicy> = { search: budget(30), booking: budget(10) };
const ANONYMOUS: Record<RateLimitKind, BucketPolicy> = { search: budget(60), booking: budget(10) };
const INTEGRATOR: Record<RateLimitKind, BucketPolicy> = { search: budget(600, 75), booking: budget(150, 30) };

/**
 * A per-minute override keeps the default burst, scaled up when the rate is raised, and never more
 * than one minute's budget (a zone set to 3/min takes 3 at once, then one every 20 s).
 */
function zonePolicy(kind: RateLimitKind, override: number | undefined): BucketPolicy {
  const { perMinute: rate, burst } = ZONE_RATE[kind];
  if (!(typeof override === 'number' && override > 0)) return budget(rate, burst);
  return budget(override, Math.min(override, Math.round(burst * Math.max(1, override / rate))));
}

export function policyFor(kind: RateLimitKind, role: Role | null, zoneOverride?: number): ZonePolicy {
  const caller = role === null ? ANONYMOUS : role === 'integrator' ? INTEGRATOR : PERSON;
  return { zone: zonePolicy(kind, zoneOverride), caller: caller[kind] };
}

/** Integrators by client, other roles by subject, anonymous callers by IP address. */
export function rateLimitKey(c: Context<AppEnv>): string {
  const caller = c.var.caller;
  if (caller) return callerKey(caller);
  // Cloudflare sets cf-connecting-ip itself; x-forwarded-for only matters off Cloudflare (local dev).
  const forwarded = c.req.header('x-forwarded-for')?.split(',')[0]?.trim();
  return `ip:${c.req.header('cf-connecting-ip') ?? (forwarded || 'unknown')}`;
}

/** Past this, the limiter is treated as down: a slow limiter must not slow bookings. */
const LIMITER_TIMEOUT_MS = 250;

const timeout = (ms: number) =>
  new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms));

export interface RateLimitOptions {
  kind: RateLimitKind;
  /** The zone (EPCI SIREN) the request is about; requests whose zone is unknown share one bucket. */
  zoneOf: (c: Context<AppEnv>) => Promise<string | undefined> | string | undefined;
}

export function rateLimit(options: RateLimitOptions): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const config = c.var.config();
    if (config.RATE_LIMIT_ENABLED === '0') return next();
    const zone = (await options.zoneOf(c)) ?? 'unzoned';
    const request = {
      caller: rateLimitKey(c),
      kind: options.kind,
      nowMs: c.var.now.getTime(),
      policy: policyFor(options.kind, c.var.caller?.role ?? null, config.RATE_LIMIT_OVERRIDES[zone]?.[options.kind]),
    };
    const started = performance.now();
    let verdict: CheckResult | undefined;
    try {
      const namespace = c.env.ZONE_RATE_LIMITER;
      if (!namespace) throw new Error('ZONE_RATE_LIMITER binding is not configured');
      verdict = await Promise.race([namespace.get(namespace.idFromName(zone)).check(request), timeout(LIMITER_TIMEOUT_MS)]);
    } catch (error) {
      log('warn', 'rate_limiter_unavailable', { zone, error: error instanceof Error ? error.message : String(error) });
    }
    const serverTiming = `ratelimit;dur=${Math.round(performance.now() - started)}`;

    if (verdict && !verdict.allowed) {
      const who = verdict.scope === 'zone' ? 'This zone is receiving' : 'You have sent';
      throw new ProblemError(
        429,
        'rate_limited',
        'Too many requests',
        `${who} too many ${options.kind} requests; retry in ${verdict.retryAfterSeconds} s.`,
        {},
        {
          'retry-after': String(verdict.retryAfterSeconds),
          'ratelimit-policy': verdict.policyHeader,
          ratelimit: verdict.rateLimitHeader,
          'server-timing': serverTiming,
        },
      );
    }
    await next();
    if (verdict) {
      c.header('RateLimit-Policy', verdict.policyHeader);
      c.header('RateLimit', verdict.rateLimitHeader);
    }
    c.header('Server-Timing', serverTiming, { append: true });
  };
}
