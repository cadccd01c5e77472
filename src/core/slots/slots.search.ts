// A search for free slots as every door runs it: one page of slots and, when it finds none, why
// (unknown place, outside every priority zone, or simply nothing free), with the priority zones of
// the place's département when it lies outside them.
import type { Db } from '../../db/client';
import { diagnoseZone, freeSlots, priorityZonesOf, type SlotRow, type ZoneDiagnosis, type ZoneFilter } from './slots.queries';

export interface SlotSearch {
  rows: SlotRow[];
  /** The last row's (starts_at, id) when more follow. */
  next: [string, string] | null;
  /** Only when the page is empty and no cursor was given. */
  zone?: ZoneDiagnosis;
  nearbyPriorityZones?: Array<{ siren: string; name: string }>;
}

export async function searchFreeSlots(
  db: Db,
  filter: ZoneFilter,
  range: { from: Date; to: Date },
  now: Date,
  after: [string, string] | undefined,
  limit: number,
): Promise<SlotSearch> {
  const found = await freeSlots(db, filter, range, now, after, limit + 1);
  const rows = found.slice(0, limit);
  const last = rows[rows.length - 1];
  const next = found.length > limit ? ([new Date(last.starts_at).toISOString(), last.id] as [string, string]) : null;
  if (rows.length > 0 || after) return { rows, next };
  const zone = await diagnoseZone(db, filter);
  if (!zone.known || zone.priority || 'epci' in filter) return { rows, next, zone };
  return { rows, next, zone, nearbyPriorityZones: await priorityZonesOf(db, zone.departements) };
}
