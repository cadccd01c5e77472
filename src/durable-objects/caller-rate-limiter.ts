// One instance per shard of caller keys (`idFromName(callerShard(key))`, 256 of them), never a
// global one: it holds the budgets across every zone of the callers in its shard, checked beside the
// zone's object.
import { DurableObject } from 'cloudflare:workers';
import { CallerBuckets, type CallerCheck, type CallerVerdict } from './caller-buckets';

export class CallerRateLimiter extends DurableObject {
  // In memory, like the zone limiter: an evicted object only forgives its callers.
  private readonly buckets = new CallerBuckets();

  // Synchronous on purpose: concurrent calls cannot interleave between read and write.
  check(request: CallerCheck): CallerVerdict {
    return this.buckets.check(request);
  }

  refund(request: CallerCheck): void {
    this.buckets.refund(request);
  }
}
