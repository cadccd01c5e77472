// Who the API thinks the caller is: integrators use it to check a token before going further.
import { createRoute, z } from '@hono/zod-openapi';
import { errorResponses, json } from '../../lib/openapi';
import { createRouter } from '../router';
import { ROLES } from '../../domain/roles';
import { allow, callerOf } from '../../middleware/require-role';

const Me = z
  .object({
    sub: z.string(),
    role: z.enum(ROLES),
    rpps: z.string().optional(),
    clientId: z.string().optional(),
  })
  .openapi('Caller');

const me = createRoute({
  ...allow(...ROLES),
  operationId: 'getMe',
  method: 'get',
  path: '/v1/me',
  tags: ['Operations'],
  summary: 'The identity and role carried by the bearer token',
  responses: { 200: json(Me, 'The caller'), ...errorResponses(401, 403) },
});

export const meRouter = createRouter().openapi(me, (c) => c.json(callerOf(c), 200));
