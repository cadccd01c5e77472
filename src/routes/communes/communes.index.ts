import { createRouter } from '../../lib/router';
import { findCommunesHandler, getCommuneHandler } from './communes.handlers';
import { findCommunes, getCommune } from './communes.routes';

export const communesRouter = createRouter().openapi(getCommune, getCommuneHandler).openapi(findCommunes, findCommunesHandler);
