// The ARS pages in French words: months, local dates, rates.
import { FRENCH_MONTHS as MONTHS, FRENCH_WEEKDAYS as WEEKDAYS } from '../../../domain/french-calendar';

/** "décembre 2026" from 2026-12. */
export const frenchMonth = (month: string) => `${MONTHS[Number(month.slice(5, 7)) - 1]} ${month.slice(0, 4)}`;

/** "mardi 1er décembre 2026" from a calendar date (no time zone: it is already local). */
export function frenchDate(date: string, withYear = true): string {
  const d = new Date(`${date}T00:00:00Z`);
  const day = d.getUTCDate();
  const text = `${WEEKDAYS[d.getUTCDay()]} ${day === 1 ? '1er' : day} ${MONTHS[d.getUTCMonth()]}`;
  return withYear ? `${text} ${d.getUTCFullYear()}` : text;
}

/** "45 %" (no-break space), or "sans objet" when there is nothing to measure. */
export const percent = (rate: number | null) =>
  rate === null ? 'sans objet' : `${Math.round(rate * 1000) / 10}\u00a0%`.replace('.', ',');

/** The month (YYYY-MM) next to `month`, `step` months away. */
export function shiftMonth(month: string, step: number): string {
  const [year, m] = month.split('-').map(Number);
  const index = year * 12 + (m - 1) + step;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
}

/** The first and last dates of a month. */
export function monthBounds(month: string) {
  const [y, m] = month.split('-').map(Number);
  return { from: `${month}-01`, to: new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10) };
}
