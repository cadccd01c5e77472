import { createRouter } from '../../lib/router';
import { createSiteHandler, getSiteHandler, listSitesHandler } from './sites.handlers';
import { createSite, getSite, listSites } from './sites.routes';

export const sitesRouter = createRouter()
  .openapi(createSite, createSiteHandler)
  .openapi(listSites, listSitesHandler)
  .openapi(getSite, getSiteHandler);
