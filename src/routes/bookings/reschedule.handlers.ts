import type { RouteHandler } from '@hono/zod-openapi';
import { toBooking } from '../../core/bookings/bookings.presenters';
import { rescheduleBooking } from '../../core/bookings/reschedule.operations';
import { idempotencyKeyFrom } from '../../lib/idempotency';
import type { AppEnv } from '../../app-env';
import type { rescheduleBooking as rescheduleBookingRoute } from './reschedule.routes';
import { callerOf } from '../../middleware/require-role';

export const rescheduleBookingHandler: RouteHandler<typeof rescheduleBookingRoute, AppEnv> = async (c) => {
  const { id } = c.req.valid('param');
  c.set('auditBookingIds', [id]);
  const key = idempotencyKeyFrom(c.req.header('idempotency-key'));
  const { row, replayed } = await rescheduleBooking(
    c.var.db,
    callerOf(c),
    id,
    c.req.valid('json'),
    key,
    c.var.now,
    c.req.header('x-call-reference'),
  );
  if (replayed) c.header('idempotent-replayed', 'true');
  return c.json(toBooking(row), 200);
};
