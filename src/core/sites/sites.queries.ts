import { and, asc, eq, gt, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { communes, epci, priorityZones, sites } from '../../db/schema';
import type { RegionScope } from '../../domain/region-scope';
import { inScope } from '../regions/in-scope';

/** Sites (their commune's region) in an ARS caller's regions. */
const siteInScope = (scope: RegionScope | undefined) =>
  inScope(scope, sql`(SELECT sc.region FROM communes sc WHERE sc.insee = ${sites.communeInsee})`);

type NewSite = {
  name: string;
  address: string;
  communeInsee: string;
  finess?: string;
  kind: (typeof sites.$inferInsert)['kind'];
  accessibility?: string;
  phone: string;
  latitude?: number;
  longitude?: number;
};

/** Inserts the site with its EPCI and time zone derived from the commune, only in a priority zone of the caller's regions. */
export async function insertSite(db: Db, id: string, site: NewSite, now: Date, scope: RegionScope | undefined) {
  const rows = await db.execute<{ id: string }>(sql`
    INSERT INTO sites (id, name, address, commune_insee, epci_siren, finess, kind, accessibility, phone, time_zone, latitude, longitude, created_at)
    SELECT ${id}, ${site.name}, ${site.address}, c.insee, c.epci_siren, ${site.finess ?? null}, ${site.kind}, ${site.accessibility ?? null},
           ${site.phone}, e.time_zone, ${site.latitude ?? null}, ${site.longitude ?? null}, ${now}
    FROM communes c JOIN priority_zones p ON p.siren = c.epci_siren JOIN epci e ON e.siren = c.epci_siren
    WHERE c.insee = ${site.communeInsee} AND ${inScope(scope, sql`c.region`)}
    RETURNING id`);
  return rows.rows.length === 1;
}

export type SiteChanges = Partial<Pick<NewSite, 'name' | 'address' | 'kind' | 'phone'>> & {
  finess?: string | null;
  accessibility?: string | null;
  latitude?: number | null;
  longitude?: number | null;
};

/** Changes the given fields in one statement; false when no site of the caller's regions has this id. */
export async function updateSite(db: Db, id: string, changes: SiteChanges, scope: RegionScope | undefined) {
  const rows = await db
    .update(sites)
    .set(changes)
    .where(and(eq(sites.id, id), siteInScope(scope)))
    .returning({ id: sites.id });
  return rows.length === 1;
}

/** A commune's zone, whether it is a priority zone, and whether it lies in the caller's regions. */
export async function communeZone(db: Db, insee: string, scope: RegionScope | undefined) {
  const [row] = await db
    .select({
      epciSiren: communes.epciSiren,
      priority: sql<boolean>`${priorityZones.siren} is not null`,
      inScope: sql<boolean>`${inScope(scope, sql`${communes.region}`)}`,
    })
    .from(communes)
    .leftJoin(priorityZones, eq(priorityZones.siren, communes.epciSiren))
    .where(eq(communes.insee, insee));
  return row;
}

function selectSites(db: Db, where: SQL | undefined) {
  return db
    .select({
      id: sites.id,
      name: sites.name,
      address: sites.address,
      communeInsee: communes.insee,
      communeName: communes.name,
      postcodes: communes.postcodes,
      epciSiren: epci.siren,
      epciName: epci.name,
      finess: sites.finess,
      kind: sites.kind,
      accessibility: sites.accessibility,
      phone: sites.phone,
      timeZone: sites.timeZone,
      latitude: sites.latitude,
      longitude: sites.longitude,
    })
    .from(sites)
    .innerJoin(communes, eq(communes.insee, sites.communeInsee))
    .innerJoin(epci, eq(epci.siren, sites.epciSiren))
    .where(where)
    .orderBy(asc(sites.id));
}

type Row = Awaited<ReturnType<typeof selectSites>>[number];

export const toSite = ({ communeInsee, communeName, postcodes, epciSiren, epciName, ...site }: Row) => ({
  ...site,
  commune: { insee: communeInsee, name: communeName, postcodes },
  epci: { siren: epciSiren, name: epciName },
});

export const siteById = (db: Db, id: string) => selectSites(db, eq(sites.id, id));

/** A site as ARS staff read it to change it: only in their regions. */
export const siteOfRegions = (db: Db, id: string, scope: RegionScope | undefined) =>
  selectSites(db, and(eq(sites.id, id), siteInScope(scope)));

/** The communes of a zone, by name: where a site of the zone may be. */
export async function communesOfZone(db: Db, siren: string) {
  return db
    .select({ insee: communes.insee, name: communes.name, postcodes: communes.postcodes })
    .from(communes)
    .where(eq(communes.epciSiren, siren))
    .orderBy(sql`commune_search_key(${communes.name})`, asc(communes.insee));
}

export const sitesOfZone = (db: Db, siren: string, after: string | undefined, limit: number) =>
  selectSites(db, and(eq(sites.epciSiren, siren), after ? gt(sites.id, after) : undefined)).limit(limit);
