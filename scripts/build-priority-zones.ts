// Builds data/priority-zones.csv from the public sources on the "zones rouges" (the EPCI the press,
// ARS pages and elected officials name, each with its source and basis) by resolving each row to
// one SIREN of @etalab/decoupage-administratif. The communes where consultations of the scheme were
// reported add their EPCI too (basis "inferred"): a consultation site lies in a priority zone by
// design. Rows that do not resolve to exactly one EPCI are left out and listed in
// data/priority-zones-unresolved.md (and printed).
//
// The sources live in data/priority-zones.md, a copy of the shared ../shared/data/priority-zones.md
// kept in the repository so the build and its test are reproducible. To take a newer version:
//   npm run zones:build -- ../shared/data/priority-zones.md   (copies it into data/, then builds)
//   npm run zones:build                                       (rebuilds from data/priority-zones.md)
import { copyFileSync, readFileSync, realpathSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve as resolvePath } from 'node:path';
import { fileURLToPath } from 'node:url';
import { timeZoneForDepartement } from '../src/domain/time-zones';
import { epciDepartements } from './db/seed-reference';

type Epci = { code: string; nom: string; type: string; membres: { code: string }[] };
type Commune = { code: string; nom: string; departement: string; region: string; type: string };
type Area = { code: string; nom: string };

// The basis of a row, in the CSV: named by a source; inferred from a reported consultation site;
// uncertain (a pre-list, or a name that does not say which EPCI is meant) and to be reviewed.
export const BASES = ['named', 'inferred', 'uncertain'] as const;
export type Basis = (typeof BASES)[number];

/** One row of the table "EPCI named as zones rouges". */
export type NamedRow = {
  line: number;
  name: string; // as the source writes it, without "(SIREN …)"
  official: string; // the "official name, where it differs" cell: a name, or a remark
  departement: string;
  region: string;
  source: string; // with "(same article)" expanded to the citation it refers to
  basis: Basis;
  basisNote: string; // "pre-list" in "uncertain: pre-list"
  siren?: string | undefined;
};
export type CommuneRow = { line: number; name: string; departement: string; reported: string };
export type ZoneRow = {
  siren: string;
  name: string;
  departement: string;
  timeZone: string;
  source: string;
  basis: Basis;
  note: string;
};
export type Unresolved = {
  line: number;
  kind: 'epci' | 'commune';
  name: string;
  where: string;
  source: string;
  reason: string;
};
export type Build = {
  namedRows: NamedRow[];
  communeRows: CommuneRow[];
  zones: ZoneRow[];
  unresolved: Unresolved[];
  csv: string;
  unresolvedMd: string;
  log: string[];
};

export const root = join(dirname(fileURLToPath(import.meta.url)), '..');
export const SOURCES_MD = join(root, 'data/priority-zones.md');
export const ZONES_CSV = join(root, 'data/priority-zones.csv');
export const UNRESOLVED_MD = join(root, 'data/priority-zones-unresolved.md');

// Resolved through node's lookup rather than a fixed path so a hoisted install still works.
const dataDir = join(
  dirname(createRequire(import.meta.url).resolve('@etalab/decoupage-administratif/package.json')),
  'data',
);
const load = <T>(file: string): T => JSON.parse(readFileSync(join(dataDir, file), 'utf8')) as T;

const epcis = load<Epci[]>('epci.json');
const communes = load<Commune[]>('communes.json').filter((c) => c.type === 'commune-actuelle');
const departements = load<(Area & { region: string })[]>('departements.json');
const regions = load<Area[]>('regions.json');
const communeByCode = new Map(communes.map((c) => [c.code, c]));
const epciByCode = new Map(epcis.map((e) => [e.code, e]));
const epciOfCommune = new Map(epcis.flatMap((e) => e.membres.map((m) => [m.code, e] as const)));
const homeDepartement = new Map(epcis.map((e) => [e.code, epciDepartements(e.membres, communeByCode)[0] ?? '']));

