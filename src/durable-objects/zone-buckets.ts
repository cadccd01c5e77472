// The buckets of one zone: one shared bucket per kind of request, and one smaller bucket per caller
// inside it, so a greedy caller runs dry long before the zone does. Plain class, no I/O: the
// Durable Object delegates to it and tests exercise it directly.
import { forgetIdle, giveBack, takeAll, type BucketPolicy, type BucketState } from '../domain/token-bucket';

export type RateLimitKind = 'search' | 'booking';

export interface ZonePolicy {
  zone: BucketPolicy;
  caller: BucketPolicy;
}

export interface CheckRequest {
  /** Stable key of the caller, e.g. `client:<id>`, `patient:<sub>`, `ip:<address>`. */
  caller: string;
  kind: RateLimitKind;
  /** The worker's injected clock, so every instant is the caller's and tests are deterministic. */
  nowMs: number;
  policy: ZonePolicy;
}

export interface CheckResult {
  allowed: boolean;
  /** Which bucket the figures below describe: the refusing one, or the one closest to refusing. */
  scope: 'zone' | 'caller';
  limit: number;
  remaining: number;
  resetSeconds: number;
  retryAfterSeconds: number;
  /** IETF httpapi RateLimit-Policy field, e.g. `"zone";q=150;w=8, "caller";q=30;w=60` (burst over refill time). */
  policyHeader: string;
  /** IETF httpapi RateLimit field, one item per bucket, e.g. `"zone";r=149;t=1, "caller";r=29;t=2`. */
  rateLimitHeader: string;
}

interface CallerBucket {
  state: BucketState;
  policy: BucketPolicy;
}

/** A caller bucket unused this long (and full) is forgotten: a new bucket starts full anyway. */
export const IDLE_MS = 10 * 60_000;
/** Sweeping once a minute keeps each check O(1) on average. */
export const PRUNE_EVERY_MS = 60_000;

const windowSeconds = (policy: BucketPolicy) => Math.round(policy.capacity / policy.refillPerSecond);

export function policyHeader(policy: ZonePolicy): string {
  return `"zone";q=${policy.zone.capacity};w=${windowSeconds(policy.zone)}, "caller";q=${policy.caller.capacity};w=${windowSeconds(policy.caller)}`;
}

export class ZoneBuckets {
  private readonly zone = new Map<RateLimitKind, BucketState>();
  private readonly callers = new Map<string, CallerBucket>();
  private nextPruneAt = Number.NEGATIVE_INFINITY;

  /** Takes one token from the zone's bucket and the caller's, or from neither. */
  check({ caller, kind, nowMs, policy }: CheckRequest): CheckResult {
    if (nowMs >= this.nextPruneAt) {
      this.prune(nowMs);
      this.nextPruneAt = nowMs + PRUNE_EVERY_MS;
    }
    const callerKey = `${kind} ${caller}`;
    const outcome = takeAll(
      [
        { state: this.zone.get(kind), policy: policy.zone },
        { state: this.callers.get(callerKey)?.state, policy: policy.caller },
      ],
      nowMs,
    );
    const [zoneResult, callerResult] = outcome.results;
    this.zone.set(kind, zoneResult.state);
    this.callers.set(callerKey, { state: callerResult.state, policy: policy.caller });

    const scope = outcome.tightestIndex === 0 ? 'zone' : 'caller';
    const tight = outcome.results[outcome.tightestIndex];
    return {
      allowed: outcome.allowed,
      scope,
      limit: scope === 'zone' ? policy.zone.capacity : policy.caller.capacity,
      remaining: tight.remaining,
      resetSeconds: tight.resetSeconds,
      retryAfterSeconds: outcome.retryAfterSeconds,
      policyHeader: policyHeader(policy),
      rateLimitHeader: `"zone";r=${zoneResult.remaining};t=${zoneResult.resetSeconds}, "caller";r=${callerResult.remaining};t=${callerResult.resetSeconds}`,
    };
  }

  /** Gives back what an allowed check took, when the caller's budget across zones refused it. */
  refund({ caller, kind, nowMs, policy }: CheckRequest): void {
    this.zone.set(kind, giveBack(this.zone.get(kind), policy.zone, nowMs));
    const callerKey = `${kind} ${caller}`;
    const bucket = this.callers.get(callerKey);
    if (bucket)
      this.callers.set(callerKey, { state: giveBack(bucket.state, policy.caller, nowMs), policy: policy.caller });
  }

  /** Forgets caller buckets that are full and idle for more than IDLE_MS; returns how many. */
  prune(nowMs: number): number {
    return forgetIdle(this.callers, nowMs, IDLE_MS);
  }

  /** Caller buckets held in memory. */
  get callerCount(): number {
    return this.callers.size;
  }
}
