import { describe, expect, it } from 'vitest';
import { groupByShortage, type SiteForChoice } from './site-shortage';

const site = (id: string, departement: string, zoneDays: number, name = id): SiteForChoice => ({
  id,
  name,
  commune: 'C',
  postcode: null,
  departement,
  region: departement === '40' ? 'Nouvelle-Aquitaine' : 'Occitanie',
  zoneDays,
});

describe('groupByShortage', () => {
  it('groups by département, the emptiest zone first, then the sites of each group by shortage and name', () => {
    const groups = groupByShortage([
      site('a', '40', 3, 'Alpha'),
      site('b', '32', 1),
      site('c', '40', 0, 'Zeta'),
      site('d', '40', 3, 'Beta'),
      site('e', '32', 2),
    ]);
    expect(groups.map((g) => [g.departement, g.zoneDays])).toEqual([
      ['40', 0],
      ['32', 1],
    ]);
    expect(groups[0].sites.map((s) => s.id)).toEqual(['c', 'a', 'd']);
    expect(groups[1].sites.map((s) => s.id)).toEqual(['b', 'e']);
  });

  it('breaks a tie between groups by region, then département code', () => {
    expect(groupByShortage([site('x', '32', 0), site('y', '40', 0)]).map((g) => g.departement)).toEqual(['40', '32']);
  });
});
