// Booking through FHIR: POST /fhir/Appointment and cancellation by PATCH (If-Match honoured),
// calling the same core operations as REST (createBooking, cancelBooking) under the same roles,
// limits and audit.
import type { Context } from 'hono';
import { cancelBooking, createBooking, type BookingRequest } from '../../core/bookings/bookings.operations';
import { toBooking, type Booking } from '../../core/bookings/bookings.presenters';
import { missionDoctor } from '../../core/publication/publication.queries';
import { idempotencyKeyFrom } from '../../lib/idempotency';
import { problem, notFound } from '../../domain/problem';
import type { AppEnv } from '../../app-env';
import { zoneOfId } from '../../lib/zone-ids';
import { rateLimited } from '../../middleware/rate-limit';
import { knownZone } from '../../middleware/zone-of-request';
import { fhirContext } from '../context';
import { fhirJson } from '../fhir-json';
import { isUuid } from '../ids';
import { toAppointment } from '../resources/appointment';
import { bookingRequestOf, isCancellation, jsonBody, unsupportedChange } from './appointment-input';
import { callerOf } from '../../middleware/require-role';

// Read and validated before the limiter runs (a 400 spends nothing), then handed to the handler.
const requests = new WeakMap<Request, BookingRequest>();

export async function readAppointmentInput(c: Context<AppEnv>, next: () => Promise<void>) {
  if (c.req.header('if-none-exist') !== undefined)
    throw problem(
      'conditional_create_unsupported',
      'If-None-Exist is not supported: send an Idempotency-Key header to make a retry safe.',
    );
  requests.set(
    c.req.raw,
    bookingRequestOf(await jsonBody(c.req.raw), fhirContext(c).base, c.req.header('x-call-reference')),
  );
  await next();
}

/** An Appointment with its version as ETag (W/"<versionId>"), for If-Match on PATCH. */
export async function appointmentResponse(
  c: Context<AppEnv>,
  booking: Booking,
  status: 200 | 201 = 200,
  headers: Record<string, string> = {},
) {
  const resource = toAppointment(booking, (await missionDoctor(c.var.db, booking.missionId))!, fhirContext(c));
  return fhirJson(c, resource, status, { etag: `W/"${resource.meta.versionId}"`, ...headers });
}

/**
 * If-Match: the version the change is for (the updated_at it names), or none for `*` or no header.
 * A tag that is not one of ours can match no version: a 412, never an unconditional change.
 */
function ifMatchVersion(header: string | undefined): Date | undefined {
  if (header === undefined || header.trim() === '*') return undefined;
  const ms = /^(?:W\/)?"(\d{1,15})"$/.exec(header.trim())?.[1];
  if (ms === undefined)
    throw problem(
      'version_mismatch',
      'If-Match names no version of this Appointment: send its ETag, W/"<meta.versionId>".',
    );
  return new Date(Number(ms));
}

/**
 * A retry is made safe by the Idempotency-Key header, as in REST (a replay answers 201 with
 * Idempotent-Replayed). FHIR's conditional create (If-None-Exist: a search) is not offered, and is
 * refused rather than ignored: a client relying on it must not book twice unknowingly.
 */
async function create(c: Context<AppEnv>) {
  const request = requests.get(c.req.raw)!;
  const key = idempotencyKeyFrom(c.req.header('idempotency-key'));
  const { row, replayed } = await createBooking(c.var.db, callerOf(c), request, key, c.var.now);
  c.set('auditBookingIds', [row.id]);
  const headers: Record<string, string> = { location: `${fhirContext(c).base}/Appointment/${row.id}` };
  if (replayed) headers['idempotent-replayed'] = 'true';
  return appointmentResponse(c, toBooking(row), 201, headers);
}

export const createAppointmentHandler = rateLimited(
  { kind: 'booking', zoneOf: (c) => knownZone(c, zoneOfId(requests.get(c.req.raw)?.slotId)) },
  create,
);

export async function patchAppointmentHandler(c: Context<AppEnv>) {
  const id = c.req.param('id')!;
  if (!isUuid(id)) throw notFound('Appointment');
  c.set('auditBookingIds', [id]);
  if (!isCancellation(await jsonBody(c.req.raw))) throw unsupportedChange();
  const version = ifMatchVersion(c.req.header('if-match'));
  const row = await cancelBooking(c.var.db, callerOf(c), id, c.var.now, {
    callReference: c.req.header('x-call-reference'),
    ifUpdatedAt: version,
  });
  return appointmentResponse(c, toBooking(row));
}
