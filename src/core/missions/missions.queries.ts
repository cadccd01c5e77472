import { sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/client';
import type { RegionScope } from '../../domain/region-scope';
import { inScope } from '../regions/in-scope';
import { textArray } from '../../db/text-array';
import type { MissionPlan } from '../../domain/missions';
import { bookingEventCte, missionEventCte } from '../outbox/outbox.queries';
import { recordEvents } from '../outbox/publish';

export type MissionStatus = 'planned' | 'cancelled' | 'missed';

export type MissionRow = {
  id: string;
  site_id: string;
  epci_siren: string;
  local_date: string;
  start_local: string;
  end_local: string;
  starts_at: string;
  ends_at: string;
  slot_minutes: number;
  day_kind: 'full' | 'half';
  status: MissionStatus;
  time_zone: string;
  slot_count: number;
  booked_count: number;
  checked_in_at: string | null;
  checked_out_at: string | null;
  site_latitude: number | null;
  site_longitude: number | null;
  site_name: string;
  site_address: string;
  offered_at: string | null;
};

/** Still-booked bookings of a missed mission: what an agent needs to call the patient, no more. */
export type ToCall = { id: string; starts_at: string; phone: string };

/** Missed is derived, never stored: planned, never checked in, and its end has passed. */
const shownStatus = (now: Date) => sql`
  CASE WHEN m.status = 'cancelled' THEN 'cancelled'
       WHEN m.checked_in_at IS NULL AND m.ends_at <= ${now} THEN 'missed'
       ELSE 'planned' END`;

/** The columns of a mission's representation, read from missions aliased m joined to sites si. */
const missionSelect = (now: Date) => sql`
  m.id, m.site_id, m.epci_siren, m.local_date::text, to_char(m.start_local, 'HH24:MI') AS start_local,
  to_char(m.end_local, 'HH24:MI') AS end_local, m.starts_at, m.ends_at, m.slot_minutes, m.day_kind, ${shownStatus(now)} AS status,
  m.checked_in_at, m.checked_out_at, si.time_zone, si.latitude AS site_latitude, si.longitude AS site_longitude, si.name AS site_name, si.address AS site_address,
  m.offered_at,
  (SELECT count(*)::int FROM slots s WHERE s.mission_id = m.id) AS slot_count,
  (SELECT count(*)::int FROM bookings b WHERE b.mission_id = m.id AND b.status <> 'cancelled') AS booked_count`;

export async function siteForMission(db: Db, siteId: string) {
  const { rows } = await db.execute<{ epci_siren: string; time_zone: string }>(
    sql`SELECT epci_siren, time_zone FROM sites WHERE id = ${siteId}`,
  );
  return rows[0];
}

/** The mission, all its slots and its mission.declared event in one statement: all exist, or none. */
export async function insertMission(
  db: Db,
  m: {
    id: string;
    rpps: string;
    siteId: string;
    epciSiren: string;
    date: string;
    start: string;
    end: string;
    slotMinutes: number;
    doctorName?: { givenName: string; familyName: string };
  },
  plan: MissionPlan,
  now: Date,
) {
  const eventId = crypto.randomUUID();
  await db.execute(sql`
    WITH mission AS (
      INSERT INTO missions (id, doctor_rpps, site_id, epci_siren, local_date, start_local, end_local, starts_at, ends_at, slot_minutes, day_kind, created_at)
      VALUES (${m.id}, ${m.rpps}, ${m.siteId}, ${m.epciSiren}, ${m.date}, ${m.start}, ${m.end}, ${plan.startsAt}, ${plan.endsAt}, ${m.slotMinutes}, ${plan.dayKind}, ${now})
      RETURNING *
    )${
      m.doctorName
        ? sql`, named AS (
      INSERT INTO doctors (rpps, given_name, family_name, updated_at)
      SELECT doctor_rpps, ${m.doctorName.givenName}, ${m.doctorName.familyName}, ${now} FROM mission
      ON CONFLICT (rpps) DO UPDATE SET given_name = excluded.given_name, family_name = excluded.family_name, updated_at = excluded.updated_at
    )`
        : sql``
    }${missionEventCte({ name: 'declared_event', id: eventId, type: 'mission.declared', at: now }, sql`mission`)}
    INSERT INTO slots (id, mission_id, site_id, epci_siren, starts_at, ends_at)
    SELECT zoned_uuid(${m.epciSiren}), mission.id, ${m.siteId}, ${m.epciSiren}, t.starts_at, t.starts_at + make_interval(mins => ${m.slotMinutes})
    FROM mission, unnest(${textArray(plan.slots.map((s) => s.startsAt.toISOString()))}::timestamptz[]) AS t(starts_at)`);
  recordEvents(db, [eventId]);
}

export async function missionById(db: Db, id: string, rpps: string, now: Date) {
  const { rows } = await db.execute<MissionRow>(sql`
    SELECT ${missionSelect(now)} FROM missions m JOIN sites si ON si.id = m.site_id WHERE m.id = ${id} AND m.doctor_rpps = ${rpps}`);
  return rows[0];
}

/** The representation of missions changed by `update` (a CTE over missions returning its rows). */
export async function missionsReturned(db: Db, update: SQL, now: Date) {
  const { rows } = await db.execute<MissionRow>(sql`
    WITH changed AS (${update}) SELECT ${missionSelect(now)} FROM changed m JOIN sites si ON si.id = m.site_id`);
  return rows;
}

/** regions: an ARS caller's, whose zones alone it lists. */
export interface MissionFilter {
  rpps?: string;
  epci?: string;
  status?: MissionStatus;
  regions?: RegionScope | undefined;
}

/** A page of missions by date; a missed one also lists its still-booked bookings (to_call). */
export async function listMissionsWhere(
  db: Db,
  f: MissionFilter,
  after: [string, string] | undefined,
  limit: number,
  now: Date,
) {
  const { rows } = await db.execute<MissionRow & { to_call: ToCall[] | null }>(sql`
    SELECT * FROM (
      SELECT ${missionSelect(now)},
        CASE WHEN ${shownStatus(now)} = 'missed' THEN (
          SELECT coalesce(json_agg(json_build_object('id', b.id, 'starts_at', b.starts_at, 'phone', b.patient_phone) ORDER BY b.starts_at), '[]'::json)
          FROM bookings b WHERE b.mission_id = m.id AND b.status = 'booked') END AS to_call
      FROM missions m JOIN sites si ON si.id = m.site_id
      WHERE ${f.rpps ? sql`m.doctor_rpps = ${f.rpps}` : sql`true`} AND ${f.epci ? sql`m.epci_siren = ${f.epci}` : sql`true`}
        AND ${'regions' in f ? sql`m.epci_siren IN (SELECT e.siren FROM epci e WHERE ${inScope(f.regions, sql`e.region`)})` : sql`true`}
        ${after ? sql`AND (m.local_date, m.id) > (${after[0]}::date, ${after[1]}::uuid)` : sql``}
    ) listed
    WHERE ${f.status ? sql`listed.status = ${f.status}` : sql`true`}
    ORDER BY local_date, id LIMIT ${limit}`);
  return rows;
}

/**
 * Cancels a future mission of this doctor, withdraws its slots, releases their holds and cancels
 * their bookings, with a mission.cancelled event and one booking.cancelled (by 'doctor') per
 * booking, in one statement. Returns how many bookings were cancelled, or undefined when
 * nothing matched (not this doctor's, already cancelled, started or checked in).
 */
export async function cancelMissionCascade(db: Db, id: string, rpps: string, now: Date) {
  const eventId = crypto.randomUUID();
  const { rows } = await db.execute<{ bookings: number; booking_events: string[] }>(sql`
    WITH mission AS (
      UPDATE missions SET status = 'cancelled', cancelled_at = ${now}
      WHERE id = ${id} AND doctor_rpps = ${rpps} AND status = 'planned' AND starts_at > ${now} AND checked_in_at IS NULL
      RETURNING *
    )${missionEventCte({ name: 'mission_event', id: eventId, type: 'mission.cancelled', at: now, cancelledBy: 'doctor' }, sql`mission`)}, withdrawn AS (
      UPDATE slots SET status = 'withdrawn', hold_id = NULL, hold_owner = NULL, hold_expires_at = NULL
      WHERE mission_id IN (SELECT id FROM mission) RETURNING id
    ), released AS (
      UPDATE holds SET status = 'released' WHERE status = 'active' AND slot_id IN (SELECT id FROM withdrawn)
    ), cancelled AS (
      UPDATE bookings SET status = 'cancelled', cancelled_at = ${now}, cancelled_by = 'doctor', updated_at = ${now}
      WHERE mission_id IN (SELECT id FROM mission) AND status = 'booked' RETURNING *
    )${bookingEventCte({ name: 'booking_events', type: 'booking.cancelled', at: now, cancelledBy: 'doctor' }, sql`cancelled`)}
    SELECT (SELECT count(*)::int FROM cancelled) AS bookings, (SELECT coalesce(json_agg(id), '[]') FROM booking_events) AS booking_events FROM mission`);
  if (rows[0]) recordEvents(db, [eventId, ...rows[0].booking_events]);
  return rows[0]?.bookings;
}
