import { callerAs, callerOf } from '../../middleware/require-role';
import type { RouteHandler } from '@hono/zod-openapi';
import { decodeCursor, encodeCursor } from '../../lib/openapi';
import { validationFailed } from '../../domain/problem';
import type { AppEnv } from '../../app-env';
import { cancelMission as cancelMissionOperation, declareMission } from '../../core/missions/missions.operations';
import { listMissionsWhere } from '../../core/missions/missions.queries';
import { toMission } from '../../core/missions/missions.presenters';
import type { cancelMission, createMission, listMissions } from './missions.routes';

export const createMissionHandler: RouteHandler<typeof createMission, AppEnv> = async (c) => {
  const mission = toMission(await declareMission(c.var.db, callerAs(c, 'doctor'), c.req.valid('json'), c.var.now));
  c.header('Location', `/v1/missions/${mission.id}`);
  return c.json(mission, 201);
};

export const listMissionsHandler: RouteHandler<typeof listMissions, AppEnv> = async (c) => {
  const { limit, cursor, status, epci } = c.req.valid('query');
  const caller = callerOf(c);
  // Doctors list their own; agents and admins work zone by zone, never the whole country at once.
  if (caller.role !== 'doctor' && !epci) {
    throw validationFailed([{ field: 'query.epci', message: 'agents and admins give an epci' }]);
  }
  const after = decodeCursor(cursor, ['date', 'uuid']);
  const filter = {
    rpps: caller.role === 'doctor' ? caller.rpps : undefined,
    epci,
    status,
    ...(caller.role === 'admin' ? { regions: caller.scope } : {}),
  };
  const rows = await listMissionsWhere(c.var.db, filter, after, limit + 1, c.var.now);
  const items = rows.slice(0, limit).map(toMission);
  c.set(
    'auditBookingIds',
    items.flatMap((m) => m.toCall?.map((b) => b.bookingId) ?? []),
  );
  const last = items[items.length - 1];
  return c.json({ items, nextCursor: rows.length > limit ? encodeCursor([last.date, last.id]) : null }, 200);
};

export const cancelMissionHandler: RouteHandler<typeof cancelMission, AppEnv> = async (c) => {
  const { id } = c.req.valid('param');
  const { mission, cancelledBookings } = await cancelMissionOperation(
    c.var.db,
    callerAs(c, 'doctor').rpps,
    id,
    c.var.now,
  );
  return c.json({ ...toMission(mission), cancelledBookings }, 200);
};
