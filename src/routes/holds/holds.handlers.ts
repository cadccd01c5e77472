import type { RouteHandler } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { extendHold, holdSlot, readHold, releaseHold } from '../../core/holds/holds.operations';
import { recordedCallReference } from '../../domain/call-reference';
import type { EnvVars } from '../../env';
import { idempotencyKeyFrom } from '../../lib/idempotency';
import type { AppEnv } from '../../app-env';
import type { Caller } from '../../domain/caller';
import type {
  createHold,
  extendHold as extendHoldRoute,
  getHold,
  releaseHold as releaseHoldRoute,
} from './holds.routes';
import { callerOf } from '../../middleware/require-role';

/** The call an agent acts in (X-Call-Reference), for the audit row of their holds; ignored when malformed. */
const callReferenceHeader = (c: Context<AppEnv>) => recordedCallReference(c.req.header('x-call-reference'));

/** Agents are on the phone: their holds last longer. */
const holdMinutes = (config: EnvVars, caller: Caller) =>
  caller.role === 'agent' ? config.AGENT_HOLD_MINUTES : config.HOLD_MINUTES;

export const createHoldHandler: RouteHandler<typeof createHold, AppEnv> = async (c) => {
  const { slotId, patientRef } = c.req.valid('json');
  const caller = callerOf(c);
  const callReference = callReferenceHeader(c);
  const key = c.req.header('idempotency-key');
  const options = {
    minutes: holdMinutes(c.var.config(), caller),
    now: c.var.now,
    callReference,
    idempotencyKey: key === undefined ? undefined : idempotencyKeyFrom(key),
  };
  const { hold, replayed } = await holdSlot(c.var.db, caller, slotId, patientRef, options);
  if (replayed) c.header('idempotent-replayed', 'true');
  c.header('Location', `/v1/holds/${hold.id}`);
  return c.json(hold, 201);
};

export const getHoldHandler: RouteHandler<typeof getHold, AppEnv> = async (c) => {
  const options = { now: c.var.now, maxExtensions: c.var.config().HOLD_MAX_EXTENSIONS };
  return c.json(await readHold(c.var.db, callerOf(c), c.req.valid('param').id, options), 200);
};

export const releaseHoldHandler: RouteHandler<typeof releaseHoldRoute, AppEnv> = async (c) => {
  await releaseHold(c.var.db, callerOf(c), c.req.valid('param').id, {
    now: c.var.now,
    callReference: callReferenceHeader(c),
  });
  return c.body(null, 204);
};

export const extendHoldHandler: RouteHandler<typeof extendHoldRoute, AppEnv> = async (c) => {
  const caller = callerOf(c);
  const config = c.var.config();
  const options = {
    minutes: holdMinutes(config, caller),
    now: c.var.now,
    maxExtensions: config.HOLD_MAX_EXTENSIONS,
    callReference: callReferenceHeader(c),
  };
  return c.json(await extendHold(c.var.db, caller, c.req.valid('param').id, options), 200);
};
