import { createRoute, z } from '@hono/zod-openapi';
import { CALL_REASONS, NOTICE_KINDS } from '../../domain/notifications/kinds';
import { CALL_REFERENCE_FORMAT } from '../../domain/call-reference';
import { PageQuery, Timestamp, Uuid, errorResponses, extensibleEnum, json, page } from '../../lib/openapi';
import { allow } from '../../middleware/require-role';
import { CallReferenceHeader } from '../headers';
import { BookingSchema, BookingStatusSchema } from '../bookings/bookings.schemas';

export const CallSchema = z
  .object({
    bookingId: Uuid,
    reason: z
      .enum(CALL_REASONS)
      .openapi({ description: 'no_channel: a landline and no email; notice_failed: every message failed.' }),
    notice: extensibleEnum(
      NOTICE_KINDS,
      'What the patient must be told (doctor_change: another volunteer took over the day; same time and place). More may come: keep a value you do not know.',
    ),
    addedAt: Timestamp,
    doneAt: Timestamp.nullable(),
    callReference: z.string().nullable(),
    booking: z
      .object({ status: BookingStatusSchema, startsAt: Timestamp, cancelledBy: BookingSchema.shape.cancelledBy })
      .openapi('CallBooking'),
    site: z
      .object({
        name: z.string(),
        phone: z.string(),
        address: z.string().openapi({ description: 'The site’s address, to read to the patient.' }),
        commune: BookingSchema.shape.site.shape.commune,
        timeZone: z.string().openapi({
          description: 'The site’s time zone (IANA), in which booking.startsAt is written.',
          example: 'Europe/Paris',
        }),
      })
      .openapi('CallSite'),
    patient: z.object({ firstName: z.string(), lastName: z.string(), phone: z.string() }).openapi('CallPatient'),
  })
  .openapi('Call');

export const listCalls = createRoute({
  ...allow('agent', 'admin'),
  operationId: 'listCalls',
  method: 'get',
  path: '/v1/call-list',
  tags: ['Booking'],
  summary:
    'Patients to phone: upcoming bookings whose cancellation or change no message could tell them of, soonest first',
  request: { query: PageQuery, headers: z.object({ 'x-call-reference': CallReferenceHeader }) },
  responses: { 200: json(page(CallSchema, 'CallPage'), 'Calls still to make'), ...errorResponses(401, 403) },
});

export const markCallDone = createRoute({
  ...allow('agent', 'admin'),
  operationId: 'markCallDone',
  method: 'post',
  path: '/v1/call-list/{bookingId}/done',
  tags: ['Booking'],
  summary: 'The patient has been phoned: the call leaves the list (audited with the call reference)',
  description: `Agents give the call's reference in X-Call-Reference (${CALL_REFERENCE_FORMAT}). Marking a call already made answers it again.`,
  request: {
    params: z.object({ bookingId: Uuid }),
    headers: z.object({ 'x-call-reference': CallReferenceHeader }),
  },
  responses: { 200: json(CallSchema, 'The call, marked done'), ...errorResponses(401, 403, 404) },
});
