import type { RouteHandler } from '@hono/zod-openapi';
import { callerKey, holdOwnerKey } from '../../lib/callers';
import { idInZoneOf } from '../../lib/zone-ids';
import { ProblemError, notFound } from '../../lib/problem';
import type { AppEnv } from '../../lib/types';
import { claimHold, releaseHoldOf, slotExists } from './holds.queries';
import type { createHold, releaseHold } from './holds.routes';

export const slotUnavailable = () =>
  new ProblemError(409, 'slot_unavailable', 'Slot unavailable', 'This slot is already booked or held by someone else. Search again for another.');

export const createHoldHandler: RouteHandler<typeof createHold, AppEnv> = async (c) => {
  const { slotId, patientRef } = c.req.valid('json');
  const caller = c.var.caller!;
  const config = c.var.config();
  const minutes = caller.role === 'agent' ? config.AGENT_HOLD_MINUTES : config.HOLD_MINUTES;
  const db = c.var.db.db;
  const hold = await claimHold(db, { id: idInZoneOf(slotId), slotId, callerKey: callerKey(caller), ownerKey: holdOwnerKey(caller, patientRef), now: c.var.now, minutes });
  if (!hold) {
    if (!(await slotExists(db, slotId))) throw notFound('Slot');
    throw slotUnavailable();
  }
  return c.json({ id: hold.id, slotId: hold.slot_id, expiresAt: new Date(hold.expires_at).toISOString() }, 201);
};

export const releaseHoldHandler: RouteHandler<typeof releaseHold, AppEnv> = async (c) => {
  if (!(await releaseHoldOf(c.var.db.db, c.req.valid('param').id, callerKey(c.var.caller!)))) throw notFound('Hold');
  return c.body(null, 204);
};
