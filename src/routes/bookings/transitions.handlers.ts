import type { RouteHandler } from '@hono/zod-openapi';
import { sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { assertTransition, type BookingStatus } from '../../domain/booking-status';
import { checkBilling } from '../../domain/tariff';
import { ProblemError, notFound } from '../../lib/problem';
import type { AppEnv, Caller } from '../../lib/types';
import { auditEntry } from '../../core/audit/audit.queries';
import { toBooking } from '../../core/bookings/bookings.presenters';
import { callReferenceOf } from '../../core/bookings/call-reference';
import { textArray } from '../../db/text-array';
import { bookingFacts, guards, transition, type BookingFacts } from '../../core/bookings/transitions.queries';
import type { completeConsultation, markArrival, markNoShow } from './transitions.routes';

const notCheckedIn = () =>
  new ProblemError(409, 'not_checked_in', 'Not checked in', 'Check in to the mission before completing its consultations.');

/**
 * The compare-and-set matched nothing: say why, from one read. Not the caller's (or no such
 * booking) is a 404; a status the machine does not allow leaving is invalid_transition; otherwise
 * the rule's own reason.
 */
async function refusal(db: Db, id: string, caller: Caller, now: Date, to: BookingStatus, reason: (f: BookingFacts) => ProblemError | undefined): Promise<never> {
  const facts = await bookingFacts(db, id, caller, now);
  if (!facts) throw notFound('Booking');
  assertTransition(facts.status, to);
  throw reason(facts) ?? new ProblemError(409, 'concurrent_update', 'Concurrent update', 'Another request changed this booking at the same time; retry.');
}

/** The last segment of each transition's path, as the audit trail names it. */
const ACTIONS = { arrived: 'arrival', noshow: 'no-show', fulfilled: 'complete' } as const;

/** A transition that only stamps its time, refused with `tooEarly` when its guard fails. */
function stampTransition(
  to: 'arrived' | 'noshow',
  stamp: SQL,
  guard: SQL,
  tooEarly: (f: BookingFacts) => ProblemError | undefined,
): RouteHandler<typeof markArrival | typeof markNoShow, AppEnv> {
  return async (c) => {
    const { id } = c.req.valid('param');
    const { db } = c.var.db;
    const { caller, now } = c.var;
    c.set('auditBookingIds', [id]);
    const audit = auditEntry(caller!, `booking.${ACTIONS[to]}`, '200', now, callReferenceOf(caller!, c.req.header('x-call-reference')));
    const row = await transition(db, id, caller!, to, stamp, guard, audit);
    if (row) return c.json(toBooking(row), 200);
    return refusal(db, id, caller!, c.var.now, to, tooEarly);
  };
}

export const markArrivalHandler: RouteHandler<typeof markArrival, AppEnv> = (c, next) =>
  stampTransition('arrived', sql`arrived_at = ${c.var.now}`, guards.dayOpen(c.var.now), (f) =>
    f.day_open ? undefined : new ProblemError(409, 'too_early_for_arrival', 'Too early', 'Arrivals are recorded from 60 minutes before the mission starts.'),
  )(c, next);

export const markNoShowHandler: RouteHandler<typeof markNoShow, AppEnv> = (c, next) =>
  stampTransition('noshow', sql`noshow_at = ${c.var.now}`, guards.started(c.var.now), (f) =>
    f.started ? undefined : new ProblemError(409, 'too_early_for_no_show', 'Too early', 'A patient can be marked absent only once their slot has started.'),
  )(c, next);

export const completeConsultationHandler: RouteHandler<typeof completeConsultation, AppEnv> = async (c) => {
  const { id } = c.req.valid('param');
  const claim = c.req.valid('json');
  const { db } = c.var.db;
  const { caller, now } = c.var;
  const audit = auditEntry(caller!, `booking.${ACTIONS.fulfilled}`, '200', now, callReferenceOf(caller!, c.req.header('x-call-reference')));
  // One read for a precise refusal and the tariff in effect; the database checks the amount again.
  const facts = await bookingFacts(db, id, caller!, now, true);
  if (!facts) throw notFound('Booking');
  assertTransition(facts.status, 'fulfilled');
  if (!facts.checked_in) throw notCheckedIn();
  const billed = checkBilling(facts.rates ?? [], claim, facts.local_date, facts.birth_date);
  const set = sql`completed_at = ${now}, billed_acts = ${textArray(billed.acts)}::text[], billed_cents = ${billed.amountCents}`;
  const row = await transition(db, id, caller!, 'fulfilled', set, guards.checkedIn, audit);
  if (row) return c.json(toBooking(row), 200);
  return refusal(db, id, caller!, now, 'fulfilled', (f) => (f.checked_in ? undefined : notCheckedIn()));
};
