// The ARS pages through HTTP in workerd, signed in as ARS staff through the ProConnect twin:
// zones (designate, refuse, withdraw), a zone's figures, coverage, sites, the indemnity export,
// and who may not come in.
import { describe, expect, it } from 'vitest';
import { api } from './helpers/api';
import { asHtml, Browser, csrfOf } from './helpers/browser';
import { BRETAGNE, OCCITANIE, newDoctor, newMission, newSite, newZone } from './helpers/fixtures';
import { token } from './helpers/tokens';
import { missionDay } from './helpers/mission-day';
import { sql } from './helpers/sql';

const now = new Date('2026-12-01T08:00:00Z');
const client = api({ now });

async function signedIn(account = 'pc-ars-national', provider: 'proconnect' | 'psc' = 'proconnect', retour = '/ars') {
  const browser = new Browser(client);
  const callback = await browser.signIn(retour, account, provider);
  expect(callback.status).toBe(303);
  return browser;
}

/** A page and its CSRF token. */
async function open(browser: Browser, path: string) {
  const page = await browser.get(path);
  expect(page.status, path).toBe(200);
  return { page, csrf: csrfOf(page.body)! };
}

/** An EPCI that is not a priority zone (nor made one by this test), with a name that HTML leaves as it is. */
async function freeEpci(departement?: string) {
  const [row] = await sql<{ siren: string; name: string }>(
    `SELECT siren, name FROM epci WHERE siren NOT IN (SELECT siren FROM zone_designations) AND departements[1] NOT LIKE '97%' AND type = 'CC'
       AND name !~ '[''’&"<>]' AND ($1::text IS NULL OR departements[1] = $1) ORDER BY random() LIMIT 1`,
    [departement ?? null],
  );
  return row;
}

const isPriority = async (siren: string) =>
  (await sql(`SELECT 1 FROM priority_zones WHERE siren = $1`, [siren])).length === 1;

