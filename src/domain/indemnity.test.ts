import { describe, expect, it } from 'vitest';
import {
  DEFAULT_INDEMNITY_RATES,
  type IndemnityRate,
  missionIndemnity,
  monthBounds,
  paidDayKind,
  type PresenceThresholds,
} from './indemnity';

/** The settings' defaults (INDEMNITY_FULL_DAY_HOURS, INDEMNITY_HALF_DAY_HOURS). */
const T: PresenceThresholds = { fullDayHours: 6, halfDayHours: 3 };

const inAt = new Date('2025-10-06T07:55:00Z');
const outAt = new Date('2025-10-06T16:10:00Z');

describe('missionIndemnity', () => {
  it('pays 200 € for a full day and 100 € for a half-day worked', () => {
    expect(
      missionIndemnity(
        DEFAULT_INDEMNITY_RATES,
        { date: '2025-10-06', dayKind: 'full', checkedInAt: inAt, checkedOutAt: outAt },
        T,
      ),
    ).toBe(20000);
    expect(
      missionIndemnity(
        DEFAULT_INDEMNITY_RATES,
        { date: '2025-10-06', dayKind: 'half', checkedInAt: inAt, checkedOutAt: outAt },
        T,
      ),
    ).toBe(10000);
  });

  it('pays the presence: 6 hours a full day, 3 a half-day, less nothing; never more than the day declared', () => {
    const after = (minutes: number) => new Date(inAt.getTime() + minutes * 60_000);
    const day = (dayKind: 'full' | 'half', minutes: number) => ({
      date: '2025-10-06',
      dayKind,
      checkedInAt: inAt,
      checkedOutAt: after(minutes),
    });
    expect(missionIndemnity(DEFAULT_INDEMNITY_RATES, day('full', 5), T)).toBe(0);
    expect(missionIndemnity(DEFAULT_INDEMNITY_RATES, day('full', 179), T)).toBe(0);
    expect(missionIndemnity(DEFAULT_INDEMNITY_RATES, day('full', 180), T)).toBe(10000);
    expect(missionIndemnity(DEFAULT_INDEMNITY_RATES, day('full', 359), T)).toBe(10000);
    expect(missionIndemnity(DEFAULT_INDEMNITY_RATES, day('full', 360), T)).toBe(20000);
    expect(missionIndemnity(DEFAULT_INDEMNITY_RATES, day('half', 600), T)).toBe(10000);
    expect(missionIndemnity(DEFAULT_INDEMNITY_RATES, day('half', 179), T)).toBe(0);
    expect(paidDayKind(day('full', 240), { fullDayHours: 4, halfDayHours: 2 })).toBe('full');
    expect(paidDayKind(day('full', 90), { fullDayHours: 4, halfDayHours: 1.5 })).toBe('half');
  });

  it('pays nothing without both check-in and check-out', () => {
    const day = { date: '2025-10-06', dayKind: 'full' as const };
    expect(missionIndemnity(DEFAULT_INDEMNITY_RATES, { ...day, checkedInAt: null, checkedOutAt: null }, T)).toBe(0);
    expect(missionIndemnity(DEFAULT_INDEMNITY_RATES, { ...day, checkedInAt: inAt, checkedOutAt: null }, T)).toBe(0);
    expect(missionIndemnity(DEFAULT_INDEMNITY_RATES, { ...day, checkedInAt: null, checkedOutAt: outAt }, T)).toBe(0);
  });

  it('pays nothing before the scheme’s rates take effect', () => {
    expect(
      missionIndemnity(
        DEFAULT_INDEMNITY_RATES,
        { date: '2025-08-31', dayKind: 'full', checkedInAt: inAt, checkedOutAt: outAt },
        T,
      ),
    ).toBe(0);
    expect(
      missionIndemnity(
        DEFAULT_INDEMNITY_RATES,
        { date: '2025-09-01', dayKind: 'full', checkedInAt: inAt, checkedOutAt: outAt },
        T,
      ),
    ).toBe(20000);
  });

  it('uses the rate in effect on the mission date', () => {
    const rates: IndemnityRate[] = [
      { dayKind: 'full', amountCents: 20000, effectiveFrom: '2025-09-01', effectiveTo: '2026-06-30' },
      { dayKind: 'full', amountCents: 22000, effectiveFrom: '2026-07-01', effectiveTo: null },
    ];
    const worked = { dayKind: 'full' as const, checkedInAt: inAt, checkedOutAt: outAt };
    expect(missionIndemnity(rates, { ...worked, date: '2026-06-30' }, T)).toBe(20000);
    expect(missionIndemnity(rates, { ...worked, date: '2026-07-01' }, T)).toBe(22000);
  });
});

describe('monthBounds', () => {
  it('spans March in Europe/Paris across the DST change', () => {
    const { from, to } = monthBounds('2026-03', 'Europe/Paris');
    expect(from.toISOString()).toBe('2026-02-28T23:00:00.000Z');
    expect(to.toISOString()).toBe('2026-03-31T22:00:00.000Z');
    // One hour shorter than 31 × 24 h: the clocks went forward on the 29th.
    expect((to.getTime() - from.getTime()) / 3_600_000).toBe(31 * 24 - 1);
  });

  it('uses the site zone overseas (Indian/Reunion, UTC+4)', () => {
    const { from, to } = monthBounds('2026-03', 'Indian/Reunion');
    expect(from.toISOString()).toBe('2026-02-28T20:00:00.000Z');
    expect(to.toISOString()).toBe('2026-03-31T20:00:00.000Z');
  });

  it('rolls December over into January', () => {
    const { from, to } = monthBounds('2025-12', 'Europe/Paris');
    expect(from.toISOString()).toBe('2025-11-30T23:00:00.000Z');
    expect(to.toISOString()).toBe('2025-12-31T23:00:00.000Z');
  });
});
