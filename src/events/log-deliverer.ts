// The operators' trail of events: one log line per event, ids and codes only. It also keeps the
// Queue → consumer → deliveries path exercised before the SMS/email and webhook deliverers exist.
import { log } from '../lib/log';
import type { Deliverer } from './deliverers';

export const logDeliverer: Deliverer = {
  name: 'log',
  handles: () => true,
  deliver: async (event) => {
    log('info', 'event', {
      eventId: event.id,
      type: event.type,
      bookingId: event.bookingId,
      missionId: event.missionId,
      zone: event.zone,
    });
  },
};