describe('the ARS pages: zones', () => {
  it('designate a zone found by its name, after a confirmation that names it; refuse bad input in words without changing anything', async () => {
    const browser = await signedIn();
    const zone = await freeEpci();
    const found = await browser.get(`/ars/zones/designer?nom=${encodeURIComponent(zone.name)}`);
    expect(found.status).toBe(200);
    expect(found.body).toContain(`<a href="/ars/zones/designer?siren=${zone.siren}">${zone.name} (`);
    const { page: confirm, csrf } = await open(browser, `/ars/zones/designer?siren=${zone.siren}`);
    expect(confirm.body).toContain(`<h1>Désigner ${zone.name} comme zone prioritaire ?</h1>`);
    expect(confirm.body).toContain(`Confirmer la désignation de ${zone.name}`);
    expect(await isPriority(zone.siren)).toBe(false);
    const done = await browser.post('/ars/zones', {
      csrf,
      siren: zone.siren,
      source: 'Arrêté ARS du 1er décembre 2026',
    });
    expect(done.status).toBe(303);
    expect(done.headers.get('location')).toBe(`/ars/zones?designee=${zone.siren}`);
    const [row] = await sql<{ source: string }>(`SELECT source FROM priority_zones WHERE siren = $1`, [zone.siren]);
    expect(row.source).toBe('Arrêté ARS du 1er décembre 2026');
    expect((await browser.get(done.headers.get('location')!)).body).toContain(
      `${zone.name} est désormais une zone prioritaire.`,
    );
    // Found again, it says it is one already; confirmed again, nothing changes.
    expect((await browser.get(`/ars/zones/designer?nom=${encodeURIComponent(zone.name)}`)).body).toContain(
      `${zone.name} (`,
    );
    const again = await browser.post('/ars/zones', { csrf, siren: zone.siren, source: 'Encore' });
    expect(again.status).toBe(409);
    expect(again.body).toContain(`${zone.name} est déjà une zone prioritaire`);

    const other = await freeEpci();
    const shortSource = await browser.post('/ars/zones', { csrf, siren: other.siren, source: 'ab' });
    expect(shortSource.status).toBe(400);
    expect(shortSource.body).toContain('Indiquez le texte qui désigne la zone');
    expect(shortSource.body).toContain('role="alert"');
    expect(shortSource.body).toContain(`<title>Erreur – Désigner ${other.name}`);
    for (const siren of ['000000000', '12345']) {
      const unknown = await browser.post('/ars/zones', { csrf, siren, source: 'Arrêté' });
      expect(unknown.status).toBe(404);
      expect(unknown.body).toContain('Aucune intercommunalité de vos régions ne correspond');
    }
    const tooShort = await browser.get('/ars/zones/designer?nom=a');
    expect(tooShort.status).toBe(400);
    expect(tooShort.body).toContain('Tapez au moins deux lettres du nom');
    expect(await isPriority(other.siren)).toBe(false);
  });

  it('withdraw an empty zone after confirming; a zone with sites, or not a zone, stays as it is', async () => {
    const browser = await signedIn();
    const { csrf } = await open(browser, '/ars/zones');
    const empty = await newZone(client);
    // The list's "Retirer" leads to a page that says what it changes and asks to confirm; nothing changes before.
    // The list pages by name, and a full run designates hundreds of zones: the page that starts at this one.
    const [before] = await sql<{ siren: string }>(
      `SELECT e.siren FROM epci e JOIN priority_zones p ON p.siren = e.siren, epci z
       WHERE z.siren = $1 AND (commune_search_key(e.name), e.siren) < (commune_search_key(z.name), z.siren)
       ORDER BY commune_search_key(e.name) DESC, e.siren DESC LIMIT 1`,
      [empty.siren],
    );
    const listed = await browser.get(before ? `/ars/zones?apres=${before.siren}` : '/ars/zones');
    expect(listed.body).toContain(`href="/ars/zones/${empty.siren}/retirer"`);
    const confirm = await browser.get(`/ars/zones/${empty.siren}/retirer`);
    expect(confirm.status).toBe(200);
    expect(confirm.body).toMatch(/<h1>Retirer .+ des zones prioritaires \?<\/h1>/);
    expect(confirm.body).toContain('Confirmer le retrait');
    expect(confirm.body).toContain('Garder cette zone');
    expect(await isPriority(empty.siren)).toBe(true);
    const withdrawn = await browser.post(`/ars/zones/${empty.siren}/retirer`, { csrf });
    expect(withdrawn.status).toBe(303);
    expect(await isPriority(empty.siren)).toBe(false);

    const busy = await newZone(client);
    await newSite(client, busy);
    const refused = await browser.post(`/ars/zones/${busy.siren}/retirer`, { csrf });
    expect(refused.status).toBe(409);
    expect(refused.body).toContain('a des lieux de consultation');
    expect(await isPriority(busy.siren)).toBe(true);
    expect((await browser.post(`/ars/zones/${empty.siren}/retirer`, { csrf })).status).toBe(404);
    expect((await browser.get(`/ars/zones/${empty.siren}/retirer`)).status).toBe(404);
    const busyConfirm = await browser.get(`/ars/zones/${busy.siren}/retirer`);
    expect(busyConfirm.status).toBe(409);
    expect(busyConfirm.body).toContain('a des lieux de consultation : elle reste une zone prioritaire.');
    expect((await browser.post('/ars/zones/abc/retirer', { csrf })).status).toBe(404);
    // A form without the session's token changes nothing.
    const forged = await browser.post(`/ars/zones/${busy.siren}/retirer`, {});
    expect(forged.status).toBe(403);
  });
});

