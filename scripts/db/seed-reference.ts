// Loads France's EPCI and communes from @etalab/decoupage-administratif, and the default priority
// zones from data/priority-zones.csv. Idempotent: reference rows are upserted; a priority zone an
// administrator has since designated or removed is left as it is only if already present.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import type pg from 'pg';
import { timeZoneForDepartement } from '../../src/domain/time-zones';

interface EpciRow {
  code: string;
  nom: string;
  type: string;
  populationTotale: number;
  membres: Array<{ code: string }>;
}
interface CommuneRow {
  code: string;
  nom: string;
  type: string;
  departement: string;
  region: string;
  codesPostaux?: string[];
  commune?: string;
}
interface RegionRow {
  code: string;
  nom: string;
}

const require = createRequire(import.meta.url);
const dataDir = path.dirname(require.resolve('@etalab/decoupage-administratif/data/epci.json'));
const readJson = <T>(file: string): T => JSON.parse(readFileSync(path.join(dataDir, file), 'utf8')) as T;

// Départements of an EPCI ordered by how many member communes they hold: the first one is "home",
// and gives the EPCI its time zone. The zones builder uses the same rule for its time_zone column.
export function epciDepartements(
  membres: Array<{ code: string }>,
  communeByCode: Map<string, { departement: string }>,
): string[] {
  const counts = new Map<string, number>();
  for (const m of membres) {
    const dep = communeByCode.get(m.code)?.departement;
    if (dep) counts.set(dep, (counts.get(dep) ?? 0) + 1);
  }
  return [...counts.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([d]) => d);
}

export interface PriorityZoneCsvRow {
  siren: string;
  departement: string;
  timeZone: string;
  source: string;
  basis: string;
  note: string;
}

/** The scheme's first day, Paris midnight: the shipped priority zones are designated from then. */
export const SCHEME_START = '2025-09-01T00:00:00+02:00';

export function readPriorityZonesCsv(file: string): PriorityZoneCsvRow[] {
  const rows: string[][] = [];
  // Minimal RFC 4180 reader: quoted fields may hold commas and doubled quotes.
  for (const line of readFileSync(file, 'utf8').split(/\r?\n/).filter(Boolean)) {
    const fields: string[] = [];
    let field = '';
    let quoted = false;
    for (let i = 0; i < line.length; i++) {
      const ch = line[i];
      if (quoted && ch === '"' && line[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = !quoted;
      else if (ch === ',' && !quoted) {
        fields.push(field);
        field = '';
      } else field += ch;
    }
    fields.push(field);
    rows.push(fields);
  }
  const [header, ...body] = rows;
  const at = (name: string) => header.indexOf(name);
  const cell = (r: string[], name: string) => (at(name) >= 0 ? (r[at(name)] ?? '') : '');
  return body.map((r) => ({
    siren: cell(r, 'siren'),
    departement: cell(r, 'departement'),
    timeZone: cell(r, 'time_zone'),
    source: cell(r, 'source'),
    basis: cell(r, 'basis') || 'named',
    note: cell(r, 'note'),
  }));
}

// priority_zones has no basis column: a zone that was not plainly named by a source (inferred from
// a consultation site, or uncertain) says so in its source, so an administrator reviewing the set
// through the API or the ARS page sees it.
export function seededSource(row: PriorityZoneCsvRow): string {
  if (row.basis === 'named') return row.source;
  return `${row.source} [basis: ${row.basis}${row.note ? ` — ${row.note}` : ''}]`;
}

export async function seedReferenceData(client: pg.Client, priorityCsv: string): Promise<void> {
  const regions = new Map(readJson<RegionRow[]>('regions.json').map((r) => [r.code, r.nom]));
  const allCommunes = readJson<CommuneRow[]>('communes.json');
  const epcis = readJson<EpciRow[]>('epci.json');
  const communeByCode = new Map(allCommunes.filter((c) => c.type === 'commune-actuelle').map((c) => [c.code, c]));
  const epciOfCommune = new Map<string, string>();
  for (const e of epcis) for (const m of e.membres) epciOfCommune.set(m.code, e.code);

  const epciRows = epcis.map((e) => {
    const departements = epciDepartements(e.membres, communeByCode);
    const home = communeByCode.get(
      e.membres.find((m) => communeByCode.get(m.code)?.departement === departements[0])?.code ?? '',
    );
    return {
      siren: e.code,
      name: e.nom,
      type: e.type,
      population: e.populationTotale,
      departements,
      region: regions.get(home?.region ?? '') ?? '',
      timeZone: timeZoneForDepartement(departements[0] ?? ''),
    };
  });
  // Municipal arrondissements (Paris, Lyon, Marseille) carry their own postcodes: keep them, in
  // their city's EPCI, so a postcode search finds them.
  const communeRows = allCommunes
    .filter((c) => c.type === 'commune-actuelle' || c.type === 'arrondissement-municipal')
    .map((c) => ({
      insee: c.code,
      name: c.nom,
      departement: c.departement,
      region: regions.get(c.region) ?? '',
      postcodes: c.codesPostaux ?? [],
      epci: epciOfCommune.get(c.commune ?? c.code) ?? null,
    }));

  await client.query('BEGIN');
  try {
    await client.query(
      `INSERT INTO epci (siren, name, type, population, departements, region, time_zone)
       SELECT siren, name, type, population, ARRAY(SELECT json_array_elements_text(departements)), region, "timeZone"
       FROM json_to_recordset($1::json) AS r(siren text, name text, type text, population int, departements json, region text, "timeZone" text)
       ON CONFLICT (siren) DO UPDATE SET name = excluded.name, type = excluded.type, population = excluded.population,
         departements = excluded.departements, region = excluded.region, time_zone = excluded.time_zone`,
      [JSON.stringify(epciRows)],
    );
    await client.query(
      `INSERT INTO communes (insee, name, departement, region, postcodes, epci_siren)
       SELECT insee, name, departement, region, ARRAY(SELECT json_array_elements_text(postcodes)), epci
       FROM json_to_recordset($1::json) AS r(insee text, name text, departement text, region text, postcodes json, epci text)
       ON CONFLICT (insee) DO UPDATE SET name = excluded.name, departement = excluded.departement,
         region = excluded.region, postcodes = excluded.postcodes, epci_siren = excluded.epci_siren`,
      [JSON.stringify(communeRows)],
    );
    // The shipped zones are in force from the scheme's first day, not from the seeding: the list of
    // June 2025 applies from September 2025 (../shared/data/priority-zones.md), so coverage counts
    // their days from then. Their period of validity is recorded as the seed's.
    await client.query(
      `WITH zone AS (
         INSERT INTO priority_zones (siren, source, designated_at)
         SELECT siren, source, $2::timestamptz FROM json_to_recordset($1::json) AS r(siren text, source text)
         ON CONFLICT (siren) DO NOTHING RETURNING *
       )
       INSERT INTO zone_designations (id, siren, source, designated_at, designated_by)
       SELECT gen_random_uuid(), siren, source, designated_at, 'seed' FROM zone`,
      [
        JSON.stringify(readPriorityZonesCsv(priorityCsv).map((r) => ({ siren: r.siren, source: seededSource(r) }))),
        SCHEME_START,
      ],
    );
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK');
    throw error;
  }
}
