// Public holidays (jours fériés) by territory, and the working days of a month that the scheme's
// coverage counts. France's 11 holidays everywhere (Code du travail L3133-1); Alsace-Moselle adds
// Good Friday and 26 December (local law, L3134-13); each overseas département adds the day of the
// abolition of slavery (loi du 30 juin 1983 and its decrees).

export const TERRITORIES = [
  'metropole',
  'alsace-moselle',
  'guadeloupe',
  'martinique',
  'guyane',
  'reunion',
  'mayotte',
] as const;
export type Territory = (typeof TERRITORIES)[number];

/** The départements of each territory with holidays of its own; every other one is 'metropole'. */
export const TERRITORY_DEPARTEMENTS: Record<Exclude<Territory, 'metropole'>, readonly string[]> = {
  'alsace-moselle': ['57', '67', '68'],
  guadeloupe: ['971'],
  martinique: ['972'],
  guyane: ['973'],
  reunion: ['974'],
  mayotte: ['976'],
};

export function territoryOf(departement: string): Territory {
  for (const [territory, departements] of Object.entries(TERRITORY_DEPARTEMENTS)) {
    if (departements.includes(departement)) return territory as Territory;
  }
  return 'metropole';
}

export interface Holiday {
  date: string;
  name: string;
}

const ABOLITION = 'Abolition de l’esclavage';
/** Fixed-date holidays of a territory, as MM-DD. */
const FIXED: Record<Territory, Array<[string, string]>> = {
  metropole: [],
  'alsace-moselle': [['12-26', 'Saint-Étienne']],
  guadeloupe: [['05-27', ABOLITION]],
  martinique: [['05-22', ABOLITION]],
  guyane: [['06-10', ABOLITION]],
  reunion: [['12-20', ABOLITION]],
  mayotte: [['04-27', ABOLITION]],
};

const NATIONAL: Array<[string, string]> = [
  ['01-01', 'Jour de l’an'],
  ['05-01', 'Fête du Travail'],
  ['05-08', 'Victoire 1945'],
  ['07-14', 'Fête nationale'],
  ['08-15', 'Assomption'],
  ['11-01', 'Toussaint'],
  ['11-11', 'Armistice 1918'],
  ['12-25', 'Noël'],
];

const DAY = 86_400_000;
const iso = (t: number) => new Date(t).toISOString().slice(0, 10);

/** Easter Sunday of the Gregorian calendar (the anonymous algorithm, Meeus/Jones/Butcher). */
export function easterSunday(year: number): string {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return iso(Date.UTC(year, month - 1, day));
}

/** The public holidays of a year in a territory, by date. */
export function publicHolidays(year: number, territory: Territory): Holiday[] {
  const easter = Date.parse(`${easterSunday(year)}T00:00:00Z`);
  const fromEaster = (days: number, name: string): Holiday => ({ date: iso(easter + days * DAY), name });
  const fixed = (list: Array<[string, string]>) => list.map(([md, name]) => ({ date: `${year}-${md}`, name }));
  const holidays = [
    ...fixed(NATIONAL),
    fromEaster(1, 'Lundi de Pâques'),
    fromEaster(39, 'Ascension'),
    fromEaster(50, 'Lundi de Pentecôte'),
    ...(territory === 'alsace-moselle' ? [fromEaster(-2, 'Vendredi saint')] : []),
    ...fixed(FIXED[territory]),
  ];
  return holidays.sort((x, y) => x.date.localeCompare(y.date));
}

/** A month as YYYY-MM, from 1900 (Date.UTC reads years 0 to 99 as 1900 to 1999) to 9999. */
export const isMonth = (month: string) => /^(19|[2-9]\d)\d{2}-(0[1-9]|1[0-2])$/.test(month);

/** Every calendar date of a month (YYYY-MM). */
export function daysOfMonth(month: string): string[] {
  const [y, m] = month.split('-').map(Number);
  const first = Date.UTC(y, m - 1, 1);
  const count = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return Array.from({ length: count }, (_, i) => iso(first + i * DAY));
}

const weekday = (date: string) => {
  const d = new Date(`${date}T00:00:00Z`).getUTCDay();
  return d >= 1 && d <= 5;
};

/** The public holidays of a month in a territory that fall on a weekday: the ones coverage leaves out. */
export function weekdayHolidays(month: string, territory: Territory): Holiday[] {
  return publicHolidays(Number(month.slice(0, 4)), territory).filter(
    (h) => h.date.startsWith(`${month}-`) && weekday(h.date),
  );
}

/** Monday to Friday of a month, the territory's public holidays excluded. */
export function workingDays(month: string, territory: Territory): string[] {
  const off = new Set(weekdayHolidays(month, territory).map((h) => h.date));
  return daysOfMonth(month).filter((d) => weekday(d) && !off.has(d));
}
