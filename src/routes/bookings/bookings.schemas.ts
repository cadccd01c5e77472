import { z } from '@hono/zod-openapi';
import { BOOKING_STATUSES } from '../../domain/booking-status';
import { BOOKING_REFERENCE } from '../../domain/booking-reference';
import { CALL_REFERENCE, CALL_REFERENCE_FORMAT } from '../../domain/call-reference';
import { CHANGE_REASONS, EXTERNAL_REF, EXTERNAL_REF_FORMAT } from '../../domain/change-reasons';
import { CHANNELS } from '../../domain/channels';
import { ROLES } from '../../domain/roles';
import { Timestamp, Uuid, extensibleEnum } from '../../lib/openapi';
import { SlotSiteSchema, TariffSchema } from '../slots/slots.schemas';
import { PatientSchema } from '../../core/bookings/patient-input';

export const ExternalRefSchema = z
  .string()
  .regex(EXTERNAL_REF, EXTERNAL_REF_FORMAT)
  .openapi({
    example: 'rdv-2026-000123',
    description: `Your own id for this booking, echoed in its webhooks and events: ${EXTERNAL_REF_FORMAT}.`,
  });

/** Why a booking was cancelled or moved, in answers and events: new reasons may appear within /v1. */
export const changeReason = (why: string) =>
  extensibleEnum(
    CHANGE_REASONS,
    `${why} A code, never free text. New reasons may appear within /v1: show one you do not know as other.`,
  );

// The reasons accepted today: a closed list for requests (answers carry ChangeReason, which may grow).
const ChangeReasonInput = z
  .enum(CHANGE_REASONS)
  .openapi({ description: 'Why, as a code (never free text: it travels in events and webhooks).' });

export const NotificationChoiceSchema = z
  .strictObject({
    sms: z.boolean().optional().openapi({
      description: 'Default true. Ignored (stored false) when the phone is a landline: no SMS can reach it.',
    }),
    email: z
      .boolean()
      .optional()
      .openapi({ description: 'Default true when patient.email is given; ignored without one.' }),
  })
  .openapi('NotificationChoice', {
    description:
      'How the patient wants their confirmation, reminder and notices: SMS to a mobile, email. Landline-only patients are phoned by the call centre when a cancellation or change cannot reach them.',
  });

// The writable fields, and nothing else: id, status, channel, owner and amounts are the server's.
export const NewBookingSchema = z
  .strictObject({
    slotId: Uuid.optional(),
    holdId: Uuid.optional(),
    patient: PatientSchema,
    notifications: NotificationChoiceSchema.optional(),
    noOverbilling: z.boolean().optional().openapi({
      description: 'Must be true: the consultation is billed at the tarif opposable, without dépassement d’honoraires.',
    }),
    callReference: z
      .string()
      .regex(CALL_REFERENCE, CALL_REFERENCE_FORMAT)
      .optional()
      .openapi({
        description: `Call-centre agents: the reference of the call (required for them; ${CALL_REFERENCE_FORMAT}). Their other changes give it in the X-Call-Reference header.`,
      }),
    externalRef: ExternalRefSchema.optional(),
  })
  .refine((b) => (b.slotId === undefined) !== (b.holdId === undefined), {
    message: 'give exactly one of slotId or holdId',
    path: ['slotId'],
  })
  // Two variants a generated client narrows on: by slot or by hold, each with noOverbilling: true
  // (the server answers 422 overbilling_not_allowed without it, so the contract requires it).
  .openapi('NewBooking', {
    oneOf: (['slotId', 'holdId'] as const).map((key) => ({
      type: 'object' as const,
      title: key === 'slotId' ? 'BookingBySlot' : 'BookingByHold',
      required: [key, 'noOverbilling'],
      properties: { [key]: { type: 'string' as const, format: 'uuid' }, noOverbilling: { const: true } },
    })),
  });

// A slot's site plus what a patient needs on the day; slots keep SlotSite as it is.
export const BookingSiteSchema = SlotSiteSchema.extend({
  phone: z.string().openapi({
    description: 'The site’s phone number, as the site gave it: the number to call on the day.',
    example: '0558000000',
  }),
  accessibility: z.string().nullable().openapi({
    description:
      'The site’s accessibility note (step-free access, reserved parking…), as the site wrote it; null if none.',
  }),
  timeZone: z.string().openapi({
    description: 'The site’s time zone (IANA), in which slot.startsAt and slot.endsAt are written.',
    example: 'Europe/Paris',
  }),
}).openapi('BookingSite');

