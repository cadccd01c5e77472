// The mission-day operations every door calls (the REST API and the doctor's pages): the rules,
// the one-statement change, and a precise refusal when nothing changed.
import type { Db } from '../../db/client';
import { assertCheckInAllowed, assertWithinGeofence, type Coordinates } from '../../domain/check-in';
import { planMission } from '../../domain/missions';
import { isoWithOffset } from '../../domain/time';
import { problem, notFound } from '../../domain/problem';
import type { DoctorCaller } from '../../domain/caller';
import { recordCheckIn, recordCheckOut } from './attendance.queries';
import { cancelMissionCascade, insertMission, missionById, siteForMission, type MissionRow } from './missions.queries';

export interface NewMission {
  siteId: string;
  date: string;
  start: string;
  end: string;
  slotMinutes: number;
}

const missionCancelled = () => problem('mission_cancelled', 'This mission is cancelled.');

/**
 * Declares a mission day for the calling doctor, with its slots. The monthly cap and the one-per-date
 * rule are the database's (trigger, unique index): their refusals are mission_cap_reached and
 * mission_date_taken.
 */
export async function declareMission(
  db: Db,
  caller: DoctorCaller,
  mission: NewMission,
  now: Date,
): Promise<MissionRow> {
  const { rpps } = caller;
  const site = await siteForMission(db, mission.siteId);
  if (!site) throw problem('unknown_site', `No consultation site has the id ${mission.siteId}.`);
  const plan = planMission({ ...mission, timeZone: site.time_zone }, now);
  const id = crypto.randomUUID();
  await insertMission(db, { id, rpps, epciSiren: site.epci_siren, ...mission, doctorName: caller.name }, plan, now);
  return (await missionById(db, id, rpps, now))!;
}

/** Cancels a future mission of this doctor and its bookings; someone else's mission is not found. */
export async function cancelMission(
  db: Db,
  rpps: string,
  id: string,
  now: Date,
): Promise<{ mission: MissionRow; cancelledBookings: number }> {
  const cancelledBookings = await cancelMissionCascade(db, id, rpps, now);
  const mission = await missionById(db, id, rpps, now);
  if (!mission) throw notFound('Mission');
  if (cancelledBookings === undefined) {
    if (mission.status === 'cancelled')
      throw problem('mission_already_cancelled', 'This mission is already cancelled.');
    if (mission.checked_in_at)
      throw problem('mission_checked_in', 'You have checked in to this mission; it can no longer be cancelled.');
    throw problem('mission_started', 'A mission that has started can no longer be cancelled.');
  }
  return { mission, cancelledBookings };
}

/** Checks the doctor in, within the window and, given a point, near the site; the first check-in stands. */
export async function checkIn(
  db: Db,
  rpps: string,
  id: string,
  point: Coordinates | undefined,
  now: Date,
): Promise<MissionRow> {
  const mission = await missionById(db, id, rpps, now);
  if (!mission) throw notFound('Mission');
  // Idempotent: the first check-in stands, even once the window has closed.
  if (mission.checked_in_at) return mission;
  if (mission.status === 'cancelled') throw missionCancelled();
  assertCheckInAllowed(
    { date: mission.local_date, start: mission.start_local, end: mission.end_local, timeZone: mission.time_zone },
    now,
  );
  assertWithinGeofence(point, { latitude: mission.site_latitude, longitude: mission.site_longitude });
  const checkedIn = await recordCheckIn(db, id, rpps, now, point);
  // No row: a concurrent check-in won (or the mission was just cancelled); report what stands.
  const current = checkedIn ?? (await missionById(db, id, rpps, now));
  if (!current?.checked_in_at) throw missionCancelled();
  return current;
}

/**
 * Checks the doctor out after check-in, not before the mission's start time (a check-out tapped too
 * early would declare a day of minutes); the first check-out stands.
 */
export async function checkOut(db: Db, rpps: string, id: string, now: Date): Promise<MissionRow> {
  const checkedOut = await recordCheckOut(db, id, rpps, now);
  if (checkedOut) return checkedOut;
  const mission = await missionById(db, id, rpps, now);
  if (!mission) throw notFound('Mission');
  if (!mission.checked_in_at) throw problem('not_checked_in', 'Check in to this mission before checking out.');
  if (!mission.checked_out_at && now.getTime() < new Date(mission.starts_at).getTime()) {
    throw problem(
      'check_out_too_early',
      `Check-out opens when the mission starts, at ${isoWithOffset(new Date(mission.starts_at), mission.time_zone)}.`,
      { extensions: { startsAt: isoWithOffset(new Date(mission.starts_at), mission.time_zone) } },
    );
  }
  return mission;
}
