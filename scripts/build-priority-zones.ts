// Builds data/priority-zones.csv from the press-sourced list of "zones rouges" (EPCI named by
// name only) by resolving each name to a SIREN with @etalab/decoupage-administratif. The communes
// where consultations of the scheme were reported add their EPCI too (basis "inferred"): a
// consultation site lies in a priority zone by design.
// Usage: npx tsx scripts/build-priority-zones.ts [path/to/priority-zones.md]
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

type Epci = { code: string; nom: string; type: string; membres: { code: string }[] };
type Commune = { code: string; nom: string; departement: string; region: string; type: string };
type Area = { code: string; nom: string };
type Row = { line: number; name: string; where: string; source: string; alias?: string | undefined; siren?: string | undefined };
type Resolved = { row: Row; epci: Epci; partial: boolean };
type Unresolved = { row: Row; reason: string };
type CommuneRow = { line: number; name: string; where: string; reported: string };
type Located = { row: CommuneRow; commune: Commune; epci: Epci };
type Unlocated = { row: CommuneRow; reason: string };
type OutRow = { siren: string; name: string; source: string; basis: "named" | "inferred" };

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
// The shared folder sits beside the project root.
const input = process.argv[2] ?? new URL("../../shared/data/priority-zones.md", import.meta.url).pathname;
// Resolved through node's lookup rather than a fixed path so a hoisted install still works.
const dataDir = join(dirname(createRequire(import.meta.url).resolve("@etalab/decoupage-administratif/package.json")), "data");
const load = <T>(file: string): T => JSON.parse(readFileSync(join(dataDir, file), "utf8")) as T;

const epcis = load<Epci[]>("epci.json");
const communes = load<Commune[]>("communes.json").filter((c) => c.type === "commune-actuelle");
const departements = load<(Area & { region: string })[]>("departements.json");
const regions = load<Area[]>("regions.json");
const communeByCode = new Map(communes.map((c) => [c.code, c]));

const TYPE_PREFIXES: [RegExp, string][] = [
  [/^(cc|communaute de communes)\b/, "CC"],
  [/^(ca|communaute d agglomeration)\b/, "CA"],
  [/^(cu|communaute urbaine)\b/, "CU"],
];

function fold(s: string): string {
  return s
    .normalize("NFD")
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .replace(/œ/g, "oe")
    .replace(/æ/g, "ae")
    .replace(/\([^)]*\)/g, " ") // dataset suffixes like "(Combles - Péronne - Roisel)" are not part of the name
    .replace(/[^a-z0-9]+/g, " ") // apostrophes, hyphens, slashes and spaces all become one space
    .replace(/\bst\b/g, "saint") // "St-Éloy" and "Saint-Éloy" are the same place
    .replace(/\bste\b/g, "sainte")
    .trim();
}

// Splits "CC du Pays de la Serre" into type "CC" and core "pays de la serre".
function parseName(raw: string): { type?: string | undefined; core: string } {
  let s = fold(raw);
  let type: string | undefined;
  for (const [re, t] of TYPE_PREFIXES) {
    if (re.test(s)) {
      type = t;
      s = s.replace(re, "").trim();
      break;
    }
  }
  s = s.replace(/^(de la|de l|du|des|de|d)\s+/, "");
  return { type, core: s };
}

const epciNames = new Map(epcis.map((e) => [e.code, parseName(e.nom).core]));
const epciDeps = new Map(epcis.map((e) => [e.code, new Set(e.membres.map((m) => communeByCode.get(m.code)?.departement))]));
const epciRegs = new Map(epcis.map((e) => [e.code, new Set(e.membres.map((m) => communeByCode.get(m.code)?.region))]));

