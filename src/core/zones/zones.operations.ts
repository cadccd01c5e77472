// Designating and withdrawing a priority zone, as the API and the ARS pages do it. The rate limiter
// of this isolate learns of the change at once (known-zones.ts); other isolates on their refresh.
import { mapDatabaseError } from '../../db/errors';
import type { Db } from '../../db/client';
import type { RegionScope } from '../../domain/region-scope';
import { zoneDesignated, zoneWithdrawn } from './known-zones';
import { deletePriorityZone, insertPriorityZone, zoneOfRegions } from './zones.queries';

export type Designation =
  | { outcome: 'designated'; zone: NonNullable<Awaited<ReturnType<typeof zoneOfRegions>>> }
  | { outcome: 'unknown_epci' }
  | { outcome: 'already_priority' };

/** An EPCI outside the caller's regions is as unknown as none (404). `actor`: the ARS caller's sub, kept with the period of validity. */
export async function designatePriorityZone(
  db: Db,
  siren: string,
  source: string,
  now: Date,
  scope: RegionScope | undefined,
  actor: string,
): Promise<Designation> {
  const zone = await zoneOfRegions(db, siren, scope);
  if (!zone) return { outcome: 'unknown_epci' };
  if (!(await insertPriorityZone(db, siren, source, now, actor))) return { outcome: 'already_priority' };
  zoneDesignated(siren);
  return { outcome: 'designated', zone: { ...zone, priority: true } };
}

/**
 * A zone with sites stays: the sites' foreign key refuses (zone_has_sites). A withdrawn zone keeps
 * its period of validity, so that past months' coverage does not change.
 */
export async function withdrawPriorityZone(
  db: Db,
  siren: string,
  scope: RegionScope | undefined,
  now: Date,
  actor: string,
): Promise<'withdrawn' | 'not_priority' | 'has_sites'> {
  try {
    if (!(await deletePriorityZone(db, siren, scope, now, actor))) return 'not_priority';
  } catch (error) {
    if (mapDatabaseError(error)?.code === 'zone_has_sites') return 'has_sites';
    throw error;
  }
  zoneWithdrawn(siren);
  return 'withdrawn';
}
