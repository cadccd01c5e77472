// What the open publication (SMART Scheduling Links, FHIR reads and searches) is made of: sites,
// the schedules of a doctor at a site, and their slots with the status a reader may see. Pages are
// keyset-ordered so that a file of any size is read a page at a time.
import { sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { textArray } from '../../db/text-array';
import { isFreeSlot } from '../slots/slots.queries';

export type SiteRow = {
  id: string;
  name: string;
  address: string;
  phone: string;
  finess: string | null;
  time_zone: string;
  latitude: number | null;
  longitude: number | null;
  insee: string;
  commune_name: string;
  postcode: string;
  departement: string;
  region: string;
};

/** One doctor at one site: a FHIR Schedule and PractitionerRole. */
export type ScheduleRow = SiteRow & { rpps: string; given_name: string | null; family_name: string | null };

export type PublishedSlotStatus = 'free' | 'busy-tentative' | 'busy' | 'busy-unavailable';
export type PublishedSlotRow = {
  id: string;
  site_id: string;
  rpps: string;
  starts_at: string;
  ends_at: string;
  time_zone: string;
  status: PublishedSlotStatus;
};

/**
 * The site columns of a row, from sites si joined to communes c. Every commune of an EPCI has a
 * postcode (only the TAAF's uninhabited districts have none), so a site always has one.
 */
const siteColumns = sql`
  si.id, si.name, si.address, si.phone, si.finess, si.time_zone, si.latitude, si.longitude,
  c.insee, c.name AS commune_name, c.postcodes[1] AS postcode, c.departement, c.region`;

/** What a reader may know of a slot: free, held (busy-tentative), booked, or withdrawn with its mission. */
const slotStatus = (now: Date) => sql`
  CASE WHEN ${isFreeSlot(now)} THEN 'free'
       WHEN s.status = 'open' AND s.hold_expires_at > ${now} THEN 'busy-tentative'
       WHEN s.status = 'booked' THEN 'busy'
       ELSE 'busy-unavailable' END`;

export const slotColumns = (now: Date) =>
  sql`s.id, s.site_id, m.doctor_rpps AS rpps, s.starts_at, s.ends_at, si.time_zone, ${slotStatus(now)} AS status`;

/** The published window: slots not started and starting before the horizon. */
export interface Window {
  from: Date;
  to: Date;
}

/** INSEE regions with at least one site. */
export async function publishedRegions(db: Db) {
  const { rows } = await db.execute<{ region: string }>(sql`
    SELECT DISTINCT c.region FROM sites si JOIN communes c ON c.insee = si.commune_insee ORDER BY c.region`);
  return rows.map((r) => r.region);
}

export async function sitesPage(db: Db, region: string, after: string | undefined, limit: number) {
  const { rows } = await db.execute<SiteRow>(sql`
    SELECT ${siteColumns} FROM sites si JOIN communes c ON c.insee = si.commune_insee
    WHERE c.region = ${region} ${after ? sql`AND si.id > ${after}` : sql``}
    ORDER BY si.id LIMIT ${limit}`);
  return rows;
}

const scheduleSelect = (where: SQL) => sql`
  SELECT ${siteColumns}, m.doctor_rpps AS rpps, d.given_name, d.family_name
  FROM (SELECT DISTINCT site_id, doctor_rpps FROM missions m WHERE ${where}) m
  JOIN sites si ON si.id = m.site_id
  JOIN communes c ON c.insee = si.commune_insee
  LEFT JOIN doctors d ON d.rpps = m.doctor_rpps`;

/** Schedules with a planned mission in the window. */
export async function schedulesPage(
  db: Db,
  region: string,
  window: Window,
  after: [string, string] | undefined,
  limit: number,
) {
  const { rows } = await db.execute<ScheduleRow>(sql`
    ${scheduleSelect(sql`m.status = 'planned' AND m.ends_at > ${window.from} AND m.starts_at < ${window.to}`)}
    WHERE c.region = ${region} ${after ? sql`AND (si.id, m.doctor_rpps) > (${after[0]}::uuid, ${after[1]})` : sql``}
    ORDER BY si.id, m.doctor_rpps LIMIT ${limit}`);
  return rows;
}

/** Where a slot file's page resumes: the last (mission, slot) read. */
export type SlotKey = [missionId: string, slotId: string];

const DAY = 86_400_000;
const isoDate = (t: number) => new Date(t).toISOString().slice(0, 10);

/**
 * Slots of the window, except those withdrawn with their mission; by mission, then slot. A page
 * first finds the region's missions in the window through the zone's mission index by local date
 * (a few thousand rows for the largest region), in id order, then reads their slots mission by
 * mission until the page is full: its cost follows the page, not the national slots table.
 */
export async function slotsPage(db: Db, region: string, window: Window, after: SlotKey | undefined, limit: number) {
  // Local dates bracket the window whatever the site's offset (up to ±14 h) for missions under a day.
  const firstDate = isoDate(window.from.getTime() - 2 * DAY);
  const lastDate = isoDate(window.to.getTime() + 2 * DAY);
  const { rows } = await db.execute<PublishedSlotRow & { mission_id: string }>(sql`
    SELECT s.id, s.site_id, m.doctor_rpps AS rpps, s.starts_at, s.ends_at, m.time_zone, ${slotStatus(window.from)} AS status, m.id AS mission_id
    FROM (SELECT m.id, m.doctor_rpps, si.time_zone
          FROM sites si JOIN communes c ON c.insee = si.commune_insee
          JOIN missions m ON m.epci_siren = si.epci_siren AND m.site_id = si.id
          WHERE c.region = ${region} AND m.local_date BETWEEN ${firstDate}::date AND ${lastDate}::date
            AND m.ends_at > ${window.from} AND m.starts_at < ${window.to}
            ${after ? sql`AND m.id >= ${after[0]}::uuid` : sql``}
          ORDER BY m.id) m
    JOIN slots s ON s.mission_id = m.id
    WHERE s.status <> 'withdrawn' AND s.starts_at > ${window.from} AND s.starts_at < ${window.to}
      ${after ? sql`AND (m.id, s.id) > (${after[0]}::uuid, ${after[1]}::uuid)` : sql``}
    ORDER BY m.id, s.id LIMIT ${limit}`);
  return rows;
}

export async function siteRow(db: Db, id: string) {
  const { rows } = await db.execute<SiteRow>(
    sql`SELECT ${siteColumns} FROM sites si JOIN communes c ON c.insee = si.commune_insee WHERE si.id = ${id}`,
  );
  return rows[0];
}

/** A doctor at a site, if they ever declared a mission there. */
export async function scheduleRow(db: Db, siteId: string, rpps: string) {
  const { rows } = await db.execute<ScheduleRow>(
    sql`${scheduleSelect(sql`m.site_id = ${siteId} AND m.doctor_rpps = ${rpps}`)}`,
  );
  return rows[0];
}

/** A doctor who declared a mission, with the name their token gave, if any. */
export async function practitionerRow(db: Db, rpps: string) {
  const { rows } = await db.execute<{ rpps: string; given_name: string | null; family_name: string | null }>(sql`
    SELECT m.doctor_rpps AS rpps, d.given_name, d.family_name
    FROM (SELECT doctor_rpps FROM missions WHERE doctor_rpps = ${rpps} LIMIT 1) m LEFT JOIN doctors d ON d.rpps = m.doctor_rpps`);
  return rows[0];
}

export async function slotRow(db: Db, id: string, now: Date) {
  const { rows } = await db.execute<PublishedSlotRow>(sql`
    SELECT ${slotColumns(now)} FROM slots s JOIN missions m ON m.id = s.mission_id JOIN sites si ON si.id = s.site_id WHERE s.id = ${id}`);
  return rows[0];
}

/** The doctor of a mission: an Appointment names its Practitioner. */
export async function missionDoctor(db: Db, missionId: string) {
  const { rows } = await db.execute<{ rpps: string }>(
    sql`SELECT doctor_rpps AS rpps FROM missions WHERE id = ${missionId}`,
  );
  return rows[0]?.rpps;
}

/** The schedules of these (site, doctor) pairs, for a search's _include. */
export async function schedulesOf(db: Db, pairs: Array<{ siteId: string; rpps: string }>) {
  if (!pairs.length) return [];
  const { rows } = await db.execute<ScheduleRow>(
    scheduleSelect(sql`(m.site_id, m.doctor_rpps) IN (
    SELECT * FROM unnest(${textArray(pairs.map((p) => p.siteId))}::uuid[], ${textArray(pairs.map((p) => p.rpps))}::text[]))`),
  );
  return rows;
}
