// The default priority set is derived data: these tests check that data/priority-zones.csv is what
// the builder makes of data/priority-zones.md today, that it keeps every resolvable EPCI with its
// source and basis, that overseas zones carry their own time zone, and that whatever did not resolve
// is listed in data/priority-zones-unresolved.md.
import { readFileSync } from 'node:fs';
import pg from 'pg';
import { describe, expect, inject, it } from 'vitest';
import { BASES, buildPriorityZones, SOURCES_MD, UNRESOLVED_MD, ZONES_CSV } from './build-priority-zones';
import { prepareDatabase } from './db/prepare';
import { readPriorityZonesCsv } from './db/seed-reference';

const markdown = readFileSync(SOURCES_MD, 'utf8');
const build = buildPriorityZones(markdown);
const csvRows = readPriorityZonesCsv(ZONES_CSV);
const csvSirens = new Set(csvRows.map((r) => r.siren));
const zoneBySiren = new Map(build.zones.map((z) => [z.siren, z]));

// Table rows under a heading, counted here without the builder's parser.
function tableRows(heading: string): string[] {
  const lines = markdown.split('\n');
  const start = lines.findIndex((l) => l.startsWith(`## ${heading}`));
  const end = lines.findIndex((l, i) => i > start && l.startsWith('## '));
  return lines
    .slice(start + 1, end < 0 ? undefined : end)
    .filter((l) => l.startsWith('|'))
    .slice(2);
}

const OVERSEAS_TIME_ZONES: Record<string, string> = {
  '971': 'America/Guadeloupe',
  '972': 'America/Martinique',
  '973': 'America/Cayenne',
  '974': 'Indian/Reunion',
  '976': 'Indian/Mayotte',
};

describe('data/priority-zones.csv', () => {
  it('is what the builder makes of data/priority-zones.md (run npm run zones:build after editing it)', () => {
    expect(readFileSync(ZONES_CSV, 'utf8')).toBe(build.csv);
    expect(readFileSync(UNRESOLVED_MD, 'utf8')).toBe(build.unresolvedMd);
  });

  it('has every resolvable named EPCI, and every other row is in the unresolved list', () => {
    const named = tableRows('EPCI named as zones rouges');
    expect(named.length).toBeGreaterThanOrEqual(79);
    expect(build.namedRows).toHaveLength(named.length);
    const unresolvedLines = new Set(build.unresolved.filter((u) => u.kind === 'epci').map((u) => u.line));
    for (const row of build.namedRows) {
      if (unresolvedLines.has(row.line)) continue;
      // The row's own source (and basis) is the one the CSV keeps for its EPCI.
      const zone = build.zones.find((z) => z.source === row.source && z.basis === row.basis);
      expect(zone, `line ${row.line} "${row.name}"`).toBeDefined();
      expect(csvSirens.has(zone?.siren ?? '')).toBe(true);
    }
    const resolvedNamed = build.zones.filter((z) => !z.source.startsWith('Inferred: scheme consultations'));
    expect(resolvedNamed.length + unresolvedLines.size).toBe(named.length);
  });

  it('resolves homonyms and informal names to the EPCI the source means', () => {
    const expected: Record<string, string> = {
      '249740085': 'CA du Sud', // "CC du Sud (La Réunion)": not the CC du Sud of Mayotte (200060473)
      '200006930': 'CC du Haut Allier Margeride', // Lozère, not the CC des Rives du Haut Allier
      '200073393': 'CC des Rives du Haut Allier', // Haute-Loire
      '200042463': 'CC de la Montagne Noire', // Aude, not the CC Thoré Montagne Noire (Tarn)
      '200066553': 'CC du Haut-Languedoc', // "Monts de Lacaune (Haut Languedoc)"
      '244301123': 'CC des Pays de Cayres et de Pradelles', // "Cayres-Pradelles"
      '200034064': 'CC du Cordais et du Causse (4 C)', // Tarn, though a source listed it under Lot
      '200040681': 'CC Enclave des Papes - Pays de Grignan', // Vaucluse and Drôme
      '200071082': 'CA Montluçon Communauté', // stated SIREN
    };
    for (const [siren, name] of Object.entries(expected)) expect(zoneBySiren.get(siren)?.name, siren).toBe(name);
    expect(csvSirens.has('200060473')).toBe(false);
    expect(csvSirens.has('248100745')).toBe(false);
  });

  it('gives each row a source and a basis in the allowed set; uncertain rows say why', () => {
    expect(csvRows.length).toBe(build.zones.length);
    for (const row of csvRows) {
      expect(row.siren).toMatch(/^\d{9}$/);
      expect(row.source.length, row.siren).toBeGreaterThan(3);
      expect(BASES).toContain(row.basis);
      if (row.basis === 'uncertain') expect(row.note, row.siren).not.toBe('');
    }
    expect(new Set(csvRows.map((r) => r.siren)).size).toBe(csvRows.length);
    // "(same article)" is written out: each row's source stands on its own.
    expect(csvRows.some((r) => /same (article|page)/.test(r.source))).toBe(false);
    expect(zoneBySiren.get('200035723')?.source).toContain("L'Echo du mardi, '3 déserts médicaux de Vaucluse");
    expect(zoneBySiren.get('241500255')).toMatchObject({ basis: 'uncertain', note: 'pre-list' });
    expect(zoneBySiren.get('244200820')?.basis).toBe('inferred'); // Pays d'Urfé, from its consultation site
  });

  it('keeps the EPCI inferred from reported consultation sites, the demo sites among them', () => {
    const communes = tableRows('Communes where consultations of the scheme were reported');
    expect(build.communeRows.length).toBeGreaterThanOrEqual(communes.length);
    // Pissos, Riscle, Marciac, Castelnau-Magnoac, Montaigu-de-Quercy, Le Vigan, Sancergues, Gourin:
    // the communes of scripts/db/seed-demo.ts.
    for (const siren of [
      '200069656',
      '200035632',
      '243200508',
      '200070795',
      '200040418',
      '243000270',
      '200032514',
      '245614417',
    ]) {
      expect(csvSirens.has(siren), siren).toBe(true);
    }
    // Le Vigan's EPCI is inferred; Sancergues' and La Guerche-sur-l'Aubois' have been named since 2026-12-04.
    expect(zoneBySiren.get('243000270')?.basis).toBe('inferred');
    for (const siren of ['200032514', '200011781']) expect(zoneBySiren.get(siren)?.basis).toBe('named');
  });

  it('gives overseas zones their own time zone, and the seeded EPCI the same one', async () => {
    // Read from the CSV itself, not from the builder's output.
    const overseas = csvRows.filter((z) => z.departement in OVERSEAS_TIME_ZONES);
    for (const z of csvRows) expect(z.timeZone, z.siren).toBe(OVERSEAS_TIME_ZONES[z.departement] ?? 'Europe/Paris');
    // La Réunion 1, Guyane 3, Mayotte 4, Guadeloupe 1.
    expect(overseas.map((z) => z.timeZone).sort()).toEqual([
      'America/Cayenne',
      'America/Cayenne',
      'America/Cayenne',
      'America/Guadeloupe',
      'Indian/Mayotte',
      'Indian/Mayotte',
      'Indian/Mayotte',
      'Indian/Mayotte',
      'Indian/Reunion',
    ]);

    const url = inject('databaseUrl');
    await prepareDatabase(url); // idempotent; loads any zone the CSV gained since this database was seeded
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      const { rows } = await client.query<{ siren: string; time_zone: string; source: string | null }>(
        `SELECT e.siren, e.time_zone, p.source FROM epci e LEFT JOIN priority_zones p ON p.siren = e.siren WHERE e.siren = ANY($1)`,
        [[...csvSirens]],
      );
      expect(rows).toHaveLength(csvSirens.size);
      for (const r of rows) {
        expect(r.time_zone, r.siren).toBe(csvRows.find((z) => z.siren === r.siren)?.timeZone);
        expect(r.source, r.siren).not.toBeNull();
      }
    } finally {
      await client.end();
    }
  });
});

