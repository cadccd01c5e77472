import { createRoute, z } from '@hono/zod-openapi';
import { asc, eq } from 'drizzle-orm';
import { auditEvents } from '../../db/schema';
import { ROLES } from '../../domain/roles';
import { Timestamp, Uuid, errorResponses, json } from '../../lib/openapi';
import { createRouter } from '../../lib/router';
import { allow } from '../../middleware/require-role';

const AuditEventSchema = z
  .object({
    id: z.number().int(),
    at: Timestamp,
    actorRole: z.string().openapi({ enum: [...ROLES] }),
    actorSub: z.string(),
    bookingId: Uuid,
    action: z.string().openapi({ example: 'booking.cancel' }),
    outcome: z.string().openapi({ example: '200', description: 'HTTP status, and the problem code when refused.' }),
    callReference: z.string().nullable(),
  })
  .openapi('AuditEvent');

const listAudit = createRoute({
  ...allow('admin'),
  operationId: 'listAuditEvents',
  method: 'get',
  path: '/v1/audit',
  tags: ['Operations'],
  summary: 'The audit trail of agents’ actions on a booking, oldest first',
  request: { query: z.object({ bookingId: Uuid }) },
  responses: {
    200: json(z.object({ items: z.array(AuditEventSchema) }).openapi('AuditEventList'), 'Audit events'),
    ...errorResponses(401, 403),
  },
});

export const auditRouter = createRouter().openapi(listAudit, async (c) => {
  const rows = await c.var.db.db
    .select()
    .from(auditEvents)
    .where(eq(auditEvents.bookingId, c.req.valid('query').bookingId))
    .orderBy(asc(auditEvents.id))
    .limit(1000);
  return c.json({ items: rows.map((r) => ({ ...r, at: r.at.toISOString() })) }, 200);
});
