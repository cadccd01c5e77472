import { callerAs } from '../../middleware/require-role';
import type { RouteHandler, z } from '@hono/zod-openapi';
import { feedOf } from '../../core/events-feed/feed.queries';
import { decodeCursor, encodeCursor } from '../../lib/openapi';
import type { AppEnv } from '../../app-env';
import type { WebhookPayloadSchema } from '../webhooks/webhook-payloads.schemas';
import type { listEvents } from './events.routes';

export const listEventsHandler: RouteHandler<typeof listEvents, AppEnv> = async (c) => {
  const { after, limit } = c.req.valid('query');
  const rows = await feedOf(
    c.var.db,
    callerAs(c, 'integrator').clientId,
    decodeCursor(after, ['xid', 'uuid']),
    limit + 1,
    c.var.config().SANDBOX === '1',
  );
  const items = rows.slice(0, limit);
  const last = items[items.length - 1];
  const next = last ? encodeCursor(last.cursor) : (after ?? null);
  // The payloads are typed by the event log, the contract narrows them by type.
  return c.json(
    {
      items: items.map((i) => i.payload) as z.infer<typeof WebhookPayloadSchema>[],
      next,
      hasMore: rows.length > limit,
    },
    200,
  );
};
