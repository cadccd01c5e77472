import { createRouter } from '../router';
import { rateLimited } from '../../middleware/rate-limit';
import { zoneOfClaim, zoneOfPathId } from '../../middleware/zone-of-request';
import { createHoldHandler, extendHoldHandler, getHoldHandler, releaseHoldHandler } from './holds.handlers';
import { createHold, extendHold, getHold, releaseHold } from './holds.routes';

// Limited inside the handler, after the role check and validation. Releasing a hold is never
// limited: it gives a slot back; nor is reading one's own hold, one indexed row.
export const holdsRouter = createRouter()
  .openapi(createHold, rateLimited({ kind: 'booking', zoneOf: zoneOfClaim }, createHoldHandler))
  .openapi(extendHold, rateLimited({ kind: 'booking', zoneOf: zoneOfPathId }, extendHoldHandler))
  .openapi(getHold, getHoldHandler)
  .openapi(releaseHold, releaseHoldHandler);
