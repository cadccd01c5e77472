// When a failed webhook delivery is tried again: the Standard Webhooks schedule (after 5 s, 5 min,
// 30 min, 2 h, 5 h, 10 h, 14 h, 20 h and 24 h, each with ±10 % jitter so that many deliveries
// failing together do not retry together), never sooner than the receiver's Retry-After.

export const RETRY_DELAYS_SECONDS = [5, 300, 1800, 7200, 18_000, 36_000, 50_400, 72_000, 86_400] as const;
export const JITTER = 0.1;
/** A Retry-After is honoured up to the schedule's longest wait. */
const MAX_RETRY_AFTER_SECONDS = 86_400;
/** An endpoint failing for this long without one success is disabled. */
export const DISABLE_AFTER_FAILING_MS = 5 * 24 * 3600 * 1000;

/**
 * The instant of the next attempt after the `attempts`-th failed (1 = the first attempt), or null
 * when the schedule is over. `random` is in [0, 1).
 */
export function nextAttemptAt(attempts: number, now: Date, random: number, retryAfterSeconds?: number): Date | null {
  const base = RETRY_DELAYS_SECONDS[attempts - 1];
  if (base === undefined) return null;
  const jittered = base * (1 + JITTER * (2 * random - 1));
  const wait = Math.max(jittered, Math.min(retryAfterSeconds ?? 0, MAX_RETRY_AFTER_SECONDS));
  return new Date(now.getTime() + Math.round(wait * 1000));
}