describe('the ARS pages: a zone’s figures', () => {
  it('draw the figures as labelled bars and give them as a table; refuse bad periods in words', async () => {
    const { siren } = await missionDay({ date: '2026-12-10' });
    const browser = await signedIn();
    const page = await browser.get(`/ars/zones/${siren}?du=2026-12-01&au=2026-12-31`);
    expect(page.status).toBe(200);
    expect(page.body).toContain('role="img"');
    expect(page.body).toMatch(/<desc id="journees-desc">Prévues : 1, tenues : 0, manquées : 0\.<\/desc>/);
    expect(page.body).toContain('<caption>Chiffres du mardi 1er décembre 2026 au jeudi 31 décembre 2026</caption>');
    expect(page.body).toMatch(/Créneaux proposés<\/th><td>9<\/td>/);
    // No patient has come or missed yet: the sentence says so whole, never "sans objet des patients…".
    expect(page.body).toContain(
      '<p id="taux-absence">Taux d’absence : rien à mesurer sur cette période, aucun patient n’y est encore venu ni n’a manqué son rendez-vous.</p>',
    );
    // Default: the current month in Paris.
    expect((await browser.get(`/ars/zones/${siren}`)).body).toContain(
      'Du mardi 1er décembre 2026 au jeudi 31 décembre 2026',
    );

    for (const [query, text] of [
      ['du=2026-12-32&au=2026-12-31', 'Indiquez une date au format AAAA-MM-JJ'],
      ['du=2026-12-10&au=2026-12-01', 'La fin de la période doit suivre son début.'],
      ['du=2026-01-01&au=2027-01-02', 'La période couvre au plus 366 jours.'],
    ]) {
      const res = await browser.get(`/ars/zones/${siren}?${query}`);
      expect(res.status, query).toBe(400);
      expect(res.body).toContain(text);
      expect(res.body).not.toContain('role="img"');
    }
    for (const path of ['/ars/zones/000000000', '/ars/zones/abc']) {
      const res = await browser.get(path);
      expect(res.status, path).toBe(404);
      expect(res.body).toContain('Zone introuvable');
    }
  });
});

describe('the ARS pages: coverage', () => {
  it('show each region, then a region’s zones with their uncovered days and the holidays left out', async () => {
    const { siren } = await missionDay({ date: '2026-12-10' });
    const [zone] = await sql<{ region: string }>(`SELECT region FROM epci WHERE siren = $1`, [siren]);
    const browser = await signedIn();
    const regions = await browser.get('/ars/couverture?mois=2026-12');
    expect(regions.status).toBe(200);
    expect(regions.body).toContain('Couverture par région, décembre 2026');
    // The coverage in one read, after the session's own (is it still open? src/auth/session.ts).
    expect(regions.headers.get('x-db-queries')).toBe('2');
    const code = new RegExp(
      `href="/ars/couverture\\?mois=2026-12&amp;region=(\\d+)">${zone.region.replace(/'/g, '&#39;')}<`,
    ).exec(regions.body)?.[1];
    expect(code, zone.region).toBeTruthy();
    // Each day some zones of the region go without a doctor, with how many.
    const regionRow = regions.body.slice(
      regions.body.indexOf(`region=${code}"`),
      regions.body.indexOf('</tr>', regions.body.indexOf(`region=${code}"`)),
    );
    expect(regionRow).toMatch(/<li>mercredi 9 décembre : \d+ zones? sans médecin<\/li>/);

    const zones = await browser.get(`/ars/couverture?mois=2026-12&region=${code}`);
    expect(zones.status).toBe(200);
    expect(zones.headers.get('x-db-queries')).toBe('2');
    const start = zones.body.indexOf(`href="/ars/zones/${siren}"`);
    const row = zones.body.slice(start, zones.body.indexOf('</tr>', start));
    expect(row).toContain('Jours fériés exclus : vendredi 25 décembre (Noël)');
    expect(row).toContain('<li>mercredi 9 décembre</li>');
    expect(row).not.toContain('<li>jeudi 10 décembre</li>');

    for (const query of ['mois=2026-13', 'mois=décembre', 'mois=2026-12&region=99']) {
      const res = await browser.get(`/ars/couverture?${query}`);
      expect(res.status, query).toBe(400);
      expect(res.body).toMatch(/Indiquez un mois au format AAAA-MM|La région demandée n’existe pas/);
    }
  });
});

