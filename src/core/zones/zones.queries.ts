import { asc, eq, gt, sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { epci, priorityZones } from '../../db/schema';

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

/** How many consultation sites a zone has (a zone with sites cannot be withdrawn). */
export async function zoneSiteCount(db: Db, siren: string) {
  const { rows } = await db.execute<{ n: number }>(sql`SELECT count(*)::int AS n FROM sites WHERE epci_siren = ${siren}`);
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

/** Withdraws the zone and closes its period (the history stays); false when it was not one. */
export async function deletePriorityZone(db: Db, siren: string, now: Date, actor: string) {
  const { rows } = await db.execute<{ siren: string }>(sql`
    WITH zone AS (DELETE FROM priority_zones WHERE siren = ${siren} RETURNING siren), period AS (
      UPDATE zone_designations d SET withdrawn_at = greatest(${now}::timestamptz, d.designated_at), withdrawn_by = ${actor}
      FROM zone WHERE d.siren = zone.siren AND d.withdrawn_at IS NULL
    )
    SELECT siren FROM zone`);
  return rows.length === 1;
}

/** The priority zones as the ARS manages them: with their source, designation and number of sites. */
export function priorityZonesWithSources(db: Db, afterSiren: string | undefined, limit: number) {
  return db
    .select({
      siren: epci.siren, name: epci.name, departements: epci.departements, region: epci.region,
      source: priorityZones.source, designatedAt: priorityZones.designatedAt,
      sites: sql<number>`(SELECT count(*)::int FROM sites s WHERE s.epci_siren = ${epci.siren})`,
    })
    .from(epci)
    .innerJoin(priorityZones, eq(priorityZones.siren, epci.siren))
    .where(afterSiren ? gt(epci.siren, afterSiren) : undefined)
    .orderBy(asc(epci.siren))
    .limit(limit);
}

/** Every priority zone by name, for choosing one in a list. */
export function priorityZoneNames(db: Db) {
  return db.select({ siren: epci.siren, name: epci.name }).from(epci).innerJoin(priorityZones, eq(priorityZones.siren, epci.siren)).orderBy(asc(epci.name), asc(epci.siren));
}