const TYPE_PREFIXES: [RegExp, string][] = [
  [/^(cc|communaute de communes)\b/, 'CC'],
  [/^(ca|communaute d agglomeration)\b/, 'CA'],
  [/^(cu|communaute urbaine)\b/, 'CU'],
];
const TYPED_NAME = /^(CC|CA|CU|Communauté)\b/;

export function fold(s: string): string {
  return s
    .replace(/œ/gi, 'oe')
    .replace(/æ/gi, 'ae')
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/\([^)]*\)/g, ' ') // dataset suffixes like "(Combles - Péronne - Roisel)" are not part of the name
    .replace(/[^a-z0-9]+/g, ' ') // apostrophes, hyphens, slashes and spaces all become one space
    .replace(/\bst\b/g, 'saint') // "St-Éloy" and "Saint-Éloy" are the same place
    .replace(/\bste\b/g, 'sainte')
    .trim();
}

// Splits "CC du Pays de la Serre" into type "CC" and core "pays de la serre".
function parseName(raw: string): { type?: string | undefined; core: string } {
  let s = fold(raw);
  let type: string | undefined;
  for (const [re, t] of TYPE_PREFIXES) {
    if (re.test(s)) {
      type = t;
      s = s.replace(re, '').trim();
      break;
    }
  }
  s = s.replace(/^(de la|de l|du|des|de|d)\s+/, '');
  return { type, core: s };
}

const STOP_WORDS = new Set(['de', 'du', 'des', 'la', 'le', 'les', 'l', 'd', 'et', 'en', 'pays']);
const words = (core: string): string[] => core.split(' ').filter((w) => w && !STOP_WORDS.has(w));

const epciNames = new Map(epcis.map((e) => [e.code, parseName(e.nom).core]));
const epciDeps = new Map(
  epcis.map((e) => [e.code, new Set(e.membres.map((m) => communeByCode.get(m.code)?.departement))]),
);

// Rows of the markdown table under `## <heading>`, up to the next section.
function sectionTable(lines: string[], heading: string, width: number): { line: number; cells: string[] }[] {
  const start = lines.findIndex((l) => l.startsWith(`## ${heading}`));
  if (start < 0) throw new Error(`section '${heading}' not found`);
  const out: { line: number; cells: string[] }[] = [];
  let seenTable = 0;
  for (let i = start + 1; i < lines.length; i++) {
    const line = lines[i] ?? '';
    if (line.startsWith('## ')) break; // each section has its own table
    if (!line.startsWith('|') || seenTable++ < 2) continue; // header and separator
    const cells = line
      .split('|')
      .slice(1, -1)
      .map((c) => c.trim());
    if (cells.length !== width) throw new Error(`line ${i + 1}: expected ${width} cells, found ${cells.length}`);
    out.push({ line: i + 1, cells });
  }
  return out;
}

function parseBasis(line: number, cell: string): { basis: Basis; basisNote: string } {
  const [head = '', ...rest] = cell.split(':');
  const note = rest.join(':').trim();
  if (/^named$/i.test(head.trim())) return { basis: 'named', basisNote: note };
  if (/^inferred\b/i.test(head.trim())) return { basis: 'inferred', basisNote: note };
  if (/^uncertain$/i.test(head.trim())) return { basis: 'uncertain', basisNote: note };
  throw new Error(`line ${line}: unknown basis "${cell}" (expected named, inferred…, uncertain…)`);
}

// A source cell is citations separated by ";". "L'Echo du mardi (same article)" refers to the
// latest earlier citation of the same publisher, written out in full ("L'Echo du mardi, '3 déserts…'"),
// so each CSV row carries a source that stands on its own.
function expandSources(line: number, cell: string, earlier: string[]): string {
  return cell
    .split(';')
    .map((c) => c.trim())
    .map((citation) => {
      const same = /^(.*?)\s*\(same (?:article|page)\)$/.exec(citation);
      if (!same?.[1]) return citation;
      const publisher = same[1];
      const full = [...earlier].reverse().find((e) => e.startsWith(`${publisher},`) || e.startsWith(`${publisher} `));
      if (!full) throw new Error(`line ${line}: "${citation}" refers to no earlier citation of ${publisher}`);
      return full;
    })
    .join('; ');
}

