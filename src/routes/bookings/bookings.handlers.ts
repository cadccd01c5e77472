import type { RouteHandler } from '@hono/zod-openapi';
import { cancelBooking, createBooking } from '../../core/bookings/bookings.operations';
import { toBooking } from '../../core/bookings/bookings.presenters';
import { bookingFor, bookingsFor } from '../../core/bookings/bookings.queries';
import { idempotencyKeyFrom } from '../../lib/idempotency';
import { decodeCursor, encodeCursor } from '../../lib/openapi';
import { problem, notFound } from '../../domain/problem';
import type { AppEnv } from '../../app-env';
import type {
  cancelBooking as cancelBookingRoute,
  createBooking as createBookingRoute,
  getBooking,
  listBookings,
} from './bookings.routes';
import { callerOf } from '../../middleware/require-role';

export const createBookingHandler: RouteHandler<typeof createBookingRoute, AppEnv> = async (c) => {
  const key = idempotencyKeyFrom(c.req.header('idempotency-key'));
  const { row, replayed } = await createBooking(c.var.db, callerOf(c), c.req.valid('json'), key, c.var.now);
  c.set('auditBookingIds', [row.id]);
  if (replayed) c.header('idempotent-replayed', 'true');
  c.header('Location', `/v1/bookings/${row.id}`);
  return c.json(toBooking(row), 201);
};

export const listBookingsHandler: RouteHandler<typeof listBookings, AppEnv> = async (c) => {
  const { limit, cursor, ...filters } = c.req.valid('query');
  if (filters.from !== undefined && filters.to !== undefined && Date.parse(filters.to) <= Date.parse(filters.from)) {
    throw problem('invalid_range', '`to` must be after `from`.');
  }
  const rows = await bookingsFor(c.var.db, callerOf(c), decodeCursor(cursor, ['instant', 'uuid']), limit + 1, filters);
  const items = rows.slice(0, limit).map(toBooking);
  c.set(
    'auditBookingIds',
    items.map((b) => b.id),
  );
  const last = items[items.length - 1];
  return c.json({ items, nextCursor: rows.length > limit ? encodeCursor([last.createdAt, last.id]) : null }, 200);
};

export const getBookingHandler: RouteHandler<typeof getBooking, AppEnv> = async (c) => {
  const { id } = c.req.valid('param');
  c.set('auditBookingIds', [id]);
  const row = await bookingFor(c.var.db, id, callerOf(c));
  if (!row) throw notFound('Booking');
  return c.json(toBooking(row), 200);
};

export const cancelBookingHandler: RouteHandler<typeof cancelBookingRoute, AppEnv> = async (c) => {
  const { id } = c.req.valid('param');
  c.set('auditBookingIds', [id]);
  const { reason } = c.req.valid('json') ?? {};
  return c.json(
    toBooking(
      await cancelBooking(c.var.db, callerOf(c), id, c.var.now, {
        callReference: c.req.header('x-call-reference'),
        reason,
      }),
    ),
    200,
  );
};
