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

/** Only a day actually worked (checked in and out) is paid, at the rate in effect on its date. */
export function missionIndemnity(rates: readonly IndemnityRate[], mission: MissionAttendance): number {
  if (!mission.checkedInAt || !mission.checkedOutAt) return 0;
  return rates.find((r) => r.dayKind === mission.dayKind && inEffect(r, mission.date))?.amountCents ?? 0;
}

/** [from, to): local midnight on the 1st of `month` (YYYY-MM) and of the following month. */
export function monthBounds(month: string, timeZone: string): { from: Date; to: Date } {
  const [year, m] = month.split('-').map(Number);
  const next = m === 12 ? `${year + 1}-01` : `${year}-${String(m + 1).padStart(2, '0')}`;
  return { from: zonedInstant(`${month}-01`, '00:00', timeZone), to: zonedInstant(`${next}-01`, '00:00', timeZone) };
}
