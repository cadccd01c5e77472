// The ARS completes its zones from a CSV (issue 23 §4): a preview of what each row resolves to, one
// audited import of all of them, or nothing while a row is ambiguous, unknown, outside the
// caller's regions, repeated or invalid.
import { describe, expect, it } from 'vitest';
import { regionCode } from '../src/domain/regions';
import { api } from './helpers/api';
import { adminToken, BRETAGNE, OCCITANIE } from './helpers/fixtures';
import { sql } from './helpers/sql';
import { token } from './helpers/tokens';

const client = api({ now: new Date('2027-01-11T09:00:00Z') });

/** `n` EPCI of these départements that are no priority zone, at random. */
const freeEpci = (departements: string[], n: number) =>
  sql<{ siren: string; name: string; departement: string; region: string }>(
    `SELECT e.siren, e.name, e.departements[1] AS departement, e.region FROM epci e
     WHERE e.departements[1] = ANY($1::text[]) AND e.siren NOT IN (SELECT siren FROM zone_designations) ORDER BY random() LIMIT $2`,
    [departements, n],
  );

const importing = (csv: string, bearer: string, dryRun = false) =>
  client.post('/v1/zones/imports', { csv, dryRun }, bearer);
const priorityCount = async (sirens: string[]) =>
  (await sql<{ n: number }>(`SELECT count(*)::int AS n FROM priority_zones WHERE siren = ANY($1::text[])`, [sirens]))[0]
    .n;

describe('POST /v1/zones/imports', () => {
  it('10 zones with one ambiguous row: the preview says which, the import writes nothing; fixed, all ten at once, audited', async () => {
    const admin = await adminToken();
    const nine = await freeEpci(OCCITANIE, 9);
    // "CC" matches every communauté de communes of the département: ambiguous until the SIREN is given.
    // The tenth is none of the nine, or the fixed file would name one EPCI twice.
    const [{ departement, siren: tenth }] = await sql<{ departement: string; siren: string }>(
      `SELECT e.departements[1] AS departement, min(e.siren) AS siren FROM epci e
       WHERE e.type = 'CC' AND e.departements[1] = ANY($1::text[]) AND e.siren NOT IN (SELECT siren FROM zone_designations)
         AND e.siren <> ALL($2::text[])
       GROUP BY 1 HAVING count(*) > 1 ORDER BY random() LIMIT 1`,
      [OCCITANIE, nine.map((e) => e.siren)],
    );
    const header = 'siren;nom;departement;source';
    const rows = nine.map((e) => `${e.siren};;;"Arrêté ARS Occitanie, dit ""zones rouges"", du 2 janvier 2027"`);
    const ambiguous = [header, ...rows, `;CC;${departement};Arrêté ARS Occitanie du 2 janvier 2027`].join('\n');
    const all = [...nine.map((e) => e.siren), tenth];

    const preview = await importing(ambiguous, admin, true);
    expect(preview.status, JSON.stringify(preview.body)).toBe(200);
    expect(preview.body).toMatchObject({ imported: false, toDesignate: 9, refused: 1 });
    expect(preview.body.lines[9]).toMatchObject({ line: 11, status: 'ambiguous' });
    expect(preview.body.lines[9].candidates.length).toBeGreaterThan(1);
    expect(preview.body.lines[0]).toMatchObject({
      line: 2,
      status: 'resolved',
      zone: { siren: nine[0].siren, name: nine[0].name },
    });

    const refused = await importing(ambiguous, admin);
    expect([refused.status, refused.body.code]).toEqual([422, 'zone_import_unresolved']);
    expect(refused.body.lines.filter((l: { status: string }) => l.status !== 'resolved')).toHaveLength(1);
    expect(await priorityCount(all)).toBe(0);

    const fixed = [header, ...rows, `${tenth};;;Arrêté ARS Occitanie du 2 janvier 2027`].join('\r\n');
    const done = await importing(`\uFEFF${fixed}`, admin);
    expect(done.status, JSON.stringify(done.body)).toBe(201);
    expect(done.body).toMatchObject({ imported: true, toDesignate: 10, unchanged: 0, refused: 0 });
    expect(await priorityCount(all)).toBe(10);
    const audit = await sql<{ n: number }>(
      `SELECT count(*)::int AS n FROM audit_events WHERE action = 'zone.import' AND zone_siren = ANY($1::text[]) AND actor_sub = 'ars-test'`,
      [all],
    );
    expect(audit[0].n).toBe(10);
    const periods = await sql<{ n: number }>(
      `SELECT count(*)::int AS n FROM zone_designations WHERE siren = ANY($1::text[]) AND designated_by = 'ars-test' AND withdrawn_at IS NULL`,
      [all],
    );
    expect(periods[0].n).toBe(10);
    const [{ source }] = await sql<{ source: string }>(`SELECT source FROM priority_zones WHERE siren = $1`, [
      nine[0].siren,
    ]);
    expect(source).toBe('Arrêté ARS Occitanie, dit "zones rouges", du 2 janvier 2027');

    // The same file again changes nothing.
    expect((await importing(fixed, admin)).body).toMatchObject({ imported: true, toDesignate: 0, unchanged: 10 });
  });

  it('by name and département, with "," separators and quoted names; unknown, repeated and invalid rows are listed', async () => {
    const [zone] = await freeEpci(OCCITANIE, 1);
    const csv = [
      'Nom,Département,Source',
      `"${zone.name.toUpperCase()}",${zone.departement},"Liste régionale, 2027"`,
      `"${zone.name}",${zone.departement},"Liste régionale, 2027"`,
      `CC de Nulle Part,${zone.departement},"Liste régionale, 2027"`,
      `,${zone.departement},"Liste régionale, 2027"`,
    ].join('\n');
    const res = await importing(csv, await adminToken(), true);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.lines.map((l: { status: string }) => l.status)).toEqual([
      'resolved',
      'duplicate',
      'unknown',
      'invalid',
    ]);
    const noHeader = await importing('200071082;Arrêté', await adminToken(), true);
    expect(noHeader.body.lines).toEqual([expect.objectContaining({ line: 1, status: 'invalid' })]);
  });

  it('an officer of one region imports nothing of another; other roles cannot import', async () => {
    const [occitan] = await freeEpci(OCCITANIE, 1);
    const [breton] = await freeEpci(BRETAGNE, 1);
    const officer = await token('admin', { sub: 'ars-occitanie', regions: [regionCode(occitan.region)!] });
    const csv = `siren;source\n${occitan.siren};Arrêté 2027\n${breton.siren};Arrêté 2027`;
    const res = await importing(csv, officer);
    expect([res.status, res.body.code]).toEqual([422, 'zone_import_unresolved']);
    expect(res.body.lines.map((l: { status: string }) => l.status)).toEqual(['resolved', 'outside_regions']);
    expect(await priorityCount([occitan.siren, breton.siren])).toBe(0);
    expect((await importing(csv, await token('agent'))).status).toBe(403);
    expect((await client.post('/v1/zones/imports', { csv: '' }, officer)).status).toBe(400);
  });
});