export function parseNamedRows(lines: string[]): NamedRow[] {
  const rows: NamedRow[] = [];
  const citations: string[] = [];
  for (const { line, cells } of sectionTable(lines, 'EPCI named as zones rouges', 6)) {
    const [nameCell = '', official = '', departement = '', region = '', sourceCell = '', basisCell = ''] = cells;
    if (!nameCell || !departement || !sourceCell)
      throw new Error(`line ${line}: name, département and source are required`);
    const source = expandSources(line, sourceCell, citations);
    citations.push(...source.split(';').map((c) => c.trim()));
    const siren = /\(SIREN\s*(\d{9})\)/.exec(nameCell)?.[1];
    const name = nameCell.replace(/\s*\(SIREN[^)]*\)/, '').trim();
    rows.push({ line, name, official, departement, region, source, ...parseBasis(line, basisCell), siren });
  }
  return rows;
}

// "Thiers, Ambert, Saint-Éloy-les-Mines" is three rows; "(MSP)" notes the site, not the name.
export function parseCommuneRows(lines: string[]): CommuneRow[] {
  return sectionTable(lines, 'Communes where consultations of the scheme were reported', 3).flatMap(
    ({ line, cells }) => {
      const [communeCell = '', departement = '', reported = ''] = cells;
      const names = communeCell.split(',').map((n) =>
        n
          .replace(/\([^)]*\)/g, ' ')
          .replace(/\s+/g, ' ')
          .trim(),
      );
      if (names.some((n) => !n)) throw new Error(`line ${line}: empty commune name`);
      return names.map((name) => ({ line, name, departement, reported }));
    },
  );
}

const findDepartement = (name: string) => departements.find((d) => fold(d.nom) === fold(name));
const fmt = (list: Epci[]): string => list.map((e) => `${e.nom} (${e.code})`).join(', ');
const containsWords = (hay: string, needle: string): boolean => ` ${hay} `.includes(` ${needle} `);

// The names a row may go by, most trusted first. The official-name cell is either a name
// ("CC du Centre-Ouest") or a remark that may hold one ("officially the CA du Sud (CASUD)",
// "probably CC de la Montagne Noire, Aude"); never "not the CC des Rives du Haut-Allier".
// Parentheses may hold another name ("Monts de Lacaune (Haut Languedoc)") or a seat ("(Riscle)"):
// they are tried for an exact match only.
function candidateNames(row: NamedRow): { main: string[]; bracketed: string[] } {
  const main = [row.name];
  if (TYPED_NAME.test(row.official)) main.push(row.official);
  for (const m of row.official.matchAll(/\b(?:officially|probably)(?: the)? ((?:CC|CA|CU)\b[^,;()]*)/g))
    if (m[1]) main.push(m[1].trim());
  const bracketed = [...row.name.matchAll(/\(([^)]*)\)/g)].map((m) => m[1] ?? '').filter(Boolean);
  return { main, bracketed };
}

// "Hautes Terres Communauté", "Roi Morvan Communauté": the press keeps or drops the word.
const withoutCommunaute = (core: string): string => core.replace(/\s+communaute$/, '');

type Match = { epci: Epci; how: 'exact' | 'bracketed' | 'partial' | 'words' };

