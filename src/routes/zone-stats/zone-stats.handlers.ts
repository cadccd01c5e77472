import { scopeOf } from '../../domain/caller';
import type { RouteHandler } from '@hono/zod-openapi';
import { daysBetween, localDate } from '../../domain/time';
import { problem, notFound } from '../../domain/problem';
import type { AppEnv } from '../../app-env';
import { MAX_STATS_DAYS, zoneFigures } from '../../core/zone-stats/zone-stats';
import type { getZoneStats } from './zone-stats.routes';
import { callerOf } from '../../middleware/require-role';

/** The calendar month around `now` in Paris, where the ARS dashboards are read by default. */
function currentMonth(now: Date) {
  const [y, m] = localDate(now, 'Europe/Paris').split('-').map(Number);
  const iso = (d: Date) => d.toISOString().slice(0, 10);
  return { from: iso(new Date(Date.UTC(y, m - 1, 1))), to: iso(new Date(Date.UTC(y, m, 0))) };
}

export const getZoneStatsHandler: RouteHandler<typeof getZoneStats, AppEnv> = async (c) => {
  const { siren } = c.req.valid('param');
  const query = c.req.valid('query');
  const month = currentMonth(c.var.now);
  const from = query.from ?? month.from;
  const to = query.to ?? month.to;
  if (to < from) throw problem('invalid_range', '`to` must not be before `from`.');
  if (daysBetween(from, to) >= MAX_STATS_DAYS) {
    throw problem('range_too_long', `Statistics cover at most ${MAX_STATS_DAYS} days.`);
  }
  const figures = await zoneFigures(c.var.db, siren, from, to, c.var.now, scopeOf(callerOf(c)));
  if (!figures) throw notFound('EPCI');
  return c.json(figures, 200);
};
