import type { RouteHandler } from '@hono/zod-openapi';
import { notificationsOfBooking, toNotification } from '../../core/notifications/notifications.queries';
import { notFound } from '../../domain/problem';
import type { AppEnv } from '../../app-env';
import type { listBookingNotifications } from './notifications.routes';
import { callerOf } from '../../middleware/require-role';

export const listBookingNotificationsHandler: RouteHandler<typeof listBookingNotifications, AppEnv> = async (c) => {
  const { id } = c.req.valid('param');
  c.set('auditBookingIds', [id]);
  const items = await notificationsOfBooking(c.var.db, id, callerOf(c));
  if (!items) throw notFound('Booking');
  return c.json({ items: items.map(toNotification) }, 200);
};
