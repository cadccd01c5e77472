import { createRoute, z } from '@hono/zod-openapi';
import { RETENTION } from '../../domain/retention';
import { errorResponses, json } from '../../lib/openapi';
import { allow } from '../../middleware/require-role';
import { WebhookPayloadSchema } from '../webhooks/webhook-payloads.schemas';

const EventsQuery = z.object({
  after: z
    .string()
    .max(200)
    .optional()
    .openapi({ description: 'The `next` of your previous call; omitted, the feed starts at the oldest event kept.' }),
  limit: z.coerce.number().int().min(1).max(500).default(100).openapi({ example: 100 }),
});

export const EventFeedSchema = z
  .object({
    items: z.array(WebhookPayloadSchema),
    next: z.string().nullable().openapi({
      description: 'Pass it as `after` next time (null only when you gave none and there is nothing yet).',
    }),
    hasMore: z.boolean().openapi({ description: 'More events are ready now: call again at once with `after=next`.' }),
  })
  .openapi('EventFeed');

export const listEvents = createRoute({
  ...allow('integrator'),
  operationId: 'listEvents',
  method: 'get',
  path: '/v1/events',
  tags: ['Webhooks'],
  summary: 'Your events, in order, to catch up after downtime (the same objects as the webhooks)',
  description: `Every event your webhooks could carry, whether or not you have an endpoint: your bookings' changes, offers to your waitlist entries, and mission cancellations and handovers touching your bookings. Oldest first; follow \`next\`: an event is never skipped, and one already seen may come again only if you reuse an older cursor. Drop duplicates by \`id\` (the webhook-id). Events are kept ${RETENTION.eventDays} days. New event types may appear within /v1: skip one you do not know.`,
  request: { query: EventsQuery },
  responses: { 200: json(EventFeedSchema, 'Your next events, oldest first'), ...errorResponses(401, 403) },
});
