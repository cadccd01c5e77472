import type { RouteHandler } from '@hono/zod-openapi';
import { RuleViolation } from '../../domain/errors';
import { planMission } from '../../domain/missions';
import { decodeCursor, encodeCursor } from '../../lib/openapi';
import { ProblemError, notFound } from '../../lib/problem';
import { validationFailed } from '../../lib/router';
import type { AppEnv } from '../../lib/types';
import { cancelMissionCascade, insertMission, listMissionsWhere, missionById, siteForMission } from '../../core/missions/missions.queries';
import { toMission } from '../../core/missions/missions.presenters';
import type { cancelMission, createMission, listMissions } from './missions.routes';

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
  await insertMission(db, { id, rpps, epciSiren: site.epci_siren, ...body, doctorName: c.var.caller!.name }, plan, c.var.now);
  c.header('Location', `/v1/missions/${id}`);
  return c.json(toMission((await missionById(db, id, rpps, c.var.now))!), 201);
};

export const listMissionsHandler: RouteHandler<typeof listMissions, AppEnv> = async (c) => {
  const { limit, cursor, status, epci } = c.req.valid('query');
  const caller = c.var.caller!;
  // Doctors list their own; agents and admins work zone by zone, never the whole country at once.
  if (caller.role !== 'doctor' && !epci) {
    throw validationFailed([{ field: 'query.epci', message: 'agents and admins give an epci' }]);
  }
  const after = decodeCursor(cursor, ['date', 'uuid']);
  const filter = { rpps: caller.role === 'doctor' ? caller.rpps! : undefined, epci, status };
  const rows = await listMissionsWhere(c.var.db.db, filter, after, limit + 1, c.var.now);
  const items = rows.slice(0, limit).map(toMission);
  c.set('auditBookingIds', items.flatMap((m) => m.toCall?.map((b) => b.bookingId) ?? []));
  const last = items[items.length - 1];
  return c.json({ items, nextCursor: rows.length > limit ? encodeCursor([last.date, last.id]) : null }, 200);
};

export const cancelMissionHandler: RouteHandler<typeof cancelMission, AppEnv> = async (c) => {
  const { id } = c.req.valid('param');
  const rpps = c.var.caller!.rpps!;
  const db = c.var.db.db;
  const cancelledBookings = await cancelMissionCascade(db, id, rpps, c.var.now);
  const mission = await missionById(db, id, rpps, c.var.now);
  if (!mission) throw notFound('Mission');
  if (cancelledBookings === undefined) {
    if (mission.status === 'cancelled') throw new ProblemError(409, 'mission_already_cancelled', 'Already cancelled', 'This mission is already cancelled.');
    if (mission.checked_in_at) throw new ProblemError(409, 'mission_checked_in', 'Checked in', 'You have checked in to this mission; it can no longer be cancelled.');
    throw new ProblemError(409, 'mission_started', 'Mission started', 'A mission that has started can no longer be cancelled.');
  }
  return c.json({ ...toMission(mission), cancelledBookings }, 200);
};
