import { createRoute } from '@hono/zod-openapi';
import { errorResponses } from '../../lib/openapi';
import { publicAccess } from '../../middleware/require-role';
import { SlotPageSchema, SlotSearchQuery } from './slots.schemas';

export const searchSlots = createRoute({
  ...publicAccess,
  method: 'get',
  path: '/v1/slots',
  tags: ['Booking'],
  summary: 'Free slots of a zone, in chronological order',
  description:
    'Give exactly one of epci, commune (INSEE) or postcode; a commune or postcode resolves to its EPCI. Anonymous access is allowed. A zone that is not a priority zone is a 404 zone_not_priority; a commune outside every priority zone gets an empty list and the priority zones of its département.',
  request: { query: SlotSearchQuery },
  responses: {
    200: { description: 'A page of free slots', content: { 'application/json': { schema: SlotPageSchema } } },
    ...errorResponses(404, 429),
  },
});
