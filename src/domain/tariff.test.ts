import { describe, expect, it } from 'vitest';
import { violationOf } from './violation.test-support';
import { checkBilling, DEFAULT_RATES, expectedConsultation, isUnderSix, rateOn } from './tariff';

const ADULT = '1980-05-12';

const acts = (...codes: string[]) => codes.map((code) => ({ code }));

describe('rateOn', () => {
  it('switches G from 2650 to 3000 on 2024-12-22 (both ends inclusive)', () => {
    expect(rateOn(DEFAULT_RATES, 'G', '2024-12-21')).toBe(2650);
    expect(rateOn(DEFAULT_RATES, 'G', '2024-12-22')).toBe(3000);
    expect(rateOn(DEFAULT_RATES, 'G', '2023-12-21')).toBe(2650);
    expect(rateOn(DEFAULT_RATES, 'MEG', '2030-01-01')).toBe(500);
  });

  it('is undefined before any rate or for an unknown code', () => {
    expect(rateOn(DEFAULT_RATES, 'G', '2023-12-20')).toBeUndefined();
    expect(rateOn(DEFAULT_RATES, 'XYZ', '2025-01-10')).toBeUndefined();
  });
});

describe('isUnderSix', () => {
  it('is no longer true on the 6th birthday itself', () => {
    expect(isUnderSix('2019-01-10', '2025-01-09')).toBe(true);
    expect(isUnderSix('2019-01-10', '2025-01-10')).toBe(false);
  });

  it('puts a 29 February 6th birthday on 28 February in a non-leap year, as Postgres does', () => {
    expect(isUnderSix('2020-02-29', '2026-02-27')).toBe(true);
    expect(isUnderSix('2020-02-29', '2026-02-28')).toBe(false);
  });
});

describe('expectedConsultation', () => {
  it('is G alone for an adult and G+MEG for a child under 6', () => {
    expect(expectedConsultation(DEFAULT_RATES, '2025-01-10', ADULT)).toEqual({ acts: ['G'], amountCents: 3000 });
    expect(expectedConsultation(DEFAULT_RATES, '2025-01-10', '2022-03-01')).toEqual({ acts: ['G', 'MEG'], amountCents: 3500 });
  });

  it('refuses a date with no rate in effect', () => {
    expect(violationOf(() => expectedConsultation(DEFAULT_RATES, '2023-01-01', ADULT)).code).toBe('tariff_unavailable');
  });
});

describe('checkBilling', () => {
  it('accepts exactly the tarif opposable the day before and the day of the 2024-12-22 change', () => {
    expect(checkBilling(DEFAULT_RATES, { acts: acts('G'), billedCents: 2650 }, '2024-12-21', ADULT)).toEqual({ acts: ['G'], amountCents: 2650 });
    expect(checkBilling(DEFAULT_RATES, { acts: acts('G'), billedCents: 3000, overbillingCents: 0 }, '2024-12-22', ADULT)).toEqual({ acts: ['G'], amountCents: 3000 });
    expect(violationOf(() => checkBilling(DEFAULT_RATES, { acts: acts('G'), billedCents: 3000 }, '2024-12-21', ADULT)).detail).toBe(
      'billed 3000 cents; the tarif opposable for G on 2024-12-21 is 2650 cents',
    );
  });

  it('applies MEG the day before the 6th birthday, not on it', () => {
    const birth = '2019-01-10';
    expect(checkBilling(DEFAULT_RATES, { acts: acts('G', 'MEG'), billedCents: 3500 }, '2025-01-09', birth)).toEqual({ acts: ['G', 'MEG'], amountCents: 3500 });
    expect(checkBilling(DEFAULT_RATES, { acts: acts('G'), billedCents: 3000 }, '2025-01-10', birth)).toEqual({ acts: ['G'], amountCents: 3000 });
    const meg = violationOf(() => checkBilling(DEFAULT_RATES, { acts: acts('G', 'MEG'), billedCents: 3500 }, '2025-01-10', birth));
    expect(meg.code).toBe('overbilling_not_allowed');
    expect(meg.detail).toContain('not under 6');
  });

  it('requires MEG for a child under 6, as the database does', () => {
    const error = violationOf(() => checkBilling(DEFAULT_RATES, { acts: acts('G'), billedCents: 3000 }, '2025-01-09', '2019-01-10'));
    expect(error.detail).toContain('MEG is due');
    expect(error.detail).toContain('G+MEG = 3500 cents');
  });

  it.each(['DE', 'DA'])('refuses the dépassement code %s', (code) => {
    const error = violationOf(() => checkBilling(DEFAULT_RATES, { acts: acts('G', code), billedCents: 3000 }, '2025-01-10', ADULT));
    expect(error.code).toBe('overbilling_not_allowed');
    expect(error.status).toBe(422);
    expect(error.detail).toContain(`Act ${code} is a dépassement`);
    expect(error.detail).toContain('G = 3000 cents');
  });

  it('refuses a positive overbilling amount', () => {
    const error = violationOf(() => checkBilling(DEFAULT_RATES, { acts: acts('G'), billedCents: 3000, overbillingCents: 500 }, '2025-01-10', ADULT));
    expect(error.code).toBe('overbilling_not_allowed');
    expect(error.detail).toContain('overbillingCents must be 0, got 500');
  });

  it('refuses billing above or below the tarif opposable', () => {
    const above = violationOf(() => checkBilling(DEFAULT_RATES, { acts: acts('G'), billedCents: 3500 }, '2025-01-10', ADULT));
    expect(above.detail).toBe('billed 3500 cents; the tarif opposable for G on 2025-01-10 is 3000 cents');
    const below = violationOf(() => checkBilling(DEFAULT_RATES, { acts: acts('G', 'MEG'), billedCents: 3000 }, '2025-01-10', '2022-03-01'));
    expect(below.detail).toBe('billed 3000 cents; the tarif opposable for G+MEG on 2025-01-10 is 3500 cents');
  });

  it('refuses duplicated, unknown, missing and foreign acts', () => {
    const bill = (codes: string[], billedCents = 3000) =>
      violationOf(() => checkBilling(DEFAULT_RATES, { acts: acts(...codes), billedCents }, '2025-01-10', ADULT)).detail;
    expect(bill(['G', 'G'], 6000)).toContain('Act G is billed more than once');
    expect(bill(['G', 'XYZ'])).toContain('Act XYZ has no tarif opposable on 2025-01-10');
    expect(bill([])).toContain('exactly one G');
    expect(bill(['MEG'], 500)).toContain('exactly one G');
    const withExtra = [...DEFAULT_RATES, { code: 'APC', amountCents: 5600, effectiveFrom: '2024-12-22', effectiveTo: null }];
    const extra = violationOf(() => checkBilling(withExtra, { acts: acts('G', 'APC'), billedCents: 8600 }, '2025-01-10', ADULT));
    expect(extra.detail).toContain('Act APC is not part of a consultation at the tarif opposable');
  });

  it('refuses G on a date before any rate', () => {
    expect(violationOf(() => checkBilling(DEFAULT_RATES, { acts: acts('G'), billedCents: 2500 }, '2023-01-01', ADULT)).detail).toBe(
      'Act G has no tarif opposable on 2023-01-01.',
    );
  });
});
