import { callerAs, callerOf } from '../../middleware/require-role';
import type { RouteHandler } from '@hono/zod-openapi';
import type { AppEnv } from '../../app-env';
import { checkIn as checkInMission, checkOut as checkOutMission } from '../../core/missions/missions.operations';
import { toMission } from '../../core/missions/missions.presenters';
import { correctAttendance as correctMissionAttendance } from '../../core/missions/attendance-correction';
import type { checkIn, checkOut, correctAttendance } from './attendance.routes';

export const checkInHandler: RouteHandler<typeof checkIn, AppEnv> = async (c) => {
  const { id } = c.req.valid('param');
  const { latitude, longitude } = c.req.valid('json');
  const point = latitude === undefined || longitude === undefined ? undefined : { latitude, longitude };
  return c.json(toMission(await checkInMission(c.var.db, callerAs(c, 'doctor').rpps, id, point, c.var.now)), 200);
};

export const checkOutHandler: RouteHandler<typeof checkOut, AppEnv> = async (c) => {
  const { id } = c.req.valid('param');
  return c.json(toMission(await checkOutMission(c.var.db, callerAs(c, 'doctor').rpps, id, c.var.now)), 200);
};

export const correctAttendanceHandler: RouteHandler<typeof correctAttendance, AppEnv> = async (c) => {
  const { id } = c.req.valid('param');
  const { checkedInAt, checkedOutAt, reason } = c.req.valid('json');
  const correction = { checkedInAt: new Date(checkedInAt), checkedOutAt: new Date(checkedOutAt), reason };
  return c.json(await correctMissionAttendance(c.var.db, callerOf(c), id, correction, c.var.now), 200);
};
