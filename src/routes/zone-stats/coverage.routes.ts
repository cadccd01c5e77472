import { createRoute, z } from '@hono/zod-openapi';
import { TERRITORIES, isMonth } from '../../domain/public-holidays';
import { regionName } from '../../domain/regions';
import { CalendarDate, errorResponses, json } from '../../lib/openapi';
import { allow } from '../../middleware/require-role';

const Month = z
  .string()
  .refine(isMonth, 'a month is YYYY-MM')
  .openapi({ example: '2026-12', description: 'The month, YYYY-MM (default: the current month in Europe/Paris).' });

const RegionCode = z
  .string()
  .refine((code) => regionName(code) !== undefined, 'an INSEE region code, e.g. 76 for Occitanie')
  .openapi({ example: '76', description: 'INSEE region code (01 Guadeloupe … 94 Corse).' });

const Region = z.object({ code: z.string().nullable(), name: z.string() }).openapi('RegionRef');

const Rate = z
  .number()
  .nullable()
  .openapi({ description: 'coveredDays / workingDays, 0 to 1; null when there is no working day to cover.' });

const Totals = z
  .object({
    zones: z.number().int(),
    workingDays: z.number().int().openapi({ description: 'Zone working days: the sum over the zones.' }),
    coveredDays: z.number().int(),
    rate: Rate,
    fullyCoveredZones: z.number().int().openapi({ description: 'Zones with every working day covered.' }),
  })
  .openapi('CoverageTotals');

const Holiday = z.object({ date: CalendarDate, name: z.string() }).openapi('PublicHoliday');

export const ZoneCoverageSchema = z
  .object({
    siren: z.string(),
    name: z.string(),
    region: Region,
    departement: z.string(),
    territory: z.enum(TERRITORIES).openapi({
      description: 'Whose public holidays apply: metropolitan France, Alsace-Moselle or an overseas département.',
    }),
    designatedOn: CalendarDate.openapi({
      description: 'A zone counts from the day it was designated (in its time zone).',
    }),
    workingDays: z.number().int().openapi({
      description: 'Monday to Friday, public holidays of the territory excluded, from the designation on.',
    }),
    coveredDays: z.number().int().openapi({
      description: 'Working days with at least one mission day held or still to come (not cancelled, not missed).',
    }),
    rate: Rate,
    uncoveredDays: z.array(CalendarDate),
    holidays: z
      .array(Holiday)
      .openapi({ description: 'The territory’s public holidays on a weekday of the month, left out.' }),
  })
  .openapi('ZoneCoverage');

const CoverageSchema = z
  .object({ month: z.string(), region: Region.nullable(), zones: z.array(ZoneCoverageSchema), totals: Totals })
  .openapi('Coverage');

const RegionCoverageSchema = z
  .object({
    region: Region,
    zones: z.number().int(),
    workingDays: z.number().int(),
    coveredDays: z.number().int(),
    rate: Rate,
    fullyCoveredZones: z.number().int(),
    uncoveredDays: z.array(
      z.object({
        date: CalendarDate,
        zones: z.number().int().openapi({ description: 'Zones of the region without a doctor that day.' }),
      }),
    ),
  })
  .openapi('RegionCoverage');

const description =
  'Coverage is the scheme’s yardstick: in each priority zone, a doctor every working day. Computed in one query, over the regions of the token’s `regions` claim only (the totals are theirs).';

export const getCoverage = createRoute({
  ...allow('admin'),
  operationId: 'getCoverage',
  method: 'get',
  path: '/v1/coverage',
  tags: ['Zones'],
  summary: 'Coverage of a month, zone by zone (of one region, or all), with the days left uncovered',
  description,
  request: { query: z.object({ month: Month.optional(), region: RegionCode.optional() }) },
  responses: {
    200: json(CoverageSchema, 'Each priority zone of the month, and the totals'),
    ...errorResponses(401, 403),
  },
});

export const getRegionCoverage = createRoute({
  ...allow('admin'),
  operationId: 'getRegionCoverage',
  method: 'get',
  path: '/v1/coverage/regions',
  tags: ['Zones'],
  summary: 'Coverage of a month, region by region',
  description,
  request: { query: z.object({ month: Month.optional() }) },
  responses: {
    200: json(
      z
        .object({ month: z.string(), regions: z.array(RegionCoverageSchema), totals: Totals })
        .openapi('RegionsCoverage'),
      'Each region with priority zones, and the national totals',
    ),
    ...errorResponses(401, 403),
  },
});
