import { createRoute, z } from '@hono/zod-openapi';
import { CALL_REFERENCE_FORMAT } from '../../domain/call-reference';
import { IDEMPOTENT_REPLAYED, RATE_LIMIT_HEADERS, Uuid, errorResponses, json } from '../../lib/openapi';
import { allow } from '../../middleware/require-role';
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
    // Checked by the handler, as for createBooking: a missing key is idempotency_key_required.
    headers: z.object({
      'idempotency-key': z.string().optional().openapi({ param: { required: true }, description: '8 to 200 printable ASCII characters; a UUID is a good choice.', example: '0b6e2f1c-3d4a-4c5b-8e9f-7a1b2c3d4e5f' }),
      'x-call-reference': z.string().optional().openapi({ description: `Call-centre agents (required for them): the reference of the call; ${CALL_REFERENCE_FORMAT}.`, example: 'CALL-2026-0042' }),
    }),
    body: { required: true, content: { 'application/json': { schema: RescheduleSchema } } },
  },
  responses: {
    200: json(BookingSchema, 'The booking on its new slot (or, replayed, the booking this key already moved)', { ...IDEMPOTENT_REPLAYED, ...RATE_LIMIT_HEADERS }),
    ...errorResponses(401, 403, 404, 409, 413, 422, 429),
  },
});
