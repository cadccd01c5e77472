import { createRouter } from '../../lib/router';
import { createHoldHandler, releaseHoldHandler } from './holds.handlers';
import { createHold, releaseHold } from './holds.routes';

export const holdsRouter = createRouter().openapi(createHold, createHoldHandler).openapi(releaseHold, releaseHoldHandler);
