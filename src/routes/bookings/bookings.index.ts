import { createRouter } from '../../lib/router';
import { auditAgentAccess } from '../../middleware/audit';
import { cancelBookingHandler, createBookingHandler, getBookingHandler, listBookingsHandler } from './bookings.handlers';
import { cancelBooking, createBooking, getBooking, listBookings } from './bookings.routes';

export const bookingsRouter = createRouter();
// Hono's '/v1/bookings/*' also matches '/v1/bookings' itself: one registration covers all.
bookingsRouter.use('/v1/bookings/*', auditAgentAccess);
bookingsRouter
  .openapi(createBooking, createBookingHandler)
  .openapi(listBookings, listBookingsHandler)
  .openapi(getBooking, getBookingHandler)
  .openapi(cancelBooking, cancelBookingHandler);
