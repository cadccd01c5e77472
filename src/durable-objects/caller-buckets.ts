// A caller's budget across every zone: one bucket per kind of request, so that a caller spreading
// its requests over many zones gets no more than this in total. Plain class, no I/O: the Durable
// Object delegates to it and tests exercise it directly.
import { giveBack, takeAll, type BucketPolicy, type BucketState } from '../domain/token-bucket';
import type { RateLimitKind } from './zone-buckets';

export interface CallerCheck {
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

export class CallerBuckets {
  private readonly buckets = new Map<RateLimitKind, BucketState>();

  check({ kind, nowMs, policy }: CallerCheck): CallerVerdict {
    const [result] = takeAll([{ state: this.buckets.get(kind), policy }], nowMs).results;
    this.buckets.set(kind, result.state);
    return {
      allowed: result.allowed,
      retryAfterSeconds: result.retryAfterSeconds,
      policyHeader: `"caller-total";q=${policy.capacity};w=${Math.round(policy.capacity / policy.refillPerSecond)}`,
      rateLimitHeader: `"caller-total";r=${result.remaining};t=${result.resetSeconds}`,
    };
  }

  /** Gives back what an allowed check took, when the zone refused the request. */
  refund({ kind, nowMs, policy }: CallerCheck): void {
    this.buckets.set(kind, giveBack(this.buckets.get(kind), policy, nowMs));
  }
}
