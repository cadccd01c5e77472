import { asc, eq, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { communes, epci, priorityZones } from '../../db/schema';

function selectCommunes(db: Db, where: SQL) {
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
    })
    .from(communes)
    .leftJoin(epci, eq(epci.siren, communes.epciSiren))
    .leftJoin(priorityZones, eq(priorityZones.siren, communes.epciSiren))
    .where(where)
    .orderBy(asc(communes.name), asc(communes.insee));
}

type Row = Awaited<ReturnType<typeof selectCommunes>>[number];

export const toCommune = ({ epciSiren, epciName, priority, ...commune }: Row) => ({
  ...commune,
  epci: epciSiren && epciName ? { siren: epciSiren, name: epciName, priority } : null,
});

export const communeByInsee = (db: Db, insee: string) => selectCommunes(db, eq(communes.insee, insee));

export const communesByPostcode = (db: Db, postcode: string) =>
  selectCommunes(db, sql`${communes.postcodes} @> array[${postcode}]::text[]`);
