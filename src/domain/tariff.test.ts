import { describe, expect, it } from 'vitest';
import { violationOf } from './violation.test-support';
import { checkBilling, expectedConsultation, isUnderSix, rateOn, type TariffRate, type Visit } from './tariff';

// A table shaped like the database's (the operations read that one): metropolitan G before and after
// the 2024 convention, MEG, and one overseas G.
const RATES: TariffRate[] = [
  { code: 'G', territory: 'metropole', amountCents: 2650, effectiveFrom: '2023-11-01', effectiveTo: '2024-12-21' },
  { code: 'G', territory: 'metropole', amountCents: 3000, effectiveFrom: '2024-12-22', effectiveTo: null },
  { code: 'MEG', territory: 'metropole', amountCents: 500, effectiveFrom: '2017-05-01', effectiveTo: null },
  { code: 'G', territory: 'reunion', amountCents: 3600, effectiveFrom: '2024-12-22', effectiveTo: null },
];

/** A consultation in metropolitan France on `date`. */
const on = (date: string, birthDate: string): Visit => ({ territory: 'metropole', date, birthDate });

const ADULT = '1980-05-12';

const acts = (...codes: string[]) => codes.map((code) => ({ code }));

describe('rateOn', () => {
  it('switches G from 2650 to 3000 on 2024-12-22 (both ends inclusive)', () => {
    expect(rateOn(RATES, 'metropole', 'G', '2024-12-21')).toBe(2650);
    expect(rateOn(RATES, 'metropole', 'G', '2024-12-22')).toBe(3000);
    expect(rateOn(RATES, 'metropole', 'G', '2023-11-01')).toBe(2650);
    expect(rateOn(RATES, 'metropole', 'MEG', '2030-01-01')).toBe(500);
  });

  it('reads the rate of the territory asked for, and no other', () => {
    expect(rateOn(RATES, 'reunion', 'G', '2025-01-10')).toBe(3600);
    expect(rateOn(RATES, 'reunion', 'MEG', '2025-01-10')).toBeUndefined();
    expect(rateOn(RATES, 'mayotte', 'G', '2025-01-10')).toBeUndefined();
  });

  it('is undefined before any rate or for an unknown code', () => {
    expect(rateOn(RATES, 'metropole', 'G', '2023-10-31')).toBeUndefined();
    expect(rateOn(RATES, 'metropole', 'XYZ', '2025-01-10')).toBeUndefined();
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
    expect(expectedConsultation(RATES, on('2025-01-10', ADULT))).toEqual({ acts: ['G'], amountCents: 3000 });
    expect(expectedConsultation(RATES, on('2025-01-10', '2022-03-01'))).toEqual({
      acts: ['G', 'MEG'],
      amountCents: 3500,
    });
  });

  it('prices from the visit’s territory', () => {
    expect(expectedConsultation(RATES, { territory: 'reunion', date: '2025-01-10', birthDate: ADULT })).toEqual({
      acts: ['G'],
      amountCents: 3600,
    });
    expect(
      checkBilling(
        RATES,
        { acts: acts('G'), billedCents: 3600 },
        { territory: 'reunion', date: '2025-01-10', birthDate: ADULT },
      ).amountCents,
    ).toBe(3600);
    expect(
      violationOf(() => checkBilling(RATES, { acts: acts('G'), billedCents: 3600 }, on('2025-01-10', ADULT))).code,
    ).toBe('overbilling_not_allowed');
  });

  it('refuses a date, or an act, with no rate in effect in the territory', () => {
    expect(violationOf(() => expectedConsultation(RATES, on('2023-01-01', ADULT))).code).toBe('tariff_unavailable');
    const child = violationOf(() =>
      expectedConsultation(RATES, { territory: 'reunion', date: '2025-01-10', birthDate: '2022-03-01' }),
    );
    expect(child).toMatchObject({
      code: 'tariff_unavailable',
      detail: 'No tarif opposable for G+MEG is in effect on 2025-01-10 (reunion).',
    });
  });
});

