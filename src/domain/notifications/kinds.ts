// The messages a patient may receive, how, and what becomes of them.
/**
 * reminder_soon: a few hours before (REMINDER_SOON_HOURS; off unless set). doctor_change: another
 * volunteer took over the mission day; the time and place stay. waitlist_offer: a freed slot kept
 * for a person waiting.
 */
export const NOTIFICATION_KINDS = [
  'confirmation',
  'reminder',
  'reminder_soon',
  'cancellation',
  'change',
  'doctor_change',
  'waitlist_offer',
] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

export const NOTIFICATION_CHANNELS = ['sms', 'email'] as const;
export type NotificationChannel = (typeof NOTIFICATION_CHANNELS)[number];

/**
 * cancelled: a reminder that no longer applies (the booking was cancelled or moved). skipped: a
 * change notice beyond the booking's daily cap (CHANGE_NOTICES_PER_DAY), never sent.
 */
export const NOTIFICATION_STATUSES = ['scheduled', 'sent', 'failed', 'cancelled', 'skipped'] as const;
export type NotificationStatus = (typeof NOTIFICATION_STATUSES)[number];

/** Why a booking is on the agents' call list. */
export const CALL_REASONS = ['no_channel', 'notice_failed'] as const;
export type CallReason = (typeof CALL_REASONS)[number];

/** Notices an agent must phone about when no message reached the patient. */
export const NOTICE_KINDS = ['cancellation', 'change', 'doctor_change'] as const satisfies readonly NotificationKind[];
export const NOTICES: ReadonlySet<NotificationKind> = new Set(NOTICE_KINDS);

/** Reminders: one scheduled per booking and channel at a time, retired when the booking moves. */
export const REMINDERS: readonly NotificationKind[] = ['reminder', 'reminder_soon'];
