// Booking through FHIR: POST /fhir/Appointment and cancellation by PATCH, calling the same core
// operations as REST (createBooking, cancelBooking) under the same roles, limits and audit.
import type { Context } from 'hono';
import { cancelBooking, createBooking, type BookingRequest } from '../../core/bookings/bookings.operations';
import type { BookingRow } from '../../core/bookings/bookings.queries';
import { missionDoctor } from '../../core/publication/publication.queries';
import { idempotencyKeyFrom } from '../../lib/idempotency';
import { ProblemError, notFound } from '../../lib/problem';
import type { AppEnv } from '../../lib/types';
import { zoneOfId } from '../../lib/zone-ids';
import { rateLimited } from '../../middleware/rate-limit';
import { knownZone } from '../../middleware/zone-of-request';
import { fhirContext } from '../context';
import { fhirJson } from '../fhir-json';
import { isUuid } from '../ids';
import { toAppointment } from '../resources/appointment';
import { bookingRequestOf, isCancellation, jsonBody, unsupportedChange } from './appointment-input';

// Read and validated before the limiter runs (a 400 spends nothing), then handed to the handler.
const requests = new WeakMap<Request, BookingRequest>();

export async function readAppointmentInput(c: Context<AppEnv>, next: () => Promise<void>) {
  if (c.req.header('if-none-exist') !== undefined) throw new ProblemError(400, 'conditional_create_unsupported', 'Conditional create unsupported', 'If-None-Exist is not supported: send an Idempotency-Key header to make a retry safe.');
  requests.set(c.req.raw, bookingRequestOf(await jsonBody(c.req.raw), fhirContext(c).base, c.req.header('x-call-reference')));
  await next();
}

const appointment = async (c: Context<AppEnv>, row: BookingRow) => toAppointment(row, (await missionDoctor(c.var.db.db, row.mission_id))!, fhirContext(c));

/**
 * A retry is made safe by the Idempotency-Key header, as in REST (a replay answers 201 with
 * Idempotent-Replayed). FHIR's conditional create (If-None-Exist: a search) is not offered, and is
 * refused rather than ignored: a client relying on it must not book twice unknowingly.
 */
async function create(c: Context<AppEnv>) {
  const request = requests.get(c.req.raw)!;
  const key = idempotencyKeyFrom(c.req.header('idempotency-key'));
  const { row, replayed } = await createBooking(c.var.db.db, c.var.caller!, request, key, c.var.now);
  c.set('auditBookingIds', [row.id]);
  const headers: Record<string, string> = { location: `${fhirContext(c).base}/Appointment/${row.id}` };
  if (replayed) headers['idempotent-replayed'] = 'true';
  return fhirJson(c, await appointment(c, row), 201, headers);
}

export const createAppointmentHandler = rateLimited({ kind: 'booking', zoneOf: (c) => knownZone(c, zoneOfId(requests.get(c.req.raw)?.slotId)) }, create);

export async function patchAppointmentHandler(c: Context<AppEnv>) {
  const id = c.req.param('id')!;
  if (!isUuid(id)) throw notFound('Appointment');
  c.set('auditBookingIds', [id]);
  if (!isCancellation(await jsonBody(c.req.raw))) throw unsupportedChange();
  const row = await cancelBooking(c.var.db.db, c.var.caller!, id, c.var.now, c.req.header('x-call-reference'));
  return fhirJson(c, await appointment(c, row));
}
