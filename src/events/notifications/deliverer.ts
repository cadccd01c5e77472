// The patient-messages deliverer: turns a booking's events, and waitlist offers, into messages (one transaction per
// event, the booking locked so its events are planned one at a time), then sends the immediate
// ones at once. Sending never throws: what fails is retried by the cron from the table, not by
// redelivering the event.
import { createRequestDb, type Db } from '../../db/client';
import { configOf, type EnvVars } from '../../env';
import { REMINDERS } from '../../domain/notifications/kinds';
import { planMessages } from '../../domain/notifications/plan';
import { errorSummary, log } from '../../lib/log';
import type { Deliverer } from '../deliverers';
import type { OutboxEvent } from '../../core/outbox/event';
import { messageProvider } from './brevo';
import {
  addToCallList,
  bookingForPlanning,
  insertOfferNotices,
  insertPlanned,
  retireEarlier,
} from './notifications.queries';
import { sendDue } from './sender';

const HANDLED = new Set(['booking.created', 'booking.rescheduled', 'booking.cancelled', 'booking.doctor_changed']);

/** The messages of an event: a booking's, planned from its state; an offer's, due at once. */
const planned = (db: Db, event: OutboxEvent, config: EnvVars) =>
  event.type === 'waitlist.offered'
    ? insertOfferNotices(db, String(event.data.offerId), event.id, new Date(event.occurredAt))
    : planNotifications(db, event, config);

/** Plans the event's messages; returns the ids of those due at once. Idempotent by event id. */
export async function planNotifications(db: Db, event: OutboxEvent, config: EnvVars): Promise<string[]> {
  const occurredAt = new Date(event.occurredAt);
  return db.transaction(async (tx) => {
    const booking = await bookingForPlanning(tx, event.bookingId!);
    if (!booking) return [];
    const plan = planMessages({
      type: event.type,
      cancelledBy: event.cancelledBy,
      occurredAt,
      booking: {
        status: booking.status,
        startsAt: new Date(booking.starts_at),
        timeZone: booking.time_zone,
        sms: booking.notify_sms,
        email: booking.notify_email,
      },
      reminderLocalTime: config.REMINDER_LOCAL_TIME,
      reminderSoonHours: config.REMINDER_SOON_HOURS,
    });
    if (plan.retire) await retireEarlier(tx, booking.id, event.id, occurredAt);
    const inserted = await insertPlanned(
      tx,
      booking.id,
      event.id,
      plan.messages,
      occurredAt,
      config.CHANGE_NOTICES_PER_DAY,
    );
    if (plan.noChannelNotice)
      await addToCallList(tx, booking.id, 'no_channel', plan.noChannelNotice, event.id, occurredAt);
    return inserted.filter((r) => r.status === 'scheduled' && !REMINDERS.includes(r.kind)).map((r) => r.id);
  });
}

export const notificationDeliverer: Deliverer = {
  name: 'patient-messages',
  handles: (event) => (HANDLED.has(event.type) && event.bookingId !== null) || event.type === 'waitlist.offered',
  deliver: async (event, env, now) => {
    const config = configOf(env);
    const requestDb = createRequestDb(
      () => config,
      (error) => log('warn', 'db_pool_error', { job: 'patient-messages', error: error.message }),
    );
    try {
      const immediate = await planned(requestDb.db, event, config);
      if (!immediate.length) return;
      await sendDue(requestDb.db, messageProvider(config, now), config, now, immediate).catch((error: unknown) =>
        log('warn', 'messages_immediate_send_failed', { eventId: event.id, error: errorSummary(error) }),
      );
    } finally {
      await requestDb.end();
    }
  },
};
