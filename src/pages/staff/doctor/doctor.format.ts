// The doctor's pages in French words: a mission's local date and hours as the site states them,
// a month's name, and the monthly count against the cap ("1 jour sur 2 utilisé en mars").
import { FRENCH_MONTHS as MONTHS } from '../../../domain/french-calendar';
import { zonedInstant } from '../../../domain/time';
import { frenchDay } from '../../format';

/** "mars", or "mars 2027" when the month is not in the year of `today` (YYYY-MM-DD). */
export function frenchMonth(month: string, today?: string): string {
  const name = MONTHS[Number(month.slice(5, 7)) - 1];
  return today !== undefined && today.slice(0, 4) === month.slice(0, 4) ? name : `${name} ${month.slice(0, 4)}`;
}

/** "mardi 3 mars" (with the year when not the current one): a local date, read at noon in the site's zone. */
export const frenchLocalDate = (date: string, timeZone: string, now?: Date) =>
  frenchDay(zonedInstant(date, '12:00', timeZone), timeZone, now);

/** "9 h", "14 h 30" from a local "HH:MM", with no-break spaces. */
export function frenchClock(time: string): string {
  const [hour, minute] = time.split(':');
  return minute === '00' ? `${Number(hour)}\u00a0h` : `${Number(hour)}\u00a0h\u00a0${minute}`;
}

/** "3 h 35", "45 min", "6 h" from milliseconds, rounded down to the minute, with no-break spaces. */
export function frenchDuration(ms: number): string {
  const minutes = Math.max(0, Math.floor(ms / 60_000));
  const hour = Math.floor(minutes / 60);
  const minute = String(minutes % 60).padStart(2, '0');
  if (hour === 0) return `${minutes} min`;
  return minute === '00' ? `${hour} h` : `${hour} h ${minute}`;
}

/** "1 jour sur 2 utilisé en mars", "2 jours sur 2 utilisés en avril 2027", "aucun jour sur 2 utilisé en mai". */
export function monthlyUse(used: number, cap: number, month: string, today?: string): string {
  const days = used === 0 ? 'aucun jour' : used === 1 ? '1 jour' : `${used} jours`;
  return `${days} sur ${cap} ${used > 1 ? 'utilisés' : 'utilisé'} en ${frenchMonth(month, today)}`;
}

/** The month (YYYY-MM) after `month`. */
export function nextMonth(month: string): string {
  const [year, m] = month.split('-').map(Number);
  return m === 12 ? `${year + 1}-01` : `${year}-${String(m + 1).padStart(2, '0')}`;
}

/** The month (YYYY-MM) before `month`. */
export function previousMonth(month: string): string {
  const [year, m] = month.split('-').map(Number);
  return m === 1 ? `${year - 1}-12` : `${year}-${String(m - 1).padStart(2, '0')}`;
}
