// The demo's mission days fall on working days, as the scheme's doctors declare them.
import { describe, expect, it } from 'vitest';
import { workingDayAfter } from './seed-demo';

describe('the demo supply', () => {
  it('declares its mission days on weekdays that are not public holidays', () => {
    // Friday 4 December 2026: the next working day is Monday.
    expect(workingDayAfter('2026-12-04', 1, '40')).toBe('2026-12-07');
    expect(workingDayAfter('2026-12-04', 4, '40')).toBe('2026-12-10');
    // Christmas Day is a Friday: Thursday's next working day is the Monday after.
    expect(workingDayAfter('2026-12-24', 1, '32')).toBe('2026-12-28');
    // Réunion's abolition of slavery (20 December) on a Monday in 2027.
    expect(workingDayAfter('2027-12-17', 1, '974')).toBe('2027-12-21');
    expect(workingDayAfter('2027-12-17', 1, '40')).toBe('2027-12-20');
  });
});
