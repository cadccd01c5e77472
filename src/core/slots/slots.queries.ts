import { sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { textArray } from '../../db/text-array';

export type ZoneFilter = { epci: string } | { commune: string } | { postcode: string };

export type SlotRow = {
  id: string; starts_at: string; ends_at: string; time_zone: string; site_id: string; site_name: string; address: string;
  insee: string; commune_name: string; amount_cents: number; phone: string; accessibility: string | null;
};

/** Slots s of an EPCI, or of the EPCI of a commune or postcode. */
export function zoneCondition(filter: ZoneFilter): SQL {
  if ('epci' in filter) return sql`s.epci_siren = ${filter.epci}`;
  if ('commune' in filter) return sql`s.epci_siren = (SELECT epci_siren FROM communes WHERE insee = ${filter.commune})`;
  return sql`s.epci_siren IN (SELECT epci_siren FROM communes WHERE postcodes @> ARRAY[${filter.postcode}]::text[])`;
}

/**
 * The rule of a free slot, on slots aliased s: open, not under a live hold, not started. Its
 * literal `s.status = 'open'` lets the planner use the partial index slots_search_idx.
 */
export const isFreeSlot = (now: Date) => sql`s.status = 'open' AND s.starts_at > ${now} AND (s.hold_expires_at IS NULL OR s.hold_expires_at <= ${now})`;

/**
 * A slot's G, on slots s, sites si and communes c: the rate of the site's territory (its commune's
 * département) on the slot's local date.
 */
export const gPrice = sql`tariff_rate_cents('G', tariff_territory(c.departement), (s.starts_at AT TIME ZONE si.time_zone)::date)`;

/**
 * Free slots, one query: open, not under a live hold, not started, in the range, after the cursor.
 * Served by the partial index slots_search_idx (epci_siren, starts_at, id) WHERE status = 'open'.
 * Exported as SQL too, so that scripts/explain-search.ts explains exactly this query.
 */
export function freeSlotsQuery(filter: ZoneFilter, range: { from: Date; to: Date }, now: Date, after: [string, string] | undefined, limit: number): SQL {
  return sql`
    SELECT s.id, s.starts_at, s.ends_at, si.time_zone, si.id AS site_id, si.name AS site_name, si.address, si.phone, si.accessibility,
           c.insee, c.name AS commune_name, ${gPrice} AS amount_cents
    FROM slots s
    JOIN sites si ON si.id = s.site_id
    JOIN communes c ON c.insee = si.commune_insee
    WHERE ${zoneCondition(filter)}
      AND ${isFreeSlot(now)}
      AND s.starts_at >= ${range.from} AND s.starts_at < ${range.to}
      ${after ? sql`AND (s.starts_at, s.id) > (${after[0]}::timestamptz, ${after[1]}::uuid)` : sql``}
    ORDER BY s.starts_at, s.id
    LIMIT ${limit}`;
}

export async function freeSlots(db: Db, ...args: Parameters<typeof freeSlotsQuery>) {
  return (await db.execute<SlotRow>(freeSlotsQuery(...args))).rows;
}

export type ZoneDiagnosis = { known: boolean; priority: boolean; departements: string[] };

/** Why a search found nothing: unknown place, not a priority zone, or simply no free slot. */
export async function diagnoseZone(db: Db, filter: ZoneFilter): Promise<ZoneDiagnosis> {
  const { rows } = await db.execute<{ priority: boolean; departement: string }>(
    'epci' in filter
      ? sql`SELECT p.siren IS NOT NULL AS priority, e.departements[1] AS departement FROM epci e LEFT JOIN priority_zones p ON p.siren = e.siren WHERE e.siren = ${filter.epci}`
      : sql`SELECT p.siren IS NOT NULL AS priority, c.departement FROM communes c LEFT JOIN priority_zones p ON p.siren = c.epci_siren
            WHERE ${'commune' in filter ? sql`c.insee = ${filter.commune}` : sql`c.postcodes @> ARRAY[${filter.postcode}]::text[]`}`,
  );
  return {
    known: rows.length > 0,
    priority: rows.some((r) => r.priority),
    departements: [...new Set(rows.map((r) => r.departement))],
  };
}

export async function priorityZonesOf(db: Db, departements: string[]) {
  const { rows } = await db.execute<{ siren: string; name: string }>(sql`
    SELECT e.siren, e.name FROM epci e JOIN priority_zones p ON p.siren = e.siren
    WHERE e.departements && ${textArray(departements)}::text[] ORDER BY e.name`);
  return rows;
}

/** One slot as a page shows it before it is held: open and free now, or why not. */
export async function slotForBooking(db: Db, id: string, now: Date) {
  const { rows } = await db.execute<SlotRow & { free: boolean }>(sql`
    SELECT s.id, s.starts_at, s.ends_at, si.time_zone, si.id AS site_id, si.name AS site_name, si.address, si.phone, si.accessibility,
           c.insee, c.name AS commune_name, ${gPrice} AS amount_cents,
           (s.status = 'open' AND s.starts_at > ${now} AND (s.hold_expires_at IS NULL OR s.hold_expires_at <= ${now})) AS free
    FROM slots s
    JOIN sites si ON si.id = s.site_id
    JOIN communes c ON c.insee = si.commune_insee
    WHERE s.id = ${id}`);
  return rows[0];
}
