// The Durable Object delegates to ZoneBuckets; these tests drive that class directly with an
// injected clock (the ZONE_RATE_LIMITER binding is not configured in the test worker).
import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import type { BucketPolicy } from '../src/domain/token-bucket';
import { IDLE_MS, ZoneBuckets, type CheckRequest, type ZonePolicy } from '../src/durable-objects/zone-buckets';
import { problemResponse, ProblemError } from '../src/lib/problem';
import type { AppEnv } from '../src/lib/types';
import { configOf } from '../src/env';
import { policyFor, rateLimit } from '../src/middleware/rate-limit';

const t0 = Date.UTC(2026, 0, 10, 8, 0, 0);
const perMinute = (capacity: number): BucketPolicy => ({ capacity, refillPerSecond: capacity / 60 });
const small: ZonePolicy = { zone: perMinute(10), caller: perMinute(3) };

const search = (caller: string, nowMs = t0, policy = small): CheckRequest => ({ caller, kind: 'search', nowMs, policy });

function repeat(buckets: ZoneBuckets, request: CheckRequest, times: number) {
  return Array.from({ length: times }, () => buckets.check(request));
}

describe('ZoneBuckets', () => {
  it('limits a greedy caller while another caller in the same zone goes through', () => {
    const buckets = new ZoneBuckets();
    const greedy = repeat(buckets, search('ip:203.0.113.7'), 5);
    expect(greedy.map((r) => r.allowed)).toEqual([true, true, true, false, false]);
    expect(greedy[3]).toMatchObject({ scope: 'caller', limit: 3, remaining: 0, retryAfterSeconds: 20, resetSeconds: 60 });
    expect(greedy[3].rateLimitHeader).toBe('"caller";r=0;t=60');

    const other = buckets.check(search('patient:alice'));
    // The greedy caller's refusals took nothing from the zone: 10 − 3 − 1 left, now the tighter share.
    expect(other).toMatchObject({ allowed: true, scope: 'zone', limit: 10, remaining: 6 });
    expect(other.rateLimitHeader).toBe('"zone";r=6;t=24');
  });

  it('refuses everyone, newcomers included, once the zone budget is spent', () => {
    const buckets = new ZoneBuckets();
    for (let i = 0; i < 10; i++) expect(buckets.check(search(`patient:${i}`)).allowed).toBe(true);
    const newcomer = buckets.check(search('patient:late'));
    expect(newcomer).toMatchObject({ allowed: false, scope: 'zone', limit: 10, remaining: 0, retryAfterSeconds: 6 });
    expect(newcomer.policyHeader).toBe('"zone";q=10;w=60, "caller";q=3;w=60');
    // Zone tokens come back with time and go to whoever asks first.
    expect(buckets.check(search('patient:late', t0 + 6_000)).allowed).toBe(true);
  });

  it('keeps search and booking budgets apart', () => {
    const buckets = new ZoneBuckets();
    repeat(buckets, search('patient:alice'), 3);
    expect(buckets.check(search('patient:alice')).allowed).toBe(false);
    expect(buckets.check({ ...search('patient:alice'), kind: 'booking' }).allowed).toBe(true);
  });

  it('forgets caller buckets that are full and idle, and keeps the others', () => {
    const buckets = new ZoneBuckets();
    const slow: ZonePolicy = { zone: perMinute(100), caller: { capacity: 3, refillPerSecond: 1 / 3600 } };
    buckets.check(search('patient:idle'));
    buckets.check(search('patient:drained', t0, slow));
    buckets.check(search('patient:recent', t0 + IDLE_MS - 60_000));
    expect(buckets.callerCount).toBe(3);

    expect(buckets.prune(t0 + IDLE_MS)).toBe(0);
    // Idle is full again and goes; drained is idle but still short of tokens; recent was seen lately.
    expect(buckets.prune(t0 + IDLE_MS + 1)).toBe(1);
    expect(buckets.callerCount).toBe(2);

    // A check sweeps on its own (at most once a minute): recent goes now, drained stays, next is new.
    buckets.check(search('patient:next', t0 + 2 * IDLE_MS));
    expect(buckets.callerCount).toBe(2);
  });

  it('lets an honest peak through with the default policies', () => {
    // Slots open: 50 patients and 5 partner apps all arrive in the same second, then keep going
    // for the rest of the minute (patients 10 searches and 3 booking attempts; apps 100 and 20).
    const buckets = new ZoneBuckets();
    const callers = [
      ...Array.from({ length: 50 }, (_, i) => ({ key: `patient:${i}`, role: 'patient' as const, searches: 10, bookings: 3 })),
      ...Array.from({ length: 5 }, (_, i) => ({ key: `client:${i}`, role: 'integrator' as const, searches: 100, bookings: 20 })),
    ];
    const requests = callers.flatMap(({ key, role, searches, bookings }, c) =>
      (['search', 'booking'] as const).flatMap((kind) => {
        const n = kind === 'search' ? searches : bookings;
        // The first within the first second, the others evenly over the minute.
        return Array.from({ length: n }, (_, k) => ({ key, role, kind, at: k === 0 ? (c / callers.length) * 1_000 : (k / n) * 60_000 }));
      }),
    );
    requests.sort((a, b) => a.at - b.at);
    const refused = requests
      .map(({ key, role, kind, at }) => buckets.check({ caller: key, kind, nowMs: t0 + at, policy: policyFor(kind, role) }))
      .filter((r) => !r.allowed);
    expect(refused).toEqual([]);
    expect(policyFor('search', null).caller.capacity).toBeGreaterThan(policyFor('search', 'patient').caller.capacity);
  });

  it('keeps a stampede to the zone’s burst, then its rate, and staggers the refused over the next minute', () => {
    const buckets = new ZoneBuckets();
    const policy = policyFor('search', 'patient');
    const first = Array.from({ length: 2_000 }, (_, i) => buckets.check(search(`patient:${i}`, t0, policy)));
    const allowed = first.filter((r) => r.allowed).length;
    expect(allowed).toBe(policy.zone.capacity);
    const waits = first.filter((r) => !r.allowed).map((r) => r.retryAfterSeconds);
    // Told to come back at the pace the zone serves (20 searches/s), a minute at most.
    expect(waits.filter((s) => s === 1).length).toBe(20);
    expect(Math.max(...waits)).toBe(60);
    for (let s = 1; s < 60; s++) expect(waits.filter((w) => w === s).length).toBeLessThanOrEqual(20);
  });
});