describe('checkBilling', () => {
  it('accepts exactly the tarif opposable the day before and the day of the 2024-12-22 change', () => {
    expect(checkBilling(RATES, { acts: acts('G'), billedCents: 2650 }, on('2024-12-21', ADULT))).toEqual({
      acts: ['G'],
      amountCents: 2650,
    });
    expect(
      checkBilling(RATES, { acts: acts('G'), billedCents: 3000, overbillingCents: 0 }, on('2024-12-22', ADULT)),
    ).toEqual({ acts: ['G'], amountCents: 3000 });
    expect(
      violationOf(() => checkBilling(RATES, { acts: acts('G'), billedCents: 3000 }, on('2024-12-21', ADULT))).detail,
    ).toBe('billed 3000 cents; the tarif opposable for G on 2024-12-21 is 2650 cents');
  });

  it('applies MEG the day before the 6th birthday, not on it', () => {
    const birth = '2019-01-10';
    expect(checkBilling(RATES, { acts: acts('G', 'MEG'), billedCents: 3500 }, on('2025-01-09', birth))).toEqual({
      acts: ['G', 'MEG'],
      amountCents: 3500,
    });
    expect(checkBilling(RATES, { acts: acts('G'), billedCents: 3000 }, on('2025-01-10', birth))).toEqual({
      acts: ['G'],
      amountCents: 3000,
    });
    const meg = violationOf(() =>
      checkBilling(RATES, { acts: acts('G', 'MEG'), billedCents: 3500 }, on('2025-01-10', birth)),
    );
    expect(meg.code).toBe('overbilling_not_allowed');
    expect(meg.detail).toContain('not under 6');
  });

  it('requires MEG for a child under 6, as the database does', () => {
    const error = violationOf(() =>
      checkBilling(RATES, { acts: acts('G'), billedCents: 3000 }, on('2025-01-09', '2019-01-10')),
    );
    expect(error.detail).toContain('MEG is due');
    expect(error.detail).toContain('G+MEG = 3500 cents');
  });

  it.each(['DE', 'DA'])('refuses the dépassement code %s', (code) => {
    const error = violationOf(() =>
      checkBilling(RATES, { acts: acts('G', code), billedCents: 3000 }, on('2025-01-10', ADULT)),
    );
    expect(error.code).toBe('overbilling_not_allowed');
    expect(error.status).toBe(422);
    expect(error.detail).toContain(`Act ${code} is a dépassement`);
    expect(error.detail).toContain('G = 3000 cents');
  });

  it('refuses a positive overbilling amount', () => {
    const error = violationOf(() =>
      checkBilling(RATES, { acts: acts('G'), billedCents: 3000, overbillingCents: 500 }, on('2025-01-10', ADULT)),
    );
    expect(error.code).toBe('overbilling_not_allowed');
    expect(error.detail).toContain('overbillingCents must be 0, got 500');
  });

  it('refuses billing above or below the tarif opposable', () => {
    const above = violationOf(() =>
      checkBilling(RATES, { acts: acts('G'), billedCents: 3500 }, on('2025-01-10', ADULT)),
    );
    expect(above.detail).toBe('billed 3500 cents; the tarif opposable for G on 2025-01-10 is 3000 cents');
    const below = violationOf(() =>
      checkBilling(RATES, { acts: acts('G', 'MEG'), billedCents: 3000 }, on('2025-01-10', '2022-03-01')),
    );
    expect(below.detail).toBe('billed 3000 cents; the tarif opposable for G+MEG on 2025-01-10 is 3500 cents');
  });

  it('refuses duplicated, unknown, missing and foreign acts', () => {
    const bill = (codes: string[], billedCents = 3000) =>
      violationOf(() => checkBilling(RATES, { acts: acts(...codes), billedCents }, on('2025-01-10', ADULT))).detail;
    expect(bill(['G', 'G'], 6000)).toContain('Act G is billed more than once');
    expect(bill(['G', 'XYZ'])).toContain('Act XYZ has no tarif opposable on 2025-01-10');
    expect(bill([])).toContain('exactly one G');
    expect(bill(['MEG'], 500)).toContain('exactly one G');
    const withExtra = [
      ...RATES,
      {
        code: 'APC',
        territory: 'metropole' as const,
        amountCents: 5600,
        effectiveFrom: '2024-12-22',
        effectiveTo: null,
      },
    ];
    const extra = violationOf(() =>
      checkBilling(withExtra, { acts: acts('G', 'APC'), billedCents: 8600 }, on('2025-01-10', ADULT)),
    );
    expect(extra.detail).toContain('Act APC is not part of a consultation at the tarif opposable');
  });

  it('refuses G on a date before any rate', () => {
    expect(
      violationOf(() => checkBilling(RATES, { acts: acts('G'), billedCents: 2500 }, on('2023-01-01', ADULT))).detail,
    ).toBe('Act G has no tarif opposable on 2023-01-01.');
  });
});
