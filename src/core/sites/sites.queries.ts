import { and, asc, eq, gt, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { communes, epci, priorityZones, sites } from '../../db/schema';

type NewSite = {
  name: string; address: string; communeInsee: string; finess?: string; kind: (typeof sites.$inferInsert)['kind'];
  accessibility?: string; phone: string; latitude?: number; longitude?: number;
};

/** Inserts the site with its EPCI and time zone derived from the commune, only in a priority zone. */
export async function insertSite(db: Db, id: string, site: NewSite, now: Date) {
  const rows = await db.execute<{ id: string }>(sql`
    INSERT INTO sites (id, name, address, commune_insee, epci_siren, finess, kind, accessibility, phone, time_zone, latitude, longitude, created_at)
    SELECT ${id}, ${site.name}, ${site.address}, c.insee, c.epci_siren, ${site.finess ?? null}, ${site.kind}, ${site.accessibility ?? null},
           ${site.phone}, e.time_zone, ${site.latitude ?? null}, ${site.longitude ?? null}, ${now}
    FROM communes c JOIN priority_zones p ON p.siren = c.epci_siren JOIN epci e ON e.siren = c.epci_siren
    WHERE c.insee = ${site.communeInsee}
    RETURNING id`);
  return rows.rows.length === 1;
}

export type SiteChanges = Partial<Pick<NewSite, 'name' | 'address' | 'kind' | 'phone'>> & {
  finess?: string | null; accessibility?: string | null; latitude?: number | null; longitude?: number | null;
};

/** Changes the given fields in one statement; false when no site has this id. */
export async function updateSite(db: Db, id: string, changes: SiteChanges) {
  const rows = await db.update(sites).set(changes).where(eq(sites.id, id)).returning({ id: sites.id });
  return rows.length === 1;
}

/**
 * What a 5-character code typed as a commune's INSEE code may name: the commune with that INSEE
 * code, and the communes whose postcode it is (a postcode is easily typed instead), each with
 * whether its zone is a priority zone.
 */
export async function communesOfCode(db: Db, code: string) {
  const { rows } = await db.execute<{ insee: string; name: string; priority: boolean; by_insee: boolean }>(sql`
    SELECT c.insee, c.name, p.siren IS NOT NULL AS priority, c.insee = ${code} AS by_insee
    FROM communes c LEFT JOIN priority_zones p ON p.siren = c.epci_siren
    WHERE c.insee = ${code} OR c.postcodes @> ARRAY[${code}]::text[]
    ORDER BY c.name LIMIT 6`);
  return { byInsee: rows.find((r) => r.by_insee), byPostcode: rows.filter((r) => !r.by_insee) };
}

export async function communeZone(db: Db, insee: string) {
  const [row] = await db
    .select({ epciSiren: communes.epciSiren, priority: sql<boolean>`${priorityZones.siren} is not null` })
    .from(communes)
    .leftJoin(priorityZones, eq(priorityZones.siren, communes.epciSiren))
    .where(eq(communes.insee, insee));
  return row;
}

function selectSites(db: Db, where: SQL | undefined) {
  return db
    .select({
      id: sites.id, name: sites.name, address: sites.address,
      communeInsee: communes.insee, communeName: communes.name, postcodes: communes.postcodes,
      epciSiren: epci.siren, epciName: epci.name,
      finess: sites.finess, kind: sites.kind, accessibility: sites.accessibility, phone: sites.phone,
      timeZone: sites.timeZone, latitude: sites.latitude, longitude: sites.longitude,
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

export const sitesOfZone = (db: Db, siren: string, after: string | undefined, limit: number) =>
  selectSites(db, and(eq(sites.epciSiren, siren), after ? gt(sites.id, after) : undefined)).limit(limit);