// Rows of the markdown table under `## <heading>`, up to the next section.
function sectionTable(lines: string[], heading: string, width: number): { line: number; cells: string[] }[] {
  const start = lines.findIndex((l) => l.startsWith(`## ${heading}`));
  if (start < 0) throw new Error(`section '${heading}' not found`);
  const out: { line: number; cells: string[] }[] = [];
  let seenTable = 0;
  for (let i = start + 1; i < lines.length; i++) {
    const line = lines[i] ?? "";
    if (line.startsWith("## ")) break; // each section has its own table
    if (!line.startsWith("|") || seenTable++ < 2) continue; // header and separator
    const cells = line.split("|").slice(1, -1).map((c) => c.trim());
    if (cells.length !== width) throw new Error(`line ${i + 1}: expected ${width} cells`);
    out.push({ line: i + 1, cells });
  }
  return out;
}

function parseRows(lines: string[]): Row[] {
  const rows: Row[] = [];
  let prevBase = "";
  for (const { line, cells } of sectionTable(lines, "EPCI named as zones rouges", 3)) {
    const [nameCell = "", where = "", sourceCell = ""] = cells;
    const same = /^same\b\s*(.*)$/.exec(sourceCell);
    if (same && !prevBase) throw new Error(`line ${line}: "same" with no row above`);
    const source = same ? [prevBase, same[1]].filter(Boolean).join(" ") : sourceCell;
    // A trailing "(smallest of the 151)" describes the row, not the publication, so rows saying
    // "same" do not inherit it; a trailing "(2025)" dates the publication, so they do.
    if (!same) prevBase = sourceCell.replace(/\s*\((?!\d{4}\))[^)]*\)$/, "");
    const siren = /\(SIREN\s*(\d{9})\)/.exec(nameCell)?.[1];
    const alias = /named "([^"]+)"/.exec(sourceCell)?.[1];
    rows.push({ line, name: nameCell.replace(/\(SIREN[^)]*\)/, "").trim(), where, source, alias, siren });
  }
  return rows;
}

// "Thiers, Ambert, Saint-Éloy-les-Mines" is three rows; "(MSP)" notes the site, not the name.
function parseCommuneRows(lines: string[]): CommuneRow[] {
  return sectionTable(lines, "Communes where consultations of the scheme were reported", 3).flatMap(({ line, cells }) => {
    const [communeCell = "", where = "", reported = ""] = cells;
    const names = communeCell.split(",").map((n) => n.replace(/\([^)]*\)/g, " ").replace(/\s+/g, " ").trim());
    if (names.some((n) => !n)) throw new Error(`line ${line}: empty commune name`);
    return names.map((name) => ({ line, name, where, reported }));
  });
}

// "Aisne, Hauts-de-France" restricts to the département; a region alone restricts to the region.
function areaFilter(where: string): { label: string; test: (e: Epci) => boolean } | string {
  const parts = where.split(",").map((p) => fold(p));
  const dep = departements.find((d) => parts.includes(fold(d.nom)));
  const reg = regions.find((r) => parts.includes(fold(r.nom)));
  if (dep && reg && dep.region !== reg.code) return `département ${dep.nom} is not in region ${reg.nom}`;
  if (dep) return { label: dep.nom, test: (e) => epciDeps.get(e.code)?.has(dep.code) ?? false };
  if (reg) return { label: reg.nom, test: (e) => epciRegs.get(e.code)?.has(reg.code) ?? false };
  return `unknown département/region "${where}"`;
}

const fmt = (list: Epci[]): string => list.map((e) => `${e.nom} (${e.code})`).join(", ");
const containsWords = (hay: string, needle: string): boolean => ` ${hay} `.includes(` ${needle} `);

