import { describe, expect, it } from 'vitest';
import {
  frenchClock,
  frenchDuration,
  frenchLocalDate,
  frenchMonth,
  monthlyUse,
  nextMonth,
  previousMonth,
} from './doctor.format';

describe('the doctor’s pages in French words', () => {
  it('names a month, with its year only when it is not this year', () => {
    expect(frenchMonth('2027-03', '2027-01-15')).toBe('mars');
    expect(frenchMonth('2027-03', '2026-12-31')).toBe('mars 2027');
    expect(frenchMonth('2026-08')).toBe('août 2026');
  });

  it('says a presence in hours and minutes, rounded down to the minute', () => {
    expect(frenchDuration(3 * 3_600_000 + 35 * 60_000 + 59_000)).toBe('3\u00a0h\u00a035');
    expect(frenchDuration(6 * 3_600_000)).toBe('6\u00a0h');
    expect(frenchDuration(45 * 60_000)).toBe('45\u00a0min');
    expect(frenchDuration(-1)).toBe('0\u00a0min');
  });

  it('counts the days used against the cap, in agreement', () => {
    expect(monthlyUse(1, 2, '2027-03', '2027-01-01')).toBe('1 jour sur 2 utilisé en mars');
    expect(monthlyUse(2, 2, '2027-04', '2026-11-29')).toBe('2 jours sur 2 utilisés en avril 2027');
    expect(monthlyUse(0, 2, '2026-12', '2026-11-29')).toBe('aucun jour sur 2 utilisé en décembre');
  });

  it('reads a local date in the site’s zone, whatever the zone’s offset', () => {
    expect(frenchLocalDate('2027-03-02', 'Europe/Paris', new Date('2027-01-01T00:00:00Z'))).toBe('mardi 2 mars');
    expect(frenchLocalDate('2027-03-02', 'Pacific/Noumea', new Date('2027-01-01T00:00:00Z'))).toBe('mardi 2 mars');
    expect(frenchLocalDate('2027-03-02', 'America/Cayenne', new Date('2026-06-01T00:00:00Z'))).toBe(
      'mardi 2 mars 2027',
    );
  });

  it('writes hours the French way', () => {
    expect(frenchClock('09:00')).toBe('9\u00a0h');
    expect(frenchClock('14:30')).toBe('14\u00a0h\u00a030');
  });

  it('steps months across the year', () => {
    expect(nextMonth('2026-12')).toBe('2027-01');
    expect(previousMonth('2027-01')).toBe('2026-12');
    expect(nextMonth('2027-03')).toBe('2027-04');
  });
});
