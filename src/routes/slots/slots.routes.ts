import { createRoute } from '@hono/zod-openapi';
import { RATE_LIMIT_HEADERS, errorResponses, json } from '../../lib/openapi';
import { publicWithOptionalToken } from '../../middleware/require-role';
import { SlotPageSchema, SlotSearchQuery } from './slots.schemas';

export const searchSlots = createRoute({
  ...publicWithOptionalToken,
  operationId: 'searchSlots',
  method: 'get',
  path: '/v1/slots',
  tags: ['Booking'],
  summary: 'Free slots of a zone, in chronological order',
  description:
    'Give exactly one of epci, commune (INSEE) or postcode; a commune or postcode resolves to its EPCI. Anonymous access is allowed; with a token, the caller is counted in their own rate-limit bucket (integrators get a larger one). A zone that is not a priority zone is a 404 zone_not_priority; a commune outside every priority zone gets an empty list and the priority zones of its département.',
  request: { query: SlotSearchQuery },
  responses: {
    200: json(SlotPageSchema, 'A page of free slots', RATE_LIMIT_HEADERS),
    ...errorResponses(401, 404, 429),
  },
});
