import { sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { textArray } from '../../db/text-array';

export type ZoneFilter = { epci: string } | { commune: string } | { postcode: string };

export type SlotRow = {
  id: string;
  starts_at: string;
  ends_at: string;
  time_zone: string;
  site_id: string;
  site_name: string;
  address: string;
  insee: string;
  commune_name: string;
  amount_cents: number;
  phone: string;
  accessibility: string | null;
};

/** The longest window a search covers; also how far past a window an empty search looks. */
export const MAX_RANGE_DAYS = 62;
const DAY = 86_400_000;

/** Rows of an EPCI, or of the EPCI of a commune or postcode: slots s, or the table aliased `alias`. */
export function zoneCondition(filter: ZoneFilter, alias: 's' | 'm' = 's'): SQL {
  const column = sql.raw(`${alias}.epci_siren`);
  if ('epci' in filter) return sql`${column} = ${filter.epci}`;
  if ('commune' in filter) return sql`${column} = (SELECT epci_siren FROM communes WHERE insee = ${filter.commune})`;
  return sql`${column} IN (SELECT epci_siren FROM communes WHERE postcodes @> ARRAY[${filter.postcode}]::text[])`;
}

/**
 * The rule of a free slot, on slots aliased s: open, not under a live hold, not started. Its
 * literal `s.status = 'open'` lets the planner use the partial index slots_search_idx.
 */
export const isFreeSlot = (now: Date) =>
  sql`s.status = 'open' AND s.starts_at > ${now} AND (s.hold_expires_at IS NULL OR s.hold_expires_at <= ${now})`;

/**
 * A slot's G, on slots s, sites si and communes c: the rate of the site's territory (its commune's
 * département) on the slot's local date.
 */
export const gPrice = sql`tariff_rate_cents('G', tariff_territory(c.departement), (s.starts_at AT TIME ZONE si.time_zone)::date)`;

/** What an empty search adds: the next free slot after its window, the next mission day from its start. */
export type SearchHints = {
  next_available: string | null;
  next_available_zone: string | null;
  next_mission_day: string | null;
};

/** Whose slots and missions a search covers: a condition on slots s (joined to missions m), one on missions m. */
export interface SearchScope {
  slots: SQL;
  missions: SQL;
}

export const zoneScope = (filter: ZoneFilter): SearchScope => ({
  slots: zoneCondition(filter),
  missions: zoneCondition(filter, 'm'),
});

/**
 * A page query (rows ordered by starts_at, id) made into one statement that, when the page is
 * empty, answers instead one row with a null id and the hints, looked for up to MAX_RANGE_DAYS past
 * the window's end: the next free slot after the window, and the next mission day (even a full
 * one) from the window's start. A page with rows never computes them: the uncorrelated NOT EXISTS
 * is a one-time filter.
 */
export function withHints(page: SQL, scope: SearchScope, range: { from: Date; to: Date }, now: Date): SQL {
  const horizon = new Date(range.to.getTime() + MAX_RANGE_DAYS * DAY);
  const start = range.from > now ? range.from : now;
  return sql`
    WITH page AS MATERIALIZED (${page}), hints AS (
      SELECT free.starts_at AS next_available, free.time_zone AS next_available_zone, day.local_date::text AS next_mission_day
      FROM (SELECT 1) one
      LEFT JOIN LATERAL (
        SELECT s.starts_at, si.time_zone FROM slots s JOIN missions m ON m.id = s.mission_id JOIN sites si ON si.id = s.site_id
        WHERE ${scope.slots} AND ${isFreeSlot(now)} AND s.starts_at >= ${range.to} AND s.starts_at < ${horizon}
        ORDER BY s.starts_at LIMIT 1
      ) free ON true
      LEFT JOIN LATERAL (
        SELECT m.local_date FROM missions m
        WHERE ${scope.missions} AND m.status = 'planned' AND m.ends_at > ${start} AND m.starts_at < ${horizon}
        ORDER BY m.starts_at LIMIT 1
      ) day ON true
      WHERE NOT EXISTS (SELECT 1 FROM page)
    )
    SELECT page.*, hints.* FROM (SELECT 1) one LEFT JOIN page ON true LEFT JOIN hints ON true
    ORDER BY page.starts_at, page.id`;
}

/** The rows of a withHints statement: the page's, or none and the hints. */
export async function pageWithHints<Row extends { id: string }>(
  db: Db,
  statement: SQL,
): Promise<{ rows: Row[]; hints?: SearchHints }> {
  const rows = (await db.execute(statement)).rows as Array<Row & SearchHints>;
  if (rows.length === 1 && rows[0].id === null) return { rows: [], hints: rows[0] };
  return { rows };
}

/**
 * Free slots, one statement (withHints): open, not under a live hold, not started, in the range,
 * after the cursor. Served by the partial index slots_search_idx (epci_siren, starts_at, id) WHERE
 * status = 'open'. Exported as SQL too, so that scripts/explain-search.ts explains exactly this query.
 */
export function freeSlotsQuery(
  filter: ZoneFilter,
  range: { from: Date; to: Date },
  now: Date,
  after: [string, string] | undefined,
  limit: number,
): SQL {
  return withHints(
    sql`
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
    LIMIT ${limit}`,
    zoneScope(filter),
    range,
    now,
  );
}

export const freeSlots = (db: Db, ...args: Parameters<typeof freeSlotsQuery>) =>
  pageWithHints<SlotRow>(db, freeSlotsQuery(...args));

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

/** Whom the patient will see at a slot, "Dr Prénom Nom": said before a cancellation or a move. */
export async function doctorOfSlot(db: Db, slotId: string): Promise<string | undefined> {
  const { rows } = await db.execute<{ name: string }>(sql`
    SELECT 'Dr ' || d.given_name || ' ' || d.family_name AS name
    FROM slots s JOIN missions m ON m.id = s.mission_id JOIN doctors d ON d.rpps = m.doctor_rpps
    WHERE s.id = ${slotId}`);
  return rows[0]?.name;
}
