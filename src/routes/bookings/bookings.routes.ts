import { createRoute, z } from '@hono/zod-openapi';
import {
  IDEMPOTENT_REPLAYED,
  Instant,
  PageQuery,
  RATE_LIMIT_HEADERS,
  Uuid,
  created,
  errorResponses,
  json,
  page,
} from '../../lib/openapi';
import { BOOKING_STATUSES } from '../../domain/booking-status';
import { allow } from '../../middleware/require-role';
import { CallReferenceHeader, IdempotencyKeyHeader } from '../headers';
import { BookingSchema, CancellationSchema, NewBookingSchema } from './bookings.schemas';

const IdParam = z.object({ id: Uuid });

export const createBooking = createRoute({
  ...allow('patient', 'integrator', 'agent'),
  operationId: 'createBooking',
  method: 'post',
  path: '/v1/bookings',
  tags: ['Booking'],
  summary: 'Book a slot (directly, or the slot of your hold)',
  description:
    'Requires an Idempotency-Key header: the same key and body return the same 201 (Idempotent-Replayed: true); the same key with another body is 422 idempotency_key_reused. noOverbilling must be true (422 overbilling_not_allowed). A slot booked or held by someone else is 409 slot_unavailable; a patient with 2 upcoming bookings in the scheme gets 409 booking_limit_reached.',
  request: {
    headers: z.object({ 'idempotency-key': IdempotencyKeyHeader }),
    body: { required: true, content: { 'application/json': { schema: NewBookingSchema } } },
  },
  responses: {
    201: created(BookingSchema, 'The booking (or, replayed, the one this key already made)', {
      ...IDEMPOTENT_REPLAYED,
      ...RATE_LIMIT_HEADERS,
    }),
    ...errorResponses(401, 403, 404, 409, 413, 422, 429),
  },
});

const ListBookingsQuery = PageQuery.extend({
  // Today's statuses: a closed list for the filter (answers carry BookingStatus, which may grow).
  status: z.enum(BOOKING_STATUSES).optional().openapi({ description: 'Only bookings in this status.' }),
  from: Instant.optional().openapi({ description: 'Only consultations starting at or after this instant.' }),
  to: Instant.optional().openapi({ description: 'Only consultations starting before this instant.' }),
  updatedSince: Instant.optional().openapi({
    description: 'Only bookings changed at or after this instant (updatedAt).',
  }),
});

export const listBookings = createRoute({
  ...allow('patient', 'integrator', 'agent', 'doctor', 'admin'),
  operationId: 'listBookings',
  method: 'get',
  path: '/v1/bookings',
  tags: ['Booking'],
  summary: 'Your bookings: a patient’s own, an integrator’s or agent’s, those in a doctor’s missions; all for admins',
  description:
    'Newest first (by createdAt), filtered by any of status, the consultation’s start (from ≤ start < to) and updatedSince. To keep a copy in sync, page through ?updatedSince=<the largest updatedAt you hold, less a few minutes> (inclusive: a booking may come twice, never be missed). to must be after from (invalid_range, 400).',
  request: { query: ListBookingsQuery, headers: z.object({ 'x-call-reference': CallReferenceHeader }) },
  responses: { 200: json(page(BookingSchema, 'BookingPage'), 'Newest first'), ...errorResponses(401, 403) },
});

export const getBooking = createRoute({
  ...allow('patient', 'integrator', 'agent', 'doctor', 'admin'),
  operationId: 'getBooking',
  method: 'get',
  path: '/v1/bookings/{id}',
  tags: ['Booking'],
  summary: 'One booking (someone else’s is a 404)',
  request: { params: IdParam, headers: z.object({ 'x-call-reference': CallReferenceHeader }) },
  responses: { 200: json(BookingSchema, 'The booking'), ...errorResponses(401, 403, 404) },
});

export const cancelBooking = createRoute({
  ...allow('patient', 'integrator', 'agent', 'doctor', 'admin'),
  operationId: 'cancelBooking',
  method: 'post',
  path: '/v1/bookings/{id}/cancel',
  tags: ['Booking'],
  summary: 'Cancel a booking before its slot starts; the slot is free again at once',
  description: 'The body is optional: give a reason code to keep it on the booking and in its booking.cancelled event.',
  request: {
    params: IdParam,
    headers: z.object({ 'x-call-reference': CallReferenceHeader }),
    body: { required: false, content: { 'application/json': { schema: CancellationSchema } } },
  },
  responses: { 200: json(BookingSchema, 'The cancelled booking'), ...errorResponses(401, 403, 404, 409, 413, 422) },
});
