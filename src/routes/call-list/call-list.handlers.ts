import type { RouteHandler } from '@hono/zod-openapi';
import { markCallDone } from '../../core/notifications/call-list.operations';
import { toCall } from '../../core/notifications/call-list.presenters';
import { openCalls } from '../../core/notifications/call-list.queries';
import { decodeCursor, encodeCursor } from '../../lib/openapi';
import type { AppEnv } from '../../app-env';
import type { listCalls, markCallDone as markCallDoneRoute } from './call-list.routes';
import { callerOf } from '../../middleware/require-role';

export const listCallsHandler: RouteHandler<typeof listCalls, AppEnv> = async (c) => {
  const { limit, cursor } = c.req.valid('query');
  const rows = await openCalls(c.var.db, callerOf(c), c.var.now, decodeCursor(cursor, ['instant', 'uuid']), limit + 1);
  const items = rows.slice(0, limit);
  // Agents read patients' phone numbers here: audited like reads of bookings.
  c.set(
    'auditBookingIds',
    items.map((r) => r.booking_id),
  );
  const last = items[items.length - 1];
  return c.json(
    {
      items: items.map(toCall),
      nextCursor: rows.length > limit ? encodeCursor([new Date(last.starts_at).toISOString(), last.booking_id]) : null,
    },
    200,
  );
};

export const markCallDoneHandler: RouteHandler<typeof markCallDoneRoute, AppEnv> = async (c) => {
  const { bookingId } = c.req.valid('param');
  c.set('auditBookingIds', [bookingId]);
  return c.json(
    toCall(await markCallDone(c.var.db, callerOf(c), bookingId, c.var.now, c.req.header('x-call-reference'))),
    200,
  );
};
