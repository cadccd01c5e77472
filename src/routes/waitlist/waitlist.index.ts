import { createRouter } from '../router';
import { rateLimited } from '../../middleware/rate-limit';
import { zoneOfJoin, zoneOfPathId } from '../../middleware/zone-of-request';
import {
  acceptWaitlistOfferHandler,
  declineWaitlistOfferHandler,
  getWaitlistEntryHandler,
  joinWaitlistHandler,
  withdrawWaitlistEntryHandler,
} from './waitlist.handlers';
import {
  acceptWaitlistOffer,
  declineWaitlistOffer,
  getWaitlistEntry,
  joinWaitlist,
  withdrawWaitlistEntry,
} from './waitlist.routes';

export const waitlistRouter = createRouter()
  // Writes that hold or book a zone's slots spend its booking budget, so that bots cannot flood it.
  .openapi(joinWaitlist, rateLimited({ kind: 'booking', zoneOf: zoneOfJoin }, joinWaitlistHandler))
  .openapi(getWaitlistEntry, getWaitlistEntryHandler)
  .openapi(acceptWaitlistOffer, rateLimited({ kind: 'booking', zoneOf: zoneOfPathId }, acceptWaitlistOfferHandler))
  .openapi(declineWaitlistOffer, declineWaitlistOfferHandler)
  .openapi(withdrawWaitlistEntry, withdrawWaitlistEntryHandler);
