// How long each piece of data is kept: the one place the daily purge (src/core/retention/) and the
// privacy page (src/pages/legal/donnees-personnelles.tsx) both read, so that what the page promises
// and what the purge does cannot drift apart. The reasons for each duration: docs/operating.md#retention.

export const RETENTION = {
  /** A booking's patient data (name, birth date, phone, email), after the consultation or the cancellation. */
  bookingPatientMonths: 12,
  /** A waitlist entry's person (name, birth date, phone, email), once the entry ended (booked, expired, withdrawn); the entry stays counted. */
  endedWaitlistDays: 30,
  /** Holds that expired or ended: they name the caller, and nothing reads them once over. */
  endedHoldDays: 1,
  /** Idempotency keys: a retry after this books afresh (24 h, as Stripe). */
  idempotencyKeyHours: 24,
  /** Messages to patients once settled (sent or failed): their status answers a patient's question for a while. */
  notificationDays: 90,
  /** The outbox's events and what was done with them (deliveries, webhook deliveries), after they occurred. */
  eventDays: 90,
  /** The agents' call list: a row is kept this long after it was done, or after its booking's date if never done. */
  callListDays: 90,
  /** Audit rows: only the owner role deletes them (docs/operating.md#audit-retention). */
  auditMonths: 12,
} as const;

const DAY_MS = 86_400_000;

/** The instant `months` calendar months before `at` (UTC calendar; a day's shift at month ends is immaterial here). */
export function monthsBefore(at: Date, months: number): Date {
  const d = new Date(at.getTime());
  d.setUTCMonth(d.getUTCMonth() - months);
  return d;
}

/** Each retention's cut-off at `asOf`: data older than its cut-off goes. */
export function retentionCutoffs(asOf: Date) {
  const t = asOf.getTime();
  return {
    bookingPatient: monthsBefore(asOf, RETENTION.bookingPatientMonths),
    endedHold: new Date(t - RETENTION.endedHoldDays * DAY_MS),
    endedWaitlist: new Date(t - RETENTION.endedWaitlistDays * DAY_MS),
    idempotencyKey: new Date(t - RETENTION.idempotencyKeyHours * 3_600_000),
    notification: new Date(t - RETENTION.notificationDays * DAY_MS),
    event: new Date(t - RETENTION.eventDays * DAY_MS),
    callList: new Date(t - RETENTION.callListDays * DAY_MS),
    audit: monthsBefore(asOf, RETENTION.auditMonths),
  };
}

/** "12 mois", "1 an", "90 jours"…: a duration as the privacy page writes it. */
export function frenchMonths(months: number): string {
  if (months % 12 === 0) return months === 12 ? 'un an' : `${months / 12} ans`;
  return `${months} mois`;
}

/**
 * The Cron Trigger fires every minute; the purge runs in one of them a day, at night in mainland
 * France (03:17 UTC is 04:17 or 05:17 in Paris), off the round hour other jobs like. A missed
 * minute only delays the purge to the next day: it catches up whatever is due.
 */
export const PURGE_MINUTE_UTC = { hour: 3, minute: 17 } as const;

export const isPurgeMinute = (at: Date) =>
  at.getUTCHours() === PURGE_MINUTE_UTC.hour && at.getUTCMinutes() === PURGE_MINUTE_UTC.minute;
