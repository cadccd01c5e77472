// Which messages an event of a booking calls for. The text is not decided here (messages.ts), nor
// the sending (src/events/notifications/): only what, to which channels, and when.
import type { NotificationChannel, NotificationKind } from './kinds';
import { reminderDueAt } from './schedule';

/**
 * Cancellations that warrant a notice: the patient did not ask for them. A patient's own
 * cancellation, or their partner app's on their behalf, needs none: they know.
 */
export const NOTICE_CANCELLERS: ReadonlySet<string> = new Set(['doctor', 'agent', 'admin']);

export interface PlanInput {
  type: string;
  cancelledBy: string | null;
  /** When the event happened: immediate messages are due then, and a reminder must be after it. */
  occurredAt: Date;
  booking: { status: string; startsAt: Date; timeZone: string; sms: boolean; email: boolean };
  reminderLocalTime: string;
  /** Hours before the consultation for a second, short reminder; 0 for none. */
  reminderSoonHours: number;
}

export interface PlannedMessage {
  kind: NotificationKind;
  channel: NotificationChannel;
  dueAt: Date;
}

export interface Plan {
  /** Scheduled messages of earlier events no longer apply (the booking moved or was cancelled). */
  retire: boolean;
  messages: PlannedMessage[];
  /** A notice no channel can carry: the booking goes to the agents' call list. */
  noChannelNotice?: NotificationKind;
}

export function planMessages(p: PlanInput): Plan {
  const channels: NotificationChannel[] = [
    ...(p.booking.sms ? ['sms' as const] : []),
    ...(p.booking.email ? ['email' as const] : []),
  ];
  const now = (kind: NotificationKind) => channels.map((channel) => ({ kind, channel, dueAt: p.occurredAt }));
  const reminder = () => {
    const due = reminderDueAt(p.booking.startsAt, p.booking.timeZone, p.reminderLocalTime, p.occurredAt);
    const soon =
      p.reminderSoonHours > 0 ? new Date(p.booking.startsAt.getTime() - p.reminderSoonHours * 3_600_000) : null;
    return [
      ...(due ? channels.map((channel) => ({ kind: 'reminder' as const, channel, dueAt: due })) : []),
      // Only after the evening one, and not if booked within those hours.
      ...(soon && soon > p.occurredAt && (!due || soon > due)
        ? channels.map((channel) => ({ kind: 'reminder_soon' as const, channel, dueAt: soon }))
        : []),
    ];
  };
  const notice = (kind: NotificationKind): Plan => ({
    retire: true,
    messages: [...now(kind), ...(kind === 'change' ? reminder() : [])],
    ...(channels.length ? {} : { noChannelNotice: kind }),
  });

  switch (p.type) {
    // Late events about a booking that has since moved on plan nothing: its later events decide.
    case 'booking.created':
      return p.booking.status === 'booked'
        ? { retire: false, messages: [...now('confirmation'), ...reminder()] }
        : { retire: false, messages: [] };
    case 'booking.rescheduled':
      return p.booking.status === 'booked' ? notice('change') : { retire: false, messages: [] };
    case 'booking.doctor_changed':
      // Same time and place: the reminders already planned still hold.
      return p.booking.status === 'booked'
        ? {
            retire: false,
            messages: now('doctor_change'),
            ...(channels.length ? {} : { noChannelNotice: 'doctor_change' as const }),
          }
        : { retire: false, messages: [] };
    case 'booking.cancelled':
      return NOTICE_CANCELLERS.has(p.cancelledBy ?? '') ? notice('cancellation') : { retire: true, messages: [] };
    default:
      return { retire: false, messages: [] };
  }
}
