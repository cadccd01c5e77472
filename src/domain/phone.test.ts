import { describe, expect, it } from 'vitest';
import { canonicalPhone, readablePhone } from './phone';

describe('canonicalPhone', () => {
  it.each([
    '06 12 34 56 78',
    '+33 6 12 34 56 78',
    '0033612345678',
    '+33 (0)6 12 34 56 78',
    '06.12.34.56.78',
    '06-12-34-56-78',
  ])('%s is +33612345678, a mobile', (input) => {
    expect(canonicalPhone(input)).toEqual({ ok: true, e164: '+33612345678', mobile: true });
  });

  it.each([
    ['0694 20 12 34', '+594694201234', true],
    ['0692 12 34 56', '+262692123456', true],
    ['0693 12 34 56', '+262693123456', true],
    ['0639 40 12 34', '+262639401234', true],
    ['0690 12 34 56', '+590690123456', true],
    ['0696 12 34 56', '+596696123456', true],
    ['0594 30 12 34', '+594594301234', false],
    ['0262 41 12 34', '+262262411234', false],
    ['+262 692 12 34 56', '+262692123456', true],
  ])('overseas %s is %s', (input, e164, mobile) => {
    expect(canonicalPhone(input)).toEqual({ ok: true, e164, mobile });
  });

  it('records landlines and box numbers as unable to receive SMS', () => {
    expect(canonicalPhone('05 58 00 00 00')).toEqual({ ok: true, e164: '+33558000000', mobile: false });
    expect(canonicalPhone('09 72 12 34 56')).toEqual({ ok: true, e164: '+33972123456', mobile: false });
    expect(canonicalPhone('07 81 23 45 67')).toEqual({ ok: true, e164: '+33781234567', mobile: true });
  });

  it.each(['0899 12 34 56', '0891 12 34 56', '0810 12 34 56', '+33 8 99 12 34 56'])(
    'refuses %s: premium-rate or shared-cost',
    (input) => {
      expect(canonicalPhone(input)).toEqual({ ok: false, reason: 'not_a_personal_number' });
    },
  );

  it.each(['123', '06 12 34 56', '06 12 34 56 78 9', 'abc', '06 12 34 56 7a', '', '+32 470 12 34 56'])(
    'refuses %j',
    (input) => {
      expect(canonicalPhone(input)).toEqual({ ok: false, reason: 'invalid' });
    },
  );
});

describe('readablePhone', () => {
  it.each([
    ['+33800000000', '0 800 00 00 00'],
    ['+33805123456', '0 805 12 34 56'],
    ['05 58 00 00 00', '05 58 00 00 00'],
    ['+33612345678', '06 12 34 56 78'],
    ['+262262000000', '+262 262 00 00 00'],
  ])('%s reads %s', (stored, read) => {
    expect(readablePhone(stored)).toBe(read);
  });
});
