// The Durable Objects delegate to ZoneBuckets and CallerBuckets; these tests drive those classes
// directly with an injected clock, and the middleware with stand-in namespaces.
import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import type { BucketPolicy } from '../src/domain/token-bucket';
import { CALLER_SHARDS, CallerBuckets, callerShard, type CallerCheck } from '../src/durable-objects/caller-buckets';
import { IDLE_MS, ZoneBuckets, type CheckRequest, type ZonePolicy } from '../src/durable-objects/zone-buckets';
import { ProblemError } from '../src/domain/problem';
import { problemResponse } from '../src/lib/problem';
import type { AppEnv } from '../src/app-env';
import { configOf } from '../src/env';
import { policyFor, rateLimited, totalPolicyFor } from '../src/middleware/rate-limit';

const t0 = Date.UTC(2026, 0, 10, 8, 0, 0);
const perMinute = (capacity: number): BucketPolicy => ({ capacity, refillPerSecond: capacity / 60 });
const small: ZonePolicy = { zone: perMinute(10), caller: perMinute(3) };

const search = (caller: string, nowMs = t0, policy = small): CheckRequest => ({
  caller,
  kind: 'search',
  nowMs,
  policy,
});

function repeat(buckets: ZoneBuckets, request: CheckRequest, times: number) {
  return Array.from({ length: times }, () => buckets.check(request));
}

