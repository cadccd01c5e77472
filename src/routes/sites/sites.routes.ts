import { createRoute, z } from '@hono/zod-openapi';
import {
  CACHE_HEADERS,
  PageQuery,
  Siren,
  Uuid,
  created,
  errorResponses,
  json,
  notModified,
  page,
} from '../../lib/openapi';
import { allow, publicAccess } from '../../middleware/require-role';
import { NewSiteSchema, SiteChangesSchema, SiteSchema } from './sites.schemas';

export const createSite = createRoute({
  ...allow('admin'),
  operationId: 'createSite',
  method: 'post',
  path: '/v1/sites',
  tags: ['Supply'],
  summary: 'Register a consultation site (ARS staff). It must lie in a priority zone of the token’s regions.',
  request: { body: { required: true, content: { 'application/json': { schema: NewSiteSchema } } } },
  responses: { 201: created(SiteSchema, 'The site'), ...errorResponses(401, 403, 413, 422) },
});

export const listSites = createRoute({
  ...publicAccess,
  operationId: 'listSites',
  method: 'get',
  path: '/v1/sites',
  tags: ['Supply'],
  summary: 'Consultation sites of a zone',
  request: { query: PageQuery.extend({ epci: Siren }) },
  responses: {
    200: json(page(SiteSchema, 'SitePage'), 'A page of sites', CACHE_HEADERS),
    ...notModified,
    ...errorResponses(429),
  },
});

export const getSite = createRoute({
  ...publicAccess,
  operationId: 'getSite',
  method: 'get',
  path: '/v1/sites/{id}',
  tags: ['Supply'],
  summary: 'One consultation site',
  request: { params: z.object({ id: Uuid }) },
  responses: { 200: json(SiteSchema, 'The site', CACHE_HEADERS), ...notModified, ...errorResponses(404, 429) },
});

export const updateSite = createRoute({
  ...allow('admin'),
  operationId: 'updateSite',
  method: 'patch',
  path: '/v1/sites/{id}',
  tags: ['Supply'],
  summary: 'Edit a consultation site (ARS staff): name, address, kind, phone, FINESS, accessibility, position',
  description:
    'Absent fields are kept; null clears FINESS, accessibility or the position. The commune cannot change: a site that moves is a new site. A site outside the token’s regions is a 404.',
  request: {
    params: z.object({ id: Uuid }),
    body: { required: true, content: { 'application/json': { schema: SiteChangesSchema } } },
  },
  responses: { 200: json(SiteSchema, 'The site as it now is'), ...errorResponses(401, 403, 404, 413) },
});
