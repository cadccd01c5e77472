// Callers' budgets across every zone: one bucket per caller and kind of request, so that a caller
// spreading its requests over many zones gets no more than this in total. One object holds the
// buckets of every caller whose key falls in its shard (callerShard). Plain class, no I/O: the
// Durable Object delegates to it and tests exercise it directly.
import { forgetIdle, giveBack, takeAll, type BucketPolicy, type BucketState } from '../domain/token-bucket';
import { IDLE_MS, PRUNE_EVERY_MS, type RateLimitKind } from './zone-buckets';

export interface CallerCheck {
  /** Stable key of the caller, e.g. `client:<id>`, `patient:<sub>`, `ip:<address>`. */
  caller: string;
  kind: RateLimitKind;
  /** The worker's injected clock. */
  nowMs: number;
  policy: BucketPolicy;
}

export interface CallerVerdict {
  allowed: boolean;
  retryAfterSeconds: number;
  /** IETF httpapi RateLimit-Policy item, e.g. `"caller-total";q=60;w=60`. */
  policyHeader: string;
  /** IETF httpapi RateLimit item, e.g. `"caller-total";r=59;t=1`. */
  rateLimitHeader: string;
}

/** Shards of the callers' budgets: a fixed set of objects, each always meeting the same callers. */
export const CALLER_SHARDS = 256;

/**
 * The object that holds this caller's budgets (FNV-1a of the key). An object per caller cost a cold
 * object for every new caller: ~6 ms of workerd CPU each here, and 2,000 of them at a rush's start.
 */
export function callerShard(key: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) hash = Math.imul(hash ^ key.charCodeAt(i), 0x01000193);
  return `callers-${(hash >>> 0) % CALLER_SHARDS}`;
}

export class CallerBuckets {
  private readonly buckets = new Map<string, { state: BucketState; policy: BucketPolicy }>();
  private nextPruneAt = Number.NEGATIVE_INFINITY;

  check({ caller, kind, nowMs, policy }: CallerCheck): CallerVerdict {
    if (nowMs >= this.nextPruneAt) {
      this.prune(nowMs);
      this.nextPruneAt = nowMs + PRUNE_EVERY_MS;
    }
    const key = `${kind} ${caller}`;
    const [result] = takeAll([{ state: this.buckets.get(key)?.state, policy }], nowMs).results;
    this.buckets.set(key, { state: result.state, policy });
    return {
      allowed: result.allowed,
      retryAfterSeconds: result.retryAfterSeconds,
      policyHeader: `"caller-total";q=${policy.capacity};w=${Math.round(policy.capacity / policy.refillPerSecond)}`,
      rateLimitHeader: `"caller-total";r=${result.remaining};t=${result.resetSeconds}`,
    };
  }

  /** Gives back what an allowed check took, when the zone refused the request. */
  refund({ caller, kind, nowMs, policy }: CallerCheck): void {
    const key = `${kind} ${caller}`;
    this.buckets.set(key, { state: giveBack(this.buckets.get(key)?.state, policy, nowMs), policy });
  }

  /** Forgets buckets that are full and idle for more than IDLE_MS; returns how many. */
  prune(nowMs: number): number {
    return forgetIdle(this.buckets, nowMs, IDLE_MS);
  }

  /** Buckets held in memory. */
  get size(): number {
    return this.buckets.size;
  }
}
