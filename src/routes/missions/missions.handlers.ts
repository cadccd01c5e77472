import type { RouteHandler } from '@hono/zod-openapi';
import { RuleViolation } from '../../domain/errors';
import { planMission } from '../../domain/missions';
import { isoWithOffset } from '../../domain/time';
import { decodeCursor, encodeCursor } from '../../lib/openapi';
import { ProblemError, notFound } from '../../lib/problem';
import type { AppEnv } from '../../lib/types';
import { cancelMissionCascade, insertMission, missionById, missionsOfDoctor, siteForMission, type MissionRow } from './missions.queries';
import type { cancelMission, createMission, listMissions } from './missions.routes';

export const toMission = (m: MissionRow) => ({
  id: m.id,
  siteId: m.site_id,
  epciSiren: m.epci_siren,
  date: m.local_date,
  start: m.start_local,
  end: m.end_local,
  startsAt: isoWithOffset(new Date(m.starts_at), m.time_zone),
  endsAt: isoWithOffset(new Date(m.ends_at), m.time_zone),
  slotMinutes: m.slot_minutes,
  dayKind: m.day_kind,
  status: m.status,
  slotCount: m.slot_count,
  bookedCount: m.booked_count,
});

export const createMissionHandler: RouteHandler<typeof createMission, AppEnv> = async (c) => {
  const body = c.req.valid('json');
  const rpps = c.var.caller!.rpps!;
  const db = c.var.db.db;
  const site = await siteForMission(db, body.siteId);
  if (!site) throw new RuleViolation('unknown_site', `No consultation site has the id ${body.siteId}.`);
  const plan = planMission({ ...body, timeZone: site.time_zone }, c.var.now);
  const id = crypto.randomUUID();
  // The monthly cap and one-per-date rules are enforced by the database (trigger, unique index);
  // their refusals map to mission_cap_reached and mission_date_taken.
  await insertMission(db, { id, rpps, epciSiren: site.epci_siren, ...body }, plan, c.var.now);
  return c.json(toMission((await missionById(db, id, rpps))!), 201);
};

export const listMissionsHandler: RouteHandler<typeof listMissions, AppEnv> = async (c) => {
  const { limit, cursor } = c.req.valid('query');
  const after = decodeCursor(cursor, 2) as [string, string] | undefined;
  const rows = await missionsOfDoctor(c.var.db.db, c.var.caller!.rpps!, after, limit + 1);
  const items = rows.slice(0, limit).map(toMission);
  const last = items[items.length - 1];
  return c.json({ items, nextCursor: rows.length > limit ? encodeCursor([last.date, last.id]) : null }, 200);
};

export const cancelMissionHandler: RouteHandler<typeof cancelMission, AppEnv> = async (c) => {
  const { id } = c.req.valid('param');
  const rpps = c.var.caller!.rpps!;
  const db = c.var.db.db;
  const cancelledBookings = await cancelMissionCascade(db, id, rpps, c.var.now);
  const mission = await missionById(db, id, rpps);
  if (!mission) throw notFound('Mission');
  if (cancelledBookings === undefined) {
    if (mission.status === 'cancelled') throw new ProblemError(409, 'mission_already_cancelled', 'Already cancelled', 'This mission is already cancelled.');
    throw new ProblemError(409, 'mission_started', 'Mission started', 'A mission that has started can no longer be cancelled.');
  }
  return c.json({ ...toMission(mission), cancelledBookings }, 200);
};
