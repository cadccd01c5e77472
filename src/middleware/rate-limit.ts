// Rate limiting of searches, holds and bookings: one Durable Object per zone holds the zone's bucket
// and each caller's smaller bucket inside it; a caller's budget across every zone lives in one of a
// fixed set of shard objects, always the same one for that caller. Both are asked at once, after
// authentication, the route's role check and validation, so a request that will be 401, 403 or 400
// never spends a zone's budget. Fails open: a limiter that is missing or down must never stop
// bookings.
import type { Context } from 'hono';
import type { BucketPolicy } from '../domain/token-bucket';
import { callerShard, type CallerCheck, type CallerVerdict } from '../durable-objects/caller-buckets';
import type { CheckRequest, CheckResult, RateLimitKind, ZonePolicy } from '../durable-objects/zone-buckets';
import { callerKey } from '../lib/callers';
import { log } from '../lib/log';
import { problem } from '../domain/problem';
import type { AppEnv } from '../app-env';
import type { Role } from '../domain/roles';
import { addressKey } from './client-address';

/** A sustained rate per minute, and how many requests may arrive at once (a minute's worth by default). */
const budget = (perMinute: number, burst = perMinute): BucketPolicy => ({
  capacity: burst,
  refillPerSecond: perMinute / 60,
});

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
// Across all zones: twice a zone's share for a person or an address (comparing two neighbouring
// zones is honest, touring twenty is not); five times for a partner app, whose patients live in
// many zones. Rotating zones no longer multiplies a caller's quota.
const PERSON_TOTAL: Record<RateLimitKind, BucketPolicy> = { search: budget(60), booking: budget(20) };
const ANONYMOUS_TOTAL: Record<RateLimitKind, BucketPolicy> = { search: budget(120, 60), booking: budget(20) };
const INTEGRATOR_TOTAL: Record<RateLimitKind, BucketPolicy> = { search: budget(3000, 300), booking: budget(750, 100) };

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

export function totalPolicyFor(kind: RateLimitKind, role: Role | null): BucketPolicy {
  return (role === null ? ANONYMOUS_TOTAL : role === 'integrator' ? INTEGRATOR_TOTAL : PERSON_TOTAL)[kind];
}

/** Integrators by client, other roles by subject, anonymous callers by IP address (an IPv6 /64). */
export function rateLimitKey(c: Context<AppEnv>): string {
  const caller = c.var.caller;
  return caller ? callerKey(caller) : addressKey(c);
}

/** Past this, a limiter is treated as down: a slow limiter must not slow bookings. */
const LIMITER_TIMEOUT_MS = 250;

/** One limiter's verdict, or undefined when it is missing, throws or is slow (logged: failing open). */
async function ask<T>(limiter: string, call: (() => Promise<T>) | undefined): Promise<T | undefined> {
  // Cleared once answered: two timers per request would otherwise fire after every response.
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${LIMITER_TIMEOUT_MS} ms`)), LIMITER_TIMEOUT_MS);
  });
  try {
    if (!call) throw new Error('binding is not configured');
    return await Promise.race([call(), timeout]);
  } catch (error) {
    // The limiter's name, never the caller's key: it may be an address or a subject.
    log('warn', 'rate_limiter_unavailable', { limiter, error: error instanceof Error ? error.message : String(error) });
    return undefined;
  } finally {
    clearTimeout(timer);
  }
}

function later(c: Context<AppEnv>, promise: Promise<unknown>) {
  const settled = promise.catch((error) =>
    log('warn', 'rate_limiter_refund_failed', { error: error instanceof Error ? error.message : String(error) }),
  );
  try {
    c.executionCtx.waitUntil(settled);
  } catch {
    // no execution context (a plain Node call): the promise simply runs on
  }
}

export interface RateLimitOptions {
  kind: RateLimitKind;
  /** The zone (EPCI SIREN or département key) from validated input; undefined: no zone bucket. */
  zoneOf: (c: Context<AppEnv>) => Promise<string | undefined> | string | undefined;
}

/** Takes a token from the zone's and the caller's budgets, or throws 429; returns the headers to send. */
async function admit(c: Context<AppEnv>, { kind, zoneOf }: RateLimitOptions): Promise<Record<string, string>> {
  const config = c.var.config();
  if (config.RATE_LIMIT_ENABLED === '0') return {};
  const started = performance.now();
  const zone = await zoneOf(c);
  c.set('zone', zone);
  const role = c.var.caller?.role ?? null;
  const nowMs = c.var.now.getTime();
  const key = rateLimitKey(c);
  const zoneRequest: CheckRequest | undefined = zone
    ? { caller: key, kind, nowMs, policy: policyFor(kind, role, config.RATE_LIMIT_OVERRIDES[zone]?.[kind]) }
    : undefined;
  const totalRequest: CallerCheck = { caller: key, kind, nowMs, policy: totalPolicyFor(kind, role) };
  const zones = c.env.ZONE_RATE_LIMITER;
  const callers = c.env.CALLER_RATE_LIMITER;
  const zoneStub = zone && zones?.get(zones.idFromName(zone));
  const callerStub = callers?.get(callers.idFromName(callerShard(key)));

  // In parallel, so that latency does not add up; a request about no zone asks no zone object.
  const [inZone, total] = await Promise.all([
    zoneRequest
      ? ask<CheckResult>(`zone ${zone}`, zoneStub ? () => zoneStub.check(zoneRequest) : undefined)
      : undefined,
    ask<CallerVerdict>('caller', callerStub ? () => callerStub.check(totalRequest) : undefined),
  ]);
  const verdicts = [inZone, total].filter((v) => v !== undefined);
  const headers: Record<string, string> = {
    'server-timing': `ratelimit;dur=${Math.round(performance.now() - started)}`,
  };
  if (verdicts.length) {
    headers['ratelimit-policy'] = verdicts.map((v) => v.policyHeader).join(', ');
    headers.ratelimit = verdicts.map((v) => v.rateLimitHeader).join(', ');
  }
  if (verdicts.every((v) => v.allowed)) return headers;

  // Checked in parallel, so one may have taken a token for a request the other refused: give it back.
  if (inZone?.allowed && zoneStub && zoneRequest) later(c, Promise.resolve(zoneStub.refund(zoneRequest)));
  if (total?.allowed && callerStub) later(c, Promise.resolve(callerStub.refund(totalRequest)));
  const retryAfter = Math.max(...verdicts.filter((v) => !v.allowed).map((v) => v.retryAfterSeconds));
  const what =
    inZone && !inZone.allowed && inZone.scope === 'zone'
      ? `This zone is receiving too many ${kind} requests`
      : `You have sent too many ${kind} requests${total && !total.allowed ? ' across zones' : ''}`;
  throw problem('rate_limited', `${what}; retry in ${retryAfter} s.`, {
    headers: { ...headers, 'retry-after': String(retryAfter) },
  });
}

/**
 * Wraps a route's handler, so that the limiter runs after the route's middleware (its role check)
 * and validators: the zone comes from validated input only.
 */
// biome-ignore lint/suspicious/noExplicitAny: any handler shape (a route handler typed by its route, or a middleware) keeps its own type
export function rateLimited<H extends (c: any, next: any) => any>(options: RateLimitOptions, handler: H): H {
  return (async (c: Context<AppEnv>, next: unknown) => {
    const headers = await admit(c, options);
    // On the context's response before the handler answers: Hono copies them onto whatever ends up
    // in c.res, a problem from the handler included.
    for (const [name, value] of Object.entries(headers)) c.res.headers.set(name, value);
    return handler(c, next);
  }) as H;
}
