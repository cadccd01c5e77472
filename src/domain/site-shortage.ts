// The doctor's choice of a site, grouped by département (with its region) and the zones short of
// doctors first. "Short" is measured, not declared: the fewest mission days already declared in the
// site's zone (EPCI) over the coming 30 days, every doctor counted. A zone nobody covers comes first.
export const SHORTAGE_DAYS = 30;

export type SiteForChoice = {
  id: string;
  name: string;
  commune: string;
  postcode: string | null;
  departement: string;
  region: string;
  zoneDays: number;
};
export interface SiteGroup {
  departement: string;
  region: string;
  zoneDays: number;
  sites: SiteForChoice[];
}

const byName = (a: string, b: string) => a.localeCompare(b, 'fr');

/**
 * One group per département, the group with the emptiest zone first (then by region and
 * département, as a tie); within it the emptiest zones first, then by site name and commune.
 */
export function groupByShortage(sites: readonly SiteForChoice[]): SiteGroup[] {
  const groups = new Map<string, SiteGroup>();
  for (const site of sites) {
    const group = groups.get(site.departement) ?? {
      departement: site.departement,
      region: site.region,
      zoneDays: site.zoneDays,
      sites: [],
    };
    group.zoneDays = Math.min(group.zoneDays, site.zoneDays);
    group.sites.push(site);
    groups.set(site.departement, group);
  }
  for (const group of groups.values())
    group.sites.sort((a, b) => a.zoneDays - b.zoneDays || byName(a.name, b.name) || byName(a.commune, b.commune));
  return [...groups.values()].sort(
    (a, b) => a.zoneDays - b.zoneDays || byName(a.region, b.region) || a.departement.localeCompare(b.departement),
  );
}
