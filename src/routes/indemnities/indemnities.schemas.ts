import { z } from '@hono/zod-openapi';
import { CalendarDate, Timestamp, Uuid } from '../../lib/openapi';

export const MonthQuery = z.object({
  month: z
    .string()
    .regex(/^(?!0000)\d{4}-(0[1-9]|1[0-2])$/, 'a month is YYYY-MM (Postgres has no year 0000)')
    .openapi({
      example: '2027-01',
      description: 'A mission day belongs to the month of its date in the site’s time zone.',
    }),
});

export const ExportQuery = MonthQuery.extend({
  format: z.enum(['json', 'csv']).optional().openapi({ description: 'csv: text/csv with a header row; default json.' }),
});

const DAY_KIND = z.enum(['full', 'half']).openapi({ description: 'full: six hours or more; half: less.' });

export const IndemnityDaySchema = z
  .object({
    missionId: Uuid,
    date: CalendarDate,
    site: z.object({ id: Uuid, name: z.string(), finess: z.string().nullable() }).openapi('IndemnitySite'),
    epciSiren: z.string(),
    dayKind: DAY_KIND,
    start: z.string(),
    end: z.string(),
    hours: z.number().openapi({ description: 'Planned hours of the day (elapsed time, DST included).', example: 7.5 }),
    checkedInAt: Timestamp.nullable(),
    checkedOutAt: Timestamp.nullable(),
    amountCents: z.number().int().openapi({
      description:
        'Paid for the presence (check-out − check-in): a full day from INDEMNITY_FULL_DAY_HOURS (6 h), a half-day from INDEMNITY_HALF_DAY_HOURS (3 h), never more than the day declared; nothing without both.',
    }),
    consultationsFulfilled: z.number().int(),
    noShows: z.number().int(),
  })
  .openapi('IndemnityDay');

export const DoctorIndemnitiesSchema = z
  .object({
    month: z.string(),
    days: z.array(IndemnityDaySchema),
    totalCents: z.number().int(),
    currency: z.literal('EUR'),
  })
  .openapi('DoctorIndemnities');

export const IndemnityLineSchema = z
  .object({
    rpps: z.string(),
    date: CalendarDate,
    site: z.string().openapi({ description: 'The site’s FINESS number, or its id when it has none.' }),
    epciSiren: z.string(),
    dayKind: DAY_KIND.openapi({
      description:
        'The day declared; a full day with less than INDEMNITY_FULL_DAY_HOURS of presence is paid as a half-day.',
    }),
    presenceHours: z
      .number()
      .openapi({ description: 'Check-out minus check-in, in hours (two decimals).', example: 6.25 }),
    amountCents: z.number().int(),
    correctionReason: z.string().nullable().openapi({
      description: 'The reason of the latest ARS correction of this day’s attendance; null when uncorrected.',
    }),
  })
  .openapi('IndemnityLine');

export const IndemnityLinesSchema = z
  .object({
    month: z.string(),
    items: z.array(IndemnityLineSchema),
    totalCents: z.number().int(),
    currency: z.literal('EUR'),
  })
  .openapi('IndemnityLines');