function resolveNamed(row: NamedRow): Match | string {
  const dep = findDepartement(row.departement);
  if (!dep) return `unknown département "${row.departement}"`;
  const reg = row.region ? regions.find((r) => fold(r.nom) === fold(row.region)) : undefined;
  if (row.region && !reg) return `unknown region "${row.region}"`;
  if (reg && dep.region !== reg.code) return `département ${dep.nom} is not in region ${reg.nom}`;
  const inDep = (e: Epci) => epciDeps.get(e.code)?.has(dep.code) ?? false;
  const inArea = epcis.filter(inDep);
  const { main, bracketed } = candidateNames(row);
  const mainNames = main.map(parseName);
  // A type prefix stated in the source must agree: "CC du Sud" is not "CA du Sud".
  const typeOk = (n: { type?: string | undefined }, e: Epci) => !n.type || n.type === e.type;
  const core = (e: Epci) => epciNames.get(e.code) ?? '';
  const tiers: [Match['how'], (e: Epci) => boolean][] = [
    [
      'exact',
      (e) =>
        mainNames.some(
          (n) => typeOk(n, e) && (core(e) === n.core || withoutCommunaute(core(e)) === withoutCommunaute(n.core)),
        ),
    ],
    ['bracketed', (e) => bracketed.map(parseName).some((n) => typeOk(n, e) && core(e) === n.core)],
    // Renamed since the press wrote about them ("Haut Allier" → "Haut Allier Margeride").
    ['partial', (e) => mainNames.some((n) => typeOk(n, e) && containsWords(core(e), withoutCommunaute(n.core)))],
    // Same words, other order or linking words ("Cayres-Pradelles" → "Pays de Cayres et de Pradelles").
    [
      'words',
      (e) =>
        mainNames.some(
          (n) => typeOk(n, e) && words(withoutCommunaute(n.core)).every((w) => words(core(e)).includes(w)),
        ),
    ],
  ];
  let found: Match | string | undefined;
  for (const [how, test] of tiers) {
    const candidates = inArea.filter(test);
    if (candidates.length > 1) {
      found = `ambiguous in ${dep.nom} (${how} name match): ${fmt(candidates)}`;
      break;
    }
    if (candidates[0]) {
      found = { epci: candidates[0], how };
      break;
    }
  }
  if (row.siren) {
    const stated = epciByCode.get(row.siren);
    if (!stated) return `stated SIREN ${row.siren} is not in the dataset`;
    if (!inDep(stated)) return `stated SIREN ${row.siren} (${stated.nom}) has no commune in ${dep.nom}`;
    if (typeof found === 'object' && found.epci !== stated)
      return `stated SIREN ${row.siren} is "${stated.nom}", but the name matches ${fmt([found.epci])}`;
    return { epci: stated, how: typeof found === 'object' ? found.how : 'exact' };
  }
  if (found) return found;
  // Say what nearly matched, so whoever maintains the list can fix the row.
  const cores = new Set(mainNames.map((n) => n.core));
  const otherType = inArea.filter((e) => cores.has(core(e)));
  const elsewhere = epcis.filter((e) => !inDep(e) && mainNames.some((n) => typeOk(n, e) && core(e) === n.core));
  const hints = [
    otherType.length ? `same name but another type in ${dep.nom}: ${fmt(otherType)}` : '',
    elsewhere.length ? `exact match outside ${dep.nom}: ${fmt(elsewhere)}` : '',
  ].filter(Boolean);
  return `no match in ${dep.nom}${hints.length ? ` (${hints.join('; ')})` : ''}`;
}

// A remark naming the seat or a member commune ("seat Valréas", "(Riscle)", "(Langeac, Saugues)")
// must agree with the EPCI found: a cheap check that the name went to the right place.
function seatConflicts(row: NamedRow, epci: Epci): string[] {
  const dep = findDepartement(row.departement);
  const texts = [row.name, row.official].flatMap((t) => [...t.matchAll(/\(([^)]*)\)/g)].map((m) => m[1] ?? ''));
  for (const m of row.official.matchAll(/\bseat ([^;,()]+)/g)) texts.push(m[1] ?? '');
  const conflicts: string[] = [];
  for (const name of texts
    .flatMap((t) => t.split(','))
    .map((t) => t.trim())
    .filter(Boolean)) {
    const commune = communes.find((c) => c.departement === dep?.code && fold(c.nom) === fold(name));
    if (commune && !epci.membres.some((m) => m.code === commune.code))
      conflicts.push(`${commune.nom} (${commune.code}) is not a member`);
  }
  return conflicts;
}

