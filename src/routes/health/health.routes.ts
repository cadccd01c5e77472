import { createRoute, z } from '@hono/zod-openapi';
import { CACHE_HEADERS, errorResponses, json, notModified } from '../../lib/openapi';
import { publicAccess } from '../../middleware/require-role';

const Status = z.object({ status: z.literal('ok') }).openapi('Status');

export const health = createRoute({
  ...publicAccess,
  operationId: 'getHealth',
  method: 'get',
  path: '/health',
  tags: ['Operations'],
  summary: 'Liveness: the worker answers (no database call)',
  responses: { 200: json(Status, 'Alive'), ...errorResponses() },
});

export const ready = createRoute({
  ...publicAccess,
  operationId: 'getReadiness',
  method: 'get',
  path: '/ready',
  tags: ['Operations'],
  summary: 'Readiness: the configuration is complete, the event queue is bound and the database answers',
  responses: { 200: json(Status, 'Ready', CACHE_HEADERS), ...notModified, ...errorResponses(429) },
});
