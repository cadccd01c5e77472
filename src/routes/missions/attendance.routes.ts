import { createRoute, z } from '@hono/zod-openapi';
import { Uuid, errorResponses, json } from '../../lib/openapi';
import { allow } from '../../middleware/require-role';
import { CheckInSchema, MissionSchema } from './missions.schemas';

export const checkIn = createRoute({
  ...allow('doctor'),
  operationId: 'checkIn',
  method: 'post',
  path: '/v1/missions/{id}/check-in',
  tags: ['Mission day'],
  summary: 'Check in to your mission day',
  description:
    'Open on the mission’s date in the site’s time zone, from 60 minutes before the start until the end (check_in_window, 422, names the window). With a position and a site with coordinates, more than 1 km away is check_in_too_far (422). Idempotent: checking in again returns the first check-in. Someone else’s mission is a 404; a cancelled one is mission_cancelled (409).',
  request: { params: z.object({ id: Uuid }), body: { required: false, content: { 'application/json': { schema: CheckInSchema } } } },
  responses: { 200: json(MissionSchema, 'The mission, with checkedInAt'), ...errorResponses(401, 403, 404, 409, 413, 422) },
});

export const checkOut = createRoute({
  ...allow('doctor'),
  operationId: 'checkOut',
  method: 'post',
  path: '/v1/missions/{id}/check-out',
  tags: ['Mission day'],
  summary: 'Check out of your mission day',
  description: 'After check-in (not_checked_in, 409, otherwise). Idempotent: checking out again returns the first check-out.',
  request: { params: z.object({ id: Uuid }) },
  responses: { 200: json(MissionSchema, 'The mission, with checkedOutAt'), ...errorResponses(401, 403, 404, 409) },
});
