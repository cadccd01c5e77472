import type { RouteHandler } from '@hono/zod-openapi';
import { toBooking } from '../../core/bookings/bookings.presenters';
import { searchBookings } from '../../core/bookings/search.operations';
import type { AppEnv } from '../../app-env';
import type { searchBookings as searchBookingsRoute } from './search.routes';
import { callerOf } from '../../middleware/require-role';

// The operation writes the audit rows itself (a search that found nothing has no booking id for
// the audit middleware to record), so auditBookingIds stays unset.
export const searchBookingsHandler: RouteHandler<typeof searchBookingsRoute, AppEnv> = async (c) => {
  const { phone, reference, lastName, firstName, birthDate } = c.req.valid('json');
  const search =
    phone !== undefined
      ? { phone }
      : reference !== undefined
        ? { reference }
        : { lastName: lastName!, birthDate: birthDate!, ...(firstName ? { firstName } : {}) };
  const { rows, more } = await searchBookings(
    c.var.db,
    callerOf(c),
    search,
    c.var.now,
    c.req.header('x-call-reference'),
  );
  return c.json({ items: rows.map(toBooking), more }, 200);
};
