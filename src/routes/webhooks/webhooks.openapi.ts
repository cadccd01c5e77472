// The document's `webhooks` section (OpenAPI 3.1): what each endpoint receives, one entry per event type.
import { z, type OpenAPIHono } from '@hono/zod-openapi';
import { WEBHOOK_EVENT_TYPES } from '../../db/schema';
import type { AppEnv } from '../../app-env';
import { WEBHOOK_PAYLOAD_SCHEMAS, WebhookTestEventSchema } from './webhook-payloads.schemas';

const WHEN: Record<(typeof WEBHOOK_EVENT_TYPES)[number], string> = {
  'booking.created': 'One of your bookings was made.',
  'booking.rescheduled': 'One of your bookings moved to another slot (slotId and start are the new ones).',
  'booking.cancelled':
    'One of your bookings was cancelled; cancelledBy says by whom (doctor when the mission day was cancelled).',
  'booking.arrived': 'The patient of one of your bookings arrived.',
  'booking.noshow': 'The patient of one of your bookings did not come.',
  'booking.fulfilled': 'The consultation of one of your bookings took place.',
  'mission.cancelled': 'A doctor cancelled a mission day that had bookings of yours; bookingIds lists them.',
  'mission.reassigned':
    'Another volunteer took over a mission day that has bookings of yours; bookingIds lists them. They keep their time and place.',
  'waitlist.offered':
    'A freed slot is offered to one of your waitlist entries until expiresAt: tell the person, then accept or decline it (POST /v1/waitlist/{id}/accept or /decline).',
};

const SignatureHeaders = z.object({
  'webhook-id': z.string().openapi({ description: 'The event id: the same on every attempt; drop duplicates by it.' }),
  'webhook-timestamp': z
    .string()
    .openapi({ description: 'Unix seconds when this attempt was signed; refuse old ones (5 minutes).' }),
  'webhook-signature': z.string().openapi({
    description:
      'Space-separated `v1,<base64 HMAC-SHA256 of id.timestamp.body>` signatures, one per live secret (two for 24 h after a rotation).',
  }),
});

export function registerWebhookDocs(registry: OpenAPIHono<AppEnv>['openAPIRegistry']) {
  registry.registerWebhook({
    method: 'post',
    path: 'webhook.test',
    operationId: 'webhookTestWebhook',
    tags: ['Webhooks'],
    summary: 'Sent when you ask for it (POST /v1/webhooks/{id}/test), to check your endpoint and its signature check.',
    security: [],
    request: {
      headers: SignatureHeaders,
      body: { required: true, content: { 'application/json': { schema: WebhookTestEventSchema } } },
    },
    responses: { 200: { description: 'Received (any 2xx)' } },
  });
  for (const type of WEBHOOK_EVENT_TYPES) {
    registry.registerWebhook({
      method: 'post',
      path: type,
      operationId: `${type.replace(/\.(\w)/, (_, c: string) => c.toUpperCase())}Webhook`,
      tags: ['Webhooks'],
      summary: WHEN[type],
      description:
        'Sent by POST to your endpoint, signed per Standard Webhooks 1.0. Answer 2xx within 15 s. Other answers are retried after about 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 14 h, 20 h and 24 h (not before Retry-After on 429/503); 410 Gone disables the endpoint.',
      security: [],
      request: {
        headers: SignatureHeaders,
        body: { required: true, content: { 'application/json': { schema: WEBHOOK_PAYLOAD_SCHEMAS[type] } } },
      },
      responses: {
        200: { description: 'Received (any 2xx)' },
        410: { description: 'Gone: the endpoint is disabled at once' },
      },
    });
  }
}
