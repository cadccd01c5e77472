import { describe, expect, it } from 'vitest';
import { regionCode, regionIso, regionName } from './regions';

describe('INSEE region codes', () => {
  it('map both ways, with the apostrophe and accents of the reference data', () => {
    expect(regionCode("Provence-Alpes-Côte d'Azur")).toBe('93');
    expect(regionCode('Auvergne-Rhône-Alpes')).toBe('84');
    expect(regionName('04')).toBe('La Réunion');
    expect(regionCode('Atlantis')).toBeUndefined();
    expect(regionName('99')).toBeUndefined();
  });
});

describe('ISO 3166-2 region codes', () => {
  it('name every INSEE region, metropolitan and overseas', () => {
    expect(regionIso('Occitanie')).toBe('FR-OCC');
    expect(regionIso('Corse')).toBe('FR-20R');
    expect(regionIso('La Réunion')).toBe('FR-974');
    expect(regionIso('Atlantis')).toBeUndefined();
  });
});
