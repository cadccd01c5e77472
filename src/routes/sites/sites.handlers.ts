import { scopeOf } from '../../domain/caller';
import type { RouteHandler } from '@hono/zod-openapi';
import { decodeCursor, encodeCursor } from '../../lib/openapi';
import { problem, notFound } from '../../domain/problem';
import type { AppEnv } from '../../app-env';
import { communeZone, insertSite, siteById, sitesOfZone, toSite, updateSite } from '../../core/sites/sites.queries';
import type { createSite, getSite, listSites, updateSite as updateSiteRoute } from './sites.routes';
import { callerOf } from '../../middleware/require-role';

export const createSiteHandler: RouteHandler<typeof createSite, AppEnv> = async (c) => {
  const body = c.req.valid('json');
  const db = c.var.db;
  const id = crypto.randomUUID();
  const scope = scopeOf(callerOf(c));
  if (!(await insertSite(db, id, body, c.var.now, scope))) {
    // Nothing inserted: say why (the happy path costs no extra query). A commune of another region is as unknown as none.
    const zone = await communeZone(db, body.communeInsee, scope);
    if (!zone?.inScope)
      throw problem(
        'unknown_commune',
        `No commune of your regions has the INSEE code ${body.communeInsee} (the commune's code at INSEE, not its postcode).`,
      );
    throw problem('zone_not_priority', `Commune ${body.communeInsee} is not in a priority zone of the scheme.`, {
      status: 422,
    });
  }
  const [site] = await siteById(db, id);
  c.header('Location', `/v1/sites/${id}`);
  return c.json(toSite(site), 201);
};

export const listSitesHandler: RouteHandler<typeof listSites, AppEnv> = async (c) => {
  const { epci, limit, cursor } = c.req.valid('query');
  const rows = await sitesOfZone(c.var.db, epci, decodeCursor(cursor, ['uuid'])?.[0], limit + 1);
  const items = rows.slice(0, limit).map(toSite);
  return c.json({ items, nextCursor: rows.length > limit ? encodeCursor([items[items.length - 1].id]) : null }, 200);
};

export const getSiteHandler: RouteHandler<typeof getSite, AppEnv> = async (c) => {
  const [site] = await siteById(c.var.db, c.req.valid('param').id);
  if (!site) throw notFound('Site');
  return c.json(toSite(site), 200);
};

export const updateSiteHandler: RouteHandler<typeof updateSiteRoute, AppEnv> = async (c) => {
  const { id } = c.req.valid('param');
  const db = c.var.db;
  if (!(await updateSite(db, id, c.req.valid('json'), scopeOf(callerOf(c))))) throw notFound('Site');
  const [site] = await siteById(db, id);
  return c.json(toSite(site), 200);
};
