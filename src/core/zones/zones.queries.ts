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

/** Returns false when the EPCI is already a priority zone. */
export async function insertPriorityZone(db: Db, siren: string, source: string, now: Date) {
  const rows = await db.insert(priorityZones).values({ siren, source, designatedAt: now }).onConflictDoNothing().returning({ siren: priorityZones.siren });
  return rows.length === 1;
}

export async function deletePriorityZone(db: Db, siren: string) {
  const rows = await db.delete(priorityZones).where(eq(priorityZones.siren, siren)).returning({ siren: priorityZones.siren });
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
