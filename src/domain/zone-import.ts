// A CSV of priority zones as an ARS sends it: one EPCI per line, by SIREN or by name and
// département, each with the text that designates it (its source). Separators `;` or `,` (French
// spreadsheets write `;`), a header naming the columns, UTF-8 with or without BOM. Parsing only:
// resolving rows to EPCI is the core's (src/core/zones/zone-import.ts).

export interface ZoneImportRow {
  /** The line in the file (the header is line 1). */
  line: number;
  siren: string;
  name: string;
  departement: string;
  source: string;
}

export interface ParsedZoneCsv {
  rows: ZoneImportRow[];
  errors: Array<{ line: number; message: string }>;
}

/** With the 16 KiB body limit, about what one file can hold; a region sends several. */
export const MAX_IMPORT_ROWS = 150;

const HEADERS: Record<string, keyof Omit<ZoneImportRow, 'line'>> = {
  siren: 'siren',
  nom: 'name',
  name: 'name',
  epci: 'name',
  intercommunalite: 'name',
  departement: 'departement',
  dep: 'departement',
  source: 'source',
};

/** Lower case, no accents, apostrophes and hyphens as spaces, spaces collapsed: how names are compared. */
export const foldName = (text: string) =>
  text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[’'`\-–_.]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();

/** One line's cells, with double-quoted cells holding separators and doubled quotes. */
function cells(line: string, separator: string): string[] {
  const out: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i];
    if (quoted && ch === '"' && line[i + 1] === '"') (field += '"'), i++;
    else if (ch === '"') quoted = !quoted;
    else if (ch === separator && !quoted) out.push(field.trim()), (field = '');
    else field += ch;
  }
  out.push(field.trim());
  return out;
}

export function parseZoneCsv(text: string): ParsedZoneCsv {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  const headerLine = lines[0] ?? '';
  const separator = (headerLine.match(/;/g)?.length ?? 0) >= (headerLine.match(/,/g)?.length ?? 0) ? ';' : ',';
  const header = cells(headerLine, separator).map((h) => HEADERS[foldName(h).replace(/ /g, '')]);
  const errors: ParsedZoneCsv['errors'] = [];
  if (
    !header.includes('source') ||
    !(header.includes('siren') || (header.includes('name') && header.includes('departement')))
  ) {
    errors.push({ line: 1, message: 'The header must name a source column, and siren, or nom and departement.' });
    return { rows: [], errors };
  }
  const rows: ZoneImportRow[] = [];
  lines.slice(1).forEach((raw, i) => {
    const line = i + 2;
    if (!raw.trim()) return;
    const values = cells(raw, separator);
    const row: ZoneImportRow = { line, siren: '', name: '', departement: '', source: '' };
    header.forEach((key, k) => {
      if (key) row[key] = values[k] ?? '';
    });
    row.siren = row.siren.replace(/\s/g, '');
    if (row.departement && /^\d$/.test(row.departement)) row.departement = `0${row.departement}`;
    if (row.siren && !/^\d{9}$/.test(row.siren))
      errors.push({ line, message: `SIREN "${row.siren}" is not 9 digits.` });
    else if (!row.siren && !(row.name && row.departement))
      errors.push({ line, message: 'Give a SIREN, or a name and a département.' });
    else if (row.source.length < 3 || row.source.length > 500)
      errors.push({ line, message: 'The source must hold 3 to 500 characters.' });
    else rows.push(row);
  });
  if (rows.length + errors.length > MAX_IMPORT_ROWS)
    errors.push({ line: 1, message: `At most ${MAX_IMPORT_ROWS} rows per import.` });
  return { rows, errors };
}
