// Request headers several operations take: declared once (components/parameters) and referenced.
import { z, type OpenAPIHono } from '@hono/zod-openapi';
import { CALL_REFERENCE_FORMAT } from '../domain/call-reference';

export const CallReferenceHeader = z
  .string()
  .optional()
  .openapi('CallReference', {
    param: { name: 'x-call-reference', in: 'header' },
    description: `The call a call-centre agent acts in (an admin may give one too), recorded in the audit trail; ${CALL_REFERENCE_FORMAT}. Agents must send it on every change of a booking and on every read of patient data (a booking, its notifications, the bookings list, the call list, the missions list, FHIR Appointment): without it the answer is call_reference_required (400), with a malformed one invalid_call_reference (400); on holds it is recorded when well formed. Other roles need not send it.`,
    example: 'CALL-2026-0042',
  });

// Required, but checked by the handler so that a missing key is idempotency_key_required, not validation_failed.
export const IdempotencyKeyHeader = z
  .string()
  .optional()
  .openapi('IdempotencyKey', {
    param: { name: 'idempotency-key', in: 'header', required: true },
    description: '8 to 200 printable ASCII characters; a UUID is a good choice.',
    example: '7f3c2a9e-1b4d-4e8f-9a6b-2c5d8e1f0a3b',
  });

/** The same key where it is optional: a retry without one may make the change twice. */
export const OptionalIdempotencyKeyHeader = z
  .string()
  .optional()
  .openapi('OptionalIdempotencyKey', {
    param: { name: 'idempotency-key', in: 'header', required: false },
    description:
      'Optional; 8 to 200 printable ASCII characters. The same key and body within 24 hours return the first answer (Idempotent-Replayed: true); the same key with another request is 422 idempotency_key_reused.',
    example: '7f3c2a9e-1b4d-4e8f-9a6b-2c5d8e1f0a3b',
  });

export function registerHeaderParameters(registry: OpenAPIHono['openAPIRegistry']): void {
  registry.registerParameter('CallReference', CallReferenceHeader);
  registry.registerParameter('IdempotencyKey', IdempotencyKeyHeader);
  registry.registerParameter('OptionalIdempotencyKey', OptionalIdempotencyKeyHeader);
}
