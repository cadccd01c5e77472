import { createRoute, z } from '@hono/zod-openapi';
import { errorResponses } from '../../lib/openapi';
import { publicAccess } from '../../middleware/require-role';

const html = (description: string) => ({
  description,
  headers: {
    'Content-Language': {
      description: 'fr or en, after Accept-Language.',
      schema: { type: 'string' as const, enum: ['fr', 'en'] },
    },
  },
  content: { 'text/html': { schema: z.string() } },
});

export const listProblemTypes = createRoute({
  ...publicAccess,
  operationId: 'listProblemTypes',
  method: 'get',
  path: '/problems',
  tags: ['Problems'],
  summary: 'Every problem code the API answers with, its status and title',
  responses: { 200: html('The catalogue, as a page'), ...errorResponses() },
});

export const getProblemType = createRoute({
  ...publicAccess,
  operationId: 'getProblemType',
  method: 'get',
  path: '/problems/{code}',
  tags: ['Problems'],
  summary: 'What a problem code means: the page a problem’s `type` resolves to',
  description:
    'In French when Accept-Language prefers French, in English otherwise; the other language follows on the same page.',
  request: {
    params: z.object({
      code: z
        .string()
        .regex(/^[a-z][a-z_]{0,63}$/)
        .openapi({ example: 'slot_unavailable' }),
    }),
  },
  responses: { 200: html('The page'), ...errorResponses(404) },
});
