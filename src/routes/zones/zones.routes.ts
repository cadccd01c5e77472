import { createRoute, z } from '@hono/zod-openapi';
import { EPCI_TYPES } from '../../domain/epci-types';
import { CACHE_HEADERS, PageQuery, Siren, created, errorResponses, json, notModified, page } from '../../lib/openapi';
import { allow, publicAccess } from '../../middleware/require-role';

export const ZoneSchema = z
  .object({
    siren: z.string(),
    name: z.string(),
    type: z.string().openapi({
      enum: [...EPCI_TYPES],
      description:
        'Communauté de communes (CC), d’agglomération (CA), urbaine (CU), métropole (METRO), or the Métropole de Lyon (MET69).',
    }),
    population: z.number().int(),
    departements: z.array(z.string()),
    region: z.string(),
    timeZone: z.string().openapi({ example: 'Europe/Paris' }),
    priority: z.boolean().openapi({ description: 'Whether the EPCI is one of the scheme’s priority zones.' }),
  })
  .openapi('Zone');

export const listZones = createRoute({
  ...publicAccess,
  operationId: 'listZones',
  method: 'get',
  path: '/v1/zones',
  tags: ['Zones'],
  summary: 'The priority zones (zones rouges) of the scheme',
  request: { query: PageQuery },
  responses: {
    200: json(page(ZoneSchema, 'ZonePage'), 'A page of priority zones, by SIREN', CACHE_HEADERS),
    ...notModified,
    ...errorResponses(429),
  },
});

export const getZone = createRoute({
  ...publicAccess,
  operationId: 'getZone',
  method: 'get',
  path: '/v1/zones/{siren}',
  tags: ['Zones'],
  summary: 'One EPCI, priority zone or not',
  request: { params: z.object({ siren: Siren }) },
  responses: {
    200: json(ZoneSchema, 'The EPCI', CACHE_HEADERS),
    ...notModified,
    ...errorResponses(404, 429),
  },
});

const Designation = z
  .strictObject({
    source: z.string().trim().min(3).max(500).openapi({ example: 'Arrêté ARS Nouvelle-Aquitaine du 30 juin 2025' }),
  })
  .openapi('PriorityDesignation');

export const designateZone = createRoute({
  ...allow('admin'),
  operationId: 'designateZone',
  method: 'post',
  path: '/v1/zones/{siren}/priority',
  tags: ['Zones'],
  summary:
    'Designate an EPCI of the token’s regions as a priority zone (ARS staff), citing the source; another region’s is a 404',
  request: {
    params: z.object({ siren: Siren }),
    body: { required: true, content: { 'application/json': { schema: Designation } } },
  },
  responses: {
    201: created(ZoneSchema, 'The zone, now a priority zone'),
    ...errorResponses(401, 403, 404, 409, 413),
  },
});

export const withdrawZone = createRoute({
  ...allow('admin'),
  operationId: 'withdrawZone',
  method: 'delete',
  path: '/v1/zones/{siren}/priority',
  tags: ['Zones'],
  summary: 'Remove an EPCI of the token’s regions from the priority zones (refused while it has consultation sites)',
  request: { params: z.object({ siren: Siren }) },
  responses: { 204: { description: 'Removed' }, ...errorResponses(401, 403, 404, 409) },
});

const ZoneImportInput = z
  .strictObject({
    csv: z.string().min(1).max(15_000).openapi({
      description:
        'The file: a header naming `source` and either `siren` or `nom` and `departement`, then one EPCI per line; `;` or `,` separated, UTF-8. At most 150 rows.',
      example: 'siren;source\n200071082;Arrêté ARS Auvergne-Rhône-Alpes du 30 juin 2025',
    }),
    dryRun: z
      .boolean()
      .default(false)
      .openapi({ description: 'true: only say what each row would do (the preview); nothing is written.' }),
  })
  .openapi('ZoneImportInput');

const ZoneImportLine = z
  .object({
    line: z.number().int().openapi({ description: 'The line in the file; the header is line 1.' }),
    status: z
      .enum(['resolved', 'already_priority', 'unknown', 'ambiguous', 'outside_regions', 'duplicate', 'invalid'])
      .openapi({
        description:
          'resolved: will be (or was) designated; already_priority: changes nothing; the others are refusals to fix in the file.',
      }),
    zone: z
      .object({ siren: z.string(), name: z.string(), departements: z.array(z.string()), region: z.string() })
      .optional(),
    candidates: z
      .array(z.object({ siren: z.string(), name: z.string() }))
      .optional()
      .openapi({ description: 'ambiguous: the EPCI the row could mean; give the SIREN.' }),
    message: z.string().optional(),
  })
  .openapi('ZoneImportLine');

export const ZoneImportResult = z
  .object({
    imported: z.boolean(),
    toDesignate: z.number().int().openapi({ description: 'Zones designated (or, in a preview, to designate).' }),
    unchanged: z.number().int(),
    refused: z.number().int(),
    lines: z.array(ZoneImportLine),
  })
  .openapi('ZoneImportResult');

export const importZones = createRoute({
  ...allow('admin'),
  operationId: 'importZones',
  method: 'post',
  path: '/v1/zones/imports',
  tags: ['Zones'],
  summary: 'Designate the priority zones of a CSV file (ARS staff): all of them, or none',
  description:
    'Each row names one EPCI of the token’s regions by SIREN, or by name and département, with its source. With dryRun, the answer says what each row would do. Otherwise every resolved row is designated in one audited statement (zone.import, GET /v1/audit), or, when a row is unknown, ambiguous, outside the regions, repeated or invalid, nothing is: 422 zone_import_unresolved with `lines`.',
  request: { body: { required: true, content: { 'application/json': { schema: ZoneImportInput } } } },
  responses: {
    200: json(ZoneImportResult, 'The preview (dryRun): nothing written'),
    201: json(ZoneImportResult, 'Imported: every resolved row designated'),
    ...errorResponses(401, 403, 413, 422),
  },
});
