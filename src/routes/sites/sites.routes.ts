import { createRoute, z } from '@hono/zod-openapi';
import { PageQuery, Siren, Uuid, errorResponses, page, json } from '../../lib/openapi';
import { allow, publicAccess } from '../../middleware/require-role';
import { NewSiteSchema, SiteSchema } from './sites.schemas';

export const createSite = createRoute({
  ...allow('admin'),
  method: 'post',
  path: '/v1/sites',
  tags: ['Supply'],
  summary: 'Register a consultation site (ARS staff). It must lie in a priority zone.',
  request: { body: { required: true, content: { 'application/json': { schema: NewSiteSchema } } } },
  responses: { 201: json(SiteSchema, 'The site'), ...errorResponses(401, 403, 422) },
});

export const listSites = createRoute({
  ...publicAccess,
  method: 'get',
  path: '/v1/sites',
  tags: ['Supply'],
  summary: 'Consultation sites of a zone',
  request: { query: PageQuery.extend({ epci: Siren }) },
  responses: { 200: json(page(SiteSchema), 'A page of sites'), ...errorResponses() },
});

export const getSite = createRoute({
  ...publicAccess,
  method: 'get',
  path: '/v1/sites/{id}',
  tags: ['Supply'],
  summary: 'One consultation site',
  request: { params: z.object({ id: Uuid }) },
  responses: { 200: json(SiteSchema, 'The site'), ...errorResponses(404) },
});
