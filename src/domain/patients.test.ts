import { describe, expect, it } from 'vitest';
import { foldName, patientKey } from './patients';

describe('patientKey', () => {
  const base = { firstName: 'Hélène', lastName: 'Dupont-Moreau', birthDate: '1948-03-02', phone: '+33612345678' };

  it('is the same across case, accents, spaces and hyphens', async () => {
    const key = await patientKey(base);
    expect(await patientKey({ ...base, firstName: 'HELENE', lastName: 'dupont moreau' })).toBe(key);
    expect(await patientKey({ ...base, firstName: 'he\u0301le\u0300ne', lastName: 'Dupont Moreau' })).toBe(key);
  });

  it('differs for another birth date or phone', async () => {
    const key = await patientKey(base);
    expect(await patientKey({ ...base, birthDate: '1948-03-03' })).not.toBe(key);
    expect(await patientKey({ ...base, phone: '+33612345679' })).not.toBe(key);
  });
});

describe('foldName', () => {
  it('folds Latin accents and ligature forms, keeps letters of every script', () => {
    expect(foldName('  Éloïse-Anaëlle ')).toBe('eloiseanaelle');
    expect(foldName('N’Guessan')).toBe('nguessan');
    expect(foldName('Ελένη')).toBe(foldName('ΕΛΕΝΗ'));
    expect(foldName('Ελένη')).toBe('ελενη');
    expect(foldName('李小龍')).toBe('李小龍');
    expect(foldName('Nguyễn')).toBe('nguyen');
    expect(foldName('ﬁlon')).toBe('filon');
  });

  it('never folds two different non-Latin names together', () => {
    expect(foldName('李')).not.toBe(foldName('王'));
    expect(foldName('Иван')).not.toBe(foldName('Пётр'));
  });
});
