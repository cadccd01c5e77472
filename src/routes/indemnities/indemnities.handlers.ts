import type { RouteHandler } from '@hono/zod-openapi';
import type { Db } from '../../db/client';
import { missionIndemnity } from '../../domain/indemnity';
import { inZone } from '../../domain/time';
import { toCsv } from '../../lib/csv';
import type { AppEnv } from '../../lib/types';
import { indemnityRates, missionDays, type MissionDayRow } from '../../core/indemnities/indemnities.queries';
import { CSV_HEADER, type indemnityExport, type myIndemnities } from './indemnities.routes';

const HOUR = 3_600_000;
const instant = (t: string | null) => (t ? new Date(t) : null);
const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);

/** Each day with what it earns, by the rates in the database and the rule in the domain. */
async function paidDays(db: Db, month: string, scope: Parameters<typeof missionDays>[2]) {
  const [days, rates] = await Promise.all([missionDays(db, month, scope), indemnityRates(db)]);
  return days.map((d) => ({
    day: d,
    amountCents: missionIndemnity(rates, { date: d.local_date, dayKind: d.day_kind, checkedInAt: instant(d.checked_in_at), checkedOutAt: instant(d.checked_out_at) }),
  }));
}

const toDay = ({ day: d, amountCents }: { day: MissionDayRow; amountCents: number }) => ({
  missionId: d.mission_id,
  date: d.local_date,
  site: { id: d.site_id, name: d.site_name, finess: d.finess },
  epciSiren: d.epci_siren,
  dayKind: d.day_kind,
  start: d.start_local,
  end: d.end_local,
  hours: Math.round(((new Date(d.ends_at).getTime() - new Date(d.starts_at).getTime()) / HOUR) * 100) / 100,
  checkedInAt: inZone(d.checked_in_at, d.time_zone),
  checkedOutAt: inZone(d.checked_out_at, d.time_zone),
  amountCents,
  consultationsFulfilled: d.fulfilled,
  noShows: d.noshows,
});

export const myIndemnitiesHandler: RouteHandler<typeof myIndemnities, AppEnv> = async (c) => {
  const { month } = c.req.valid('query');
  const days = (await paidDays(c.var.db.db, month, { rpps: c.var.caller!.rpps! })).map(toDay);
  return c.json({ month, days, totalCents: sum(days.map((d) => d.amountCents)), currency: 'EUR' as const }, 200);
};

export const indemnityExportHandler: RouteHandler<typeof indemnityExport, AppEnv> = async (c) => {
  const { month, format } = c.req.valid('query');
  const items = (await paidDays(c.var.db.db, month, { workedOnly: true }))
    .filter((p) => p.amountCents > 0)
    .map(({ day: d, amountCents }) => ({ rpps: d.rpps, date: d.local_date, site: d.finess ?? d.site_id, epciSiren: d.epci_siren, dayKind: d.day_kind, amountCents }));
  if (format === 'csv') {
    const csv = toCsv(CSV_HEADER, items.map((i) => [i.rpps, i.date, i.site, i.epciSiren, i.dayKind, i.amountCents]));
    return c.body(csv, 200, { 'content-type': 'text/csv; charset=utf-8', 'content-disposition': `attachment; filename="indemnites-${month}.csv"` });
  }
  return c.json({ month, items, totalCents: sum(items.map((i) => i.amountCents)), currency: 'EUR' as const }, 200);
};
