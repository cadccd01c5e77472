// The coverage views as the API and the ARS pages show them: the query's rows, the holidays left out
// of each territory's working days, and the totals (summed here: no second query).
import type { Db } from '../../db/client';
import { weekdayHolidays, type Holiday, type Territory } from '../../domain/public-holidays';
import { regionCode } from '../../domain/regions';
import type { RegionScope } from '../../domain/region-scope';
import { regionCoverage, zoneCoverage } from './coverage.queries';

/** part / whole to 4 decimals; null when there is nothing to cover. */
export const coverageRate = (covered: number, working: number) =>
  working === 0 ? null : Math.round((covered / working) * 10_000) / 10_000;

export interface CoverageTotals {
  zones: number;
  workingDays: number;
  coveredDays: number;
  rate: number | null;
  fullyCoveredZones: number;
}

export interface ZoneCoverage {
  siren: string;
  name: string;
  region: { code: string | null; name: string };
  departement: string;
  territory: Territory;
  designatedOn: string;
  workingDays: number;
  coveredDays: number;
  rate: number | null;
  uncoveredDays: string[];
  holidays: Holiday[];
}

/** The priority zones of an ARS caller's regions (of one region, when named). */
export async function coverageByZone(
  db: Db,
  month: string,
  now: Date,
  scope: RegionScope | undefined,
  regionName?: string,
) {
  const rows = await zoneCoverage(db, month, now, regionName, scope);
  const zones: ZoneCoverage[] = rows.map((r) => ({
    siren: r.siren,
    name: r.name,
    region: { code: regionCode(r.region) ?? null, name: r.region },
    departement: r.departement,
    territory: r.territory as Territory,
    designatedOn: r.designated_on,
    workingDays: r.working_days,
    coveredDays: r.covered_days,
    rate: coverageRate(r.covered_days, r.working_days),
    uncoveredDays: r.uncovered,
    holidays: weekdayHolidays(month, r.territory as Territory),
  }));
  return {
    zones,
    totals: totalsOf(
      zones.map((z) => ({
        zones: 1,
        workingDays: z.workingDays,
        coveredDays: z.coveredDays,
        fullyCoveredZones: full(z),
      })),
    ),
  };
}

export interface RegionCoverage {
  region: { code: string | null; name: string };
  zones: number;
  workingDays: number;
  coveredDays: number;
  rate: number | null;
  fullyCoveredZones: number;
  uncoveredDays: Array<{ date: string; zones: number }>;
}

/** The regions of an ARS caller's scope that have priority zones; the totals are theirs. */
export async function coverageByRegion(db: Db, month: string, now: Date, scope: RegionScope | undefined) {
  const rows = await regionCoverage(db, month, now, scope);
  const regions: RegionCoverage[] = rows.map((r) => ({
    region: { code: regionCode(r.region) ?? null, name: r.region },
    zones: r.zones,
    workingDays: r.working_days,
    coveredDays: r.covered_days,
    rate: coverageRate(r.covered_days, r.working_days),
    fullyCoveredZones: r.fully_covered,
    uncoveredDays: r.uncovered,
  }));
  return { regions, totals: totalsOf(regions) };
}

const full = (z: { workingDays: number; coveredDays: number }) =>
  z.workingDays > 0 && z.coveredDays === z.workingDays ? 1 : 0;

function totalsOf(
  parts: Array<{ zones: number; workingDays: number; coveredDays: number; fullyCoveredZones: number }>,
): CoverageTotals {
  const sum = (key: 'zones' | 'workingDays' | 'coveredDays' | 'fullyCoveredZones') =>
    parts.reduce((n, p) => n + p[key], 0);
  return {
    zones: sum('zones'),
    workingDays: sum('workingDays'),
    coveredDays: sum('coveredDays'),
    rate: coverageRate(sum('coveredDays'), sum('workingDays')),
    fullyCoveredZones: sum('fullyCoveredZones'),
  };
}
