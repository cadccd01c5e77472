// What the scheme pays: a doctor's month day by day, and the ARS's monthly export, each day's
// amount by the rates in the database and the rule in the domain. Every door renders these.
import type { Db } from '../../db/client';
import { missionIndemnity, presenceHours, type PresenceThresholds } from '../../domain/indemnity';
import type { EnvVars } from '../../env';
import type { RegionScope } from '../../domain/region-scope';
import { inZone } from '../../domain/time';
import { toCsv } from '../../lib/csv';
import { indemnityRates, missionDays, type MissionDayRow } from './indemnities.queries';

const HOUR = 3_600_000;
const instant = (t: string | null) => (t ? new Date(t) : null);
const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);
const hundredths = (n: number) => Math.round(n * 100) / 100;

/** The presence a day needs to be paid, from the settings INDEMNITY_FULL_DAY_HOURS and INDEMNITY_HALF_DAY_HOURS. */
export const presenceThresholds = (config: EnvVars): PresenceThresholds => ({
  fullDayHours: config.INDEMNITY_FULL_DAY_HOURS,
  halfDayHours: config.INDEMNITY_HALF_DAY_HOURS,
});

async function paidDays(
  db: Db,
  month: string,
  scope: Parameters<typeof missionDays>[2],
  thresholds: PresenceThresholds,
) {
  const [days, rates] = await Promise.all([missionDays(db, month, scope), indemnityRates(db)]);
  return days.map((d) => {
    const attendance = {
      date: d.local_date,
      dayKind: d.day_kind,
      checkedInAt: instant(d.checked_in_at),
      checkedOutAt: instant(d.checked_out_at),
    };
    return {
      day: d,
      presence: presenceHours(attendance),
      amountCents: missionIndemnity(rates, attendance, thresholds),
    };
  });
}

const toDay = ({ day: d, amountCents }: { day: MissionDayRow; amountCents: number }) => ({
  missionId: d.mission_id,
  date: d.local_date,
  site: { id: d.site_id, name: d.site_name, finess: d.finess },
  epciSiren: d.epci_siren,
  dayKind: d.day_kind,
  start: d.start_local,
  end: d.end_local,
  hours: hundredths((new Date(d.ends_at).getTime() - new Date(d.starts_at).getTime()) / HOUR),
  checkedInAt: inZone(d.checked_in_at, d.time_zone),
  checkedOutAt: inZone(d.checked_out_at, d.time_zone),
  amountCents,
  consultationsFulfilled: d.fulfilled,
  noShows: d.noshows,
});

export type DoctorIndemnityDay = ReturnType<typeof toDay>;

/** A doctor's mission days of a month (YYYY-MM), each with what it earns, and the total. */
export async function doctorIndemnities(db: Db, rpps: string, month: string, thresholds: PresenceThresholds) {
  const days = (await paidDays(db, month, { rpps }, thresholds)).map(toDay);
  return { month, days, totalCents: sum(days.map((d) => d.amountCents)), currency: 'EUR' as const };
}

/**
 * The month's paid days of every doctor, as the ARS pays them: the hours of presence they were
 * paid for, and the reason of the latest ARS correction of their attendance, if any.
 */
export async function indemnityLines(
  db: Db,
  month: string,
  regions: RegionScope | undefined,
  thresholds: PresenceThresholds,
) {
  const items = (await paidDays(db, month, { workedOnly: true, regions }, thresholds))
    .filter((p) => p.amountCents > 0)
    .map(({ day: d, presence, amountCents }) => ({
      rpps: d.rpps,
      date: d.local_date,
      site: d.finess ?? d.site_id,
      epciSiren: d.epci_siren,
      dayKind: d.day_kind,
      presenceHours: hundredths(presence!),
      amountCents,
      correctionReason: d.correction_reason,
    }));
  return { month, items, totalCents: sum(items.map((i) => i.amountCents)), currency: 'EUR' as const };
}

/** The month's paid days as the ARS's spreadsheet shows them (indemnities.sheet.ts): with the site's and the doctor's names. */
export async function indemnitySheetLines(
  db: Db,
  month: string,
  regions: RegionScope | undefined,
  thresholds: PresenceThresholds,
) {
  return (await paidDays(db, month, { workedOnly: true, regions }, thresholds))
    .filter((p) => p.amountCents > 0)
    .map(({ day: d, presence, amountCents }) => ({
      rpps: d.rpps,
      doctorName: [d.doctor_given_name, d.doctor_family_name].filter(Boolean).join(' '),
      date: d.local_date,
      siteName: d.site_name,
      finess: d.finess,
      epciSiren: d.epci_siren,
      dayKind: d.day_kind,
      presenceHours: hundredths(presence!),
      amountCents,
      correctionReason: d.correction_reason,
    }));
}

export type IndemnitySheetLine = Awaited<ReturnType<typeof indemnitySheetLines>>[number];

export const EXPORT_CSV_HEADER = [
  'rpps',
  'date',
  'site',
  'epci_siren',
  'day_kind',
  'presence_hours',
  'amount_cents',
  'correction_reason',
] as const;

export const exportCsv = (items: Awaited<ReturnType<typeof indemnityLines>>['items']) =>
  toCsv(
    EXPORT_CSV_HEADER,
    items.map((i) => [
      i.rpps,
      i.date,
      i.site,
      i.epciSiren,
      i.dayKind,
      i.presenceHours,
      i.amountCents,
      i.correctionReason ?? '',
    ]),
  );

export const DOCTOR_CSV_HEADER = [
  'date',
  'site',
  'finess',
  'epci_siren',
  'day_kind',
  'start',
  'end',
  'hours',
  'checked_in_at',
  'checked_out_at',
  'consultations',
  'no_shows',
  'amount_cents',
] as const;

/** A doctor's month as a spreadsheet: one line per day, the same figures as the page. */
export const doctorCsv = (days: DoctorIndemnityDay[]) =>
  toCsv(
    DOCTOR_CSV_HEADER,
    days.map((d) => [
      d.date,
      d.site.name,
      d.site.finess ?? '',
      d.epciSiren,
      d.dayKind,
      d.start,
      d.end,
      d.hours,
      d.checkedInAt ?? '',
      d.checkedOutAt ?? '',
      d.consultationsFulfilled,
      d.noShows,
      d.amountCents,
    ]),
  );
