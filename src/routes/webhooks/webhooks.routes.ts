import { createRoute, z } from '@hono/zod-openapi';
import { IDEMPOTENT_REPLAYED, PageQuery, Uuid, created, errorResponses, json, page } from '../../lib/openapi';
import { allow } from '../../middleware/require-role';
import { OptionalIdempotencyKeyHeader } from '../headers';
import {
  NewWebhookSchema,
  WebhookChangeSchema,
  WebhookDeliverySchema,
  WebhookSchema,
  WebhookTestResultSchema,
  WebhookWithSecretSchema,
} from './webhooks.schemas';

const TAG = 'Webhooks';
const Id = z.object({ id: Uuid });

export const createWebhook = createRoute({
  ...allow('integrator'),
  operationId: 'createWebhook',
  method: 'post',
  path: '/v1/webhooks',
  tags: [TAG],
  summary: 'Register an endpoint for events of your bookings (Standard Webhooks)',
  description:
    'The response carries the signing secret, shown this once (a retry with the same Idempotency-Key shows it again). Refused URLs: webhook_url_invalid, webhook_url_not_https, webhook_url_not_public (422). A client has at most 10 endpoints (webhook_endpoint_limit_reached, 409).',
  request: {
    headers: z.object({ 'idempotency-key': OptionalIdempotencyKeyHeader }),
    body: { required: true, content: { 'application/json': { schema: NewWebhookSchema } } },
  },
  responses: {
    201: created(
      WebhookWithSecretSchema,
      'The endpoint and its secret (or, replayed, the endpoint this key already made)',
      IDEMPOTENT_REPLAYED,
    ),
    ...errorResponses(400, 401, 403, 409, 413, 422),
  },
});

export const updateWebhook = createRoute({
  ...allow('integrator'),
  operationId: 'updateWebhook',
  method: 'patch',
  path: '/v1/webhooks/{id}',
  tags: [TAG],
  summary: 'Change an endpoint’s URL or event types',
  description:
    'The URL is checked as on registration (422). Deliveries already waiting go to the new URL; types no longer subscribed stop with the next event.',
  request: { params: Id, body: { required: true, content: { 'application/json': { schema: WebhookChangeSchema } } } },
  responses: { 200: json(WebhookSchema, 'The endpoint'), ...errorResponses(401, 403, 404, 413, 422) },
});

export const testWebhook = createRoute({
  ...allow('integrator'),
  operationId: 'testWebhook',
  method: 'post',
  path: '/v1/webhooks/{id}/test',
  tags: [TAG],
  summary: 'Send a signed webhook.test to the endpoint now and see what it answered',
  description:
    'Signed like every webhook, with a new webhook-id; enabled or disabled endpoints alike. Not an event: nothing is retried, logged in deliveries or listed in /v1/events. Counts against the 10 manual sends a minute per client (429 rate_limited).',
  request: { params: Id },
  responses: {
    200: json(WebhookTestResultSchema, 'What the endpoint answered'),
    ...errorResponses(401, 403, 404, 429),
  },
});

export const listWebhooks = createRoute({
  ...allow('integrator', 'admin'),
  operationId: 'listWebhooks',
  method: 'get',
  path: '/v1/webhooks',
  tags: [TAG],
  summary: 'Your webhook endpoints (administrators: every integrator’s)',
  request: { query: PageQuery },
  responses: { 200: json(page(WebhookSchema, 'WebhookPage'), 'A page of endpoints'), ...errorResponses(401, 403) },
});

export const getWebhook = createRoute({
  ...allow('integrator', 'admin'),
  operationId: 'getWebhook',
  method: 'get',
  path: '/v1/webhooks/{id}',
  tags: [TAG],
  summary: 'One endpoint, with its status and why it is disabled',
  request: { params: Id },
  responses: { 200: json(WebhookSchema, 'The endpoint'), ...errorResponses(401, 403, 404) },
});

export const deleteWebhook = createRoute({
  ...allow('integrator'),
  operationId: 'deleteWebhook',
  method: 'delete',
  path: '/v1/webhooks/{id}',
  tags: [TAG],
  summary: 'Remove an endpoint and its delivery log',
  request: { params: Id },
  responses: { 204: { description: 'Removed' }, ...errorResponses(401, 403, 404) },
});

export const rotateWebhookSecret = createRoute({
  ...allow('integrator'),
  operationId: 'rotateWebhookSecret',
  method: 'post',
  path: '/v1/webhooks/{id}/secret',
  tags: [TAG],
  summary: 'Rotate the signing secret; the previous one keeps signing for 24 hours',
  description:
    'Until previousSecretValidUntil, webhook-signature carries two space-separated v1 signatures, one per secret.',
  request: { params: Id },
  responses: {
    200: json(WebhookWithSecretSchema, 'The endpoint and its new secret'),
    ...errorResponses(401, 403, 404),
  },
});

export const enableWebhook = createRoute({
  ...allow('integrator'),
  operationId: 'enableWebhook',
  method: 'post',
  path: '/v1/webhooks/{id}/enable',
  tags: [TAG],
  summary: 'Enable an endpoint again (after 410 Gone or days of failures); its waiting deliveries are retried',
  request: { params: Id },
  responses: { 200: json(WebhookSchema, 'The endpoint'), ...errorResponses(401, 403, 404) },
});

export const listWebhookDeliveries = createRoute({
  ...allow('integrator', 'admin'),
  operationId: 'listWebhookDeliveries',
  method: 'get',
  path: '/v1/webhooks/{id}/deliveries',
  tags: [TAG],
  summary: 'The endpoint’s delivery log, newest first',
  request: { params: Id, query: PageQuery },
  responses: {
    200: json(page(WebhookDeliverySchema, 'WebhookDeliveryPage'), 'A page of deliveries'),
    ...errorResponses(401, 403, 404),
  },
});

export const retryWebhookDelivery = createRoute({
  ...allow('integrator'),
  operationId: 'retryWebhookDelivery',
  method: 'post',
  path: '/v1/webhooks/{id}/deliveries/{deliveryId}/retry',
  tags: [TAG],
  summary: 'Send a delivery again, now',
  description:
    'Whatever its status; the same webhook-id. A disabled endpoint answers webhook_disabled (409): enable it first. At most 10 manual retries a minute per client (429 rate_limited).',
  request: { params: z.object({ id: Uuid, deliveryId: Uuid }) },
  responses: {
    200: json(WebhookDeliverySchema, 'The delivery after this attempt'),
    ...errorResponses(401, 403, 404, 409, 429),
  },
});
