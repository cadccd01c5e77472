import { z } from '@hono/zod-openapi';
import { LocalDate, LocalTime, Uuid } from '../../lib/openapi';

export const NewMissionSchema = z
  .strictObject({
    siteId: Uuid,
    date: LocalDate.openapi({ description: 'The day, in the site’s time zone.' }),
    start: LocalTime.openapi({ description: 'Local start time at the site.' }),
    end: LocalTime.openapi({ description: 'Local end time at the site.', example: '17:00' }),
    slotMinutes: z.number().int().min(10).max(60).openapi({ example: 20 }),
  })
  .openapi('NewMission');

export const MissionSchema = z
  .object({
    id: z.string(),
    siteId: z.string(),
    epciSiren: z.string(),
    date: z.string(),
    start: z.string(),
    end: z.string(),
    startsAt: z.string().openapi({ description: 'ISO 8601 with the site’s offset' }),
    endsAt: z.string(),
    slotMinutes: z.number().int(),
    dayKind: z.enum(['full', 'half']).openapi({ description: 'full: six hours or more (200 € indemnity); half: less (100 €).' }),
    status: z.enum(['planned', 'cancelled']),
    slotCount: z.number().int(),
    bookedCount: z.number().int(),
  })
  .openapi('Mission');

export const CancelledMissionSchema = MissionSchema.extend({
  cancelledBookings: z.number().int().openapi({ description: 'Bookings cancelled with the mission (cancelledBy: doctor).' }),
}).openapi('CancelledMission');
