// Dates, times and money the French way, in the site's own time zone: "mardi 3 mars", "9 h 20",
// "dans 3 jours", "30 €".
import { daysBetween, localDate } from '../domain/time';

const dayFormats = new Map<string, Intl.DateTimeFormat>();
const timeFormats = new Map<string, Intl.DateTimeFormat>();

function formatOf(cache: Map<string, Intl.DateTimeFormat>, timeZone: string, options: Intl.DateTimeFormatOptions) {
  let format = cache.get(timeZone);
  if (!format) cache.set(timeZone, (format = new Intl.DateTimeFormat('fr-FR', { ...options, timeZone })));
  return format;
}

/** "mardi 3 mars" (with the year when it is not the current one at `now`). */
export function frenchDay(instant: Date, timeZone: string, now?: Date): string {
  const withYear =
    now !== undefined && localDate(instant, timeZone).slice(0, 4) !== localDate(now, timeZone).slice(0, 4);
  const day = formatOf(dayFormats, timeZone, { weekday: 'long', day: 'numeric', month: 'long' }).format(instant);
  return withYear ? `${day} ${localDate(instant, timeZone).slice(0, 4)}` : day;
}

/** "9 h 20", "14 h" (how the French say and write times), with no-break spaces: never cut across lines. */
export function frenchTime(instant: Date, timeZone: string): string {
  const parts = formatOf(timeFormats, timeZone, { hour: 'numeric', minute: '2-digit', hourCycle: 'h23' }).formatToParts(
    instant,
  );
  const hour = Number(parts.find((p) => p.type === 'hour')!.value);
  const minute = parts.find((p) => p.type === 'minute')!.value;
  return minute === '00' ? `${hour}\u00a0h` : `${hour}\u00a0h\u00a0${minute}`;
}

/** "mardi 3 mars à 9 h 20". */
export const frenchDateTime = (instant: Date, timeZone: string, now?: Date) =>
  `${frenchDay(instant, timeZone, now)} à ${frenchTime(instant, timeZone)}`;

/** How far ahead a day is, counted in the site's calendar: "aujourd'hui", "demain", "dans 3 jours". */
export function howFarAhead(instant: Date, now: Date, timeZone: string): string {
  const days = daysBetween(localDate(now, timeZone), localDate(instant, timeZone));
  if (days <= 0) return 'aujourd’hui';
  if (days === 1) return 'demain';
  return `dans ${days} jours`;
}

/** "30 €", "26,50 €". */
export function euros(cents: number): string {
  const whole = cents % 100 === 0;
  return `${new Intl.NumberFormat('fr-FR', { minimumFractionDigits: whole ? 0 : 2, maximumFractionDigits: 2 }).format(cents / 100)} €`;
}

const comparable = (text: string) =>
  text
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ');

/** "Démo — Pissos" stays as it is; "Maison de santé" becomes "Maison de santé, Pissos": the town is said once. */
export function withCommune(text: string, commune: string): string {
  return ` ${comparable(text)} `.includes(` ${comparable(commune).trim()} `) ? text : `${text}, ${commune}`;
}

/**
 * A birth date as people type it: "15/06/1950" (or with dots, dashes, spaces), or digits alone,
 * "15061950", which is what a phone's numeric keypad allows. ISO "1950-06-15", or undefined.
 */
export function fromFrenchDate(text: string): string | undefined {
  const trimmed = text.trim();
  const match = /^(\d{1,2})[/. -](\d{1,2})[/. -](\d{4})$/.exec(trimmed) ?? /^(\d{2})(\d{2})(\d{4})$/.exec(trimmed);
  if (!match) return undefined;
  const [day, month, year] = [Number(match[1]), Number(match[2]), Number(match[3])];
  // A day the calendar has: 31/02 is no date (Postgres would refuse it, as a failure, not a field error).
  const real = new Date(Date.UTC(year, month - 1, day));
  if (real.getUTCFullYear() !== year || real.getUTCMonth() !== month - 1 || real.getUTCDate() !== day) return undefined;
  return `${match[3]}-${match[2].padStart(2, '0')}-${match[1].padStart(2, '0')}`;
}

export const toFrenchDate = (iso: string) => iso.split('-').reverse().join('/');
