import { createRoute, z } from '@hono/zod-openapi';
import { EPCI_TYPES } from '../../domain/epci-types';
import { CACHE_HEADERS, PageQuery, Siren, created, errorResponses, json, notModified, page } from '../../lib/openapi';
import { allow, publicAccess } from '../../middleware/require-role';

export const ZoneSchema = z
  .object({
    siren: z.string(),
    name: z.string(),
    type: z.string().openapi({ enum: [...EPCI_TYPES], description: 'Communauté de communes (CC), d’agglomération (CA), urbaine (CU), métropole (METRO), or the Métropole de Lyon (MET69).' }),
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
  .strictObject({ source: z.string().trim().min(3).max(500).openapi({ example: 'Arrêté ARS Nouvelle-Aquitaine du 30 juin 2025' }) })
  .openapi('PriorityDesignation');

export const designateZone = createRoute({
  ...allow('admin'),
  operationId: 'designateZone',
  method: 'post',
  path: '/v1/zones/{siren}/priority',
  tags: ['Zones'],
  summary: 'Designate an EPCI of the token’s regions as a priority zone (ARS staff), citing the source; another region’s is a 404',
  request: { params: z.object({ siren: Siren }), body: { required: true, content: { 'application/json': { schema: Designation } } } },
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
