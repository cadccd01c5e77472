import { describe, expect, it } from 'vitest';
import { readablePhone } from '../domain/phone';
import { euros, frenchDateTime, frenchDay, frenchTime, fromFrenchDate, howFarAhead } from './format';

describe('French dates, times and money', () => {
  const at = new Date('2027-03-02T08:20:00Z'); // 9 h 20 in Paris (UTC+1)

  it('writes the day with its weekday, the time as "9 h 20", in the site’s time zone', () => {
    expect(frenchDay(at, 'Europe/Paris')).toBe('mardi 2 mars');
    expect(frenchTime(at, 'Europe/Paris')).toBe('9\u00a0h\u00a020');
    expect(frenchTime(new Date('2027-03-02T13:00:00Z'), 'Europe/Paris')).toBe('14\u00a0h');
    expect(frenchTime(at, 'Indian/Reunion')).toBe('12\u00a0h\u00a020');
    expect(frenchDateTime(at, 'Europe/Paris')).toBe('mardi 2 mars à 9\u00a0h\u00a020');
  });

  it('adds the year only when it is not the current one', () => {
    expect(frenchDay(at, 'Europe/Paris', new Date('2027-01-10T10:00:00Z'))).toBe('mardi 2 mars');
    expect(frenchDay(at, 'Europe/Paris', new Date('2026-12-10T10:00:00Z'))).toBe('mardi 2 mars 2027');
  });

  it('counts days ahead in the site’s calendar, not in hours', () => {
    const lateEvening = new Date('2027-03-01T22:30:00Z'); // 23 h 30 in Paris, already the 2nd in Réunion
    expect(howFarAhead(at, lateEvening, 'Europe/Paris')).toBe('demain');
    expect(howFarAhead(at, lateEvening, 'Indian/Reunion')).toBe('aujourd’hui');
    expect(howFarAhead(at, new Date('2027-02-27T10:00:00Z'), 'Europe/Paris')).toBe('dans 3 jours');
  });

  it('writes euros and phone numbers as people read them', () => {
    expect(euros(3000)).toBe('30 €');
    expect(euros(2650)).toBe('26,50 €');
    expect(readablePhone('+33558000000')).toBe('05 58 00 00 00');
  });

  it('reads a birth date typed with separators or as 8 digits (a phone’s numeric keypad has no slash)', () => {
    for (const typed of ['12/03/1944', '12.03.1944', '12-03-1944', '12 03 1944', '12031944', ' 12031944 '])
      expect(fromFrenchDate(typed), typed).toBe('1944-03-12');
    expect(fromFrenchDate('1/3/1944')).toBe('1944-03-01');
    for (const typed of ['1203194', '120319444', '120344', '12/03/44', ''])
      expect(fromFrenchDate(typed), typed).toBeUndefined();
    // Days the calendar does not have; 29 February only in a leap year.
    for (const typed of ['31/02/1950', '30021950', '29/02/1950', '00/03/1944', '12/13/1944', '31/04/1944'])
      expect(fromFrenchDate(typed), typed).toBeUndefined();
    expect(fromFrenchDate('29/02/1948')).toBe('1948-02-29');
  });
});
