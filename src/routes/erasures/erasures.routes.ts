import { createRoute, z } from '@hono/zod-openapi';
import { PatientSchema } from '../../core/bookings/patient-input';
import { Timestamp, Uuid, errorResponses, json } from '../../lib/openapi';
import { allow } from '../../middleware/require-role';

// In the body, never the URL: a phone number stays out of access logs.
const ErasureInput = z
  .strictObject({
    bookingId: Uuid.optional().openapi({ description: 'One booking: its patient data is erased.' }),
    phone: PatientSchema.shape.phone
      .optional()
      .openapi({ description: 'Every booking made with this number (any usual spelling, compared in E.164).' }),
    reason: z.string().trim().min(10).max(500).openapi({
      description:
        'Why (kept in the audit trail): the request’s reference and basis, never the person’s name or number.',
      example: 'Demande d’effacement DPO-2027-0012 (art. 17 RGPD), reçue le 3 mars 2027.',
    }),
  })
  .refine((e) => (e.bookingId === undefined) !== (e.phone === undefined), {
    message: 'give either bookingId or phone',
    path: ['bookingId'],
  })
  .openapi('ErasureInput', { oneOf: [{ required: ['bookingId', 'reason'] }, { required: ['phone', 'reason'] }] });

const ErasureSchema = z
  .object({
    erasedAt: Timestamp,
    bookingIds: z
      .array(Uuid)
      .openapi({ description: 'The bookings anonymised now; empty when nothing was left to erase.' }),
  })
  .openapi('Erasure');

export const eraseBookings = createRoute({
  ...allow('admin'),
  operationId: 'eraseBookings',
  method: 'post',
  path: '/v1/erasures',
  tags: ['Privacy'],
  summary: 'Erase a person’s data on request (the ARS data protection officer), with the reason',
  description:
    'For ARS staff whose token carries `dpo: true` (others: forbidden, 403), for bookings of the regions of its `regions` claim. The bookings found by `bookingId` or by `phone` keep their date, site, status and amounts, so statistics, coverage and indemnities do not change, but lose the name, birth date, phone and email, as the daily purge does after the retention period; messages still planned for them are stopped. Each erased booking gets an audit row with the reason (GET /v1/audit?bookingId=). An upcoming booking is refused (booking_upcoming, 409) and then nothing is erased: cancel it first. An unknown bookingId is a 404; a phone that matches nothing erases nothing.',
  request: { body: { required: true, content: { 'application/json': { schema: ErasureInput } } } },
  responses: { 200: json(ErasureSchema, 'What was erased'), ...errorResponses(400, 401, 403, 404, 409, 413, 422) },
});
