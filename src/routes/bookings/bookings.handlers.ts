import type { RouteHandler } from '@hono/zod-openapi';
import { patientKey } from '../../domain/patients';
import { isoWithOffset } from '../../domain/time';
import { callerKey, channelOf } from '../../lib/callers';
import { idempotencyKeyFrom, requestHash } from '../../lib/idempotency';
import { decodeCursor, encodeCursor } from '../../lib/openapi';
import { ProblemError, notFound } from '../../lib/problem';
import type { AppEnv } from '../../lib/types';
import { slotUnavailable } from '../holds/holds.handlers';
import { tariffOf } from '../slots/slots.handlers';
import type { Db } from '../../db/client';
import { findPgError } from '../../db/errors';
import { bookingFor, bookingObstacle, bookingsFor, cancelBookingFor, findIdempotencyKey, insertBooking, type BookingRow } from './bookings.queries';
import type { cancelBooking, createBooking, getBooking, listBookings } from './bookings.routes';

const iso = (t: string | null) => (t ? new Date(t).toISOString() : null);

export const toBooking = (r: BookingRow) => ({
  id: r.id,
  status: r.status as 'booked',
  slot: { id: r.slot_id, startsAt: isoWithOffset(new Date(r.starts_at), r.time_zone), endsAt: isoWithOffset(new Date(r.ends_at), r.time_zone) },
  site: { id: r.site_id, name: r.site_name, address: r.address, commune: { insee: r.insee, name: r.commune_name } },
  missionId: r.mission_id,
  tariff: tariffOf(r.amount_cents, r.tariff_majorations),
  noOverbilling: true as const,
  channel: r.channel as 'web',
  patient: { firstName: r.patient_first_name, lastName: r.patient_last_name, birthDate: r.patient_birth_date, phone: r.patient_phone, email: r.patient_email },
  callReference: r.call_reference,
  clientId: r.client_id,
  createdAt: iso(r.created_at)!,
  cancelledAt: iso(r.cancelled_at),
  cancelledBy: r.cancelled_by,
  arrivedAt: iso(r.arrived_at),
  completedAt: iso(r.completed_at),
  noShowAt: iso(r.noshow_at),
  billing: r.billed_acts && r.billed_cents !== null ? { acts: r.billed_acts, billedCents: r.billed_cents, overbillingCents: 0 as const } : null,
});

const overbilling = () =>
  new ProblemError(422, 'overbilling_not_allowed', 'Overbilling not allowed', 'Set noOverbilling to true: consultations of the scheme are billed at the tarif opposable, without dépassement d’honoraires.');

async function replay(db: Db, owner: string, key: string, hash: string) {
  const stored = await findIdempotencyKey(db, owner, key);
  if (!stored) return undefined;
  if (stored.request_hash !== hash) {
    throw new ProblemError(422, 'idempotency_key_reused', 'Idempotency-Key reused', 'This Idempotency-Key was used with another request body; use a new key for a new booking.');
  }
  return bookingFor(db, stored.booking_id, 'any');
}

const isIdempotencyClash = (error: unknown) => findPgError(error)?.constraint === 'idempotency_keys_owner_key_pk';

export const createBookingHandler: RouteHandler<typeof createBooking, AppEnv> = async (c) => {
  const body = c.req.valid('json');
  const caller = c.var.caller!;
  const key = idempotencyKeyFrom(c.req.header('idempotency-key'));
  if (body.noOverbilling !== true) throw overbilling();
  if (caller.role === 'agent' && !body.callReference) {
    throw new ProblemError(400, 'call_reference_required', 'Call reference required', 'Agents give the callReference of the call they book for.');
  }
  const db = c.var.db.db;
  const owner = callerKey(caller);
  const hash = await requestHash(body);
  const booking = {
    id: crypto.randomUUID(), slotId: body.slotId, holdId: body.holdId, callerKey: owner, now: c.var.now,
    channel: channelOf(caller), role: caller.role, sub: caller.sub, clientId: caller.role === 'integrator' ? caller.clientId! : null,
    callReference: caller.role === 'agent' ? body.callReference! : null,
    patient: body.patient, patientKey: await patientKey(body.patient), idempotency: { owner, key, hash },
  };
  let row: BookingRow | undefined;
  try {
    row = await insertBooking(db, booking);
  } catch (error) {
    // The key was used before and its slot is free again: that is a replay, not a new booking.
    if (!isIdempotencyClash(error)) throw error;
  }
  if (row) {
    c.set('auditBookingIds', [row.id]);
    return c.json(toBooking(row), 201);
  }
  const replayed = await replay(db, owner, key, hash);
  if (replayed) {
    c.set('auditBookingIds', [replayed.id]);
    c.header('idempotent-replayed', 'true');
    return c.json(toBooking(replayed), 201);
  }
  const obstacle = await bookingObstacle(db, booking);
  if (body.holdId) {
    if (!obstacle.hold_status) throw notFound('Hold');
    if (obstacle.hold_status !== 'active') throw new ProblemError(409, 'hold_not_active', 'Hold not active', `This hold was ${obstacle.hold_status}.`);
    if (obstacle.hold_expired) throw new ProblemError(409, 'hold_expired', 'Hold expired', 'This hold has expired; hold the slot again if it is still free.');
  }
  if (!obstacle.slot_exists) throw notFound('Slot');
  throw slotUnavailable();
};

export const listBookingsHandler: RouteHandler<typeof listBookings, AppEnv> = async (c) => {
  const { limit, cursor } = c.req.valid('query');
  const rows = await bookingsFor(c.var.db.db, c.var.caller!, decodeCursor(cursor, 2) as [string, string] | undefined, limit + 1);
  const items = rows.slice(0, limit).map(toBooking);
  c.set('auditBookingIds', items.map((b) => b.id));
  const last = items[items.length - 1];
  return c.json({ items, nextCursor: rows.length > limit ? encodeCursor([last.createdAt, last.id]) : null }, 200);
};

export const getBookingHandler: RouteHandler<typeof getBooking, AppEnv> = async (c) => {
  const { id } = c.req.valid('param');
  c.set('auditBookingIds', [id]);
  const row = await bookingFor(c.var.db.db, id, c.var.caller!);
  if (!row) throw notFound('Booking');
  return c.json(toBooking(row), 200);
};

export const cancelBookingHandler: RouteHandler<typeof cancelBooking, AppEnv> = async (c) => {
  const { id } = c.req.valid('param');
  const caller = c.var.caller!;
  const db = c.var.db.db;
  c.set('auditBookingIds', [id]);
  const cancelled = await cancelBookingFor(db, id, caller, c.var.now);
  if (cancelled) return c.json(toBooking(cancelled), 200);
  const row = await bookingFor(db, id, caller);
  if (!row) throw notFound('Booking');
  if (row.status !== 'booked') {
    throw new ProblemError(409, 'invalid_transition', 'Cannot cancel', `A booking that is ${row.status} cannot be cancelled.`, { from: row.status, to: 'cancelled' });
  }
  throw new ProblemError(409, 'too_late_to_cancel', 'Too late to cancel', 'The consultation has started; it can no longer be cancelled.');
};
