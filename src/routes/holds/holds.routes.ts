import { createRoute, z } from '@hono/zod-openapi';
import {
  IDEMPOTENT_REPLAYED,
  RATE_LIMIT_HEADERS,
  Timestamp,
  Uuid,
  created,
  errorResponses,
  json,
} from '../../lib/openapi';
import { allow } from '../../middleware/require-role';
import { CallReferenceHeader, OptionalIdempotencyKeyHeader } from '../headers';
import { HOLD_STATES } from '../../core/holds/holds.operations';

/** Agents' holds, extensions and releases leave an audit row carrying the call they were made in. */
const CallReferenceHeaders = z.object({ 'x-call-reference': CallReferenceHeader });

export const NewHoldSchema = z
  .strictObject({
    slotId: Uuid,
    patientRef: z
      .string()
      .regex(/^[A-Za-z0-9._:-]{1,64}$/)
      .optional()
      .openapi({
        description:
          'Integrators and agents: your own opaque reference for the patient (never personal data), so that each patient may hold one slot.',
      }),
  })
  .openapi('NewHold');

export const HoldSchema = z
  .object({
    id: Uuid,
    slotId: Uuid,
    expiresAt: Timestamp.openapi({ description: 'When the slot is released unless booked (UTC).' }),
  })
  .openapi('Hold');

export const createHold = createRoute({
  ...allow('patient', 'integrator', 'agent'),
  operationId: 'createHold',
  method: 'post',
  path: '/v1/holds',
  tags: ['Booking'],
  summary: 'Keep a slot for a few minutes while the patient’s details are taken',
  description:
    'A hold lasts 5 minutes (10 for call-centre agents), never past the slot’s start. One active hold per caller and patient: a new hold releases the previous one. An expired hold frees the slot by itself. With an Idempotency-Key, a retried request returns the hold the first one made (Idempotent-Replayed: true), as it is now.',
  request: {
    headers: CallReferenceHeaders.extend({ 'idempotency-key': OptionalIdempotencyKeyHeader }),
    body: { required: true, content: { 'application/json': { schema: NewHoldSchema } } },
  },
  responses: {
    201: created(HoldSchema, 'The hold (or, replayed, the one this key already made)', {
      ...IDEMPOTENT_REPLAYED,
      ...RATE_LIMIT_HEADERS,
    }),
    ...errorResponses(400, 401, 403, 404, 409, 413, 422, 429),
  },
});

export const releaseHold = createRoute({
  ...allow('patient', 'integrator', 'agent'),
  operationId: 'releaseHold',
  method: 'delete',
  path: '/v1/holds/{id}',
  tags: ['Booking'],
  summary: 'Release a hold; the slot is free again at once',
  request: { headers: CallReferenceHeaders, params: z.object({ id: Uuid }) },
  responses: { 204: { description: 'Released' }, ...errorResponses(401, 403, 404) },
});

export const ExtendedHoldSchema = HoldSchema.extend({
  extensionsLeft: z.number().int().min(0).openapi({ description: 'How many more times this hold may be extended.' }),
}).openapi('ExtendedHold');

export const HoldStatusSchema = ExtendedHoldSchema.extend({
  status: z.enum(HOLD_STATES).openapi({
    description:
      'active: the slot is kept for you until expiresAt; expired: it no longer is; released: by you, or by your next hold; consumed: booked.',
  }),
}).openapi('HoldStatus');

export const getHold = createRoute({
  ...allow('patient', 'integrator', 'agent'),
  operationId: 'getHold',
  method: 'get',
  path: '/v1/holds/{id}',
  tags: ['Booking'],
  summary: 'One of your holds, as it is now (for a countdown, or after a lost response)',
  description:
    'Only the caller who made the hold sees it (an integrator: any token of its client_id); anyone else’s is a 404, as for releasing or extending it. extensionsLeft is 0 unless the hold is active.',
  request: { params: z.object({ id: Uuid }) },
  responses: { 200: json(HoldStatusSchema, 'The hold'), ...errorResponses(401, 403, 404) },
});

export const extendHold = createRoute({
  ...allow('patient', 'integrator', 'agent'),
  operationId: 'extendHold',
  method: 'post',
  path: '/v1/holds/{id}/extend',
  tags: ['Booking'],
  summary: 'Give a hold its full duration again, from now (a person must be able to extend a time limit)',
  description:
    'The hold lasts again 5 minutes (10 for call-centre agents) from now, never past the slot’s start; at least 10 extensions per hold (RGAA 13.1), then hold_extension_limit_reached (409). A released or used hold is hold_not_active (409), an expired one hold_expired (409); someone else’s is a 404.',
  request: { headers: CallReferenceHeaders, params: z.object({ id: Uuid }) },
  responses: {
    200: json(ExtendedHoldSchema, 'The hold and its new expiry', RATE_LIMIT_HEADERS),
    ...errorResponses(401, 403, 404, 409, 429),
  },
});
