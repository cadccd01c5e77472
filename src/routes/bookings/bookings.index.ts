import { createRouter } from '../router';
import { auditAgentAccess } from '../../middleware/audit';
import { rateLimited } from '../../middleware/rate-limit';
import { zoneOfClaim } from '../../middleware/zone-of-request';
import {
  cancelBookingHandler,
  createBookingHandler,
  getBookingHandler,
  listBookingsHandler,
} from './bookings.handlers';
import { cancelBooking, createBooking, getBooking, listBookings } from './bookings.routes';
import { rescheduleBookingHandler } from './reschedule.handlers';
import { rescheduleBooking } from './reschedule.routes';
import { searchBookingsHandler } from './search.handlers';
import { searchBookings } from './search.routes';
import { completeConsultationHandler, markArrivalHandler, markNoShowHandler } from './transitions.handlers';
import { completeConsultation, markArrival, markNoShow } from './transitions.routes';

const rescheduleLimited = rateLimited({ kind: 'booking', zoneOf: zoneOfClaim }, rescheduleBookingHandler);

export const bookingsRouter = createRouter();
// Hono's '/v1/bookings/*' also matches '/v1/bookings' itself: one registration covers all.
bookingsRouter.use('/v1/bookings/*', auditAgentAccess);
bookingsRouter
  // Limited inside the handler, after the role check and validation: a 401, 403 or 400 spends nothing.
  .openapi(createBooking, rateLimited({ kind: 'booking', zoneOf: zoneOfClaim }, createBookingHandler))
  .openapi(listBookings, listBookingsHandler)
  // The agent's own budget across zones: a caller's bookings belong to no zone.
  .openapi(searchBookings, rateLimited({ kind: 'search', zoneOf: () => undefined }, searchBookingsHandler))
  .openapi(getBooking, getBookingHandler)
  .openapi(cancelBooking, cancelBookingHandler)
  // In the zone of the new slot, like a booking.
  .openapi(rescheduleBooking, rescheduleLimited)
  .openapi(markArrival, markArrivalHandler)
  .openapi(completeConsultation, completeConsultationHandler)
  .openapi(markNoShow, markNoShowHandler);
