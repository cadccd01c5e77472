import type { RouteHandler } from '@hono/zod-openapi';
import { assertCheckInAllowed, assertWithinGeofence } from '../../domain/check-in';
import { ProblemError, notFound } from '../../lib/problem';
import type { AppEnv } from '../../lib/types';
import { recordCheckIn, recordCheckOut } from '../../core/missions/attendance.queries';
import type { checkIn, checkOut } from './attendance.routes';
import { toMission } from '../../core/missions/missions.presenters';
import { missionById } from '../../core/missions/missions.queries';

export const checkInHandler: RouteHandler<typeof checkIn, AppEnv> = async (c) => {
  const { id } = c.req.valid('param');
  const { latitude, longitude } = c.req.valid('json');
  const rpps = c.var.caller!.rpps!;
  const db = c.var.db.db;
  const now = c.var.now;
  const mission = await missionById(db, id, rpps, now);
  if (!mission) throw notFound('Mission');
  // Idempotent: the first check-in stands, even once the window has closed.
  if (mission.checked_in_at) return c.json(toMission(mission), 200);
  if (mission.status === 'cancelled') throw new ProblemError(409, 'mission_cancelled', 'Mission cancelled', 'This mission is cancelled.');
  assertCheckInAllowed({ date: mission.local_date, start: mission.start_local, end: mission.end_local, timeZone: mission.time_zone }, now);
  const point = latitude === undefined || longitude === undefined ? undefined : { latitude, longitude };
  assertWithinGeofence(point, { latitude: mission.site_latitude, longitude: mission.site_longitude });
  const checkedIn = await recordCheckIn(db, id, rpps, now, point);
  // No row: a concurrent check-in won (or the mission was just cancelled); report what stands.
  const current = checkedIn ?? (await missionById(db, id, rpps, now));
  if (!current?.checked_in_at) throw new ProblemError(409, 'mission_cancelled', 'Mission cancelled', 'This mission is cancelled.');
  return c.json(toMission(current), 200);
};

export const checkOutHandler: RouteHandler<typeof checkOut, AppEnv> = async (c) => {
  const { id } = c.req.valid('param');
  const rpps = c.var.caller!.rpps!;
  const db = c.var.db.db;
  const checkedOut = await recordCheckOut(db, id, rpps, c.var.now);
  if (checkedOut) return c.json(toMission(checkedOut), 200);
  const mission = await missionById(db, id, rpps, c.var.now);
  if (!mission) throw notFound('Mission');
  if (!mission.checked_in_at) throw new ProblemError(409, 'not_checked_in', 'Not checked in', 'Check in to this mission before checking out.');
  // Already checked out: the first check-out stands.
  return c.json(toMission(mission), 200);
};
