import { asc, eq, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { communes, epci, priorityZones } from '../../db/schema';

/** `exact`: whether the name is exactly what was typed (a name search), so a page can go straight to it. */
function selectCommunes(db: Db, where: SQL, order: SQL[] = [], exact: SQL = sql`false`) {
  return db
    .select({
      insee: communes.insee,
      name: communes.name,
      departement: communes.departement,
      region: communes.region,
      postcodes: communes.postcodes,
      epciSiren: epci.siren,
      epciName: epci.name,
      priority: sql<boolean>`${priorityZones.siren} is not null`,
      exact: sql<boolean>`${exact}`,
    })
    .from(communes)
    .leftJoin(epci, eq(epci.siren, communes.epciSiren))
    .leftJoin(priorityZones, eq(priorityZones.siren, communes.epciSiren))
    .where(where)
    .orderBy(...order, asc(communes.name), asc(communes.insee));
}

type Row = Awaited<ReturnType<typeof selectCommunes>>[number];

export const toCommune = ({ insee, name, departement, region, postcodes, epciSiren, epciName, priority }: Row) => ({
  insee,
  name,
  departement,
  region,
  postcodes,
  epci: epciSiren && epciName ? { siren: epciSiren, name: epciName, priority } : null,
});

export const communeByInsee = (db: Db, insee: string) => selectCommunes(db, eq(communes.insee, insee));

export const communesByPostcode = (db: Db, postcode: string) =>
  selectCommunes(db, sql`${communes.postcodes} @> array[${postcode}]::text[]`);

/** Upper bound of a name or postcode-prefix search: enough to pick from, small enough to read. */
export const COMMUNE_SEARCH_LIMIT = 20;

/**
 * Communes as a person types them: digits are a postcode prefix; anything else a name prefix,
 * accents, case, hyphens and apostrophes ignored (commune_search_key, migration
 * commune_name_search, with its index). Exact names first, then shorter names.
 */
export function searchCommunes(db: Db, q: string) {
  const text = q.trim();
  if (/^\d+$/.test(text)) {
    return selectCommunes(
      db,
      sql`exists (select 1 from unnest(${communes.postcodes}) p where p like ${text} || '%')`,
    ).limit(COMMUNE_SEARCH_LIMIT);
  }
  const key = sql`commune_search_key(${text})`;
  const name = sql`commune_search_key(${communes.name})`;
  const exact = sql`${name} = ${key}`;
  return selectCommunes(
    db,
    sql`${name} like ${key} || '%'`,
    [sql`${exact} desc`, sql`length(${communes.name})`],
    exact,
  ).limit(COMMUNE_SEARCH_LIMIT);
}
