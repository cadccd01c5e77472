import { createRoute, z } from '@hono/zod-openapi';
import { CACHE_HEADERS, Insee, Postcode, errorResponses, json, notModified } from '../../lib/openapi';
import { portableLetterClass } from '../../lib/portable-pattern';
import { COMMUNE_SEARCH_LIMIT } from '../../core/communes/communes.queries';
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

const COMMUNE_QUERY = /^(\d{2,5}|[\p{L}][\p{L}' ’-]*)$/u;

/** What a person types to find their commune: a name (any accents or case) or the start of a postcode. */
export const CommuneQuery = z
  .string()
  .trim()
  .min(2, 'type at least 2 characters')
  .max(60)
  .regex(COMMUNE_QUERY, 'a commune name (letters, spaces, hyphens, apostrophes) or 2 to 5 digits of a postcode')
  // The generator would print the regex with its flag (`…$/u`), and `\p{L}` is not portable: a portable pattern, the rule in the description.
  .openapi({ example: 'pissos', pattern: `^([0-9]{2,5}|${portableLetterClass()}${portableLetterClass(" '-")}*)$` });

export const FindCommunesQuery = z
  .object({
    postcode: Postcode.optional().openapi({ description: 'Every commune served by this exact postcode.' }),
    q: CommuneQuery.optional().openapi({
      description: `A commune name prefix, accents, case, hyphens and apostrophes ignored (\`saint etienne\` finds Saint-Étienne), or the first 2 to 5 digits of a postcode. Exact names first; at most ${COMMUNE_SEARCH_LIMIT}.`,
    }),
  })
  .refine((q) => [q.postcode, q.q].filter((v) => v !== undefined).length === 1, { message: 'give exactly one of postcode or q', path: ['q'] });

export const findCommunes = createRoute({
  ...publicAccess,
  operationId: 'findCommunes',
  method: 'get',
  path: '/v1/communes',
  tags: ['Zones'],
  summary: 'Find communes by postcode or by name (a patient who knows only their town finds their zone)',
  request: { query: FindCommunesQuery },
  responses: {
    200: json(z.object({ items: z.array(CommuneSchema) }).openapi('CommuneList'), 'The communes found: by name for a postcode; exact names first for q', CACHE_HEADERS),
    ...notModified,
    ...errorResponses(429),
  },
});
