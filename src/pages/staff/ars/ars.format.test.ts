import { describe, expect, it } from 'vitest';
import { frenchDate, frenchMonth, monthBounds, percent, shiftMonth } from './ars.format';

describe('the ARS pages’ French', () => {
  it('says months, dates and rates the French way', () => {
    expect(frenchMonth('2026-12')).toBe('décembre 2026');
    expect(frenchDate('2026-12-01')).toBe('mardi 1er décembre 2026');
    expect(frenchDate('2027-03-26', false)).toBe('vendredi 26 mars');
    expect(percent(0.0909)).toBe('9,1\u00a0%');
    expect(percent(1)).toBe('100\u00a0%');
    expect(percent(null)).toBe('sans objet');
  });

  it('moves between months and knows their ends', () => {
    expect(shiftMonth('2026-12', 1)).toBe('2027-01');
    expect(shiftMonth('2027-01', -1)).toBe('2026-12');
    expect(monthBounds('2028-02')).toEqual({ from: '2028-02-01', to: '2028-02-29' });
  });
});
