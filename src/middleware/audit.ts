// Every agent's and admin's access to a patient's booking leaves an append-only trace, with the
// call it was made in: who, which booking, what, when, outcome. Never patient data. A change that succeeded was recorded by its own
// statement (src/core/audit/audit.queries.ts): no change without its row. This middleware records
// the rest — reads, refusals and replays — before the response leaves, so that an access that
// cannot be audited is not answered.
import type { MiddlewareHandler } from 'hono';
import { sql } from 'drizzle-orm';
import { isAudited } from '../core/audit/audit.queries';
import { callReferenceOf } from '../core/bookings/call-reference';
import { textArray } from '../db/text-array';
import { recordedCallReference } from '../domain/call-reference';
import { ProblemError } from '../domain/problem';
import type { AppEnv } from '../app-env';

const ACTIONS: Record<string, string> = {
  'POST /v1/bookings': 'booking.create',
  'GET /v1/bookings': 'booking.list',
  'GET /v1/bookings/:id': 'booking.read',
  'GET /v1/missions': 'booking.call_list',
  'GET /v1/bookings/:id/notifications': 'booking.notifications',
  'GET /v1/call-list': 'call_list.read',
  'POST /v1/call-list/:bookingId/done': 'call_list.done',
  'POST /fhir/Appointment': 'booking.create',
  'GET /fhir/Appointment/:id': 'booking.read',
  'PATCH /fhir/Appointment/:id': 'booking.cancel',
};

/** Changes whose statement writes their own audit row when they succeed. */
const AUDITED_BY_STATEMENT = new Set([
  'booking.create',
  'booking.cancel',
  'booking.reschedule',
  'booking.arrival',
  'booking.no-show',
  'booking.complete',
  'call_list.done',
]);

export const auditAgentAccess: MiddlewareHandler<AppEnv> = async (c, next) => {
  // Agents read patients' data only within a call, and say which (call_reference_required): on every
  // door, as their pages already ask. Their changes are checked by the operations themselves.
  if (c.req.method === 'GET' && c.var.caller?.role === 'agent')
    callReferenceOf(c.var.caller, c.req.header('x-call-reference'));
  await next();
  const caller = c.var.caller;
  const ids = c.var.auditBookingIds;
  if (!caller || !isAudited(caller) || !ids?.length) return;
  const route = `${c.req.method} ${c.req.routePath}`;
  const action = ACTIONS[route] ?? `booking.${c.req.path.split('/').pop()}`;
  const replayed = c.res.headers.get('idempotent-replayed') === 'true';
  if (AUDITED_BY_STATEMENT.has(action) && c.res.ok && !replayed) return;
  const refused = c.error instanceof ProblemError ? c.error : undefined;
  const outcome = refused ? `${c.res.status} ${refused.code}` : `${c.res.status}${replayed ? ' replayed' : ''}`;
  const callReference = recordedCallReference(c.req.header('x-call-reference'));
  await c.var.db.execute(sql`
    INSERT INTO audit_events (at, actor_role, actor_sub, booking_id, action, outcome, call_reference)
    SELECT ${c.var.now}, ${caller.role}, ${caller.sub}, id, ${action}, ${outcome}, ${callReference}
    FROM unnest(${textArray(ids)}::uuid[]) AS id`);
};
