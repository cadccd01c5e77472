import { createRouter } from '../router';
import { referenceRead } from '../../middleware/reference-read';
import { createSiteHandler, getSiteHandler, listSitesHandler, updateSiteHandler } from './sites.handlers';
import { createSite, getSite, listSites, updateSite } from './sites.routes';

export const sitesRouter = createRouter();
// Sites are added by the ARS now and then: five minutes in caches, then revalidated by ETag.
sitesRouter.on('GET', ['/v1/sites', '/v1/sites/:id'], referenceRead({ cacheControl: 'public, max-age=300' }));
sitesRouter
  .openapi(createSite, createSiteHandler)
  .openapi(listSites, listSitesHandler)
  .openapi(getSite, getSiteHandler)
  .openapi(updateSite, updateSiteHandler);
