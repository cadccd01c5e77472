// The mission day's booking transitions every door calls (the REST API and the doctor's pages):
// arrival, no-show and the consultation at the tarif opposable, each one compare-and-set.
import { sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { textArray } from '../../db/text-array';
import { assertTransition, type BookingStatus } from '../../domain/booking-status';
import { checkBilling, type BillingClaim } from '../../domain/tariff';
import { problem, type ProblemError, notFound } from '../../domain/problem';
import type { Caller } from '../../domain/caller';
import { auditEntry } from '../audit/audit.queries';
import type { BookingRow } from './bookings.queries';
import { callReferenceOf } from './call-reference';
import { bookingFacts, guards, revertToBooked, transition, type BookingFacts } from './transitions.queries';

const notCheckedIn = () => problem('not_checked_in', 'Check in to the mission before completing its consultations.');

/**
 * The compare-and-set matched nothing: say why, from one read. Not the caller's (or no such
 * booking) is a 404; a status the machine does not allow leaving is invalid_transition; otherwise
 * the rule's own reason.
 */
async function refusal(
  db: Db,
  id: string,
  caller: Caller,
  now: Date,
  to: BookingStatus,
  reason: (f: BookingFacts) => ProblemError | undefined,
): Promise<never> {
  const facts = await bookingFacts(db, id, caller, now);
  if (!facts) throw notFound('Booking');
  assertTransition(facts.status, to);
  throw reason(facts) ?? problem('concurrent_update', 'Another request changed this booking at the same time; retry.');
}

/** The last segment of each transition's path, as the audit trail names it. */
const ACTIONS = { arrived: 'arrival', noshow: 'no-show', fulfilled: 'complete' } as const;

const auditOf = (caller: Caller, to: keyof typeof ACTIONS, now: Date, callReference: string | undefined) =>
  auditEntry(caller, `booking.${ACTIONS[to]}`, '200', now, callReferenceOf(caller, callReference));

/** A transition that only stamps its time, refused with `tooEarly` when its guard fails. */
async function stamp(
  db: Db,
  caller: Caller,
  id: string,
  now: Date,
  callReference: string | undefined,
  to: 'arrived' | 'noshow',
  set: SQL,
  guard: SQL,
  tooEarly: (f: BookingFacts) => ProblemError | undefined,
): Promise<BookingRow> {
  const row = await transition(db, id, caller, to, now, set, guard, auditOf(caller, to, now, callReference));
  return row ?? refusal(db, id, caller, now, to, tooEarly);
}

/** The patient has arrived: from 60 minutes before the mission starts. */
export const markArrival = (db: Db, caller: Caller, id: string, now: Date, callReference?: string) =>
  stamp(db, caller, id, now, callReference, 'arrived', sql`arrived_at = ${now}`, guards.dayOpen(now), (f) =>
    f.day_open
      ? undefined
      : problem('too_early_for_arrival', 'Arrivals are recorded from 60 minutes before the mission starts.'),
  );

/** The patient did not come: once their slot has started. */
export const markNoShow = (db: Db, caller: Caller, id: string, now: Date, callReference?: string) =>
  stamp(db, caller, id, now, callReference, 'noshow', sql`noshow_at = ${now}`, guards.started(now), (f) =>
    f.started
      ? undefined
      : problem('too_early_for_no_show', 'A patient can be marked absent only once their slot has started.'),
  );

/**
 * Undoes an arrival (before its consultation) or a no-show: the patient is expected again. Until
 * the end of the mission's day at the site (undo_day_over, 409, after it); audited, whoever undoes it.
 */
export async function undoArrivalOrNoShow(
  db: Db,
  caller: Caller,
  id: string,
  now: Date,
  callReference?: string,
): Promise<BookingRow> {
  const row = await revertToBooked(db, id, caller, now, callReferenceOf(caller, callReference));
  if (row) return row;
  return refusal(db, id, caller, now, 'booked', (f) =>
    f.mission_day
      ? undefined
      : problem('undo_day_over', 'An arrival or a no-show can be undone only until the end of the mission’s day.'),
  );
}

/** The consultation took place, billed exactly at the tarif opposable; the database checks the amount again. */
export async function completeConsultation(
  db: Db,
  caller: Caller,
  id: string,
  claim: BillingClaim,
  now: Date,
  callReference?: string,
): Promise<BookingRow> {
  // One read for a precise refusal and the tariff in effect.
  const facts = await bookingFacts(db, id, caller, now, true);
  if (!facts) throw notFound('Booking');
  assertTransition(facts.status, 'fulfilled');
  if (!facts.checked_in) throw notCheckedIn();
  const billed = checkBilling(facts.rates ?? [], claim, {
    territory: facts.territory,
    date: facts.local_date,
    birthDate: facts.birth_date,
  });
  const set = sql`completed_at = ${now}, billed_acts = ${textArray(billed.acts)}::text[], billed_cents = ${billed.amountCents}`;
  const row = await transition(
    db,
    id,
    caller,
    'fulfilled',
    now,
    set,
    guards.checkedIn,
    auditOf(caller, 'fulfilled', now, callReference),
  );
  return row ?? refusal(db, id, caller, now, 'fulfilled', (f) => (f.checked_in ? undefined : notCheckedIn()));
}
