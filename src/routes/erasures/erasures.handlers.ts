import type { RouteHandler } from '@hono/zod-openapi';
import { eraseBookings as erase } from '../../core/retention/erasure';
import type { AppEnv } from '../../app-env';
import type { eraseBookings } from './erasures.routes';
import { callerOf } from '../../middleware/require-role';

export const eraseBookingsHandler: RouteHandler<typeof eraseBookings, AppEnv> = async (c) => {
  const { bookingId, phone, reason } = c.req.valid('json');
  const target = bookingId !== undefined ? { bookingId } : { phone: phone! };
  return c.json(await erase(c.var.db, callerOf(c), target, reason, c.var.now), 200);
};
