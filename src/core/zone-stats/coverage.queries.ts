// Coverage, the scheme's yardstick: of a month's working days in a priority zone, those with at
// least one mission day held or still to come. The working days of each territory (public holidays
// are a domain rule, src/domain/public-holidays.ts) and which départements belong to which territory
// come in as parameters; the zones, their days and their missions meet in one statement per view.
import { sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import type { RegionScope } from '../../domain/region-scope';
import { inScope } from '../regions/in-scope';
import { textArray } from '../../db/text-array';
import { TERRITORIES, TERRITORY_DEPARTEMENTS, workingDays } from '../../domain/public-holidays';

export type ZoneCoverageRow = {
  siren: string;
  name: string;
  region: string;
  departement: string;
  territory: string;
  designated_on: string;
  working_days: number;
  covered_days: number;
  uncovered: string[];
};

export type RegionCoverageRow = {
  region: string;
  zones: number;
  working_days: number;
  covered_days: number;
  fully_covered: number;
  uncovered: Array<{ date: string; zones: number }>;
};

/**
 * Each zone that was a priority zone some day of the month (in its time zone), with each of its
 * territory's working days within its periods of validity, and whether a mission day covers it:
 * not cancelled, and checked in or not over yet (a missed day covers nothing).
 */
function zoneDays(month: string, now: Date, region: string | undefined, scope: RegionScope | undefined) {
  const days = TERRITORIES.flatMap((t) => workingDays(month, t).map((day) => ({ t, day })));
  const territoryOf = Object.entries(TERRITORY_DEPARTEMENTS).flatMap(([t, deps]) => deps.map((d) => ({ t, d })));
  return sql`
    territory_days (territory, day) AS (
      SELECT * FROM unnest(${textArray(days.map((x) => x.t))}::text[], ${textArray(days.map((x) => x.day))}::date[])
    ), departement_territory (departement, territory) AS (
      SELECT * FROM unnest(${textArray(territoryOf.map((x) => x.d))}::text[], ${textArray(territoryOf.map((x) => x.t))}::text[])
    ), periods AS (
      -- Each period of validity overlapping the month, in the zone's days: a withdrawn zone keeps
      -- the months it was a priority zone (zone_designations), so past coverage never changes.
      SELECT d.siren, (d.designated_at AT TIME ZONE e.time_zone)::date AS from_day, (d.withdrawn_at AT TIME ZONE e.time_zone)::date AS to_day
      FROM zone_designations d JOIN epci e ON e.siren = d.siren
      WHERE (d.designated_at AT TIME ZONE e.time_zone)::date < (${`${month}-01`}::date + interval '1 month')
        AND (d.withdrawn_at IS NULL OR (d.withdrawn_at AT TIME ZONE e.time_zone)::date > ${`${month}-01`}::date)
    ), zones AS (
      -- A zone's territory is its first département's (the two EPCI astride Moselle and
      -- Meurthe-et-Moselle follow the département the reference data lists first).
      SELECT e.siren, e.name, e.region, e.departements[1] AS departement, coalesce(dt.territory, 'metropole') AS territory,
             min(p.from_day) AS designated_on
      FROM periods p JOIN epci e ON e.siren = p.siren
      LEFT JOIN departement_territory dt ON dt.departement = e.departements[1]
      WHERE (${region ?? null}::text IS NULL OR e.region = ${region ?? null}) AND ${inScope(scope, sql`e.region`)}
      GROUP BY e.siren, e.name, e.region, e.departements[1], dt.territory
    ), zone_days AS (
      SELECT z.siren, d.day, EXISTS (
        SELECT 1 FROM missions m
        WHERE m.epci_siren = z.siren AND m.local_date = d.day AND m.status <> 'cancelled'
          AND (m.checked_in_at IS NOT NULL OR m.ends_at > ${now})
      ) AS covered
      FROM zones z JOIN territory_days d ON d.territory = z.territory
      WHERE EXISTS (SELECT 1 FROM periods p WHERE p.siren = z.siren AND p.from_day <= d.day AND (p.to_day IS NULL OR d.day < p.to_day))
    )`;
}

/** One row per priority zone of the month (of one region, when named), by name. */
export async function zoneCoverage(
  db: Db,
  month: string,
  now: Date,
  region: string | undefined,
  scope: RegionScope | undefined,
) {
  const { rows } = await db.execute<ZoneCoverageRow>(sql`
    WITH ${zoneDays(month, now, region, scope)}
    SELECT z.siren, z.name, z.region, z.departement, z.territory, z.designated_on::text AS designated_on,
      count(zd.day)::int AS working_days,
      (count(zd.day) FILTER (WHERE zd.covered))::int AS covered_days,
      coalesce(array_agg(zd.day::text ORDER BY zd.day) FILTER (WHERE NOT zd.covered), '{}') AS uncovered
    FROM zones z LEFT JOIN zone_days zd ON zd.siren = z.siren
    GROUP BY z.siren, z.name, z.region, z.departement, z.territory, z.designated_on
    ORDER BY commune_search_key(z.name), z.siren`);
  return rows;
}

/** One row per region with priority zones in the month, with each day some of its zones left uncovered. */
export async function regionCoverage(db: Db, month: string, now: Date, scope: RegionScope | undefined) {
  const { rows } = await db.execute<RegionCoverageRow>(sql`
    WITH ${zoneDays(month, now, undefined, scope)},
    per_zone AS (
      SELECT z.siren, z.region, count(zd.day) AS working_days, count(zd.day) FILTER (WHERE zd.covered) AS covered_days
      FROM zones z LEFT JOIN zone_days zd ON zd.siren = z.siren
      GROUP BY z.siren, z.region
    ), gaps AS (
      SELECT z.region, zd.day, count(*)::int AS zones
      FROM zones z JOIN zone_days zd ON zd.siren = z.siren
      WHERE NOT zd.covered
      GROUP BY z.region, zd.day
    )
    SELECT r.region, r.zones, r.working_days, r.covered_days, r.fully_covered,
      coalesce((SELECT json_agg(json_build_object('date', g.day::text, 'zones', g.zones) ORDER BY g.day) FROM gaps g WHERE g.region = r.region), '[]') AS uncovered
    FROM (
      SELECT region, count(*)::int AS zones, sum(working_days)::int AS working_days, sum(covered_days)::int AS covered_days,
        (count(*) FILTER (WHERE working_days > 0 AND covered_days = working_days))::int AS fully_covered
      FROM per_zone GROUP BY region
    ) r
    ORDER BY r.region`);
  return rows;
}
