import { createRoute, z } from '@hono/zod-openapi';
import { Uuid, errorResponses, json } from '../../lib/openapi';
import { allow } from '../../middleware/require-role';
import { CallReferenceHeader } from '../headers';
import { BookingSchema, CompletionSchema } from './bookings.schemas';

const IdParam = z.object({ id: Uuid });
// Agents' arrivals and no-shows, and admins' changes, are audited with the call they were made in.
const Headers = z.object({ 'x-call-reference': CallReferenceHeader });
const MACHINE =
  'Status changes follow one state machine (booked → arrived → fulfilled; booked → cancelled; booked → noshow); any other is invalid_transition (409), and of concurrent changes exactly one succeeds.';

export const markArrival = createRoute({
  ...allow('doctor', 'agent'),
  operationId: 'markArrival',
  method: 'post',
  path: '/v1/bookings/{id}/arrival',
  tags: ['Mission day'],
  summary: 'The patient has arrived (the mission’s doctor, or an agent on site)',
  description: `From 60 minutes before the mission starts (too_early_for_arrival, 409, before). ${MACHINE}`,
  request: { params: IdParam, headers: Headers },
  responses: { 200: json(BookingSchema, 'The booking, arrived'), ...errorResponses(401, 403, 404, 409) },
});

export const completeConsultation = createRoute({
  ...allow('doctor'),
  operationId: 'completeConsultation',
  method: 'post',
  path: '/v1/bookings/{id}/complete',
  tags: ['Mission day'],
  summary: 'The consultation took place, billed at the tarif opposable (the mission’s doctor)',
  description: `The acts and billedCents must be exactly the tarif opposable on the consultation date (G, plus MEG for a patient under 6); anything above, a dépassement code (DE, DA) or a positive overbillingCents is overbilling_not_allowed (422), and the database refuses it too. The doctor must have checked in to the mission (not_checked_in, 409). ${MACHINE}`,
  request: {
    params: IdParam,
    headers: Headers,
    body: { required: true, content: { 'application/json': { schema: CompletionSchema } } },
  },
  responses: { 200: json(BookingSchema, 'The booking, fulfilled'), ...errorResponses(401, 403, 404, 409, 413, 422) },
});

export const markNoShow = createRoute({
  ...allow('doctor', 'agent'),
  operationId: 'markNoShow',
  method: 'post',
  path: '/v1/bookings/{id}/no-show',
  tags: ['Mission day'],
  summary: 'The patient did not come (the mission’s doctor, or an agent)',
  description: `Only once the slot has started (too_early_for_no_show, 409, before). ${MACHINE}`,
  request: { params: IdParam, headers: Headers },
  responses: { 200: json(BookingSchema, 'The booking, noshow'), ...errorResponses(401, 403, 404, 409) },
});
