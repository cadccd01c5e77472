import { describe, expect, it } from 'vitest';
import { JITTER, RETRY_DELAYS_SECONDS, nextAttemptAt } from './webhook-schedule';

const now = new Date('2026-12-01T08:00:00Z');
const secondsAfter = (d: Date | null) => (d!.getTime() - now.getTime()) / 1000;

describe('the webhook retry schedule', () => {
  it('follows Standard Webhooks: 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 14 h, 20 h, 24 h, then gives up', () => {
    expect(RETRY_DELAYS_SECONDS.map((_, i) => secondsAfter(nextAttemptAt(i + 1, now, 0.5)))).toEqual([
      5, 300, 1800, 7200, 18000, 36000, 50400, 72000, 86400,
    ]);
    expect(nextAttemptAt(10, now, 0.5)).toBeNull();
  });

  it('jitters each wait by at most 10 %', () => {
    expect(secondsAfter(nextAttemptAt(2, now, 0))).toBe(300 * (1 - JITTER));
    expect(secondsAfter(nextAttemptAt(2, now, 0.999999))).toBeCloseTo(300 * (1 + JITTER), 0);
  });

  it('waits at least Retry-After, up to 24 h', () => {
    expect(secondsAfter(nextAttemptAt(1, now, 0.5, 120))).toBe(120);
    expect(secondsAfter(nextAttemptAt(3, now, 0.5, 60))).toBe(1800);
    expect(secondsAfter(nextAttemptAt(1, now, 0.5, 10 ** 9))).toBe(86400);
  });
});
