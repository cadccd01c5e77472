import { and, asc, eq, gt, sql } from 'drizzle-orm';
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
    .where(and(eq(epci.siren, siren)));
  return zone;
}
