import { z } from '@hono/zod-openapi';
import { PatientSchema } from '../../core/bookings/patient-input';
import { CALL_REFERENCE, CALL_REFERENCE_FORMAT } from '../../domain/call-reference';
import { MAX_OFFERS_PER_ENTRY, WAITLIST_STATUSES } from '../../domain/waitlist';
import { CalendarDate, Insee, LocalDate, Siren, Timestamp, Uuid, extensibleEnum } from '../../lib/openapi';
import { NotificationChoiceSchema } from '../bookings/bookings.schemas';

// The writable fields, and nothing else: id, status, owner and offers are the server's.
export const NewWaitlistEntrySchema = z
  .strictObject({
    zone: Siren.openapi({ description: 'The priority zone (EPCI SIREN) to wait in.' }),
    communes: z.array(Insee).min(1).max(50).optional().openapi({
      description:
        'Only slots at sites in these communes (INSEE codes); all of the zone when absent. Each must be in the zone (422 waitlist_place_outside_zone).',
    }),
    siteIds: z.array(Uuid).min(1).max(50).optional().openapi({
      description:
        'Only slots at these sites; all of the zone when absent. Each must be in the zone (422 waitlist_place_outside_zone).',
    }),
    from: LocalDate.optional().openapi({
      description: 'First day of the window, in the zone’s local time; today when absent, never before today.',
    }),
    to: LocalDate.optional().openapi({
      description:
        'Last day of the window; 30 days after `from` when absent, at most 92 days after it. The entry ends with its window.',
    }),
    patient: PatientSchema,
    notifications: NotificationChoiceSchema.optional(),
    callReference: z
      .string()
      .regex(CALL_REFERENCE, CALL_REFERENCE_FORMAT)
      .optional()
      .openapi({
        description: `Call-centre agents: the reference of the call (required for them; ${CALL_REFERENCE_FORMAT}).`,
      }),
  })
  .openapi('NewWaitlistEntry');

export const WaitlistStatusSchema = extensibleEnum(
  WAITLIST_STATUSES,
  'waiting: for a freed slot; offered: a slot is kept for the person until offer.expiresAt; booked: the person booked in the zone (the offer, or otherwise); expired: the window ended, or three offers went unanswered; withdrawn: taken off the list.',
  'WaitlistStatus',
);

export const WaitlistEntrySchema = z
  .object({
    id: Uuid,
    zone: z.string().openapi({ description: 'EPCI SIREN of the zone.', example: '200035541' }),
    status: WaitlistStatusSchema,
    communes: z.array(z.string()).nullable(),
    siteIds: z.array(Uuid).nullable(),
    from: CalendarDate,
    to: CalendarDate,
    createdAt: Timestamp.openapi({ description: 'When the person joined: first come, first served within the zone.' }),
    offersMade: z
      .number()
      .int()
      .min(0)
      .max(MAX_OFFERS_PER_ENTRY)
      .openapi({
        description: `Offers made so far; the entry ends after ${MAX_OFFERS_PER_ENTRY} unanswered or declined.`,
      }),
    offer: z
      .object({
        slotId: Uuid,
        startsAt: Timestamp,
        expiresAt: Timestamp.openapi({ description: 'Until when the slot is kept for the person (UTC).' }),
      })
      .nullable()
      .openapi('WaitlistOffer', {
        description: 'While offered: the slot kept for the person. Accept it to book it, or decline it to pass it on.',
      }),
    bookingId: Uuid.nullable().openapi({ description: 'Once booked: the booking that ended the entry.' }),
  })
  .openapi('WaitlistEntry');
