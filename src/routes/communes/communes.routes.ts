import { createRoute, z } from '@hono/zod-openapi';
import { CACHE_HEADERS, Insee, Postcode, errorResponses, json, notModified } from '../../lib/openapi';
import { COMMUNE_SEARCH_LIMIT } from '../../core/communes/communes.queries';
import { CommuneQuery } from '../../core/communes/commune-query.input';
import { publicAccess } from '../../middleware/require-role';

export const CommuneSchema = z
  .object({
    insee: z.string(),
    name: z.string(),
    departement: z.string(),
    region: z.string(),
    postcodes: z.array(z.string()),
    epci: z
      .object({ siren: z.string(), name: z.string(), priority: z.boolean() })
      .openapi('CommuneEpci')
      .nullable()
      .openapi({ description: 'The intercommunalité the commune belongs to (a few islands belong to none).' }),
  })
  .openapi('Commune');

export const getCommune = createRoute({
  ...publicAccess,
  operationId: 'getCommune',
  method: 'get',
  path: '/v1/communes/{insee}',
  tags: ['Zones'],
  summary: 'A commune, its EPCI and whether that is a priority zone',
  request: { params: z.object({ insee: Insee }) },
  responses: {
    200: json(CommuneSchema, 'The commune', CACHE_HEADERS),
    ...notModified,
    ...errorResponses(404, 429),
  },
});

export const FindCommunesQuery = z
  .object({
    postcode: Postcode.optional().openapi({ description: 'Every commune served by this exact postcode.' }),
    q: CommuneQuery.optional().openapi({
      description: `A commune name prefix, accents, case, hyphens and apostrophes ignored (\`saint etienne\` finds Saint-Étienne), or the first 2 to 5 digits of a postcode. Exact names first; at most ${COMMUNE_SEARCH_LIMIT}.`,
    }),
  })
  .refine((q) => [q.postcode, q.q].filter((v) => v !== undefined).length === 1, {
    message: 'give exactly one of postcode or q',
    path: ['q'],
  });

export const findCommunes = createRoute({
  ...publicAccess,
  operationId: 'findCommunes',
  method: 'get',
  path: '/v1/communes',
  tags: ['Zones'],
  summary: 'Find communes by postcode or by name (a patient who knows only their town finds their zone)',
  request: { query: FindCommunesQuery },
  responses: {
    200: json(
      z.object({ items: z.array(CommuneSchema) }).openapi('CommuneList'),
      'The communes found: by name for a postcode; exact names first for q',
      CACHE_HEADERS,
    ),
    ...notModified,
    ...errorResponses(429),
  },
});
