// When messages are due: the reminder on the eve of the consultation at a local time of the site,
// and the retries of a message the provider did not take.
import { localDate, zonedInstant } from '../time';

/** The calendar day before `date` (YYYY-MM-DD). */
function dayBefore(date: string): string {
  const [y, m, d] = date.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d - 1)).toISOString().slice(0, 10);
}

/**
 * The reminder's instant: the day before the consultation, at `localTime` (HH:MM) on the site's
 * clock, whatever the DST offset that day. Null when that moment is not after `from` (a booking
 * made the evening before needs no reminder: its confirmation has just been sent).
 */
export function reminderDueAt(startsAt: Date, timeZone: string, localTime: string, from: Date): Date | null {
  const due = zonedInstant(dayBefore(localDate(startsAt, timeZone)), localTime, timeZone);
  return due > from ? due : null;
}

/** Waits after each failed attempt: 1 min, 5 min, 30 min, 2 h, 6 h; the attempt after the last one is final. */
export const RETRY_DELAYS_SECONDS = [60, 300, 1800, 7200, 21_600] as const;
export const MAX_ATTEMPTS = RETRY_DELAYS_SECONDS.length + 1;
/** A Retry-After longer than this is not waited for: the message would be stale. */
const MAX_RETRY_AFTER_SECONDS = 6 * 3600;

/**
 * When to try again after failed attempt number `attempts` (from 1), or null when it was the last.
 * A provider's Retry-After is honoured when it asks for longer than the schedule.
 */
export function nextAttemptAt(attempts: number, now: Date, retryAfterSeconds?: number): Date | null {
  if (attempts >= MAX_ATTEMPTS) return null;
  const scheduled = RETRY_DELAYS_SECONDS[Math.max(0, attempts - 1)];
  const wait = Math.max(scheduled, Math.min(retryAfterSeconds ?? 0, MAX_RETRY_AFTER_SECONDS));
  return new Date(now.getTime() + wait * 1000);
}
