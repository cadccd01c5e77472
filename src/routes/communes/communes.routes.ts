import { createRoute, z } from '@hono/zod-openapi';
import { CACHE_HEADERS, Insee, Postcode, errorResponses, json, notModified } from '../../lib/openapi';
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

export const findCommunes = createRoute({
  ...publicAccess,
  operationId: 'findCommunes',
  method: 'get',
  path: '/v1/communes',
  tags: ['Zones'],
  summary: 'The communes served by a postcode (a patient who knows only their town finds their zone)',
  request: { query: z.object({ postcode: Postcode }) },
  responses: {
    200: json(z.object({ items: z.array(CommuneSchema) }).openapi('CommuneList'), 'Every commune with that postcode, by name', CACHE_HEADERS),
    ...notModified,
    ...errorResponses(429),
  },
});