export const BookingStatusSchema = extensibleEnum(
  BOOKING_STATUSES,
  'booked → arrived → fulfilled; booked → cancelled; booked → noshow. New statuses may appear within /v1: show one you do not know as it is, and treat it as no longer bookable.',
  'BookingStatus',
);

export const BookingSchema = z
  .object({
    id: Uuid,
    reference: z.string().regex(BOOKING_REFERENCE).openapi({
      example: 'K7M4PXQ2',
      description:
        'The short code printed on every confirmation: the patient gives it (with their birth date) at /rdv or to the call centre to find the booking. 8 characters from 23456789ABCDEFGHJKMNPQRSTVWXYZ; unique.',
    }),
    status: BookingStatusSchema,
    slot: z.object({ id: Uuid, startsAt: Timestamp, endsAt: Timestamp }).openapi('BookingSlot'),
    site: BookingSiteSchema,
    missionId: Uuid,
    tariff: TariffSchema,
    noOverbilling: z.literal(true),
    channel: z.enum(CHANNELS),
    patient: z
      .object({
        firstName: z.string(),
        lastName: z.string(),
        birthDate: z.string(),
        phone: z.string().openapi({ description: 'E.164', example: '+33612345678' }),
        phoneCanReceiveSms: z
          .boolean()
          .openapi({ description: 'A mobile number: SMS reminders can reach it (a landline cannot).' }),
        email: z.string().nullable(),
      })
      .nullable()
      .openapi({
        description:
          'Null once the patient’s data is erased: 12 months after the consultation or the cancellation, or on request. The booking stays, counted.',
      }),
    notifications: z.object({ sms: z.boolean(), email: z.boolean() }).openapi('NotificationChannels', {
      description: 'The channels messages to the patient use (see GET /v1/bookings/{id}/notifications).',
    }),
    callReference: z.string().nullable(),
    clientId: z.string().nullable(),
    externalRef: z
      .string()
      .nullable()
      .openapi({ description: 'Your own id for the booking, as you gave it when booking.' }),
    createdAt: Timestamp,
    updatedAt: Timestamp.openapi({
      description:
        'The last change of this booking (status, slot, billing…): sync with GET /v1/bookings?updatedSince=.',
    }),
    cancelledAt: Timestamp.nullable(),
    // A closed set in the contract; the presenter's type stays a string.
    cancelledBy: z
      .string()
      .nullable()
      .openapi({
        enum: [...ROLES, null],
        description: 'The role of whoever cancelled (doctor when the mission was cancelled).',
      }),
    cancelReason: changeReason('Why it was cancelled, when the canceller said.').nullable(),
    arrivedAt: Timestamp.nullable(),
    completedAt: Timestamp.nullable(),
    noShowAt: Timestamp.nullable(),
    billing: z
      .object({ acts: z.array(z.string()), billedCents: z.number().int(), overbillingCents: z.literal(0) })
      .openapi('Billing')
      .nullable()
      .openapi({ description: 'What the doctor billed on completion: always the tarif opposable.' }),
  })
  .openapi('Booking');

export const CompletionSchema = z
  .strictObject({
    acts: z
      .array(
        z.strictObject({
          code: z.string().regex(/^[A-Z0-9]{1,8}$/, 'an act code is 1 to 8 capital letters or digits'),
        }),
      )
      .min(1)
      .max(10)
      .openapi({
        example: [{ code: 'G' }],
        description:
          'G, plus MEG for a patient under 6 on the consultation date. DE and DA (dépassements) are refused.',
      }),
    billedCents: z
      .number()
      .int()
      .min(0)
      .max(1_000_000)
      .openapi({ example: 3000, description: 'Must equal the tarif opposable of the acts.' }),
    overbillingCents: z.number().int().min(0).optional().openapi({ description: 'If given, must be 0.' }),
  })
  .openapi('Completion');

export const RescheduleSchema = z
  .strictObject({
    slotId: Uuid.optional().openapi({ description: 'The new slot, if free.' }),
    holdId: Uuid.optional().openapi({ description: 'Your hold on the new slot.' }),
    reason: ChangeReasonInput.optional().openapi({
      description: 'Why the booking moves: carried by the booking.rescheduled event.',
    }),
  })
  .refine((b) => (b.slotId === undefined) !== (b.holdId === undefined), {
    message: 'give exactly one of slotId or holdId',
    path: ['slotId'],
  })
  .openapi('Reschedule', { oneOf: [{ required: ['slotId'] }, { required: ['holdId'] }] });

export const CancellationSchema = z
  .strictObject({
    reason: ChangeReasonInput.optional().openapi({
      description: 'Why: kept on the booking (cancelReason) and carried by the booking.cancelled event.',
    }),
  })
  .openapi('Cancellation');
