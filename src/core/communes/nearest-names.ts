// "pisos" → Pissos: the communes whose names are a typo or two away from what was typed, for a
// search that found no name starting with it. Candidates share the typed name's first letter (the
// letter people rarely miss) and a length close to it, read through the search key's index;
// edit distances are computed here, on a few hundred short names.
import { distance } from 'fastest-levenshtein';
import { and, asc, sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { communes } from '../../db/schema';

/** Typos forgiven: one in a short name, two from six letters on. */
export const maxTypos = (key: string) => (key.length < 6 ? 1 : 2);

/** At most this many names offered: a short list an elderly person can read through. */
export const NEAREST_LIMIT = 5;

export interface NearCommune {
  insee: string;
  name: string;
  postcodes: string[];
  departement: string;
}

export async function nearestCommunes(db: Db, typed: string): Promise<NearCommune[]> {
  const key = sql`commune_search_key(${typed})`;
  const name = sql`commune_search_key(${communes.name})`;
  const rows = await db
    .select({
      insee: communes.insee,
      name: communes.name,
      postcodes: communes.postcodes,
      departement: communes.departement,
      nameKey: sql<string>`${name}`,
      typedKey: sql<string>`${key}`,
    })
    .from(communes)
    .where(
      and(
        sql`${name} like left(${key}, 1) || '%'`,
        sql`length(${name}) between length(${key}) - 2 and length(${key}) + 2`,
        sql`length(${key}) >= 3`,
      ),
    )
    .orderBy(asc(communes.name), asc(communes.insee));
  if (rows.length === 0) return [];
  const typedKey = rows[0].typedKey;
  const limit = maxTypos(typedKey);
  return rows
    .map((row) => ({ row, typos: distance(row.nameKey, typedKey) }))
    .filter(({ typos }) => typos <= limit)
    .sort((a, b) => a.typos - b.typos)
    .slice(0, NEAREST_LIMIT)
    .map(({ row: { insee, name, postcodes, departement } }) => ({ insee, name, postcodes, departement }));
}
