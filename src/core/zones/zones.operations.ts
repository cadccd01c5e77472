// Designating and withdrawing a priority zone, as the API and the ARS pages do it. The rate limiter
// of this isolate learns of the change at once (known-zones.ts); other isolates on their refresh.
import { mapDatabaseError } from '../../db/errors';
import type { Db } from '../../db/client';
import { zoneDesignated, zoneWithdrawn } from './known-zones';
import { deletePriorityZone, findZone, insertPriorityZone } from './zones.queries';

export type Designation =
  | { outcome: 'designated'; zone: NonNullable<Awaited<ReturnType<typeof findZone>>> }
  | { outcome: 'unknown_epci' }
  | { outcome: 'already_priority' };

/** `actor`: the ARS caller's sub, kept with the period of validity. */
export async function designatePriorityZone(db: Db, siren: string, source: string, now: Date, actor: string): Promise<Designation> {
  const zone = await findZone(db, siren);
  if (!zone) return { outcome: 'unknown_epci' };
  if (!(await insertPriorityZone(db, siren, source, now, actor))) return { outcome: 'already_priority' };
  zoneDesignated(siren);
  return { outcome: 'designated', zone: { ...zone, priority: true } };
}

/**
 * A zone with sites stays: the sites' foreign key refuses (zone_has_sites). A withdrawn zone keeps
 * its period of validity, so that past months' coverage does not change.
 */
export async function withdrawPriorityZone(db: Db, siren: string, now: Date, actor: string): Promise<'withdrawn' | 'not_priority' | 'has_sites'> {
  try {
    if (!(await deletePriorityZone(db, siren, now, actor))) return 'not_priority';
  } catch (error) {
    if (mapDatabaseError(error)?.code === 'zone_has_sites') return 'has_sites';
    throw error;
  }
  zoneWithdrawn(siren);
  return 'withdrawn';
}
