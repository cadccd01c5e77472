import { createRoute, z } from '@hono/zod-openapi';
import { PageQuery, Siren, errorResponses, page } from '../../lib/openapi';
import { allow, publicAccess } from '../../middleware/require-role';

export const ZoneSchema = z
  .object({
    siren: z.string(),
    name: z.string(),
    type: z.string().openapi({ description: 'CC, CA, CU or MET' }),
    population: z.number().int(),
    departements: z.array(z.string()),
    region: z.string(),
    timeZone: z.string().openapi({ example: 'Europe/Paris' }),
    priority: z.boolean().openapi({ description: 'Whether the EPCI is one of the scheme’s priority zones.' }),
  })
  .openapi('Zone');

export const listZones = createRoute({
  ...publicAccess,
  method: 'get',
  path: '/v1/zones',
  tags: ['Zones'],
  summary: 'The priority zones (zones rouges) of the scheme',
  request: { query: PageQuery },
  responses: {
    200: { description: 'A page of priority zones, by SIREN', content: { 'application/json': { schema: page(ZoneSchema) } } },
    ...errorResponses(),
  },
});

export const getZone = createRoute({
  ...publicAccess,
  method: 'get',
  path: '/v1/zones/{siren}',
  tags: ['Zones'],
  summary: 'One EPCI, priority zone or not',
  request: { params: z.object({ siren: Siren }) },
  responses: {
    200: { description: 'The EPCI', content: { 'application/json': { schema: ZoneSchema } } },
    ...errorResponses(404),
  },
});

const Designation = z
  .strictObject({ source: z.string().trim().min(3).max(500).openapi({ example: 'Arrêté ARS Nouvelle-Aquitaine du 30 juin 2025' }) })
  .openapi('PriorityDesignation');

export const designateZone = createRoute({
  ...allow('admin'),
  method: 'post',
  path: '/v1/zones/{siren}/priority',
  tags: ['Zones'],
  summary: 'Designate an EPCI as a priority zone (ARS staff), citing the source',
  request: { params: z.object({ siren: Siren }), body: { required: true, content: { 'application/json': { schema: Designation } } } },
  responses: {
    201: { description: 'The zone, now a priority zone', content: { 'application/json': { schema: ZoneSchema } } },
    ...errorResponses(401, 403, 404, 409),
  },
});

export const withdrawZone = createRoute({
  ...allow('admin'),
  method: 'delete',
  path: '/v1/zones/{siren}/priority',
  tags: ['Zones'],
  summary: 'Remove an EPCI from the priority zones (refused while it has consultation sites)',
  request: { params: z.object({ siren: Siren }) },
  responses: { 204: { description: 'Removed' }, ...errorResponses(401, 403, 404, 409) },
});