describe('ZoneBuckets', () => {
  it('limits a greedy caller while another caller in the same zone goes through', () => {
    const buckets = new ZoneBuckets();
    const greedy = repeat(buckets, search('ip:203.0.113.7'), 5);
    expect(greedy.map((r) => r.allowed)).toEqual([true, true, true, false, false]);
    expect(greedy[3]).toMatchObject({
      scope: 'caller',
      limit: 3,
      remaining: 0,
      retryAfterSeconds: 20,
      resetSeconds: 60,
    });
    expect(greedy[3].rateLimitHeader).toBe('"zone";r=7;t=18, "caller";r=0;t=60');

    const other = buckets.check(search('patient:alice'));
    // The greedy caller's refusals took nothing from the zone: 10 − 3 − 1 left, now the tighter share.
    expect(other).toMatchObject({ allowed: true, scope: 'zone', limit: 10, remaining: 6 });
    expect(other.rateLimitHeader).toBe('"zone";r=6;t=24, "caller";r=2;t=20');
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
      ...Array.from({ length: 50 }, (_, i) => ({
        key: `patient:${i}`,
        role: 'patient' as const,
        searches: 10,
        bookings: 3,
      })),
      ...Array.from({ length: 5 }, (_, i) => ({
        key: `client:${i}`,
        role: 'integrator' as const,
        searches: 100,
        bookings: 20,
      })),
    ];
    const requests = callers.flatMap(({ key, role, searches, bookings }, c) =>
      (['search', 'booking'] as const).flatMap((kind) => {
        const n = kind === 'search' ? searches : bookings;
        // The first within the first second, the others evenly over the minute.
        return Array.from({ length: n }, (_, k) => ({
          key,
          role,
          kind,
          at: k === 0 ? (c / callers.length) * 1_000 : (k / n) * 60_000,
        }));
      }),
    );
    requests.sort((a, b) => a.at - b.at);
    const refused = requests
      .map(({ key, role, kind, at }) =>
        buckets.check({ caller: key, kind, nowMs: t0 + at, policy: policyFor(kind, role) }),
      )
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

describe('ZoneBuckets.refund and CallerBuckets', () => {
  it('gives back what a check took, to the zone and to the caller', () => {
    const buckets = new ZoneBuckets();
    repeat(buckets, search('patient:alice'), 3);
    buckets.refund(search('patient:alice'));
    expect(buckets.check(search('patient:alice'))).toMatchObject({
      allowed: true,
      rateLimitHeader: '"zone";r=7;t=18, "caller";r=0;t=60',
    });
  });

  it('keeps one budget per kind across zones', () => {
    const total = new CallerBuckets();
    const check: CallerCheck = { caller: 'patient:alice', kind: 'booking', nowMs: t0, policy: perMinute(2) };
    expect([total.check(check), total.check(check), total.check(check)].map((v) => v.allowed)).toEqual([
      true,
      true,
      false,
    ]);
    expect(total.check({ ...check, kind: 'search' }).allowed).toBe(true);
    // Callers sharing a shard keep budgets of their own.
    expect(total.check({ ...check, caller: 'patient:bob' }).allowed).toBe(true);
    total.refund(check);
    expect(total.check(check)).toMatchObject({
      allowed: true,
      policyHeader: '"caller-total";q=2;w=60',
      rateLimitHeader: '"caller-total";r=0;t=60',
    });
    expect(totalPolicyFor('booking', 'patient').capacity).toBeGreaterThan(
      policyFor('booking', 'patient').caller.capacity,
    );
  });

  it('forgets the budgets of callers idle long enough to be full again', () => {
    const total = new CallerBuckets();
    const check = (caller: string, nowMs: number): CallerCheck => ({
      caller,
      kind: 'search',
      nowMs,
      policy: perMinute(60),
    });
    total.check(check('patient:old', t0));
    total.check(check('patient:recent', t0 + IDLE_MS - 60_000));
    expect(total.prune(t0 + IDLE_MS + 1)).toBe(1);
    expect(total.size).toBe(1);
  });

  it('puts a caller always in the same shard, and spreads callers over all of them', () => {
    expect(callerShard('patient:alice')).toBe(callerShard('patient:alice'));
    const shards = new Set(Array.from({ length: 20_000 }, (_, i) => callerShard(`patient:bench-r${i}`)));
    expect(shards.size).toBe(CALLER_SHARDS);
  });
});

describe('rateLimited handler', () => {
  const testConfig = configOf({
    ENVIRONMENT: 'test',
    DATABASE_URL: 'unused',
    JWT_ISSUER: 'test',
    JWT_AUDIENCE: 'test',
    PUBLIC_URL: 'https://example.test',
    CALL_CENTRE_PHONE: '+33800000000',
  });
  // Stands in for a Durable Object namespace: one instance per name, called as RPC would.
  function fakeNamespace<T>(create: () => T) {
    const objects = new Map<string, T>();
    return {
      names: () => [...objects.keys()],
      idFromName: (name: string) => name,
      get: (id: string) => {
        if (!objects.has(id)) objects.set(id, create());
        return objects.get(id)!;
      },
    };
  }

  function appWith(bindings: object) {
    const app = new Hono<AppEnv>();
    app.use('*', async (c, next) => {
      c.set('now', new Date(t0));
      c.set('caller', null);
      c.set('config', () => testConfig);
      return next();
    });
    app.get(
      '/zones/:siren/slots',
      rateLimited({ kind: 'booking', zoneOf: (c) => c.req.param('siren') }, (c) => c.text('ok')),
    );
    app.onError((error) =>
      error instanceof ProblemError ? problemResponse(error) : new Response('unexpected', { status: 500 }),
    );
    return (path: string, ip = '198.51.100.1') => app.request(path, { headers: { 'cf-connecting-ip': ip } }, bindings);
  }

  it('sets RateLimit headers, then refuses with 429 and Retry-After, per zone and per caller', async () => {
    const call = appWith({
      ZONE_RATE_LIMITER: fakeNamespace(() => new ZoneBuckets()),
      CALLER_RATE_LIMITER: fakeNamespace(() => new CallerBuckets()),
    });
    const first = await call('/zones/200054781/slots');
    expect(first.status).toBe(200);
    expect(first.headers.get('ratelimit-policy')).toBe(
      '"zone";q=60;w=12, "caller";q=10;w=60, "caller-total";q=20;w=60',
    );
    expect(first.headers.get('ratelimit')).toBe('"zone";r=59;t=1, "caller";r=9;t=6, "caller-total";r=19;t=3');
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

  it('limits a caller touring zones by its budget across zones, and gives the zones their tokens back', async () => {
    const zones = fakeNamespace(() => new ZoneBuckets());
    const call = appWith({ ZONE_RATE_LIMITER: zones, CALLER_RATE_LIMITER: fakeNamespace(() => new CallerBuckets()) });
    const sirens = ['200054781', '243100518', '200035541', '243200508', '200067106'];
    const answers = [];
    for (let i = 0; i < 25; i++) answers.push((await call(`/zones/${sirens[i % 5]}/slots`)).status);
    // 20 across zones, though each zone would have let this address make 10.
    expect(answers.filter((s) => s === 200)).toHaveLength(20);
    expect(answers.slice(20)).toEqual([429, 429, 429, 429, 429]);
    // The refused requests took nothing from the zones: 60 − 4 each (tokens given back).
    const other = await call(`/zones/${sirens[0]}/slots`, '198.51.100.9');
    expect(other.headers.get('ratelimit')).toMatch(/^"zone";r=55;/);
  });

  it('fails open when the bindings are missing or the objects throw', async () => {
    const broken = {
      idFromName: (name: string) => name,
      get: () => ({ check: async () => Promise.reject(new Error('overloaded')) }),
    };
    for (const call of [appWith({}), appWith({ ZONE_RATE_LIMITER: broken, CALLER_RATE_LIMITER: broken })]) {
      const response = await call('/zones/200054781/slots');
      expect(response.status).toBe(200);
      expect(response.headers.get('ratelimit')).toBeNull();
    }
  });
});
