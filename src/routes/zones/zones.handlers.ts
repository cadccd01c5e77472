import { scopeOf } from '../../domain/caller';
import type { RouteHandler } from '@hono/zod-openapi';
import { decodeCursor, encodeCursor } from '../../lib/openapi';
import { problem, notFound } from '../../domain/problem';
import type { AppEnv } from '../../app-env';
import { findZone, listPriorityZones } from '../../core/zones/zones.queries';
import { designatePriorityZone, withdrawPriorityZone } from '../../core/zones/zones.operations';
import { importZones as importZonesOperation, previewZoneImport } from '../../core/zones/zone-import';
import type { designateZone, getZone, importZones, listZones, withdrawZone } from './zones.routes';
import { callerOf } from '../../middleware/require-role';

export const listZonesHandler: RouteHandler<typeof listZones, AppEnv> = async (c) => {
  const { limit, cursor } = c.req.valid('query');
  const after = decodeCursor(cursor, ['siren'])?.[0];
  // One row more than asked tells whether another page exists without a count query.
  const rows = await listPriorityZones(c.var.db, after, limit + 1);
  const items = rows.slice(0, limit);
  const nextCursor = rows.length > limit ? encodeCursor([items[items.length - 1].siren]) : null;
  return c.json({ items, nextCursor }, 200);
};

export const getZoneHandler: RouteHandler<typeof getZone, AppEnv> = async (c) => {
  const { siren } = c.req.valid('param');
  const zone = await findZone(c.var.db, siren);
  if (!zone) throw notFound(`EPCI ${siren}`);
  return c.json(zone, 200);
};

export const designateZoneHandler: RouteHandler<typeof designateZone, AppEnv> = async (c) => {
  const { siren } = c.req.valid('param');
  const result = await designatePriorityZone(
    c.var.db,
    siren,
    c.req.valid('json').source,
    c.var.now,
    scopeOf(callerOf(c)),
    callerOf(c).sub,
  );
  if (result.outcome === 'unknown_epci') throw notFound(`EPCI ${siren}`);
  if (result.outcome === 'already_priority') {
    throw problem('zone_already_priority', `EPCI ${siren} is already a priority zone.`);
  }
  c.header('Location', `/v1/zones/${siren}`);
  return c.json(result.zone, 201);
};

export const withdrawZoneHandler: RouteHandler<typeof withdrawZone, AppEnv> = async (c) => {
  const { siren } = c.req.valid('param');
  const outcome = await withdrawPriorityZone(c.var.db, siren, scopeOf(callerOf(c)), c.var.now, callerOf(c).sub);
  if (outcome === 'not_priority') throw notFound(`Priority zone ${siren}`);
  if (outcome === 'has_sites') throw problem('zone_has_sites', 'This priority zone still has consultation sites.');
  return c.body(null, 204);
};

export const importZonesHandler: RouteHandler<typeof importZones, AppEnv> = async (c) => {
  const { csv, dryRun } = c.req.valid('json');
  if (dryRun) {
    const { rows: _rows, ...preview } = await previewZoneImport(c.var.db, csv, scopeOf(callerOf(c)));
    return c.json({ imported: false, ...preview }, 200);
  }
  return c.json({ imported: true, ...(await importZonesOperation(c.var.db, callerOf(c), csv, c.var.now)) }, 201);
};
