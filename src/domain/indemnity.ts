// What the scheme pays a volunteer doctor for a mission day, and the month boundaries over which
// those payments are totalled (in the site's zone, never the server's).
import { inEffect } from './tariff';
import { zonedInstant } from './time';

export type DayKind = 'full' | 'half';

/** Dates are YYYY-MM-DD, both ends inclusive; `effectiveTo` null means open-ended. */
export interface IndemnityRate {
  dayKind: DayKind;
  amountCents: number;
  effectiveFrom: string;
  effectiveTo: string | null;
}

export const DEFAULT_INDEMNITY_RATES: IndemnityRate[] = [
  { dayKind: 'full', amountCents: 20000, effectiveFrom: '2025-09-01', effectiveTo: null },
  { dayKind: 'half', amountCents: 10000, effectiveFrom: '2025-09-01', effectiveTo: null },
];

export interface MissionAttendance {
  date: string;
  dayKind: DayKind;
  checkedInAt: Date | null;
  checkedOutAt: Date | null;
}

/** Hours of presence a day must reach to be paid as a full day or a half-day (INDEMNITY_*_HOURS). */
export interface PresenceThresholds {
  fullDayHours: number;
  halfDayHours: number;
}

/** Check-out minus check-in, in hours; null while either is missing (nothing to pay yet). */
export function presenceHours(mission: Pick<MissionAttendance, 'checkedInAt' | 'checkedOutAt'>): number | null {
  if (!mission.checkedInAt || !mission.checkedOutAt) return null;
  return (mission.checkedOutAt.getTime() - mission.checkedInAt.getTime()) / 3_600_000;
}

/**
 * What the presence earns, never more than the day declared: a full day needs `fullDayHours`, a
 * half-day `halfDayHours` (so a full-day mission left early is paid as a half-day), less nothing.
 */
export function paidDayKind(mission: MissionAttendance, thresholds: PresenceThresholds): DayKind | null {
  const hours = presenceHours(mission);
  if (hours === null) return null;
  if (mission.dayKind === 'full' && hours >= thresholds.fullDayHours) return 'full';
  return hours >= thresholds.halfDayHours ? 'half' : null;
}

/** A day is paid for the presence recorded, at the rate in effect on its date. */
export function missionIndemnity(
  rates: readonly IndemnityRate[],
  mission: MissionAttendance,
  thresholds: PresenceThresholds,
): number {
  const kind = paidDayKind(mission, thresholds);
  if (!kind) return 0;
  return rates.find((r) => r.dayKind === kind && inEffect(r, mission.date))?.amountCents ?? 0;
}

/** [from, to): local midnight on the 1st of `month` (YYYY-MM) and of the following month. */
export function monthBounds(month: string, timeZone: string): { from: Date; to: Date } {
  const [year, m] = month.split('-').map(Number);
  const next = m === 12 ? `${year + 1}-01` : `${year}-${String(m + 1).padStart(2, '0')}`;
  return { from: zonedInstant(`${month}-01`, '00:00', timeZone), to: zonedInstant(`${next}-01`, '00:00', timeZone) };
}
