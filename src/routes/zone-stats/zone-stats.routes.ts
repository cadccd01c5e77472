import { createRoute, z } from '@hono/zod-openapi';
import { CalendarDate, LocalDate, Siren, errorResponses, json } from '../../lib/openapi';
import { allow } from '../../middleware/require-role';
import { MAX_STATS_DAYS } from '../../core/zone-stats/zone-stats';

const ChannelShare = z
  .object({
    count: z.number().int(),
    share: z
      .number()
      .nullable()
      .openapi({ description: 'Share of the booked slots, 0 to 1; null when none are booked.' }),
  })
  .openapi('ChannelShare');

export const ZoneStatsSchema = z
  .object({
    siren: z.string(),
    from: CalendarDate,
    to: CalendarDate,
    missionDays: z
      .object({
        planned: z.number().int().openapi({ description: 'Declared and not cancelled.' }),
        held: z.number().int().openapi({ description: 'Checked in.' }),
        missed: z.number().int().openapi({ description: 'Never checked in, and over.' }),
      })
      .openapi('MissionDayCounts'),
    slots: z
      .object({
        offered: z.number().int(),
        booked: z.number().int().openapi({ description: 'Bookings not cancelled.' }),
        fulfilled: z.number().int(),
        noShows: z.number().int(),
      })
      .openapi('SlotCounts'),
    noShowRate: z.number().nullable().openapi({
      description:
        'No-shows among the patients whose outcome is known (arrived, fulfilled or no-show); null when none.',
    }),
    bookedByChannel: z
      .object({ web: ChannelShare, app: ChannelShare, partner: ChannelShare, phone: ChannelShare })
      .openapi('BookingsByChannel'),
    referrals: z
      .array(
        z
          .object({
            source: z.string().nullable().openapi({
              description:
                'The `source` the aggregator appended to the slot’s booking-deep-link; null when it sent only a booking-referral.',
            }),
            count: z.number().int().openapi({ description: 'Bookings not cancelled.' }),
          })
          .openapi('ReferralCount'),
      )
      .openapi({
        description: 'Bookings that came through a SMART Scheduling Links deep link, by source, most first.',
      }),
    waitlist: z
      .object({
        waiting: z
          .number()
          .int()
          .openapi({ description: 'People waiting in the zone now (offered included), whatever the period.' }),
        offersAccepted: z
          .number()
          .int()
          .openapi({ description: 'Offers of the period’s slots that were accepted (booked).' }),
        offersExpired: z.number().int().openapi({
          description: 'Offers of the period’s slots left to expire (passed on to the next person, or back to search).',
        }),
      })
      .openapi('WaitlistCounts'),
  })
  .openapi('ZoneStats');

export const getZoneStats = createRoute({
  ...allow('admin'),
  operationId: 'getZoneStats',
  method: 'get',
  path: '/v1/zones/{siren}/stats',
  tags: ['Zones'],
  summary: 'A zone’s dashboard for the ARS: mission days, slots, bookings, no-shows, channels, waitlist',
  description: `from and to are local dates, both included (default: the current month in Europe/Paris); at most ${MAX_STATS_DAYS} days. A zone outside the token’s regions is a 404.`,
  request: {
    params: z.object({ siren: Siren }),
    query: z.object({ from: LocalDate.optional(), to: LocalDate.optional() }),
  },
  responses: {
    200: json(ZoneStatsSchema, 'The zone’s figures'),
    ...errorResponses(401, 403, 404),
  },
});
