// The statements of a mission day's handover: offering it, withdrawing the offer, and another
// volunteer taking it over with its bookings, slots and holds left exactly as they are.
import { sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { bookingEventCte, missionEventCte } from '../outbox/outbox.queries';
import { recordEvents } from '../outbox/publish';
import { missionsReturned, type MissionRow } from './missions.queries';

/** A day that can still change hands: standing, not started, nobody checked in. */
const handable = (now: Date) => sql`m.status = 'planned' AND m.starts_at > ${now} AND m.checked_in_at IS NULL`;

/** Puts the day on offer (or keeps the first offer); undefined when it cannot be offered. */
export async function markOffered(
  db: Db,
  id: string,
  mine: SQL,
  offeredBy: string,
  now: Date,
): Promise<MissionRow | undefined> {
  const [row] = await missionsReturned(
    db,
    sql`
    UPDATE missions m SET offered_at = coalesce(m.offered_at, ${now}), offered_by = coalesce(m.offered_by, ${offeredBy})
    WHERE m.id = ${id} AND ${mine} AND ${handable(now)}
    RETURNING m.*`,
    now,
  );
  return row;
}

/** Takes the day off offer; undefined when it was not the caller's to withdraw. */
export async function clearOffer(db: Db, id: string, mine: SQL, now: Date): Promise<MissionRow | undefined> {
  const [row] = await missionsReturned(
    db,
    sql`
    UPDATE missions m SET offered_at = NULL, offered_by = NULL WHERE m.id = ${id} AND ${mine} RETURNING m.*`,
    now,
  );
  return row;
}

/**
 * Hands an offered day to this doctor in one statement: the mission changes doctor (the database
 * checks the receiving doctor's monthly cap and dates, and refuses a checked-in day), the handover
 * is kept, its standing bookings are stamped as changed, and a mission.reassigned event plus one
 * booking.doctor_changed per standing booking are written for the webhooks and the patients' notices. Undefined when the day was not on offer.
 */
export async function takeOverMission(
  db: Db,
  id: string,
  doctor: { rpps: string; name?: { givenName: string; familyName: string } },
  now: Date,
): Promise<MissionRow | undefined> {
  const eventId = crypto.randomUUID();
  const { rows } = await db.execute<{ booking_events: string[] }>(sql`
    WITH previous AS (
      SELECT m.id, m.doctor_rpps, m.offered_by, m.offered_at FROM missions m
      WHERE m.id = ${id} AND m.offered_at IS NOT NULL AND m.doctor_rpps <> ${doctor.rpps} AND ${handable(now)}
      FOR UPDATE OF m
    ), moved AS (
      UPDATE missions m SET doctor_rpps = ${doctor.rpps}, offered_at = NULL, offered_by = NULL
      FROM previous p WHERE m.id = p.id
      RETURNING m.*
    ), kept AS (
      INSERT INTO mission_handovers (id, mission_id, from_rpps, to_rpps, offered_by, offered_at, taken_at)
      SELECT gen_random_uuid(), p.id, p.doctor_rpps, ${doctor.rpps}, p.offered_by, p.offered_at, ${now} FROM previous p
    )${
      doctor.name
        ? sql`, named AS (
      INSERT INTO doctors (rpps, given_name, family_name, updated_at)
      SELECT doctor_rpps, ${doctor.name.givenName}, ${doctor.name.familyName}, ${now} FROM moved
      ON CONFLICT (rpps) DO UPDATE SET given_name = excluded.given_name, family_name = excluded.family_name, updated_at = excluded.updated_at
    )`
        : sql``
    }${missionEventCte({ name: 'mission_event', id: eventId, type: 'mission.reassigned', at: now }, sql`moved`)}, standing AS (
      -- Their doctor changed: integrators syncing on updatedSince, and FHIR's versionId, see it.
      UPDATE bookings b SET updated_at = ${now} WHERE b.mission_id IN (SELECT id FROM moved) AND b.status = 'booked'
      RETURNING b.*
    )${bookingEventCte({ name: 'booking_events', type: 'booking.doctor_changed', at: now }, sql`standing`)}
    SELECT (SELECT coalesce(json_agg(id), '[]') FROM booking_events) AS booking_events FROM moved`);
  if (!rows[0]) return undefined;
  recordEvents(db, [eventId, ...rows[0].booking_events]);
  const [mission] = await missionsReturned(db, sql`SELECT m.* FROM missions m WHERE m.id = ${id}`, now);
  return mission;
}

/** Days on offer that have not started, soonest first, for the open-days board and the API. */
export async function offeredMissions(db: Db, filter: SQL, limit: number, now: Date): Promise<MissionRow[]> {
  const rows = await missionsReturned(
    db,
    sql`
    SELECT m.* FROM missions m JOIN sites si ON si.id = m.site_id JOIN communes co ON co.insee = si.commune_insee
    WHERE m.offered_at IS NOT NULL AND ${handable(now)} AND ${filter}
    ORDER BY m.starts_at LIMIT ${limit}`,
    now,
  );
  return rows.sort((a, b) => new Date(a.starts_at).getTime() - new Date(b.starts_at).getTime());
}

/** Days on offer from other doctors than `rpps`: what a volunteer may take over. */
export const offeredByOthers = (db: Db, rpps: string, limit: number, now: Date) =>
  offeredMissions(db, sql`m.doctor_rpps <> ${rpps}`, limit, now);

/** A mission's date at its site (YYYY-MM-DD), whatever its state. */
export async function missionLocalDate(db: Db, id: string): Promise<string | undefined> {
  const { rows } = await db.execute<{ local_date: string }>(
    sql`SELECT local_date::text FROM missions WHERE id = ${id}`,
  );
  return rows[0]?.local_date;
}

/** One day on offer that has not started, whoever's it is: what a volunteer reads before taking it. */
export async function offeredMission(db: Db, id: string, now: Date): Promise<MissionRow | undefined> {
  const [row] = await missionsReturned(
    db,
    sql`SELECT m.* FROM missions m WHERE m.id = ${id} AND m.offered_at IS NOT NULL AND ${handable(now)}`,
    now,
  );
  return row;
}

/** The zones a doctor works in: those of the days they declared or took over. */
export async function zonesOfDoctor(db: Db, rpps: string): Promise<string[]> {
  const { rows } = await db.execute<{ epci_siren: string }>(
    sql`SELECT DISTINCT epci_siren FROM missions WHERE doctor_rpps = ${rpps}`,
  );
  return rows.map((r) => r.epci_siren);
}
