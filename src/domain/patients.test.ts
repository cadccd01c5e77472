import { describe, expect, it } from 'vitest';
import { normalisePhone, patientKey } from './patients';

describe('patientKey', () => {
  const base = { firstName: 'Hélène', lastName: 'Dupont-Moreau', birthDate: '1948-03-02', phone: '06 12 34 56 78' };

  it('is the same across spelling, case, accents and phone formats', async () => {
    const key = await patientKey(base);
    expect(await patientKey({ ...base, firstName: 'HELENE', lastName: 'dupont moreau', phone: '+33612345678' })).toBe(key);
    expect(await patientKey({ ...base, phone: '06.12.34.56.78' })).toBe(key);
  });

  it('differs for another birth date or phone', async () => {
    const key = await patientKey(base);
    expect(await patientKey({ ...base, birthDate: '1948-03-03' })).not.toBe(key);
    expect(await patientKey({ ...base, phone: '0612345679' })).not.toBe(key);
  });

  it('normalises French phone numbers', () => {
    expect(normalisePhone('+33 5 58 00 00 00')).toBe('0558000000');
    expect(normalisePhone('+262 262 00 00 00')).toBe('+262262000000');
  });
});
