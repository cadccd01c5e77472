import { scopeOf } from '../../domain/caller';
import type { RouteHandler } from '@hono/zod-openapi';
import { localDate } from '../../domain/time';
import { regionName } from '../../domain/regions';
import type { AppEnv } from '../../app-env';
import { coverageByRegion, coverageByZone } from '../../core/zone-stats/coverage';
import type { getCoverage, getRegionCoverage } from './coverage.routes';
import { callerOf } from '../../middleware/require-role';

/** The ARS dashboards are read in Paris: the default month is Paris's. */
const currentMonth = (now: Date) => localDate(now, 'Europe/Paris').slice(0, 7);

export const getCoverageHandler: RouteHandler<typeof getCoverage, AppEnv> = async (c) => {
  const { month = currentMonth(c.var.now), region } = c.req.valid('query');
  const name = region === undefined ? undefined : regionName(region)!;
  const { zones, totals } = await coverageByZone(c.var.db, month, c.var.now, scopeOf(callerOf(c)), name);
  return c.json({ month, region: name === undefined ? null : { code: region!, name }, zones, totals }, 200);
};

export const getRegionCoverageHandler: RouteHandler<typeof getRegionCoverage, AppEnv> = async (c) => {
  const { month = currentMonth(c.var.now) } = c.req.valid('query');
  return c.json({ month, ...(await coverageByRegion(c.var.db, month, c.var.now, scopeOf(callerOf(c)))) }, 200);
};
