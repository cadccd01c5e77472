import { createRouter } from '../router';
import {
  acceptWaitlistOfferHandler, declineWaitlistOfferHandler, getWaitlistEntryHandler, joinWaitlistHandler, withdrawWaitlistEntryHandler,
} from './waitlist.handlers';
import { acceptWaitlistOffer, declineWaitlistOffer, getWaitlistEntry, joinWaitlist, withdrawWaitlistEntry } from './waitlist.routes';

export const waitlistRouter = createRouter()
  .openapi(joinWaitlist, joinWaitlistHandler)
  .openapi(getWaitlistEntry, getWaitlistEntryHandler)
  .openapi(acceptWaitlistOffer, acceptWaitlistOfferHandler)
  .openapi(declineWaitlistOffer, declineWaitlistOfferHandler)
  .openapi(withdrawWaitlistEntry, withdrawWaitlistEntryHandler);
