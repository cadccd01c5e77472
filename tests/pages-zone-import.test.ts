// The ARS imports zones from a file on its pages (issue 23 §4), through HTTP in workerd: the
// preview names what each line would do and writes nothing, a line to fix stops everything, and
// the confirmation designates them all at once.
import { describe, expect, it } from 'vitest';
import { api } from './helpers/api';
import { Browser, csrfOf } from './helpers/browser';
import { OCCITANIE } from './helpers/fixtures';
import { sql } from './helpers/sql';

const client = api({ now: new Date('2027-01-11T09:00:00Z') });

const freeEpci = (n: number) =>
  sql<{ siren: string; name: string; departement: string }>(
    `SELECT siren, name, departements[1] AS departement FROM epci WHERE departements[1] = ANY($1::text[]) AND type = 'CC'
       AND siren NOT IN (SELECT siren FROM zone_designations) AND name !~ '[''’&"<>]' ORDER BY random() LIMIT $2`,
    [OCCITANIE, n],
  );
const priority = async (sirens: string[]) =>
  (await sql(`SELECT 1 FROM priority_zones WHERE siren = ANY($1::text[])`, [sirens])).length;

describe('the ARS pages: importing zones', () => {
  it('previews, refuses a file with a line to fix (nothing written), then imports the fixed one after confirmation', async () => {
    const browser = new Browser(client);
    expect((await browser.signIn('/ars', 'pc-ars-national', 'proconnect')).status).toBe(303);
    const zones = await freeEpci(2);
    const form = await browser.get('/ars/zones/import');
    expect(form.status).toBe(200);
    const csrf = csrfOf(form.body)!;
    const bad = `siren;nom;departement;source\n${zones[0].siren};;;Arrêté 2027\n;CC;${zones[1].departement};Arrêté 2027`;
    const refused = await browser.post('/ars/zones/import', { csrf, csv: bad });
    expect(refused.status).toBe(422);
    expect(refused.body).toContain('Plusieurs intercommunalités correspondent : donnez le SIREN');
    expect(refused.body).toContain('1 ligne à corriger : rien ne sera importé');
    expect(refused.body).toContain(`${zones[0].name} (${zones[0].siren})`);
    expect(await priority(zones.map((z) => z.siren))).toBe(0);

    const good = `nom;departement;source\n${zones[0].name};${zones[0].departement};Arrêté 2027\n${zones[1].name};${zones[1].departement};Arrêté 2027`;
    const preview = await browser.post('/ars/zones/import', { csrf, csv: good });
    expect(preview.status, preview.body.slice(0, 500)).toBe(200);
    expect(preview.body).toContain('Confirmer l’import de 2 zones');
    expect(await priority(zones.map((z) => z.siren))).toBe(0);
    const done = await browser.post('/ars/zones/import/confirmer', { csrf: csrfOf(preview.body)!, csv: good });
    expect(done.status).toBe(303);
    expect(done.headers.get('location')).toBe('/ars/zones?importees=2');
    expect(await priority(zones.map((z) => z.siren))).toBe(2);
    expect((await browser.get('/ars/zones?importees=2')).body).toContain('2 zones sont désormais prioritaires.');

    // Nothing chosen: said in French, nothing happens.
    const empty = await browser.post('/ars/zones/import', { csrf, csv: '' });
    expect([empty.status, empty.body.includes('Choisissez un fichier CSV, ou collez ses lignes.')]).toEqual([
      400,
      true,
    ]);
  });
});
