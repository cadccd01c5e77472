import type { RouteHandler } from '@hono/zod-openapi';
import { holdSlot, releaseHold } from '../../core/holds/holds.operations';
import type { AppEnv } from '../../lib/types';
import type { createHold, releaseHold as releaseHoldRoute } from './holds.routes';

export const createHoldHandler: RouteHandler<typeof createHold, AppEnv> = async (c) => {
  const { slotId, patientRef } = c.req.valid('json');
  const caller = c.var.caller!;
  const config = c.var.config();
  const minutes = caller.role === 'agent' ? config.AGENT_HOLD_MINUTES : config.HOLD_MINUTES;
  const hold = await holdSlot(c.var.db.db, caller, slotId, patientRef, { minutes, now: c.var.now });
  c.header('Location', `/v1/holds/${hold.id}`);
  return c.json(hold, 201);
};

export const releaseHoldHandler: RouteHandler<typeof releaseHoldRoute, AppEnv> = async (c) => {
  await releaseHold(c.var.db.db, c.var.caller!, c.req.valid('param').id);
  return c.body(null, 204);
};
