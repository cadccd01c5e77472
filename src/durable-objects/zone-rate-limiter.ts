// One instance per zone (`idFromName(siren)`), never a global one: a zone's traffic meets in one
// object, so its limit is exact, and a stampede on one zone cannot slow the others.
import { DurableObject } from 'cloudflare:workers';
import { ZoneBuckets, type CheckRequest, type CheckResult } from './zone-buckets';

export class ZoneRateLimiter extends DurableObject {
  // Buckets live in memory, not in storage: all of a zone's calls reach this one instance, so memory
  // is exact while it lives, and losing it on eviction only refills buckets (it forgives callers,
  // never refuses one wrongly). Storage writes would add latency to every request at the peak.
  private readonly buckets = new ZoneBuckets();

  // Synchronous on purpose: with no await, concurrent calls cannot interleave between read and write.
  check(request: CheckRequest): CheckResult {
    return this.buckets.check(request);
  }

  refund(request: CheckRequest): void {
    this.buckets.refund(request);
  }
}
