import { createRouter } from '../router';
import { rateLimited } from '../../middleware/rate-limit';
import { zoneOfSearch } from '../../middleware/zone-of-request';
import { searchSlotsHandler } from './slots.handlers';
import { searchSlots } from './slots.routes';

export const slotsRouter = createRouter().openapi(
  searchSlots,
  rateLimited({ kind: 'search', zoneOf: zoneOfSearch }, searchSlotsHandler),
);
