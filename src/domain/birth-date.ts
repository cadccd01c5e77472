// A birth date a person can have: not after today, not more than 120 years before it, "today"
// being the date in Paris at the request's instant. Postgres holds bookings to the same rule
// (birth_date_plausible in migrations/0009_fairness.sql); a test runs both on the same cases.
import { localDate } from './time';

export const MAX_AGE_YEARS = 120;

export type BirthDateRefusal = 'future' | 'too_old';

/** The same date `years` earlier; a 29 February that does not exist becomes the 28th (as in Postgres). */
function yearsBefore(date: string, years: number): string {
  const [y, m, d] = date.split('-').map(Number);
  const lastDay = new Date(Date.UTC(y - years, m, 0)).getUTCDate();
  return `${String(y - years).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(Math.min(d, lastDay)).padStart(2, '0')}`;
}

export function birthDateRefusal(birthDate: string, now: Date): BirthDateRefusal | undefined {
  const today = localDate(now, 'Europe/Paris');
  if (birthDate > today) return 'future';
  if (birthDate < yearsBefore(today, MAX_AGE_YEARS)) return 'too_old';
  return undefined;
}
