import { describe, expect, it } from 'vitest';
import {
  daysOfMonth,
  easterSunday,
  isMonth,
  publicHolidays,
  territoryOf,
  weekdayHolidays,
  workingDays,
} from './public-holidays';

describe('public holidays', () => {
  it('computes Easter Sunday, including its earliest and latest dates', () => {
    expect(easterSunday(2024)).toBe('2024-03-31');
    expect(easterSunday(2025)).toBe('2025-04-20');
    expect(easterSunday(2026)).toBe('2026-04-05');
    expect(easterSunday(2027)).toBe('2027-03-28');
    expect(easterSunday(2008)).toBe('2008-03-23');
    expect(easterSunday(2038)).toBe('2038-04-25');
    expect(easterSunday(2285)).toBe('2285-03-22');
  });

  it('has France’s 11 holidays, the Easter-based ones moving with Easter', () => {
    expect(publicHolidays(2026, 'metropole').map((h) => h.date)).toEqual([
      '2026-01-01',
      '2026-04-06',
      '2026-05-01',
      '2026-05-08',
      '2026-05-14',
      '2026-05-25',
      '2026-07-14',
      '2026-08-15',
      '2026-11-01',
      '2026-11-11',
      '2026-12-25',
    ]);
    expect(publicHolidays(2027, 'metropole').find((h) => h.name === 'Ascension')?.date).toBe('2027-05-06');
    expect(publicHolidays(2027, 'metropole').find((h) => h.name === 'Lundi de Pentecôte')?.date).toBe('2027-05-17');
  });

  it('adds Good Friday and 26 December in Alsace-Moselle, the abolition day overseas', () => {
    const alsace = publicHolidays(2027, 'alsace-moselle');
    expect(alsace).toHaveLength(13);
    expect(alsace).toEqual(
      expect.arrayContaining([
        { date: '2027-03-26', name: 'Vendredi saint' },
        { date: '2027-12-26', name: 'Saint-Étienne' },
      ]),
    );
    const abolition = (t: Parameters<typeof publicHolidays>[1]) =>
      publicHolidays(2027, t)
        .filter((h) => h.name.startsWith('Abolition'))
        .map((h) => h.date);
    expect(abolition('guadeloupe')).toEqual(['2027-05-27']);
    expect(abolition('martinique')).toEqual(['2027-05-22']);
    expect(abolition('guyane')).toEqual(['2027-06-10']);
    expect(abolition('reunion')).toEqual(['2027-12-20']);
    expect(abolition('mayotte')).toEqual(['2027-04-27']);
    expect(abolition('metropole')).toEqual([]);
    expect(publicHolidays(2027, 'guyane').some((h) => h.name === 'Vendredi saint')).toBe(false);
  });

  it('finds the territory of a département', () => {
    expect(['57', '67', '68'].map(territoryOf)).toEqual(['alsace-moselle', 'alsace-moselle', 'alsace-moselle']);
    expect(['971', '972', '973', '974', '976'].map(territoryOf)).toEqual([
      'guadeloupe',
      'martinique',
      'guyane',
      'reunion',
      'mayotte',
    ]);
    expect(['54', '2A', '40', '975'].map(territoryOf)).toEqual(['metropole', 'metropole', 'metropole', 'metropole']);
  });
});

describe('working days', () => {
  it('are Monday to Friday, holidays on a weekday left out', () => {
    // December 2026: 23 weekdays, Christmas on a Friday; 26 December is a Saturday anyway.
    expect(workingDays('2026-12', 'metropole')).toHaveLength(22);
    expect(workingDays('2026-12', 'metropole')).not.toContain('2026-12-25');
    expect(workingDays('2026-12', 'alsace-moselle')).toEqual(workingDays('2026-12', 'metropole'));
    expect(workingDays('2026-12', 'metropole').slice(0, 5)).toEqual([
      '2026-12-01',
      '2026-12-02',
      '2026-12-03',
      '2026-12-04',
      '2026-12-07',
    ]);
    expect(weekdayHolidays('2026-12', 'metropole')).toEqual([{ date: '2026-12-25', name: 'Noël' }]);
  });

  it('differ by territory', () => {
    // March 2027: Good Friday the 26th (Alsace-Moselle only); Easter Monday is 29 March everywhere.
    expect(workingDays('2027-03', 'metropole')).toHaveLength(22);
    expect(workingDays('2027-03', 'alsace-moselle')).toHaveLength(21);
    expect(workingDays('2027-03', 'alsace-moselle')).not.toContain('2027-03-26');
    // June 2027 in Guyane: the 10th (a Thursday) is off.
    expect(workingDays('2027-06', 'guyane')).toHaveLength(21);
    expect(workingDays('2027-06', 'metropole')).toHaveLength(22);
    // In May 2027 the 1st, the 8th and Martinique's 22nd are Saturdays: Ascension and Whit Monday remain.
    expect(weekdayHolidays('2027-05', 'martinique').map((h) => h.date)).toEqual(['2027-05-06', '2027-05-17']);
    expect(weekdayHolidays('2027-05', 'guadeloupe').map((h) => h.date)).toEqual([
      '2027-05-06',
      '2027-05-17',
      '2027-05-27',
    ]);
  });

  it('reads months strictly', () => {
    expect(isMonth('2026-12')).toBe(true);
    for (const bad of ['2026-13', '2026-00', '2026-1', '26-12', '0099-01', '2026-12-01', ''])
      expect(isMonth(bad)).toBe(false);
    expect(daysOfMonth('2028-02')).toHaveLength(29);
    expect(daysOfMonth('2027-02').at(-1)).toBe('2027-02-28');
  });
});
