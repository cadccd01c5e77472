import { callerAs, callerOf } from '../../middleware/require-role';
import type { RouteHandler } from '@hono/zod-openapi';
import type { AppEnv } from '../../app-env';
import {
  listOfferedMissions as offered,
  offerMission as offer,
  takeOver,
  withdrawOffer,
} from '../../core/missions/handover.operations';
import { toMission } from '../../core/missions/missions.presenters';
import type { listOfferedMissions, offerMission, takeOverMission, withdrawMissionOffer } from './handover.routes';

export const offerMissionHandler: RouteHandler<typeof offerMission, AppEnv> = async (c) =>
  c.json(toMission(await offer(c.var.db, callerOf(c), c.req.valid('param').id, c.var.now)), 200);

export const withdrawMissionOfferHandler: RouteHandler<typeof withdrawMissionOffer, AppEnv> = async (c) =>
  c.json(toMission(await withdrawOffer(c.var.db, callerOf(c), c.req.valid('param').id, c.var.now)), 200);

export const takeOverMissionHandler: RouteHandler<typeof takeOverMission, AppEnv> = async (c) =>
  c.json(toMission(await takeOver(c.var.db, callerAs(c, 'doctor'), c.req.valid('param').id, c.var.now)), 200);

export const listOfferedMissionsHandler: RouteHandler<typeof listOfferedMissions, AppEnv> = async (c) => {
  const rows = await offered(c.var.db, callerOf(c), c.req.valid('query').limit, c.var.now);
  return c.json({ items: rows.map(toMission) }, 200);
};
