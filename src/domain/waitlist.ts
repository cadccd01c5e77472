// The waitlist's rules that are arithmetic (issue 22 §3): how long an offer keeps its slot, and
// the limits Postgres enforces too (waitlist_offers_timing, waitlist_entries_offers_bounded).

export const WAITLIST_STATUSES = ['waiting', 'offered', 'booked', 'expired', 'withdrawn'] as const;
export type WaitlistStatus = (typeof WAITLIST_STATUSES)[number];

export const OFFER_STATUSES = ['live', 'accepted', 'declined', 'expired', 'withdrawn'] as const;

/** After three offers left or declined, an entry ends: the next person's turn should not wait on it. */
export const MAX_OFFERS_PER_ENTRY = 3;

/** A slot starting within this many hours is left to search: nobody could be told and come in time. */
export const NO_OFFER_WITHIN_HOURS = 3;

/** A window given by nobody: from today, for this many days. */
export const DEFAULT_WINDOW_DAYS = 30;

/** The longest window one may ask for, so that entries do not wait forever. */
export const MAX_WINDOW_DAYS = 92;

const HOUR_MS = 3_600_000;

/**
 * How many minutes an offer keeps its slot for the person, or null when the slot starts too soon
 * to be offered: the nearer the slot, the shorter the offer, so that it can still pass to the next
 * person and then to search. Each offer still ends at least two hours before its slot.
 */
export function offerMinutes(startsAt: Date, now: Date): number | null {
  const hours = (startsAt.getTime() - now.getTime()) / HOUR_MS;
  if (hours <= NO_OFFER_WITHIN_HOURS) return null;
  if (hours < 6) return 30;
  if (hours < 24) return 60;
  return 120;
}
