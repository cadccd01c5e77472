import type { RouteHandler } from '@hono/zod-openapi';
import { decodeCursor, encodeCursor } from '../../lib/openapi';
import { ProblemError, notFound } from '../../lib/problem';
import type { AppEnv } from '../../lib/types';
import { deletePriorityZone, findZone, insertPriorityZone, listPriorityZones } from '../../core/zones/zones.queries';
import type { designateZone, getZone, listZones, withdrawZone } from './zones.routes';

export const listZonesHandler: RouteHandler<typeof listZones, AppEnv> = async (c) => {
  const { limit, cursor } = c.req.valid('query');
  const after = decodeCursor(cursor, ['siren'])?.[0];
  // One row more than asked tells whether another page exists without a count query.
  const rows = await listPriorityZones(c.var.db.db, after, limit + 1);
  const items = rows.slice(0, limit);
  const nextCursor = rows.length > limit ? encodeCursor([items[items.length - 1].siren]) : null;
  return c.json({ items, nextCursor }, 200);
};

export const getZoneHandler: RouteHandler<typeof getZone, AppEnv> = async (c) => {
  const { siren } = c.req.valid('param');
  const zone = await findZone(c.var.db.db, siren);
  if (!zone) throw notFound(`EPCI ${siren}`);
  return c.json(zone, 200);
};

export const designateZoneHandler: RouteHandler<typeof designateZone, AppEnv> = async (c) => {
  const { siren } = c.req.valid('param');
  const db = c.var.db.db;
  const zone = await findZone(db, siren);
  if (!zone) throw notFound(`EPCI ${siren}`);
  if (!(await insertPriorityZone(db, siren, c.req.valid('json').source, c.var.now))) {
    throw new ProblemError(409, 'zone_already_priority', 'Already a priority zone', `EPCI ${siren} is already a priority zone.`);
  }
  c.header('Location', `/v1/zones/${siren}`);
  return c.json({ ...zone, priority: true }, 201);
};

export const withdrawZoneHandler: RouteHandler<typeof withdrawZone, AppEnv> = async (c) => {
  const { siren } = c.req.valid('param');
  // A zone with sites cannot be withdrawn: the sites' foreign key refuses it (zone_has_sites).
  if (!(await deletePriorityZone(c.var.db.db, siren))) throw notFound(`Priority zone ${siren}`);
  return c.body(null, 204);
};
