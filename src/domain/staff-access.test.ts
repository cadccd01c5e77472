import { describe, expect, it } from 'vitest';
import { listAdmits, practisesMedicine, proConnectRole, rppsOfNationalId } from './staff-access';

describe('staff access', () => {
  it('admits listed addresses and whole domains, case-insensitively, and nothing else', () => {
    const list = ' Nadia.Benali@appel.sante.gouv.fr , @ars-oc.sante.fr';
    expect(listAdmits(list, 'nadia.benali@APPEL.sante.gouv.fr')).toBe(true);
    expect(listAdmits(list, 'quelquun@ars-oc.sante.fr')).toBe(true);
    expect(listAdmits(list, 'quelquun@sub.ars-oc.sante.fr')).toBe(false);
    expect(listAdmits(list, 'paul@appel.sante.gouv.fr')).toBe(false);
    expect(listAdmits(undefined, 'a@b.fr')).toBe(false);
    expect(listAdmits(',,', 'a@b.fr')).toBe(false);
    expect(listAdmits('@b.fr', 'not-an-address')).toBe(false);
  });

  it('gives one role per address, and none when both lists or neither name it', () => {
    expect(proConnectRole('a@appel.fr', { agents: '@appel.fr', ars: 'x@ars.fr' })).toBe('agent');
    expect(proConnectRole('x@ars.fr', { agents: '@appel.fr', ars: 'x@ars.fr' })).toBe('admin');
    expect(proConnectRole('x@ars.fr', { agents: 'x@ars.fr', ars: 'x@ars.fr' })).toBeUndefined();
    expect(proConnectRole('y@autre.fr', { agents: '@appel.fr', ars: 'x@ars.fr' })).toBeUndefined();
  });

  it('reads the RPPS from the national id and the profession from SubjectRefPro', () => {
    expect(rppsOfNationalId('810101234567')).toBe('10101234567');
    expect(rppsOfNationalId('10101234567')).toBeUndefined();
    expect(rppsOfNationalId(`3${'0'.repeat(11)}`)).toBeUndefined();
    expect(rppsOfNationalId(810101234567)).toBeUndefined();
    expect(practisesMedicine({ exercices: [{ codeProfession: '21' }, { codeProfession: '10' }] })).toBe(true);
    expect(practisesMedicine({ exercices: [{ codeProfession: '21' }] })).toBe(false);
    expect(practisesMedicine(null)).toBe(false);
    expect(practisesMedicine({ exercices: 'x' })).toBe(false);
  });
});
