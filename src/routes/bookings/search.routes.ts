import { createRoute, z } from '@hono/zod-openapi';
import { CALL_REFERENCE_FORMAT } from '../../domain/call-reference';
import { PatientSchema } from '../../core/bookings/patient-input';
import { SEARCH_CAP } from '../../core/bookings/search.operations';
import { LocalDate, RATE_LIMIT_HEADERS, errorResponses, json } from '../../lib/openapi';
import { allow } from '../../middleware/require-role';
import { BookingSchema } from './bookings.schemas';

const { firstName, lastName, phone } = PatientSchema.shape;

// In the body, never the URL: what a caller says about themselves stays out of access logs.
export const BookingSearchSchema = z
  .strictObject({
    phone: phone.optional().openapi({
      description: 'Any usual spelling of a French number (06 12 34 56 78, +33 6…, 0033…); compared in E.164.',
    }),
    reference: z.string().min(1).max(20).optional().openapi({
      example: 'K7M4 PXQ2',
      description: 'The booking’s reference as the caller reads it: spaces, hyphens and case do not matter.',
    }),
    lastName: lastName
      .optional()
      .openapi({ description: 'With birthDate; case, accents, hyphens and spaces do not matter.' }),
    firstName: firstName.optional().openapi({
      description: 'Optional, with lastName: narrows the search to this first name (compared the same way).',
    }),
    birthDate: LocalDate.optional(),
  })
  .refine(
    (s) =>
      [
        s.phone !== undefined,
        s.reference !== undefined,
        s.lastName !== undefined || s.birthDate !== undefined || s.firstName !== undefined,
      ].filter(Boolean).length === 1,
    {
      message: 'give either phone, or reference, or lastName and birthDate (firstName optional)',
      path: ['phone'],
    },
  )
  .refine(
    (s) =>
      s.phone !== undefined || s.reference !== undefined || (s.lastName !== undefined && s.birthDate !== undefined),
    { message: 'lastName and birthDate go together', path: ['birthDate'] },
  )
  .openapi('BookingSearch', {
    oneOf: [{ required: ['phone'] }, { required: ['reference'] }, { required: ['lastName', 'birthDate'] }],
  });

export const searchBookings = createRoute({
  ...allow('agent'),
  operationId: 'searchBookings',
  method: 'post',
  path: '/v1/bookings/search',
  tags: ['Booking'],
  summary:
    'Call-centre agents: the bookings of the person on the phone, by phone number, by reference, or by name and birth date',
  description: `Upcoming bookings first (soonest first), then past ones (latest first), every status; at most ${SEARCH_CAP}, with \`more\` true when there were others (narrow the search: add the first name). Every search is audited with its call reference and outcome, a search that found nothing or was refused included; the audit trail keeps neither the phone, the reference nor the name searched for. Rate-limited like the agent's other searches.`,
  request: {
    // Checked by the operation, so that a missing reference is call_reference_required (and audited).
    headers: z.object({
      'x-call-reference': z
        .string()
        .optional()
        .openapi({
          param: { required: true },
          description: `The reference of the call; ${CALL_REFERENCE_FORMAT}.`,
          example: 'CALL-2026-0042',
        }),
    }),
    body: { required: true, content: { 'application/json': { schema: BookingSearchSchema } } },
  },
  responses: {
    200: json(
      z
        .object({
          items: z.array(BookingSchema),
          more: z.boolean().openapi({
            description: `More than ${SEARCH_CAP} bookings matched; only the first ${SEARCH_CAP} are given.`,
          }),
        })
        .openapi('BookingSearchResult'),
      'The bookings found (possibly none)',
      RATE_LIMIT_HEADERS,
    ),
    ...errorResponses(401, 403, 413, 422, 429),
  },
});
