import { z } from '@hono/zod-openapi';
import { WEBHOOK_EVENT_TYPES } from '../../db/schema';
import { Timestamp, Uuid, extensibleEnum } from '../../lib/openapi';

/** What was delivered, or is subscribed to: new types may appear within /v1 (an endpoint receives only those it subscribed to). */
const EventType = extensibleEnum(
  WEBHOOK_EVENT_TYPES,
  'New event types may appear within /v1; an endpoint receives only the types it subscribed to, so a new one never reaches it unasked.',
  'WebhookEventType',
);

// Writable fields, picked explicitly: the owner, secret and status are the API's.
export const NewWebhookSchema = z
  .strictObject({
    url: z.string().max(2000).openapi({
      example: 'https://partner.example.fr/hooks/mpdcv',
      description:
        'https, a public host, the default port; no credentials or fragment. Development also accepts http loopback.',
    }),
    // The types accepted today: a closed list for requests.
    eventTypes: z.array(z.enum(WEBHOOK_EVENT_TYPES)).min(1).max(WEBHOOK_EVENT_TYPES.length),
  })
  .openapi('NewWebhook');

export const WebhookChangeSchema = z
  .strictObject({
    url: NewWebhookSchema.shape.url.optional(),
    eventTypes: NewWebhookSchema.shape.eventTypes.optional(),
  })
  .refine((b) => b.url !== undefined || b.eventTypes !== undefined, {
    message: 'give url, eventTypes or both',
    path: ['url'],
  })
  .openapi('WebhookChange', {
    description: 'What to change; the secret, the status and the waiting deliveries stay.',
    minProperties: 1,
  });

export const WebhookTestResultSchema = z
  .object({
    eventId: Uuid.openapi({ description: 'The webhook-id of the test: a new one each time.' }),
    delivered: z.boolean().openapi({ description: 'The endpoint answered 2xx.' }),
    responseStatus: z
      .number()
      .int()
      .nullable()
      .openapi({ description: 'Its HTTP status; null when it could not be reached.' }),
    error: z.string().nullable().openapi({ description: 'http_<status>, timeout or network.' }),
  })
  .openapi('WebhookTestResult');

export const WebhookSchema = z
  .object({
    id: Uuid,
    clientId: z.string().openapi({ description: 'The integrator (client_id of its tokens).' }),
    url: z.string(),
    eventTypes: z.array(EventType),
    status: z.enum(['enabled', 'disabled']),
    disabledReason: z.enum(['gone', 'failing']).nullable().openapi({
      description:
        'gone: the endpoint answered 410; failing: every attempt failed for 5 days. Enable it again with POST …/enable.',
    }),
    disabledAt: Timestamp.nullable(),
    failingSince: Timestamp.nullable().openapi({ description: 'The first failure since the last success.' }),
    previousSecretValidUntil: Timestamp.nullable().openapi({
      description: 'After a rotation: until then, the previous secret signs too (a second v1 signature).',
    }),
    createdAt: Timestamp,
  })
  .openapi('Webhook');

export const WebhookWithSecretSchema = WebhookSchema.extend({
  secret: z.string().openapi({
    example: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw',
    description: 'The signing secret, shown this once: store it.',
  }),
}).openapi('WebhookWithSecret');

export const WebhookDeliverySchema = z
  .object({
    id: Uuid,
    eventId: Uuid.openapi({ description: 'The webhook-id header: the same on every attempt.' }),
    eventType: EventType,
    payload: z.record(z.string(), z.unknown()).openapi({ description: 'The body sent (WebhookPayload).' }),
    status: z.enum(['pending', 'succeeded', 'failed']),
    attempts: z.number().int(),
    nextAttemptAt: Timestamp.nullable(),
    lastResponseStatus: z.number().int().nullable(),
    lastError: z.string().nullable().openapi({ description: 'http_<status>, timeout or network.' }),
    lastAttemptAt: Timestamp.nullable(),
    deliveredAt: Timestamp.nullable(),
    createdAt: Timestamp,
  })
  .openapi('WebhookDelivery');