describe('the ARS pages: sites', () => {
  it('add a site: the zone, then its commune from a list (no code typed); refuse bad fields in words; list and edit it', async () => {
    const zone = await newZone(client);
    const browser = await signedIn();
    const choice = await browser.get('/ars/sites/nouveau');
    expect(choice.status).toBe(200);
    expect(choice.body).toContain(`<option value="${zone.siren}">`);
    const { page: form, csrf } = await open(browser, `/ars/sites/nouveau?zone=${zone.siren}`);
    // The zone's communes, by name with their postcodes: no INSEE code to type.
    const [commune] = await sql<{ name: string }>(`SELECT name FROM communes WHERE insee = $1`, [zone.insee]);
    expect(form.body).toContain(`<select class="fr-select" id="communeInsee" name="communeInsee" required="">`);
    expect(form.body).toContain(`<option value="${zone.insee}">${asHtml(commune.name)} (`);
    expect(form.body).not.toContain('Code INSEE');
    const fields = {
      csrf,
      zone: zone.siren,
      name: 'Maison de santé du Lac',
      address: '3 rue du Lac',
      communeInsee: zone.insee,
      kind: 'maison_de_sante',
      phone: '05 58 12 34 56',
      finess: '',
      accessibility: '',
    };

    const bad = await browser.post('/ars/sites/nouveau', {
      ...fields,
      name: '',
      phone: '12',
      finess: '12',
      kind: 'castle',
    });
    expect(bad.status).toBe(400);
    expect(bad.body).toContain('4 champs sont à corriger');
    expect(bad.body).toContain('href="#phone"');
    const none = await browser.post('/ars/sites/nouveau', { ...fields, communeInsee: '' });
    expect(none.status).toBe(400);
    expect(none.body).toContain('Choisissez la commune du lieu dans la liste.');
    // A commune from elsewhere (an altered form: Lyon) is said not to be one of the zone's, never "not a priority zone".
    const lyon = await browser.post('/ars/sites/nouveau', { ...fields, communeInsee: '69123' });
    expect(lyon.status).toBe(422);
    expect(lyon.body).toContain('Choisissez la commune dans la liste : elle doit être une commune de ');
    expect(lyon.body).not.toContain('n’est pas dans une zone prioritaire');
    expect(await sql(`SELECT 1 FROM sites WHERE epci_siren = $1`, [zone.siren])).toHaveLength(0);

    const added = await browser.post('/ars/sites/nouveau', fields);
    expect(added.status).toBe(303);
    const listPath = added.headers.get('location')!;
    expect(listPath).toMatch(new RegExp(`^/ars/sites\\?zone=${zone.siren}&ajoute=`));
    const list = await browser.get(listPath);
    expect(list.body).toContain('Le lieu est ajouté.');
    expect(list.body).toContain('Maison de santé du Lac');
    const id = listPath.split('ajoute=')[1];

    const edit = await open(browser, `/ars/sites/${id}`);
    expect(edit.page.body).toContain('value="Maison de santé du Lac"');
    const refused = await browser.post(`/ars/sites/${id}`, { ...fields, csrf: edit.csrf, address: '' });
    expect(refused.status).toBe(400);
    const edited = await browser.post(`/ars/sites/${id}`, {
      ...fields,
      csrf: edit.csrf,
      name: 'Maison de santé du Grand Lac',
      accessibility: 'Plain-pied',
    });
    expect(edited.status).toBe(303);
    const [site] = await sql<{ name: string; address: string; accessibility: string; phone: string }>(
      `SELECT name, address, accessibility, phone FROM sites WHERE id = $1`,
      [id],
    );
    expect(site).toEqual({
      name: 'Maison de santé du Grand Lac',
      address: '3 rue du Lac',
      accessibility: 'Plain-pied',
      phone: '0558123456',
    });

    for (const path of [`/ars/sites/${crypto.randomUUID()}`, '/ars/sites/pas-un-lieu'])
      expect((await browser.get(path)).status).toBe(404);
    for (const path of ['/ars/sites?zone=000000000', '/ars/sites/nouveau?zone=000000000']) {
      const unknownZone = await browser.get(path);
      expect(unknownZone.status, path).toBe(400);
      expect(unknownZone.body).toContain('n’est pas une zone prioritaire de vos régions');
    }
  });
});