function resolve(row: Row): Resolved | Unresolved {
  const area = areaFilter(row.where);
  if (typeof area === "string") return { row, reason: area };
  const inArea = epcis.filter(area.test);
  const names = [row.name, ...(row.alias ? [row.alias] : [])].map(parseName);
  // A type prefix stated in the source must agree: "CC du Sud" is not "CA du Sud".
  const match = (e: Epci, exact: boolean): boolean =>
    names.some((n) => (!n.type || n.type === e.type) && (exact ? epciNames.get(e.code) === n.core : containsWords(epciNames.get(e.code) ?? "", n.core)));
  let candidates = inArea.filter((e) => match(e, true));
  // Fallback for EPCI renamed since the press wrote about them ("Haut Allier" → "Haut Allier Margeride").
  const partial = candidates.length === 0;
  if (partial) candidates = inArea.filter((e) => match(e, false));
  if (row.siren) {
    const stated = epcis.find((e) => e.code === row.siren);
    if (!stated) return { row, reason: `stated SIREN ${row.siren} is not in the dataset` };
    if (!area.test(stated)) return { row, reason: `stated SIREN ${row.siren} (${stated.nom}) has no commune in ${area.label}` };
    if (!candidates.includes(stated)) return { row, reason: `stated SIREN ${row.siren} is "${stated.nom}", which does not match the name` };
    return { row, epci: stated, partial };
  }
  const [only] = candidates;
  if (only && candidates.length === 1) return { row, epci: only, partial };
  if (candidates.length > 1) return { row, reason: `ambiguous in ${area.label}: ${fmt(candidates)}` };
  // Say what nearly matched, so whoever maintains the list can fix the row.
  const cores = new Set(names.map((n) => n.core));
  const sameNameInArea = inArea.filter((e) => cores.has(epciNames.get(e.code) ?? ""));
  const elsewhere = epcis.filter((e) => !area.test(e) && match(e, true));
  const hints = [
    sameNameInArea.length ? `same name but another type in ${area.label}: ${fmt(sameNameInArea)}` : "",
    elsewhere.length ? `exact match outside ${area.label}: ${fmt(elsewhere)}` : "",
  ].filter(Boolean);
  return { row, reason: `no match in ${area.label}${hints.length ? ` (${hints.join("; ")})` : ""}` };
}

const communeNames = new Map(communes.map((c) => [c.code, fold(c.nom)]));
const epciOfCommune = new Map(epcis.flatMap((e) => e.membres.map((m) => [m.code, e] as const)));

function locate(row: CommuneRow): Located | Unlocated {
  const dep = departements.find((d) => fold(d.nom) === fold(row.where));
  if (!dep) return { row, reason: `unknown département "${row.where}"` };
  const sameName = communes.filter((c) => communeNames.get(c.code) === fold(row.name));
  const inDep = sameName.filter((c) => c.departement === dep.code);
  const list = (cs: Commune[]): string => cs.map((c) => `${c.nom} (${c.code})`).join(", ");
  const [commune] = inDep;
  if (!commune) return { row, reason: `no commune of that name in ${dep.nom}${sameName.length ? ` (elsewhere: ${list(sameName)})` : ""}` };
  if (inDep.length > 1) return { row, reason: `ambiguous in ${dep.nom}: ${list(inDep)}` };
  const epci = epciOfCommune.get(commune.code);
  if (!epci) return { row, reason: `${commune.nom} (${commune.code}) belongs to no EPCI in the dataset` };
  return { row, commune, epci };
}

// One note for all communes is written once; otherwise each commune keeps its own.
function inferredSource(rows: CommuneRow[]): string {
  const oneNote = new Set(rows.map((r) => r.reported)).size === 1;
  const list = oneNote
    ? `${rows.map((r) => r.name).join("; ")} (${rows[0]?.reported ?? ""})`
    : rows.map((r) => `${r.name} (${r.reported})`).join("; ");
  return `Inferred: scheme consultations reported in ${list}`;
}

