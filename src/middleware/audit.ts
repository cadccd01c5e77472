// Every agent action on a patient's booking leaves an append-only trace: who, which booking,
// what, when, outcome. Never patient data. Written before the response leaves, so that an action
// that cannot be audited is not reported as done.
import type { MiddlewareHandler } from 'hono';
import { sql } from 'drizzle-orm';
import { textArray } from '../db/text-array';
import { RuleViolation } from '../domain/errors';
import { ProblemError } from '../lib/problem';
import type { AppEnv } from '../lib/types';

const ACTIONS: Record<string, string> = {
  'POST /v1/bookings': 'booking.create',
  'GET /v1/bookings': 'booking.list',
  'GET /v1/bookings/:id': 'booking.read',
  'GET /v1/missions': 'booking.call_list',
};

export const auditAgentAccess: MiddlewareHandler<AppEnv> = async (c, next) => {
  await next();
  const caller = c.var.caller;
  const ids = c.var.auditBookingIds;
  if (caller?.role !== 'agent' || !ids?.length) return;
  const route = `${c.req.method} ${c.req.routePath}`;
  const action = ACTIONS[route] ?? `booking.${c.req.path.split('/').pop()}`;
  const refused = c.error instanceof ProblemError || c.error instanceof RuleViolation ? c.error : undefined;
  const outcome = refused ? `${c.res.status} ${refused.code}` : String(c.res.status);
  await c.var.db.db.execute(sql`
    INSERT INTO audit_events (at, actor_role, actor_sub, booking_id, action, outcome, call_reference)
    SELECT ${c.var.now}, ${caller.role}, ${caller.sub}, id, ${action}, ${outcome}, ${c.req.header('x-call-reference') ?? null}
    FROM unnest(${textArray(ids)}::uuid[]) AS id`);
};