describe('rateLimit middleware', () => {
  const testConfig = configOf({ DATABASE_URL: 'unused', JWT_ISSUER: 'test', JWT_AUDIENCE: 'test' });
  // Stands in for the Durable Object namespace: one ZoneBuckets per zone name, called as RPC would.
  function fakeNamespace() {
    const zones = new Map<string, ZoneBuckets>();
    const check = async (zone: string, request: CheckRequest) => {
      const buckets = zones.get(zone) ?? new ZoneBuckets();
      zones.set(zone, buckets);
      return buckets.check(request);
    };
    return { idFromName: (name: string) => name, get: (id: string) => ({ check: (request: CheckRequest) => check(id, request) }) };
  }

  function appWith(bindings: object) {
    const app = new Hono<AppEnv>();
    app.use('*', async (c, next) => {
      c.set('now', new Date(t0));
      c.set('caller', null);
      c.set('config', () => testConfig);
      return next();
    });
    app.use('/zones/:siren/*', rateLimit({ kind: 'booking', zoneOf: (c) => c.req.param('siren') }));
    app.get('/zones/:siren/slots', (c) => c.text('ok'));
    app.onError((error) => (error instanceof ProblemError ? problemResponse(error) : new Response('unexpected', { status: 500 })));
    return (path: string, ip = '198.51.100.1') => app.request(path, { headers: { 'cf-connecting-ip': ip } }, bindings);
  }

  it('sets RateLimit headers, then refuses with 429 and Retry-After, per zone and per caller', async () => {
    const call = appWith({ ZONE_RATE_LIMITER: fakeNamespace() });
    const first = await call('/zones/200054781/slots');
    expect(first.status).toBe(200);
    expect(first.headers.get('ratelimit-policy')).toBe('"zone";q=60;w=12, "caller";q=10;w=60');
    expect(first.headers.get('ratelimit')).toBe('"caller";r=9;t=6');
    expect(first.headers.get('server-timing')).toMatch(/^ratelimit;dur=\d+$/);

    for (let i = 0; i < 9; i++) await call('/zones/200054781/slots');
    const refused = await call('/zones/200054781/slots');
    expect(refused.status).toBe(429);
    expect(refused.headers.get('retry-after')).toBe('6');
    expect(await refused.json()).toMatchObject({ code: 'rate_limited', status: 429 });
    // Another address, or the same one in another zone, is not affected.
    expect((await call('/zones/200054781/slots', '198.51.100.2')).status).toBe(200);
    expect((await call('/zones/243100518/slots')).status).toBe(200);
  });

  it('fails open when the binding is missing or the object throws', async () => {
    const broken = { idFromName: (name: string) => name, get: () => ({ check: async () => Promise.reject(new Error('overloaded')) }) };
    for (const call of [appWith({}), appWith({ ZONE_RATE_LIMITER: broken })]) {
      const response = await call('/zones/200054781/slots');
      expect(response.status).toBe(200);
      expect(response.headers.get('ratelimit')).toBeNull();
    }
  });
});