function locate(row: CommuneRow): { commune: Commune; epci: Epci } | string {
  const dep = findDepartement(row.departement);
  if (!dep) return `unknown département "${row.departement}"`;
  const sameName = communes.filter((c) => fold(c.nom) === fold(row.name));
  const inDep = sameName.filter((c) => c.departement === dep.code);
  const list = (cs: Commune[]): string => cs.map((c) => `${c.nom} (${c.code})`).join(', ');
  const [commune] = inDep;
  if (!commune)
    return `no commune of that name in ${dep.nom}${sameName.length ? ` (elsewhere: ${list(sameName)})` : ''}`;
  if (inDep.length > 1) return `ambiguous in ${dep.nom}: ${list(inDep)}`;
  const epci = epciOfCommune.get(commune.code);
  if (!epci) return `${commune.nom} (${commune.code}) belongs to no EPCI in the dataset`;
  return { commune, epci };
}

// One note for all communes is written once; otherwise each commune keeps its own.
function inferredSource(rows: CommuneRow[]): string {
  const oneNote = new Set(rows.map((r) => r.reported)).size === 1;
  const list = oneNote
    ? `${rows.map((r) => r.name).join('; ')} (${rows[0]?.reported ?? ''})`
    : rows.map((r) => `${r.name} (${r.reported})`).join('; ');
  return `Inferred: scheme consultations reported in ${list}`;
}

