import { z } from '@hono/zod-openapi';
import {
  bothOrNeither,
  CalendarDate,
  LocalDate,
  LocalTime,
  PageQuery,
  Siren,
  Timestamp,
  Uuid,
} from '../../lib/openapi';

export const NewMissionSchema = z
  .strictObject({
    siteId: Uuid,
    date: LocalDate.openapi({ description: 'The day, in the site’s time zone.' }),
    start: LocalTime.openapi({ description: 'Local start time at the site.' }),
    end: LocalTime.openapi({ description: 'Local end time at the site.', example: '17:00' }),
    slotMinutes: z.number().int().min(10).max(60).openapi({ example: 20 }),
  })
  .openapi('NewMission');

export const MISSION_STATUSES = ['planned', 'cancelled', 'missed'] as const;

export const MissionListQuery = PageQuery.extend({
  status: z.enum(MISSION_STATUSES).optional(),
  epci: Siren.optional().openapi({
    description: 'Required for agents and admins; doctors may use it to narrow their own list.',
  }),
});

export const CheckInSchema = z
  .strictObject({
    latitude: z.number().min(-90).max(90).optional(),
    longitude: z.number().min(-180).max(180).optional(),
  })
  .refine((p) => (p.latitude === undefined) === (p.longitude === undefined), {
    message: 'give both latitude and longitude, or neither',
    path: ['latitude'],
  })
  .openapi('CheckIn', {
    description: 'Optional: where the doctor is. Refused beyond 1 km of a site with coordinates.',
    ...bothOrNeither('latitude', 'longitude'),
  });

export const MissionSchema = z
  .object({
    id: Uuid,
    siteId: Uuid,
    epciSiren: z.string(),
    date: CalendarDate,
    start: z.string(),
    end: z.string(),
    startsAt: Timestamp.openapi({ description: 'ISO 8601 with the site’s offset' }),
    endsAt: Timestamp,
    slotMinutes: z.number().int(),
    dayKind: z
      .enum(['full', 'half'])
      .openapi({ description: 'full: six hours or more (200 € indemnity); half: less (100 €).' }),
    status: z
      .enum(MISSION_STATUSES)
      .openapi({ description: 'missed: never checked in, and its end has passed (derived, not stored).' }),
    slotCount: z.number().int(),
    bookedCount: z.number().int(),
    checkedInAt: Timestamp.nullable().openapi({ description: 'When the doctor checked in, with the site’s offset.' }),
    checkedOutAt: Timestamp.nullable(),
    offeredAt: Timestamp.nullable().openapi({
      description: 'Since when the day is offered to other volunteers (a handover); null when it is not on offer.',
    }),
    toCall: z
      .array(z.object({ bookingId: Uuid, startsAt: Timestamp, patientPhone: z.string() }).openapi('PatientToCall'))
      .optional()
      .openapi({
        description:
          'In lists, for a missed mission: its still-booked bookings, so that an agent can call each patient.',
      }),
  })
  .openapi('Mission');

export const CancelledMissionSchema = MissionSchema.extend({
  cancelledBookings: z
    .number()
    .int()
    .openapi({ description: 'Bookings cancelled with the mission (cancelledBy: doctor).' }),
}).openapi('CancelledMission');
