// Offers a freed slot to the waitlist soon after it is freed: a cancellation or a move frees one,
// a mission day declares new ones. The minute's sweep would find them too; this is not to wait for
// it. Idempotent: a slot already offered, or no longer free, is passed over.
import { createRequestDb } from '../../db/client';
import { offerFreeSlots } from '../../core/waitlist/offers.operations';
import { configOf } from '../../env';
import { log } from '../../lib/log';
import type { Deliverer } from '../deliverers';
import type { OutboxEvent } from '../../core/outbox/event';
import { publishingEvents } from '../../core/outbox/publish';

const FREEING: readonly string[] = ['booking.cancelled', 'booking.rescheduled', 'mission.declared'];

export const waitlistDeliverer: Deliverer = {
  name: 'waitlist',
  handles: (event: OutboxEvent) => FREEING.includes(event.type),
  deliver: async (event, env, now) => {
    const requestDb = createRequestDb(
      () => configOf(env),
      (error) => log('warn', 'db_pool_error', { job: 'waitlist', error: error.message }),
    );
    try {
      const offers = await publishingEvents(requestDb, env.EVENTS, (db) =>
        offerFreeSlots(db, { zone: event.zone }, now),
      );
      if (offers.length) log('info', 'waitlist_offered', { eventId: event.id, offers: offers.length });
    } finally {
      await requestDb.end();
    }
  },
};
