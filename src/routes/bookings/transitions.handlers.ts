import type { RouteHandler } from '@hono/zod-openapi';
import type { AppEnv } from '../../app-env';
import { toBooking } from '../../core/bookings/bookings.presenters';
import { completeConsultation, markArrival, markNoShow } from '../../core/bookings/transitions.operations';
import type {
  completeConsultation as completeRoute,
  markArrival as arrivalRoute,
  markNoShow as noShowRoute,
} from './transitions.routes';
import { callerOf } from '../../middleware/require-role';

export const markArrivalHandler: RouteHandler<typeof arrivalRoute, AppEnv> = async (c) => {
  const { id } = c.req.valid('param');
  c.set('auditBookingIds', [id]);
  return c.json(
    toBooking(await markArrival(c.var.db, callerOf(c), id, c.var.now, c.req.header('x-call-reference'))),
    200,
  );
};

export const markNoShowHandler: RouteHandler<typeof noShowRoute, AppEnv> = async (c) => {
  const { id } = c.req.valid('param');
  c.set('auditBookingIds', [id]);
  return c.json(
    toBooking(await markNoShow(c.var.db, callerOf(c), id, c.var.now, c.req.header('x-call-reference'))),
    200,
  );
};

export const completeConsultationHandler: RouteHandler<typeof completeRoute, AppEnv> = async (c) => {
  const { id } = c.req.valid('param');
  const row = await completeConsultation(
    c.var.db,
    callerOf(c),
    id,
    c.req.valid('json'),
    c.var.now,
    c.req.header('x-call-reference'),
  );
  return c.json(toBooking(row), 200);
};