describe('the unresolved list', () => {
  it('matches what the builder could not resolve', () => {
    const listed = [...readFileSync(UNRESOLVED_MD, 'utf8').matchAll(/^- \*\*(.+?)\*\* \(line (\d+);/gm)].map(
      (m) => `${m[2]} ${m[1]}`,
    );
    expect(listed).toEqual(build.unresolved.map((u) => `${u.line} ${u.name}`));
  });

  it('lists rows that resolve to no EPCI, to several, or to one already named, and leaves them out', () => {
    const heading = '## EPCI named as zones rouges';
    const table = markdown.slice(markdown.indexOf(heading));
    const lastRow = table.slice(0, table.indexOf('\n\n## ')).split('\n').at(-1) ?? '';
    const extra = [
      '| CC du Sud |  | La Réunion | La Réunion | test | named |', // only a CA du Sud there
      '| CC Nulle Part |  | Lot | Occitanie | test | named |',
      '| Montagne Noire |  | Tarn | Occitanie | test | uncertain |', // fine on its own: Thoré Montagne Noire
      '| Thoré Montagne Noire |  | Tarn | Occitanie | test | named |', // …then the same EPCI again
      '| Centre Tarn |  | Gers | Occitanie | test | named |', // exists, in another département
      '| Lomagne |  | Gers | Occitanie | test | named |', // Bastides de Lomagne or Lomagne Gersoise
      "| CC Ventoux Sud (sic) | seat Valréas | Vaucluse | Provence-Alpes-Côte d'Azur | test | named |", // Valréas is elsewhere
    ].join('\n');
    const changed = buildPriorityZones(markdown.replace(lastRow, `${lastRow}\n${extra}`));
    const reasons = new Map(changed.unresolved.map((u) => [u.name, u.reason]));
    expect(reasons.get('CC du Sud')).toMatch(
      /no match in La Réunion \(same name but another type in La Réunion: CA du Sud \(249740085\)/,
    );
    expect(reasons.get('CC Nulle Part')).toMatch(/^no match in Lot/);
    expect(reasons.get('Thoré Montagne Noire')).toMatch(/^same EPCI 248100745 as line/);
    expect(reasons.get('Centre Tarn')).toMatch(/exact match outside Gers: CC Centre Tarn \(200034049\)/);
    expect(reasons.get('Lomagne')).toMatch(
      /^ambiguous in Gers \(partial name match\): .*Bastides de Lomagne.*Lomagne Gersoise/,
    );
    expect(reasons.get('CC Ventoux Sud (sic)')).toMatch(
      /^matched CC Ventoux Sud \(200035723\) but Valréas \(84138\) is not a member/,
    );
    expect(changed.unresolved).toHaveLength(6);
    expect(changed.zones.map((z) => z.siren)).toEqual(expect.arrayContaining([...csvSirens, '248100745']));
    for (const name of reasons.keys()) expect(changed.unresolvedMd).toContain(`**${name}**`);
  });
});