describe('the ARS pages: indemnities', () => {
  it('sum the month and give its file for a French spreadsheet; a bad month is said in words', async () => {
    const browser = await signedIn();
    const page = await browser.get('/ars/indemnites?mois=2026-11');
    expect(page.status).toBe(200);
    expect(page.body).toContain('Indemnités des médecins, novembre 2026');
    const csv = await browser.get('/ars/indemnites/export?mois=2026-11');
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toContain('text/csv');
    expect(csv.headers.get('content-disposition')).toBe('attachment; filename="indemnites-2026-11.csv"');
    // For a French spreadsheet: `;`, French headers, and a total line last (the byte-order mark, which
    // decoding the text drops, is read as bytes in tests/browser/ars.browser.test.ts).
    const lines = String(csv.body).split('\r\n');
    expect(lines[0]).toBe(
      'RPPS;Médecin;Date;Lieu;FINESS;SIREN de la zone;Journée prévue;Heures de présence;Montant (€);Motif de correction',
    );
    expect(lines.slice(-2)).toEqual([expect.stringMatching(/^Total;;;;;;;;\d+,\d\d;$/), '']);
    for (const path of ['/ars/indemnites?mois=2026-13', '/ars/indemnites/export?mois=x']) {
      const res = await browser.get(path);
      expect(res.status, path).toBe(400);
      expect(res.body).toContain('Indiquez un mois au format AAAA-MM');
    }
  });
});

describe('who may enter /ars', () => {
  it('sends a visitor to ProConnect, and shows other roles a French 403 page', async () => {
    const anonymous = await new Browser(client).get('/ars/couverture?mois=2026-12');
    expect(anonymous.status).toBe(303);
    expect(anonymous.headers.get('location')).toContain('fournisseur=proconnect');

    for (const [account, provider] of [
      ['pc-agent-1', 'proconnect'],
      ['psc-doctor-1', 'psc'],
      ['pc-stranger-1', 'proconnect'],
    ] as const) {
      const browser = new Browser(client);
      await browser.signIn(provider === 'psc' ? '/medecin' : '/agent', account, provider);
      for (const path of [
        '/ars',
        '/ars/zones',
        '/ars/couverture?mois=2026-12',
        '/ars/indemnites/export?mois=2026-11',
      ]) {
        const res = await browser.get(path);
        // Signed in elsewhere: 403; the stranger, allowed nowhere, has no session: sent to sign in.
        expect(res.status, `${account} ${path}`).toBe(account === 'pc-stranger-1' ? 303 : 403);
        expect(String(res.body ?? ''), `${account} ${path}`).not.toContain('Tableau de bord de l’ARS');
        expect(String(res.body ?? '')).not.toContain('rpps,date');
      }
      const zone = await freeEpci();
      await browser.post('/ars/zones', { csrf: 'x', siren: zone.siren, source: 'Tentative' });
      expect(await isPriority(zone.siren)).toBe(false);
    }
    const agent = new Browser(client);
    await agent.signIn('/agent', 'pc-agent-1', 'proconnect');
    const res = await agent.get('/ars');
    expect(res.status).toBe(403);
    expect(res.body).toContain('Cet espace ne vous est pas ouvert');
  });
});

