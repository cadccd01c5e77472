import { and, asc, eq, gt, sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { epci, priorityZones } from '../../db/schema';
import type { RegionScope } from '../../domain/region-scope';
import { inScope } from '../regions/in-scope';

export const zoneColumns = {
  siren: epci.siren,
  name: epci.name,
  type: epci.type,
  population: epci.population,
  departements: epci.departements,
  region: epci.region,
  timeZone: epci.timeZone,
  priority: sql<boolean>`${priorityZones.siren} is not null`,
};

export function listPriorityZones(db: Db, afterSiren: string | undefined, limit: number) {
  return db
    .select(zoneColumns)
    .from(epci)
    .innerJoin(priorityZones, eq(priorityZones.siren, epci.siren))
    .where(afterSiren ? gt(epci.siren, afterSiren) : undefined)
    .orderBy(asc(epci.siren))
    .limit(limit);
}

export async function findZone(db: Db, siren: string) {
  const [zone] = await db
    .select(zoneColumns)
    .from(epci)
    .leftJoin(priorityZones, eq(priorityZones.siren, epci.siren))
    .where(eq(epci.siren, siren));
  return zone;
}

/** An EPCI as ARS staff read it: only one of their regions, as if no other existed. */
export async function zoneOfRegions(db: Db, siren: string, scope: RegionScope | undefined) {
  const [zone] = await db
    .select(zoneColumns)
    .from(epci)
    .leftJoin(priorityZones, eq(priorityZones.siren, epci.siren))
    .where(and(eq(epci.siren, siren), inScope(scope, sql`${epci.region}`)));
  return zone;
}

/** How many consultation sites a zone has (a zone with sites cannot be withdrawn). */
export async function zoneSiteCount(db: Db, siren: string) {
  const { rows } = await db.execute<{ n: number }>(
    sql`SELECT count(*)::int AS n FROM sites WHERE epci_siren = ${siren}`,
  );
  return rows[0].n;
}

/**
 * Designates the zone and opens its period of validity in one statement; returns false when the
 * EPCI is already a priority zone.
 */
export async function insertPriorityZone(db: Db, siren: string, source: string, now: Date, actor: string) {
  const { rows } = await db.execute<{ siren: string }>(sql`
    WITH zone AS (
      INSERT INTO priority_zones (siren, source, designated_at) VALUES (${siren}, ${source}, ${now})
      ON CONFLICT (siren) DO NOTHING RETURNING siren
    ), period AS (
      INSERT INTO zone_designations (id, siren, source, designated_at, designated_by)
      SELECT gen_random_uuid(), siren, ${source}, ${now}, ${actor} FROM zone
    )
    SELECT siren FROM zone`);
  return rows.length === 1;
}

/** Withdraws a priority zone of the caller's regions and closes its period (the history stays); false when there is none with this SIREN. */
export async function deletePriorityZone(
  db: Db,
  siren: string,
  scope: RegionScope | undefined,
  now: Date,
  actor: string,
) {
  const { rows } = await db.execute<{ siren: string }>(sql`
    WITH zone AS (
      DELETE FROM priority_zones p WHERE p.siren = ${siren} AND ${inScope(scope, sql`(SELECT e.region FROM epci e WHERE e.siren = p.siren)`)}
      RETURNING siren
    ), period AS (
      UPDATE zone_designations d SET withdrawn_at = greatest(${now}::timestamptz, d.designated_at), withdrawn_by = ${actor}
      FROM zone WHERE d.siren = zone.siren AND d.withdrawn_at IS NULL
    )
    SELECT siren FROM zone`);
  return rows.length === 1;
}

/** Names in the order people read them: case, accents, hyphens and apostrophes aside (the database's collation puts 'CC Decazeville' before 'CC de Cèze'). */
const byName = sql`commune_search_key(${epci.name})`;

/** The priority zones of an ARS caller's regions as they manage them, by name: with their source, designation and number of sites. */
export function priorityZonesWithSources(
  db: Db,
  scope: RegionScope | undefined,
  afterSiren: string | undefined,
  limit: number,
) {
  return db
    .select({
      siren: epci.siren,
      name: epci.name,
      departements: epci.departements,
      region: epci.region,
      source: priorityZones.source,
      designatedAt: priorityZones.designatedAt,
      sites: sql<number>`(SELECT count(*)::int FROM sites s WHERE s.epci_siren = ${epci.siren})`,
    })
    .from(epci)
    .innerJoin(priorityZones, eq(priorityZones.siren, epci.siren))
    .where(
      and(
        inScope(scope, sql`${epci.region}`),
        afterSiren
          ? sql`(${byName}, ${epci.siren}) > ((SELECT commune_search_key(a.name) FROM epci a WHERE a.siren = ${afterSiren}), ${afterSiren})`
          : undefined,
      ),
    )
    .orderBy(asc(byName), asc(epci.siren))
    .limit(limit);
}

/** Every priority zone of an ARS caller's regions by name, for choosing one in a list. */
export function priorityZoneNames(db: Db, scope: RegionScope | undefined) {
  return db
    .select({ siren: epci.siren, name: epci.name })
    .from(epci)
    .innerJoin(priorityZones, eq(priorityZones.siren, epci.siren))
    .where(inScope(scope, sql`${epci.region}`))
    .orderBy(asc(byName), asc(epci.siren));
}

/**
 * EPCI of an ARS caller's regions whose name contains every word typed (case, accents, hyphens and
 * apostrophes ignored, as commune names are: commune_search_key),
 * by name, each with whether it is already a priority zone: to designate one by its name.
 */
export async function epciByName(db: Db, words: string, scope: RegionScope | undefined, limit: number) {
  const terms = words.split(/\s+/).filter(Boolean).slice(0, 6);
  const { rows } = await db.execute<{
    siren: string;
    name: string;
    departements: string[];
    region: string;
    priority: boolean;
  }>(sql`
    SELECT e.siren, e.name, e.departements, e.region, p.siren IS NOT NULL AS priority
    FROM epci e LEFT JOIN priority_zones p ON p.siren = e.siren
    WHERE ${inScope(scope, sql`e.region`)}
      ${sql.join(
        terms.map((t) => sql` AND strpos(commune_search_key(e.name), commune_search_key(${t})) > 0`),
        sql``,
      )}
    ORDER BY commune_search_key(e.name), e.siren LIMIT ${limit}`);
  return rows;
}
