import { createRoute, z } from '@hono/zod-openapi';
import { NOTIFICATION_CHANNELS, NOTIFICATION_KINDS, NOTIFICATION_STATUSES } from '../../domain/notifications/kinds';
import { Timestamp, Uuid, errorResponses, extensibleEnum, json } from '../../lib/openapi';
import { allow } from '../../middleware/require-role';
import { CallReferenceHeader } from '../headers';

export const NotificationSchema = z
  .object({
    kind: extensibleEnum(
      NOTIFICATION_KINDS,
      'confirmation at booking, reminder the evening before (reminder_soon a few hours before, if configured), change after a reschedule, doctor_change when another volunteer takes the day over, cancellation when the doctor, an agent or an administrator cancels. More may come: keep a value you do not know.',
    ),
    channel: z.enum(NOTIFICATION_CHANNELS),
    status: z.enum(NOTIFICATION_STATUSES).openapi({
      description:
        "scheduled (due, or being retried), sent (taken by the provider), failed (after the last attempt), cancelled (a reminder that no longer applies), skipped (a change notice beyond the booking's daily cap, never sent; lastError daily_cap).",
    }),
    dueAt: Timestamp,
    sentAt: Timestamp.nullable(),
    attempts: z.number().int(),
    lastError: z.string().nullable().openapi({
      description:
        'The last failure as a code: provider_5xx, rate_limited, timeout, network, unauthorized, rejected, bad_answer.',
    }),
  })
  .openapi('Notification');

export const listBookingNotifications = createRoute({
  ...allow('patient', 'integrator', 'agent', 'admin'),
  operationId: 'listBookingNotifications',
  method: 'get',
  path: '/v1/bookings/{id}/notifications',
  tags: ['Booking'],
  summary:
    'The messages sent or due to the booking’s patient: kind, channel, status, times, attempts (never their text)',
  description:
    'For the patient who owns the booking, the integrator that made it, agents and administrators; anyone else gets 404, as for the booking itself.',
  request: { params: z.object({ id: Uuid }), headers: z.object({ 'x-call-reference': CallReferenceHeader }) },
  responses: {
    200: json(z.object({ items: z.array(NotificationSchema) }).openapi('NotificationList'), 'By due time'),
    ...errorResponses(401, 403, 404),
  },
});