const csvField = (s: string): string => (/[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);

function zoneRow(epci: Epci, source: string, basis: Basis, note: string): ZoneRow {
  const departement = homeDepartement.get(epci.code) ?? '';
  return {
    siren: epci.code,
    name: epci.nom,
    departement,
    timeZone: timeZoneForDepartement(departement),
    source,
    basis,
    note,
  };
}

export function buildPriorityZones(markdown: string): Build {
  const lines = markdown.split('\n');
  const namedRows = parseNamedRows(lines);
  const communeRows = parseCommuneRows(lines);
  const log: string[] = [];
  const unresolved: Unresolved[] = [];
  const fromNamed = new Map<string, { row: NamedRow; zone: ZoneRow }>();

  for (const row of namedRows) {
    const where = `${row.departement}, ${row.region}`;
    const fail = (reason: string) =>
      unresolved.push({ line: row.line, kind: 'epci', name: row.name, where, source: row.source, reason });
    const match = resolveNamed(row);
    if (typeof match === 'string') {
      fail(match);
      continue;
    }
    const conflicts = seatConflicts(row, match.epci);
    if (conflicts.length) {
      fail(`matched ${fmt([match.epci])} but ${conflicts.join('; ')}`);
      continue;
    }
    const dup = fromNamed.get(match.epci.code);
    if (dup) {
      fail(`same EPCI ${match.epci.code} as line ${dup.row.line} ("${dup.row.name}")`);
      continue;
    }
    // For rows to review, the remark says why ("which EPCI is meant is unclear…"); a name that only
    // matched loosely says so, since the dataset spells it differently from the source.
    const note = [
      row.basisNote,
      row.basis === 'uncertain' && !TYPED_NAME.test(row.official) ? row.official : '',
      match.how === 'exact' ? '' : `${match.how} name match for "${row.name}"`,
    ].filter(Boolean);
    // An uncertain row with no remark of its own says why in its source's closing parenthesis
    // (Fumel: "not called a zone rouge in so many words").
    if (row.basis === 'uncertain' && !note.length)
      note.push(/\(([^()]+)\)\s*$/.exec(row.source)?.[1] ?? 'no reason given in the list of sources');
    fromNamed.set(match.epci.code, { row, zone: zoneRow(match.epci, row.source, row.basis, note.join('; ')) });
    if (match.how !== 'exact')
      log.push(`  ${match.how} name match, line ${row.line}: "${row.name}" -> ${fmt([match.epci])}`);
  }

  const byEpci = new Map<string, { epci: Epci; rows: CommuneRow[] }>();
  for (const row of communeRows) {
    const found = locate(row);
    if (typeof found === 'string') {
      unresolved.push({
        line: row.line,
        kind: 'commune',
        name: row.name,
        where: row.departement,
        source: row.reported,
        reason: found,
      });
      continue;
    }
    byEpci.set(found.epci.code, { epci: found.epci, rows: [...(byEpci.get(found.epci.code)?.rows ?? []), row] });
    log.push(
      `  commune ${row.name} (${row.departement}) = ${found.commune.code} -> ${fmt([found.epci])}${fromNamed.has(found.epci.code) ? ' [already named]' : ''}`,
    );
  }
  // The first table's row (its source and basis) wins over an inference for the same EPCI; a row
  // to review notes the consultation sites reported in its EPCI, which speak for it.
  const inferred = [...byEpci.values()].filter((g) => !fromNamed.has(g.epci.code));
  for (const [siren, { zone }] of fromNamed) {
    const sites = byEpci.get(siren)?.rows;
    if (zone.basis === 'uncertain' && sites)
      zone.note = [zone.note, `consultations reported in ${sites.map((r) => r.name).join(', ')}`]
        .filter(Boolean)
        .join('; ');
  }
  const zones = [
    ...[...fromNamed.values()].map((n) => n.zone),
    ...inferred.map((g) => zoneRow(g.epci, inferredSource(g.rows), 'inferred', '')),
  ].sort((a, b) => a.siren.localeCompare(b.siren));

  const csv = `${['siren,name,departement,time_zone,source,basis,note', ...zones.map((z) => [z.siren, z.name, z.departement, z.timeZone, z.source, z.basis, z.note].map(csvField).join(','))].join('\n')}\n`;

  const namedUnresolved = unresolved.filter((u) => u.kind === 'epci');
  const communeUnresolved = unresolved.filter((u) => u.kind === 'commune');
  const communesLocated = communeRows.length - communeUnresolved.length;
  const count = (basis: Basis) => zones.filter((z) => z.basis === basis).length;
  const unresolvedMd = `${[
    '# Priority zones not resolved to an EPCI',
    '',
    'Generated by `npm run zones:build` (`scripts/build-priority-zones.ts`) from `data/priority-zones.md`.',
    `The CSV holds ${zones.length} EPCI: ${count('named')} named, ${count('inferred')} inferred from a consultation site, ${count('uncertain')} uncertain.`,
    '',
    '## EPCI named as zones rouges',
    '',
    `${namedRows.length} rows; ${fromNamed.size} resolved, ${namedUnresolved.length} not.`,
    '',
    ...(namedUnresolved.length
      ? namedUnresolved.map((u) => `- **${u.name}** (line ${u.line}; ${u.where}; source: ${u.source}): ${u.reason}`)
      : ['All rows resolved.']),
    '',
    '## Communes where consultations of the scheme were reported',
    '',
    `${communeRows.length} communes; ${communesLocated} resolved to ${byEpci.size} EPCI, ${inferred.length} of them added as inferred (the others are named above).`,
    '',
    ...(communeUnresolved.length
      ? communeUnresolved.map((u) => `- **${u.name}** (line ${u.line}; ${u.where}; reported: ${u.source}): ${u.reason}`)
      : ['All communes resolved.']),
  ].join('\n')}\n`;

  log.unshift(
    `${fromNamed.size} of ${namedRows.length} named rows resolved, ${inferred.length} EPCI inferred from consultation sites -> data/priority-zones.csv (${zones.length} rows)`,
  );
  log.push(`${unresolved.length} unresolved -> data/priority-zones-unresolved.md`);
  for (const u of unresolved)
    log.push(`  line ${u.line} ${u.kind === 'commune' ? 'commune ' : ''}"${u.name}" (${u.where}): ${u.reason}`);
  return { namedRows, communeRows, zones, unresolved, csv, unresolvedMd, log };
}

// Run as a script (not when a test imports the module).
if (process.argv[1] && realpathSync(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const input = process.argv[2];
  if (input && resolvePath(input) !== SOURCES_MD) {
    copyFileSync(input, SOURCES_MD);
    console.log(`copied ${input} -> data/priority-zones.md`);
  }
  const build = buildPriorityZones(readFileSync(SOURCES_MD, 'utf8'));
  writeFileSync(ZONES_CSV, build.csv);
  writeFileSync(UNRESOLVED_MD, build.unresolvedMd);
  for (const line of build.log) console.log(line);
}
