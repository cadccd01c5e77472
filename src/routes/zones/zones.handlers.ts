import type { RouteHandler } from '@hono/zod-openapi';
import { decodeCursor, encodeCursor } from '../../lib/openapi';
import { notFound } from '../../lib/problem';
import type { AppEnv } from '../../lib/types';
import { findZone, listPriorityZones } from './zones.queries';
import type { getZone, listZones } from './zones.routes';

export const listZonesHandler: RouteHandler<typeof listZones, AppEnv> = async (c) => {
  const { limit, cursor } = c.req.valid('query');
  const after = decodeCursor(cursor, 1)?.[0];
  // One row more than asked tells whether another page exists without a count query.
  const rows = await listPriorityZones(c.var.db.db, after, limit + 1);
  const items = rows.slice(0, limit);
  const nextCursor = rows.length > limit ? encodeCursor([items[items.length - 1].siren]) : null;
  return c.json({ items, nextCursor }, 200);
};

export const getZoneHandler: RouteHandler<typeof getZone, AppEnv> = async (c) => {
  const zone = await findZone(c.var.db.db, c.req.valid('param').siren);
  if (!zone) throw notFound(`EPCI ${c.req.valid('param').siren}`);
  return c.json(zone, 200);
};