describe('the ARS pages: an officer’s regions', () => {
  it('show only the officer’s regions: lists, search, figures, sites and coverage; another region’s is not found', async () => {
    const [mine, theirs] = await Promise.all([
      newZone(client, { departements: OCCITANIE }),
      newZone(client, { departements: BRETAGNE }),
    ]);
    const [theirSite] = await Promise.all([newSite(client, theirs), newSite(client, mine)]);
    const browser = await signedIn('pc-ars-1'); // Claire Lefèvre, ARS Occitanie
    const regionOf = async (sirens: string[]) =>
      (await sql<{ region: string }>(`SELECT DISTINCT region FROM epci WHERE siren = ANY($1)`, [sirens])).map(
        (r) => r.region,
      );

    expect((await browser.get('/ars')).body).toContain('Vous voyez la région Occitanie.');
    const zones = await browser.get('/ars/zones');
    const listed = [...zones.body.matchAll(/href="\/ars\/zones\/(\d{9})"/g)].map((m) => m[1]);
    expect(listed.length).toBeGreaterThan(0);
    expect(await regionOf(listed)).toEqual(['Occitanie']);
    expect(zones.body).toContain('Zones prioritaires de vos régions, par nom');
    for (const path of [
      `/ars/zones/${theirs.siren}`,
      `/ars/zones/${theirs.siren}/retirer`,
      `/ars/zones/designer?siren=${theirs.siren}`,
    ]) {
      expect((await browser.get(path)).status, path).toBe(404);
    }
    const [theirName] = await sql<{ name: string }>(`SELECT name FROM epci WHERE siren = $1`, [theirs.siren]);
    expect((await browser.get(`/ars/zones/designer?nom=${encodeURIComponent(theirName.name)}`)).body).not.toContain(
      theirs.siren,
    );

    const sites = await browser.get('/ars/sites');
    expect(sites.status).toBe(200);
    const offered = [...sites.body.matchAll(/<option value="(\d{9})"/g)].map((m) => m[1]);
    expect(offered).toContain(mine.siren);
    expect(await regionOf(offered)).toEqual(['Occitanie']);
    expect((await browser.get(`/ars/sites?zone=${theirs.siren}`)).status).toBe(400);
    expect((await browser.get(`/ars/sites/nouveau?zone=${theirs.siren}`)).status).toBe(400);
    const { csrf } = await open(browser, `/ars/sites/nouveau?zone=${mine.siren}`);
    expect((await browser.get(`/ars/sites/${theirSite.id}`)).status).toBe(404);
    const edit = await browser.post(`/ars/sites/${theirSite.id}`, {
      csrf,
      name: `Pas chez moi ${theirs.siren}`,
      address: '1 rue',
      kind: 'cabinet',
      phone: '02 96 00 00 00',
    });
    expect(edit.status).toBe(404);
    const added = await browser.post('/ars/sites/nouveau', {
      csrf,
      zone: theirs.siren,
      communeInsee: theirs.insee,
      name: `Ailleurs ${theirs.siren}`,
      address: '1 rue',
      kind: 'cabinet',
      phone: '02 96 00 00 00',
    });
    expect(added.status).toBe(400);
    expect(await sql(`SELECT 1 FROM sites WHERE name LIKE '%' || $1`, [theirs.siren])).toHaveLength(0);

    // Coverage opens on the officer's one region, its zones by name.
    const coverage = await browser.get('/ars/couverture?mois=2026-12');
    expect(coverage.body).toContain('<h1>Couverture – Occitanie, décembre 2026</h1>');
    expect(coverage.body).not.toContain(`>${asHtml(theirName.name)}<`);
  });

  it('give the officer the indemnities of their regions only, on the page and in the file', async () => {
    const national = await token('admin', { sub: 'ars-pages-national' });
    const worked = async (departements: string[]) => {
      const zone = await newZone(client, { departements });
      const site = await newSite(client, zone, { name: `Lieu ${zone.siren}` });
      const doctor = await newDoctor();
      const mission = await newMission(client, doctor.token, site.id, {
        date: '2027-01-14',
        start: '09:00',
        end: '15:00',
      });
      const correction = {
        checkedInAt: '2027-01-14T09:00:00+01:00',
        checkedOutAt: '2027-01-14T15:00:00+01:00',
        reason: 'Journée confirmée par la mairie.',
      };
      expect(
        (
          await api({ now: new Date('2027-01-20T08:00:00Z') }).post(
            `/v1/missions/${mission.id}/attendance-corrections`,
            correction,
            national,
          )
        ).status,
      ).toBe(200);
      return { siren: zone.siren, rpps: doctor.rpps };
    };
    const [mine, theirs] = await Promise.all([worked(OCCITANIE), worked(BRETAGNE)]);
    const browser = await signedIn('pc-ars-1');
    const page = await browser.get('/ars/indemnites?mois=2027-01');
    expect(page.body).toContain(`<td>${mine.rpps}</td>`);
    expect(page.body).not.toContain(`<td>${theirs.rpps}</td>`);
    const file = String((await browser.get('/ars/indemnites/export?mois=2027-01')).body);
    expect(file).toContain(`Lieu ${mine.siren}`);
    expect(file).not.toContain(theirs.siren);
    expect(file).not.toContain(theirs.rpps);
  });

  it('refuse an ARS account without regions in words: national is never a default', async () => {
    const browser = await signedIn('pc-ars-noregion');
    for (const path of ['/ars', '/ars/zones', '/ars/couverture']) {
      const res = await browser.get(path);
      expect(res.status, path).toBe(403);
      expect(res.body).toContain('Aucune région n’est attachée à votre compte');
    }
  });
});

