import { createRoute, z } from '@hono/zod-openapi';
import { TARIFF_TERRITORIES } from '../../domain/tariff';
import { CACHE_HEADERS, CalendarDate, errorResponses, json, notModified } from '../../lib/openapi';
import { publicAccess } from '../../middleware/require-role';

const Territory = z.enum(TARIFF_TERRITORIES).openapi({
  description:
    'Where a rate applies: metropolitan France or one DROM. A site’s territory follows from its commune’s département (971 guadeloupe, 972 martinique, 973 guyane, 974 reunion, 976 mayotte, any other metropole).',
});

export const TariffRateSchema = z
  .object({
    code: z.string().openapi({
      example: 'G',
      description: 'G: consultation de médecine générale; MEG: majoration enfant de moins de 6 ans.',
    }),
    territory: Territory,
    label: z.string().openapi({ example: 'Consultation de médecine générale' }),
    amountCents: z.number().int().openapi({ example: 3000 }),
    effectiveFrom: CalendarDate.openapi({ description: 'First day in force, inclusive.' }),
    effectiveTo: CalendarDate.nullable().openapi({ description: 'Last day in force, inclusive; null while in force.' }),
    source: z.string().openapi({ description: 'Where the figure and its date come from (citation and URL).' }),
  })
  .openapi('TariffRate');

export const listTariffs = createRoute({
  ...publicAccess,
  operationId: 'listTariffs',
  method: 'get',
  path: '/v1/tariffs',
  tags: ['Zones'],
  summary: 'The tarif opposable by act and territory, with the source of each figure',
  description:
    'Every price this API shows or checks comes from this table, at the rate of the site’s territory in force on the consultation’s local date: G, plus MEG while the patient is under 6 (not on their 6th birthday). An act with no row in force there cannot be booked or billed (422 tariff_unavailable): figures no source gave are left out, not guessed.',
  request: { query: z.object({ territory: Territory.optional() }) },
  responses: {
    200: json(
      z.object({ items: z.array(TariffRateSchema) }).openapi('TariffTable'),
      'The rows, by territory, act and date',
      CACHE_HEADERS,
    ),
    ...notModified,
    ...errorResponses(429),
  },
});
