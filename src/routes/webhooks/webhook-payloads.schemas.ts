// What an endpoint receives, one schema per event type (`type` is the discriminator), so that a
// receiver narrows on it. The events feed (GET /v1/events) serves the very same objects.
import { z } from '@hono/zod-openapi';
import type { WEBHOOK_EVENT_TYPES } from '../../db/schema';
import { ROLES } from '../../domain/roles';
import { Timestamp, Uuid } from '../../lib/openapi';
import { changeReason } from '../bookings/bookings.schemas';

const Zone = z.string().openapi({ description: 'EPCI SIREN of the zone.', example: '200035541' });
const Start = Timestamp.openapi({
  description: 'Start of the consultation (booking events) or of the mission day (mission events).',
});

const envelope = <T extends string, D extends z.ZodRawShape>(type: T, name: string, description: string, data: D) =>
  z
    .object({
      id: Uuid.openapi({
        description:
          'The event id, also sent as the webhook-id header: the same on every attempt; drop duplicates by it.',
      }),
      type: z.literal(type),
      timestamp: Timestamp.openapi({ description: 'When it happened.' }),
      sandbox: z.literal(true).optional().openapi({
        description: 'Present when sent by the sandbox: the booking is a test one, and no patient was told.',
      }),
      data: z.object(data).openapi(`${name}Data`),
    })
    .openapi(name, { description });

const bookingData = <S extends string>(status: S) => ({
  bookingId: Uuid.openapi({ description: 'Read the booking with your token for its details.' }),
  missionId: Uuid,
  status: z.literal(status).openapi({ description: 'The booking’s status after the change.' }),
  slotId: Uuid,
  start: Start,
  zone: Zone,
  externalRef: z.string().optional().openapi({ description: 'Your own id for the booking, when you gave one.' }),
});

const bookingEvent = <T extends string, S extends string, D extends z.ZodRawShape>(
  type: T,
  status: S,
  name: string,
  description: string,
  extra: D,
) => envelope(type, name, description, { ...bookingData(status), ...extra });

export const WEBHOOK_PAYLOAD_SCHEMAS = {
  'booking.created': bookingEvent(
    'booking.created',
    'booked',
    'BookingCreatedEvent',
    'One of your bookings was made (or an arrival or absence was undone: it is booked again).',
    {},
  ),
  'booking.rescheduled': bookingEvent(
    'booking.rescheduled',
    'booked',
    'BookingRescheduledEvent',
    'One of your bookings moved: slotId and start are the new ones.',
    {
      reason: changeReason('Why, when the caller said.').optional(),
    },
  ),
  'booking.cancelled': bookingEvent(
    'booking.cancelled',
    'cancelled',
    'BookingCancelledEvent',
    'One of your bookings was cancelled.',
    {
      cancelledBy: z
        .enum(ROLES)
        .openapi({ description: 'The role of whoever cancelled: doctor when the mission day was cancelled.' }),
      reason: changeReason('Why, when the canceller said.').optional(),
    },
  ),
  'booking.arrived': bookingEvent(
    'booking.arrived',
    'arrived',
    'BookingArrivedEvent',
    'The patient of one of your bookings arrived.',
    {},
  ),
  'booking.noshow': bookingEvent(
    'booking.noshow',
    'noshow',
    'BookingNoShowEvent',
    'The patient of one of your bookings did not come.',
    {},
  ),
  'booking.fulfilled': bookingEvent(
    'booking.fulfilled',
    'fulfilled',
    'BookingFulfilledEvent',
    'The consultation of one of your bookings took place.',
    {},
  ),
  'mission.cancelled': envelope(
    'mission.cancelled',
    'MissionCancelledEvent',
    'A doctor cancelled a mission day that had bookings of yours.',
    {
      missionId: Uuid,
      start: Start,
      zone: Zone,
      cancelledBy: z.literal('doctor'),
      bookingIds: z
        .array(Uuid)
        .openapi({ description: 'Your bookings it cancelled (each also has its booking.cancelled).' }),
    },
  ),
  'mission.reassigned': envelope(
    'mission.reassigned',
    'MissionReassignedEvent',
    'Another volunteer took over a mission day that has bookings of yours: they keep their time and place.',
    {
      missionId: Uuid,
      start: Start,
      zone: Zone,
      bookingIds: z.array(Uuid).openapi({ description: 'Your bookings on the day that changed doctor.' }),
    },
  ),
  'waitlist.offered': envelope(
    'waitlist.offered',
    'WaitlistOfferedEvent',
    'A freed slot is offered to one of your waitlist entries: tell the person, then accept or decline it.',
    {
      waitlistEntryId: Uuid.openapi({ description: 'Your waitlist entry offered the slot slotId.' }),
      slotId: Uuid,
      missionId: Uuid,
      start: Start,
      zone: Zone,
      expiresAt: Timestamp.nullable().openapi({ description: 'Until when the slot is kept for the person.' }),
    },
  ),
} as const satisfies Record<(typeof WEBHOOK_EVENT_TYPES)[number], z.ZodType>;

/** Any of them, narrowed on `type`; no personal data: no name, phone, email or birth date. */
const S = WEBHOOK_PAYLOAD_SCHEMAS;
export const WebhookPayloadSchema = z
  .discriminatedUnion('type', [
    S['booking.created'],
    S['booking.rescheduled'],
    S['booking.cancelled'],
    S['booking.arrived'],
    S['booking.noshow'],
    S['booking.fulfilled'],
    S['mission.cancelled'],
    S['mission.reassigned'],
    S['waitlist.offered'],
  ])
  .openapi('WebhookPayload', {
    description:
      'What a webhook carries and the events feed lists, by type. No personal data: no name, phone, email or birth date. New types may appear within /v1; an endpoint receives only the types it subscribed to.',
  });

/** What POST /v1/webhooks/{id}/test sends: not an event, never in the feed. */
export const WebhookTestEventSchema = z
  .object({
    id: Uuid.openapi({ description: 'A new webhook-id for each test.' }),
    type: z.literal('webhook.test'),
    timestamp: Timestamp,
    sandbox: z.literal(true).optional().openapi({ description: 'Present when sent by the sandbox.' }),
    data: z.object({ endpointId: Uuid }).openapi('WebhookTestEventData'),
  })
  .openapi('WebhookTestEvent', {
    description: 'Sent on demand by POST /v1/webhooks/{id}/test; answer it as any webhook.',
  });
