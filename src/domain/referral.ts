// SMART Scheduling Links: a discovery client that sends a patient to a slot's booking-deep-link
// appends `source` (who it is) and `booking-referral` (its own correlation id). Kept with the
// booking so that each aggregator's referrals are counted; never patient data.

export interface Referral {
  source?: string;
  id?: string;
}

/** Printable ASCII without spaces, 1 to 128 characters (the database holds them to 1–128). */
const VALUE = /^[\x21-\x7e]{1,128}$/;

const valid = (value: string | undefined) => (value !== undefined && VALUE.test(value) ? value : undefined);

/** The referral of a deep link's parameters; an invalid value is dropped, never refused: the patient still books. */
export function referralOf(source: string | undefined, bookingReferral: string | undefined): Referral | undefined {
  const referral = { source: valid(source), id: valid(bookingReferral) };
  return referral.source || referral.id ? referral : undefined;
}

/** The deep link's parameters again, to carry them through the booking pages. */
export function referralQuery(referral: Referral | undefined): string {
  const params = new URLSearchParams();
  if (referral?.source) params.set('source', referral.source);
  if (referral?.id) params.set('booking-referral', referral.id);
  const query = params.toString();
  return query ? `?${query}` : '';
}
