import { createRouter } from '../../lib/router';
import { rateLimit } from '../../middleware/rate-limit';
import { zoneOfClaim } from '../../middleware/zone-of-request';
import { createHoldHandler, releaseHoldHandler } from './holds.handlers';
import { createHold, releaseHold } from './holds.routes';

export const holdsRouter = createRouter();
// Releasing a hold is never limited: it gives a slot back.
holdsRouter.on('POST', '/v1/holds', rateLimit({ kind: 'booking', zoneOf: zoneOfClaim }));
holdsRouter.openapi(createHold, createHoldHandler).openapi(releaseHold, releaseHoldHandler);
