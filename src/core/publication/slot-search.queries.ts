// The FHIR slot search (the SAS aggregator's, and by zone or postcode for portals): free slots by
// the same rule as the REST search (isFreeSlot), a page after a keyset cursor, and the total; an
// empty page brings the REST search's hints (withHints) from the same statement.
import { sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { textArray } from '../../db/text-array';
import {
  isFreeSlot,
  pageWithHints,
  withHints,
  zoneScope,
  type SearchScope,
  type ZoneFilter,
} from '../slots/slots.queries';
import { slotColumns, type PublishedSlotRow } from './publication.queries';

export type SlotSearchFilter = { rpps: string[] } | ZoneFilter;

export interface SlotSearch {
  filter: SlotSearchFilter;
  from: Date;
  to: Date;
  now: Date;
}

function scopeOf(filter: SlotSearchFilter): SearchScope {
  if (!('rpps' in filter)) return zoneScope(filter);
  const doctors = sql`m.doctor_rpps = ANY(${textArray(filter.rpps)}::text[])`;
  return { slots: doctors, missions: doctors };
}

function where(q: SlotSearch): SQL {
  return sql`${scopeOf(q.filter).slots} AND ${isFreeSlot(q.now)} AND s.starts_at >= ${q.from} AND s.starts_at <= ${q.to}`;
}

const FROM = sql`FROM slots s JOIN missions m ON m.id = s.mission_id JOIN sites si ON si.id = s.site_id`;

export async function searchFreeSlots(db: Db, q: SlotSearch, after: [string, string] | undefined, limit: number) {
  const page = sql`
    SELECT ${slotColumns(q.now)} ${FROM}
    WHERE ${where(q)} ${after ? sql`AND (s.starts_at, s.id) > (${after[0]}::timestamptz, ${after[1]}::uuid)` : sql``}
    ORDER BY s.starts_at, s.id LIMIT ${limit}`;
  return pageWithHints<PublishedSlotRow>(db, withHints(page, scopeOf(q.filter), q, q.now));
}

export async function countFreeSlots(db: Db, q: SlotSearch) {
  const { rows } = await db.execute<{ total: number }>(sql`SELECT count(*)::int AS total ${FROM} WHERE ${where(q)}`);
  return rows[0].total;
}