describe('hostile input on the ARS pages', () => {
  it('never gets a 5xx: NUL, very long text, year 0000 or 9999, quotes', async () => {
    const browser = await signedIn();
    const { csrf } = await open(browser, '/ars/zones');
    const zone = await newZone(client);
    const site = await newSite(client, zone);
    for (const v of ['\u0000', 'é'.repeat(3000), '0000-01-01', '9999-12-31', '%00', "'; drop table x;--"]) {
      const e = encodeURIComponent(v);
      for (const path of [
        `/ars/zones?apres=${e}`,
        `/ars/zones/${e}`,
        `/ars/zones/${zone.siren}?du=${e}&au=${e}`,
        `/ars/couverture?mois=${e}`,
        `/ars/couverture?region=${e}`,
        `/ars/sites?zone=${e}`,
        `/ars/sites/${e}`,
        `/ars/indemnites?mois=${e}`,
        `/ars/indemnites/export?mois=${e}`,
      ]) {
        expect((await browser.get(path)).status, path).toBeLessThan(500);
      }
      for (const [path, form] of [
        ['/ars/zones', { siren: v, source: v }],
        ['/ars/zones', { siren: zone.siren, source: `Arrêté${v}` }],
        [
          '/ars/sites/nouveau',
          { name: v, address: v, communeInsee: v, kind: v, phone: v, finess: v, accessibility: v },
        ],
        [
          `/ars/sites/${site.id}`,
          { name: `A${v}`, address: `B${v}`, kind: 'cabinet', phone: '0102030405', finess: '', accessibility: v },
        ],
        [`/ars/zones/${e}/retirer`, {}],
      ] as const) {
        expect(
          (await browser.post(path, { csrf, ...form })).status,
          `${path} ${JSON.stringify(form).slice(0, 60)}`,
        ).toBeLessThan(500);
      }
    }
    expect((await browser.get('/ars/couverture?mois=9999-12')).status).toBe(200);
    const [row] = await sql<{ name: string }>(`SELECT name FROM sites WHERE id = $1`, [site.id]);
    // The last edit was a valid one: quotes are text like any other.
    expect(row.name).toBe("A'; drop table x;--");
  });
});
