// Passing freed slots to the waitlist, and the sweep that lets lapsed offers go on to the next
// person. Called after a decline or a withdrawal, by the events of a freed slot (a cancellation, a
// move, a mission day declared) and by the Cron Trigger every minute, which also catches what an
// expired hold freed: each call is idempotent, since a slot offered is no longer free.
import type { Db } from '../../db/client';
import { offerMinutes } from '../../domain/waitlist';
import { countMetricByZone } from '../../lib/metrics';
import { idInZoneOf, zoneOfId } from '../../lib/zone-ids';
import {
  endLiveOffers,
  expireEndedWindows,
  expiredOffers,
  offerSlotToNext,
  offerableSlots,
  orphanedOffers,
  type OfferScope,
} from './offers.queries';

/** How many slots one call offers at most; the next minute's sweep goes on. */
const BATCH = 50;

/** Offers each free slot of `scope` that a waiting entry takes to the first such entry; returns the offers made. */
export async function offerFreeSlots(db: Db, scope: OfferScope, now: Date) {
  const offers: { id: string; entry_id: string; slot_id: string }[] = [];
  if (typeof scope === 'object' && 'slotIds' in scope && scope.slotIds.length === 0) return offers;
  for (const slot of await offerableSlots(db, scope, now, BATCH)) {
    const minutes = offerMinutes(new Date(slot.starts_at), now);
    if (minutes === null) continue;
    const offer = await offerSlotToNext(db, { slotId: slot.id, holdId: idInZoneOf(slot.id), now, minutes });
    if (offer) offers.push(offer);
  }
  return offers;
}

/**
 * The sweep: offers whose time is up expire and their slots go to the next person; offers whose
 * slot was withdrawn (a cancelled mission day) end too, without counting as left to expire;
 * entries past their window end.
 */
export async function sweepWaitlist(db: Db, now: Date) {
  const lapsed = await endLiveOffers(db, expiredOffers(now), 'expired', now);
  countMetricByZone(
    'offer_expired',
    lapsed.map((offer) => zoneOfId(offer.slot_id)),
  );
  await endLiveOffers(db, orphanedOffers, 'withdrawn', now);
  const ended = await expireEndedWindows(db, now);
  const offered = await offerFreeSlots(db, 'all', now);
  return { offersExpired: lapsed.length, entriesExpired: ended, offersMade: offered.length };
}
