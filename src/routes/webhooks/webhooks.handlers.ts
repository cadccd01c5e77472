import { callerAs, callerOf } from '../../middleware/require-role';
import type { RouteHandler } from '@hono/zod-openapi';
import { deliveriesOf } from '../../core/webhooks/delivery-log.queries';
import { deleteEndpoint, enableEndpoint, endpointById, endpointsFor } from '../../core/webhooks/endpoints.queries';
import {
  changeEndpoint,
  createEndpoint,
  retryDelivery,
  rotateEndpointSecret,
  sendTestEvent,
} from '../../core/webhooks/webhooks.operations';
import { idempotencyKeyFrom } from '../../lib/idempotency';
import { toDelivery, toEndpoint } from '../../core/webhooks/webhooks.presenters';
import { decodeCursor, encodeCursor } from '../../lib/openapi';
import { notFound } from '../../domain/problem';
import { spendWebhookRetry } from '../../middleware/webhook-retry-limit';
import type { AppEnv } from '../../app-env';
import type {
  createWebhook,
  deleteWebhook,
  enableWebhook,
  getWebhook,
  listWebhookDeliveries,
  listWebhooks,
  retryWebhookDelivery,
  rotateWebhookSecret,
  testWebhook,
  updateWebhook,
} from './webhooks.routes';

const ENDPOINT = 'Webhook endpoint';

export const createWebhookHandler: RouteHandler<typeof createWebhook, AppEnv> = async (c) => {
  const key = c.req.header('idempotency-key');
  const { row, secret, replayed } = await createEndpoint(
    c.var.db,
    c.var.config(),
    callerAs(c, 'integrator'),
    c.req.valid('json'),
    c.var.now,
    key === undefined ? undefined : idempotencyKeyFrom(key),
  );
  if (replayed) c.header('idempotent-replayed', 'true');
  c.header('Location', `/v1/webhooks/${row.id}`);
  return c.json({ ...toEndpoint(row, c.var.now), secret }, 201);
};

export const updateWebhookHandler: RouteHandler<typeof updateWebhook, AppEnv> = async (c) => {
  const row = await changeEndpoint(c.var.db, c.var.config(), callerOf(c), c.req.valid('param').id, c.req.valid('json'));
  if (!row) throw notFound(ENDPOINT);
  return c.json(toEndpoint(row, c.var.now), 200);
};

export const testWebhookHandler: RouteHandler<typeof testWebhook, AppEnv> = async (c) => {
  await spendWebhookRetry(c);
  const result = await sendTestEvent(c.var.db, c.var.config(), callerOf(c), c.req.valid('param').id, c.var.now);
  if (!result) throw notFound(ENDPOINT);
  return c.json(result, 200);
};

export const listWebhooksHandler: RouteHandler<typeof listWebhooks, AppEnv> = async (c) => {
  const { limit, cursor } = c.req.valid('query');
  const rows = await endpointsFor(c.var.db, callerOf(c), decodeCursor(cursor, ['uuid'])?.[0], limit + 1);
  const items = rows.slice(0, limit).map((r) => toEndpoint(r, c.var.now));
  return c.json({ items, nextCursor: rows.length > limit ? encodeCursor([items[items.length - 1].id]) : null }, 200);
};

export const getWebhookHandler: RouteHandler<typeof getWebhook, AppEnv> = async (c) => {
  const row = await endpointById(c.var.db, callerOf(c), c.req.valid('param').id);
  if (!row) throw notFound(ENDPOINT);
  return c.json(toEndpoint(row, c.var.now), 200);
};

export const deleteWebhookHandler: RouteHandler<typeof deleteWebhook, AppEnv> = async (c) => {
  if (!(await deleteEndpoint(c.var.db, callerOf(c), c.req.valid('param').id))) throw notFound(ENDPOINT);
  return c.body(null, 204);
};

export const rotateWebhookSecretHandler: RouteHandler<typeof rotateWebhookSecret, AppEnv> = async (c) => {
  const rotated = await rotateEndpointSecret(c.var.db, c.var.config(), callerOf(c), c.req.valid('param').id, c.var.now);
  if (!rotated) throw notFound(ENDPOINT);
  return c.json({ ...toEndpoint(rotated.row, c.var.now), secret: rotated.secret }, 200);
};

export const enableWebhookHandler: RouteHandler<typeof enableWebhook, AppEnv> = async (c) => {
  const row = await enableEndpoint(c.var.db, callerOf(c), c.req.valid('param').id, c.var.now);
  if (!row) throw notFound(ENDPOINT);
  return c.json(toEndpoint(row, c.var.now), 200);
};

export const listWebhookDeliveriesHandler: RouteHandler<typeof listWebhookDeliveries, AppEnv> = async (c) => {
  const { limit, cursor } = c.req.valid('query');
  const before = decodeCursor(cursor, ['instant', 'uuid']);
  const rows = await deliveriesOf(c.var.db, callerOf(c), c.req.valid('param').id, before, limit + 1);
  if (!rows) throw notFound(ENDPOINT);
  const items = rows.slice(0, limit).map(toDelivery);
  const last = items[items.length - 1];
  return c.json({ items, nextCursor: rows.length > limit ? encodeCursor([last.createdAt, last.id]) : null }, 200);
};

export const retryWebhookDeliveryHandler: RouteHandler<typeof retryWebhookDelivery, AppEnv> = async (c) => {
  const { id, deliveryId } = c.req.valid('param');
  await spendWebhookRetry(c);
  const row = await retryDelivery(c.var.db, c.var.config(), callerOf(c), id, deliveryId, c.var.now);
  if (!row) throw notFound('Webhook delivery');
  return c.json(toDelivery(row), 200);
};
