import { describe, expect, it } from 'vitest';
import { accountScope, regionNamesOf, scopeCovers, scopeOfClaim } from './region-scope';
import { listAdmits } from './staff-access';

describe('region scope', () => {
  it('reads a token claim: national said in words, or known INSEE region codes; nothing else', () => {
    expect(scopeOfClaim('national')).toBe('national');
    expect(scopeOfClaim(['75', '76', '75'])).toEqual(['75', '76']);
    for (const bad of [undefined, null, '', [], ['99'], '75', [75], ['75', 'x'], 'NATIONAL'])
      expect(scopeOfClaim(bad)).toBeUndefined();
  });

  it('reads an ARS account entry: its own address first, then its domain; an entry without a scope has none', () => {
    const list = 'claire@ars-na.fr=75, @ars-oc.fr=76+75, dg@sante.fr=national, sans@ars.fr, @ars.fr=99';
    expect(accountScope(list, 'Claire@ARS-NA.fr')).toEqual(['75']);
    expect(accountScope(list, 'qui@ars-oc.fr')).toEqual(['76', '75']);
    expect(accountScope(list, 'dg@sante.fr')).toBe('national');
    expect(accountScope(list, 'sans@ars.fr')).toBeUndefined();
    expect(accountScope(list, 'autre@ars.fr')).toBeUndefined();
    expect(accountScope(list, 'personne@ailleurs.fr')).toBeUndefined();
    expect(listAdmits(list, 'claire@ars-na.fr')).toBe(true);
    expect(listAdmits(list, 'x@ars-oc.fr')).toBe(true);
  });

  it('names the regions as the tables do', () => {
    expect(regionNamesOf(['75', '76'])).toEqual(['Nouvelle-Aquitaine', 'Occitanie']);
    expect(scopeCovers(['76'], 'Occitanie')).toBe(true);
    expect(scopeCovers(['76'], 'Bretagne')).toBe(false);
    expect(scopeCovers('national', 'Bretagne')).toBe(true);
  });
});
