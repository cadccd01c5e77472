import type { RouteHandler } from '@hono/zod-openapi';
import { daysBetween, localDate } from '../../domain/time';
import { CHANNELS } from '../../domain/channels';
import { ProblemError, notFound } from '../../lib/problem';
import type { AppEnv } from '../../lib/types';
import { zoneStats } from '../../core/zone-stats/zone-stats.queries';
import { MAX_STATS_DAYS, type getZoneStats } from './zone-stats.routes';

/** The calendar month around `now` in Paris, where the ARS dashboards are read by default. */
function currentMonth(now: Date) {
  const [y, m] = localDate(now, 'Europe/Paris').split('-').map(Number);
  const iso = (d: Date) => d.toISOString().slice(0, 10);
  return { from: iso(new Date(Date.UTC(y, m - 1, 1))), to: iso(new Date(Date.UTC(y, m, 0))) };
}

const ratio = (part: number, whole: number) => (whole === 0 ? null : Math.round((part / whole) * 10_000) / 10_000);

export const getZoneStatsHandler: RouteHandler<typeof getZoneStats, AppEnv> = async (c) => {
  const { siren } = c.req.valid('param');
  const query = c.req.valid('query');
  const month = currentMonth(c.var.now);
  const from = query.from ?? month.from;
  const to = query.to ?? month.to;
  if (to < from) throw new ProblemError(400, 'invalid_range', 'Invalid range', '`to` must not be before `from`.');
  if (daysBetween(from, to) >= MAX_STATS_DAYS) {
    throw new ProblemError(400, 'range_too_long', 'Range too long', `Statistics cover at most ${MAX_STATS_DAYS} days.`);
  }
  const s = await zoneStats(c.var.db.db, siren, from, to, c.var.now);
  if (!s.zone_exists) throw notFound('EPCI');
  const bookedByChannel = Object.fromEntries(CHANNELS.map((ch) => [ch, { count: s[ch], share: ratio(s[ch], s.booked) }])) as Record<
    (typeof CHANNELS)[number],
    { count: number; share: number | null }
  >;
  return c.json(
    {
      siren, from, to,
      missionDays: { planned: s.planned, held: s.held, missed: s.missed },
      slots: { offered: s.offered, booked: s.booked, fulfilled: s.fulfilled, noShows: s.noshows },
      noShowRate: ratio(s.noshows, s.noshows + s.attended),
      bookedByChannel,
    },
    200,
  );
};
