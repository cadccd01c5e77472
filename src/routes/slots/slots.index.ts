import { createRouter } from '../../lib/router';
import { rateLimit } from '../../middleware/rate-limit';
import { zoneOfSearch } from '../../middleware/zone-of-request';
import { searchSlotsHandler } from './slots.handlers';
import { searchSlots } from './slots.routes';

export const slotsRouter = createRouter();
slotsRouter.use('/v1/slots', rateLimit({ kind: 'search', zoneOf: zoneOfSearch }));
slotsRouter.openapi(searchSlots, searchSlotsHandler);
