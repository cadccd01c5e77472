import { createRoute, z } from '@hono/zod-openapi';
import { auditTrail } from '../../core/audit/audit-trail.queries';
import { CALL_REFERENCE, CALL_REFERENCE_FORMAT } from '../../domain/call-reference';
import { ROLES } from '../../domain/roles';
import { Timestamp, Uuid, errorResponses, json } from '../../lib/openapi';
import { createRouter } from '../router';
import { allow, callerOf } from '../../middleware/require-role';

const AuditEventSchema = z
  .object({
    id: z.number().int(),
    at: Timestamp,
    actorRole: z.string().openapi({ enum: [...ROLES] }),
    actorSub: z.string(),
    bookingId: Uuid.nullable().openapi({
      description: 'Null for an agent’s search that found no booking, and for a mission’s correction.',
    }),
    missionId: Uuid.nullable().openapi({
      description: 'The mission an ARS correction of attendance changed; null otherwise.',
    }),
    action: z.string().openapi({ example: 'booking.cancel' }),
    outcome: z.string().openapi({ example: '200', description: 'HTTP status, and the problem code when refused.' }),
    callReference: z.string().nullable(),
    reason: z.string().nullable().openapi({
      description: 'Why the data protection officer erased the booking’s patient data (booking.erase); null otherwise.',
    }),
  })
  .openapi('AuditEvent');

const listAudit = createRoute({
  ...allow('admin'),
  operationId: 'listAuditEvents',
  method: 'get',
  path: '/v1/audit',
  tags: ['Operations'],
  summary: 'The audit trail of staff actions on a booking or a mission, or during a call, oldest first',
  request: {
    query: z
      .object({
        bookingId: Uuid.optional(),
        callReference: z
          .string()
          .regex(CALL_REFERENCE, CALL_REFERENCE_FORMAT)
          .optional()
          .openapi({ description: 'Every action of one call, searches included.' }),
        missionId: Uuid.optional().openapi({ description: 'Corrections of one mission’s attendance.' }),
      })
      .refine((q) => q.bookingId !== undefined || q.callReference !== undefined || q.missionId !== undefined, {
        message: 'give bookingId, callReference, missionId, or several',
        path: ['bookingId'],
      }),
  },
  responses: {
    200: json(z.object({ items: z.array(AuditEventSchema) }).openapi('AuditEventList'), 'Audit events'),
    ...errorResponses(401, 403),
  },
});

export const auditRouter = createRouter().openapi(listAudit, async (c) => {
  const rows = await auditTrail(c.var.db, callerOf(c), c.req.valid('query'));
  return c.json({ items: rows.map((r) => ({ ...r, at: r.at.toISOString() })) }, 200);
});
