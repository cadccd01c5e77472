// One instance per caller key (`idFromName('patient:<sub>')`, `client:<id>`, `ip:<address>`), never
// a global one: it holds that caller's budget across every zone, checked beside the zone's object.
import { DurableObject } from 'cloudflare:workers';
import { CallerBuckets, type CallerCheck, type CallerVerdict } from './caller-buckets';

export class CallerRateLimiter extends DurableObject {
  // In memory, like the zone limiter: an evicted object only forgives its caller.
  private readonly buckets = new CallerBuckets();

  // Synchronous on purpose: concurrent calls cannot interleave between read and write.
  check(request: CallerCheck): CallerVerdict {
    return this.buckets.check(request);
  }

  refund(request: CallerCheck): void {
    this.buckets.refund(request);
  }
}
