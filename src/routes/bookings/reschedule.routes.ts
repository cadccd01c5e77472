import { createRoute, z } from '@hono/zod-openapi';
import { IDEMPOTENT_REPLAYED, RATE_LIMIT_HEADERS, Uuid, errorResponses, json } from '../../lib/openapi';
import { allow } from '../../middleware/require-role';
import { CallReferenceHeader, IdempotencyKeyHeader } from '../headers';
import { BookingSchema, RescheduleSchema } from './bookings.schemas';

export const rescheduleBooking = createRoute({
  ...allow('patient', 'integrator', 'agent'),
  operationId: 'rescheduleBooking',
  method: 'post',
  path: '/v1/bookings/{id}/reschedule',
  tags: ['Booking'],
  summary: 'Move a booking to another slot (named, or held by you); the old slot is free again at once',
  description:
    'One atomic change: the same patient, channel and owner on the new slot, the tariff of the new date, the old slot reopened. If the new slot is taken (409 slot_unavailable) the booking stays where it was. A patient at their booking limit may still reschedule: a move books nothing more. Only a booked consultation that has not started moves (409 not_reschedulable, too_late_to_reschedule); someone else’s booking is a 404. Requires an Idempotency-Key: the same key and body return the same answer (Idempotent-Replayed: true); the same key with another request is 422 idempotency_key_reused.',
  request: {
    params: z.object({ id: Uuid }),
    headers: z.object({ 'idempotency-key': IdempotencyKeyHeader, 'x-call-reference': CallReferenceHeader }),
    body: { required: true, content: { 'application/json': { schema: RescheduleSchema } } },
  },
  responses: {
    200: json(BookingSchema, 'The booking on its new slot (or, replayed, the booking this key already moved)', {
      ...IDEMPOTENT_REPLAYED,
      ...RATE_LIMIT_HEADERS,
    }),
    ...errorResponses(401, 403, 404, 409, 413, 422, 429),
  },
});
