import { createRoute, z } from '@hono/zod-openapi';
import { errorResponses } from '../../lib/openapi';
import { publicAccess } from '../../middleware/require-role';

const Status = z.object({ status: z.literal('ok') });

export const health = createRoute({
  ...publicAccess,
  method: 'get',
  path: '/health',
  tags: ['Operations'],
  summary: 'Liveness: the worker answers (no database call)',
  responses: { 200: { description: 'Alive', content: { 'application/json': { schema: Status } } } },
});

export const ready = createRoute({
  ...publicAccess,
  method: 'get',
  path: '/ready',
  tags: ['Operations'],
  summary: 'Readiness: the database answers',
  responses: { 200: { description: 'Ready', content: { 'application/json': { schema: Status } } }, ...errorResponses(503) },
});
