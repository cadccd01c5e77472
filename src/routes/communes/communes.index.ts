import { createRouter } from '../router';
import { referenceRead } from '../../middleware/reference-read';
import { findCommunesHandler, getCommuneHandler } from './communes.handlers';
import { findCommunes, getCommune } from './communes.routes';

export const communesRouter = createRouter();
// Communes change once a year (the millésime): a day in caches.
communesRouter.on(
  'GET',
  ['/v1/communes', '/v1/communes/:insee'],
  referenceRead({ cacheControl: 'public, max-age=86400' }),
);
communesRouter.openapi(getCommune, getCommuneHandler).openapi(findCommunes, findCommunesHandler);
