import type { RouteHandler } from '@hono/zod-openapi';
import { toBooking } from '../../core/bookings/bookings.presenters';
import {
  acceptOffer,
  declineOffer,
  joinWaitlist,
  readEntry,
  withdrawEntry,
} from '../../core/waitlist/waitlist.operations';
import { idempotencyKeyFrom } from '../../lib/idempotency';
import type { AppEnv } from '../../app-env';
import type {
  acceptWaitlistOffer,
  declineWaitlistOffer,
  getWaitlistEntry,
  joinWaitlist as joinRoute,
  withdrawWaitlistEntry,
} from './waitlist.routes';
import { callerOf } from '../../middleware/require-role';

export const joinWaitlistHandler: RouteHandler<typeof joinRoute, AppEnv> = async (c) => {
  const { entry, created } = await joinWaitlist(c.var.db, callerOf(c), c.req.valid('json'), c.var.now);
  if (!created) return c.json(entry, 200);
  c.header('Location', `/v1/waitlist/${entry.id}`);
  return c.json(entry, 201);
};

export const getWaitlistEntryHandler: RouteHandler<typeof getWaitlistEntry, AppEnv> = async (c) =>
  c.json(await readEntry(c.var.db, callerOf(c), c.req.valid('param').id, c.var.now), 200);

export const acceptWaitlistOfferHandler: RouteHandler<typeof acceptWaitlistOffer, AppEnv> = async (c) => {
  const key = idempotencyKeyFrom(c.req.header('idempotency-key'));
  const { row, replayed } = await acceptOffer(
    c.var.db,
    callerOf(c),
    c.req.valid('param').id,
    key,
    c.var.now,
    c.req.header('x-call-reference'),
  );
  c.set('auditBookingIds', [row.id]);
  if (replayed) c.header('idempotent-replayed', 'true');
  c.header('Location', `/v1/bookings/${row.id}`);
  return c.json(toBooking(row), 201);
};

export const declineWaitlistOfferHandler: RouteHandler<typeof declineWaitlistOffer, AppEnv> = async (c) =>
  c.json(
    await declineOffer(c.var.db, callerOf(c), c.req.valid('param').id, c.var.now, c.req.header('x-call-reference')),
    200,
  );

export const withdrawWaitlistEntryHandler: RouteHandler<typeof withdrawWaitlistEntry, AppEnv> = async (c) => {
  await withdrawEntry(c.var.db, callerOf(c), c.req.valid('param').id, c.var.now, c.req.header('x-call-reference'));
  return c.body(null, 204);
};
