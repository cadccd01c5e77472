// A search for free slots as every door runs it: one page of slots and, when it finds none, where
// to look next (the next free slot, the next mission day) and why (unknown place, outside every
// priority zone, or simply nothing free), with the priority zones of the place's département when
// it lies outside them.
import type { Db } from '../../db/client';
import {
  diagnoseZone,
  freeSlots,
  priorityZonesOf,
  type SearchHints,
  type SlotRow,
  type ZoneDiagnosis,
  type ZoneFilter,
} from './slots.queries';

export interface SlotSearch {
  rows: SlotRow[];
  /** The last row's (starts_at, id) when more follow. */
  next: [string, string] | null;
  /** Only when the page is empty: computed by the same statement as the page. */
  hints?: SearchHints;
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
  const rows = found.rows.slice(0, limit);
  const last = rows[rows.length - 1];
  const next =
    found.rows.length > limit ? ([new Date(last.starts_at).toISOString(), last.id] as [string, string]) : null;
  const { hints } = found;
  // A zone with a mission day has sites, and sites lie in priority zones (their foreign key).
  if (rows.length > 0 || after || hints?.next_mission_day) return { rows, next, hints };
  const zone = await diagnoseZone(db, filter);
  if (!zone.known || zone.priority || 'epci' in filter) return { rows, next, hints, zone };
  return { rows, next, hints, zone, nearbyPriorityZones: await priorityZonesOf(db, zone.departements) };
}