const csvField = (s: string): string => (/[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);

const lines = readFileSync(input, "utf8").split("\n");
const rows = parseRows(lines);
const results = rows.map(resolve);
const resolved: Resolved[] = [];
const unresolved: Unresolved[] = [];
for (const r of results) {
  if (!("epci" in r)) unresolved.push(r);
  else {
    const dup = resolved.find((x) => x.epci.code === r.epci.code);
    if (dup) unresolved.push({ row: r.row, reason: `same EPCI ${r.epci.code} as line ${dup.row.line} ("${dup.row.name}")` });
    else resolved.push(r);
  }
}

const communeRows = parseCommuneRows(lines);
const locations = communeRows.map(locate);
const located = locations.filter((r): r is Located => "epci" in r);
const unlocated = locations.filter((r): r is Unlocated => !("epci" in r));
const named = new Set(resolved.map((r) => r.epci.code));
const byEpci = new Map<string, { epci: Epci; rows: CommuneRow[] }>();
for (const l of located) byEpci.set(l.epci.code, { epci: l.epci, rows: [...(byEpci.get(l.epci.code)?.rows ?? []), l.row] });
// The first table's row (and its source) wins over an inference for the same EPCI.
const inferred = [...byEpci.values()].filter((g) => !named.has(g.epci.code));
const alreadyNamed = located.filter((l) => named.has(l.epci.code)).map((l) => `${l.row.name} → ${l.epci.nom} (${l.epci.code})`);

const out: OutRow[] = [
  ...resolved.map((r): OutRow => ({ siren: r.epci.code, name: r.epci.nom, source: r.row.source, basis: "named" })),
  ...inferred.map((g): OutRow => ({ siren: g.epci.code, name: g.epci.nom, source: inferredSource(g.rows), basis: "inferred" })),
].sort((a, b) => a.siren.localeCompare(b.siren));

const csv = ["siren,name,source,basis", ...out.map((r) => [r.siren, r.name, r.source, r.basis].map(csvField).join(","))];
const unresolvedMd = [
  "# Priority zones not resolved to an EPCI",
  "",
  "## EPCI named as zones rouges",
  "",
  `Generated by \`scripts/build-priority-zones.ts\` from the list of ${rows.length} named EPCI; ${resolved.length} resolved.`,
  "",
  ...(unresolved.length
    ? unresolved.map((u) => `- **${u.row.name}** (${u.row.where}; source: ${u.row.source}): ${u.reason}`)
    : ["All rows resolved."]),
  "",
  "## Communes where consultations of the scheme were reported",
  "",
  `${communeRows.length} communes; ${located.length} resolved to ${byEpci.size} EPCI, ${inferred.length} of them added as inferred` +
    (alreadyNamed.length ? ` (already named above: ${alreadyNamed.join("; ")}).` : "."),
  "",
  ...(unlocated.length
    ? unlocated.map((u) => `- **${u.row.name}** (${u.row.where}; reported: ${u.row.reported}): ${u.reason}`)
    : ["All communes resolved."]),
];
mkdirSync(join(root, "data"), { recursive: true });
writeFileSync(join(root, "data/priority-zones.csv"), csv.join("\n") + "\n");
writeFileSync(join(root, "data/priority-zones-unresolved.md"), unresolvedMd.join("\n") + "\n");

console.log(`${resolved.length} of ${rows.length} rows resolved, ${inferred.length} EPCI inferred -> data/priority-zones.csv (${out.length} rows)`);
for (const r of resolved.filter((x) => x.partial)) console.log(`  partial-name match: "${r.row.name}" -> ${r.epci.nom} (${r.epci.code})`);
for (const l of located) console.log(`  commune ${l.row.name} (${l.row.where}) = ${l.commune.code} -> ${l.epci.nom} (${l.epci.code})${named.has(l.epci.code) ? " [already named]" : ""}`);
console.log(`${unresolved.length + unlocated.length} unresolved -> data/priority-zones-unresolved.md`);
for (const u of unresolved) console.log(`  line ${u.row.line} "${u.row.name}" (${u.row.where}): ${u.reason}`);
for (const u of unlocated) console.log(`  line ${u.row.line} commune "${u.row.name}" (${u.row.where}): ${u.reason}`);
