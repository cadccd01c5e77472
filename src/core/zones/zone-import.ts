// Importing an ARS's priority zones from a CSV (src/domain/zone-import.ts): each row resolved to one
// EPCI of the caller's regions, shown first (the preview), then designated all together in one
// audited statement, or not at all while a row is unknown, ambiguous, outside the regions or
// invalid. A row already designated changes nothing.
import { sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { textArray } from '../../db/text-array';
import type { RegionScope } from '../../domain/region-scope';
import { foldName, parseZoneCsv, type ZoneImportRow } from '../../domain/zone-import';
import { problem } from '../../domain/problem';
import { type Caller, scopeOf } from '../../domain/caller';
import { inScope } from '../regions/in-scope';
import { zoneDesignated } from './known-zones';

export const IMPORT_STATUSES = [
  'resolved',
  'already_priority',
  'unknown',
  'ambiguous',
  'outside_regions',
  'duplicate',
  'invalid',
] as const;
export type ImportStatus = (typeof IMPORT_STATUSES)[number];

export interface ImportLine {
  line: number;
  status: ImportStatus;
  /** The EPCI the row resolves to (resolved, already_priority, outside_regions, duplicate). */
  zone?: { siren: string; name: string; departements: string[]; region: string };
  /** ambiguous: the EPCI it could mean. */
  candidates?: Array<{ siren: string; name: string }>;
  /** invalid: what is wrong with the row. */
  message?: string;
}

export interface ImportPreview {
  lines: ImportLine[];
  toDesignate: number;
  unchanged: number;
  refused: number;
}

type Epci = {
  siren: string;
  name: string;
  departements: string[];
  region: string;
  priority: boolean;
  in_scope: boolean;
};

async function candidatesFor(db: Db, rows: ZoneImportRow[], scope: RegionScope | undefined): Promise<Epci[]> {
  const sirens = rows.filter((r) => r.siren).map((r) => r.siren);
  const departements = [...new Set(rows.filter((r) => !r.siren).map((r) => r.departement))];
  const { rows: found } = await db.execute<Epci>(sql`
    SELECT e.siren, e.name, e.departements, e.region, p.siren IS NOT NULL AS priority, ${inScope(scope, sql`e.region`)} AS in_scope
    FROM epci e LEFT JOIN priority_zones p ON p.siren = e.siren
    WHERE e.siren = ANY(${textArray(sirens)}::text[]) OR e.departements && ${textArray(departements)}::text[]`);
  return found;
}

/** The EPCI a row names: by SIREN; by name within its département, exactly, or else by a part of the name. */
function match(row: ZoneImportRow, epci: Epci[]): Epci[] {
  if (row.siren) return epci.filter((e) => e.siren === row.siren);
  const inDepartement = epci.filter((e) => e.departements.includes(row.departement));
  const wanted = foldName(row.name);
  const exact = inDepartement.filter((e) => foldName(e.name) === wanted);
  return exact.length ? exact : inDepartement.filter((e) => foldName(e.name).includes(wanted));
}

/** What each row of the file would do; nothing is written. */
export async function previewZoneImport(
  db: Db,
  csv: string,
  scope: RegionScope | undefined,
): Promise<ImportPreview & { rows: Map<number, ZoneImportRow> }> {
  const parsed = parseZoneCsv(csv);
  const epci = await candidatesFor(db, parsed.rows, scope);
  const seen = new Set<string>();
  const lines: ImportLine[] = parsed.errors.map((e) => ({
    line: e.line,
    status: 'invalid' as const,
    message: e.message,
  }));
  for (const row of parsed.rows) {
    const found = match(row, epci);
    const zone = found[0] && {
      siren: found[0].siren,
      name: found[0].name,
      departements: found[0].departements,
      region: found[0].region,
    };
    // EPCI are public reference data: one outside the caller's regions is named as such.
    const visible = found.filter((e) => e.in_scope);
    if (found.length === 0) lines.push({ line: row.line, status: 'unknown' });
    else if (visible.length === 0)
      lines.push({ line: row.line, status: 'outside_regions', ...(found.length === 1 ? { zone } : {}) });
    else if (visible.length > 1)
      lines.push({
        line: row.line,
        status: 'ambiguous',
        candidates: visible.map((e) => ({ siren: e.siren, name: e.name })),
      });
    else if (seen.has(visible[0].siren)) lines.push({ line: row.line, status: 'duplicate', zone });
    else {
      seen.add(visible[0].siren);
      lines.push({ line: row.line, status: visible[0].priority ? 'already_priority' : 'resolved', zone });
    }
  }
  lines.sort((a, b) => a.line - b.line);
  const count = (...statuses: ImportStatus[]) => lines.filter((l) => statuses.includes(l.status)).length;
  return {
    lines,
    toDesignate: count('resolved'),
    unchanged: count('already_priority'),
    refused: count('unknown', 'ambiguous', 'outside_regions', 'duplicate', 'invalid'),
    rows: new Map(parsed.rows.map((r) => [r.line, r])),
  };
}

/**
 * Designates every resolved row in one statement (zones, periods of validity, one audit row each),
 * or nothing: a file with a refused row is 422 zone_import_unresolved, its lines listed.
 */
export async function importZones(db: Db, caller: Caller, csv: string, now: Date): Promise<ImportPreview> {
  const { rows, ...preview } = await previewZoneImport(db, csv, scopeOf(caller));
  if (preview.refused > 0 || preview.lines.length === 0) {
    throw problem(
      'zone_import_unresolved',
      `${preview.refused} row(s) of the file do not name exactly one EPCI of your regions; nothing was imported.`,
      { extensions: { lines: preview.lines } },
    );
  }
  const chosen = preview.lines.filter((l) => l.status === 'resolved');
  // As JSON: a source is free text (commas, quotes), which an array literal would split.
  const wanted = JSON.stringify(chosen.map((l) => ({ siren: l.zone!.siren, source: rows.get(l.line)!.source })));
  const { rows: designated } = await db.execute<{ siren: string }>(sql`
    WITH wanted AS (
      SELECT * FROM json_to_recordset(${wanted}::json) AS w(siren text, source text)
    ), zone AS (
      INSERT INTO priority_zones (siren, source, designated_at) SELECT siren, source, ${now} FROM wanted
      ON CONFLICT (siren) DO NOTHING RETURNING siren, source
    ), period AS (
      INSERT INTO zone_designations (id, siren, source, designated_at, designated_by)
      SELECT gen_random_uuid(), siren, source, ${now}, ${caller.sub} FROM zone
    ), audited AS (
      INSERT INTO audit_events (at, actor_role, actor_sub, action, outcome, zone_siren)
      SELECT ${now}, ${caller.role}, ${caller.sub}, 'zone.import', '201', siren FROM zone
    )
    SELECT siren FROM zone`);
  for (const { siren } of designated) zoneDesignated(siren);
  // A zone designated meanwhile by someone else is unchanged, not designated twice.
  return {
    ...preview,
    toDesignate: designated.length,
    unchanged: preview.unchanged + chosen.length - designated.length,
  };
}
