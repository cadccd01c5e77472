// The patient pages through HTTP, inside workerd: status, language, CSP, and that a page route
// never answers problem+json. The browser tests (tests/browser/) check rendering, accessibility
// and the journey.
import { describe, expect, it } from 'vitest';
import { api } from './helpers/api';
import { bookableZone, newDoctor, newMission, newSite } from './helpers/fixtures';
import { sql } from './helpers/sql';

const now = new Date('2026-12-07T08:00:00Z'); // Monday 7 December; the fixtures' mission is Thursday 10th
const client = api({ now });
const html = { accept: 'text/html,application/xhtml+xml' };
const page = async (path: string) => {
  const res = await client.request('GET', path, { headers: html });
  return { ...res, text: String(res.body) };
};

describe('patient pages', () => {
  it('serves the home page in French with a CSP that admits only this origin', async () => {
    const res = await page('/');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/html');
    expect(res.text).toMatch(/^<!DOCTYPE html><html lang="fr"/);
    expect(res.text.match(/<h1/g)).toHaveLength(1);
    const csp = res.headers.get('content-security-policy')!;
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain('unsafe-inline');
    expect(res.text).not.toMatch(/<script>|style="/);
    expect(res.text).toContain('Accessibilité : non conforme');
  });

  it('lists free slots by day and site, with address, phone and how far ahead', async () => {
    const { zone, slotIds } = await bookableZone(api({ now }), { slots: 3 });
    const [{ name }] = await sql<{ name: string }>('SELECT name FROM communes WHERE insee = $1', [zone.insee]);
    const res = await page(`/recherche?commune=${zone.insee}`);
    expect(res.status).toBe(200);
    expect(res.text).toContain(`Créneaux libres près de ${name.replaceAll("'", '&#39;')}`);
    expect(res.text).toContain('Jeudi 10 décembre');
    expect(res.text).toContain('dans 3 jours');
    expect(res.text).toContain('05 58 00 00 00');
    expect(res.text).toContain('sans dépassement d’honoraires');
    for (const id of slotIds) expect(res.text).toContain(`/reserver/${id}`);
    expect(res.headers.get('ratelimit-policy')).toBeTruthy();

    const byPostcode = await page(`/recherche?q=${zone.postcode}`);
    expect(byPostcode.text).toContain(`/reserver/${slotIds[0]}`);
  });

  it('shows a slot before booking, and says when it is no longer free', async () => {
    const { slotIds } = await bookableZone(api({ now }), { slots: 2 });
    const res = await page(`/reserver/${slotIds[0]}`);
    expect(res.status).toBe(200);
    expect(res.text).toContain('jeudi 10 décembre à 9\u00a0h');
    expect(res.text).toContain(`/connexion?retour=%2Freserver%2F${slotIds[0]}`);
    await sql(`UPDATE slots SET status = 'withdrawn' WHERE id = $1`, [slotIds[1]]);
    const taken = await page(`/reserver/${slotIds[1]}`);
    expect(taken.status).toBe(409);
    expect(taken.text).toContain('Ce créneau n’est plus libre');
  });

  it('explains a commune outside the priority zones, offers a choice for namesakes, and asks again for bad input', async () => {
    const outside = await page('/recherche?commune=2A004'); // Ajaccio
    expect(outside.status).toBe(200);
    expect(outside.text).toContain('n’est pas dans une zone prioritaire');

    const namesakes = await page('/recherche?q=Saint-Martin');
    expect(namesakes.text).toContain('Plusieurs communes correspondent');

    for (const [path, status] of [
      ['/recherche?q=', 400],
      ['/recherche?q=%3Cscript%3E', 400],
      ['/recherche?q=zzzzqx', 404],
      ['/recherche?commune=99999', 404],
      ['/recherche?commune=40227&apres=%%%', 400],
    ] as const) {
      const res = await page(path);
      expect(res.status, path).toBe(status);
      expect(res.headers.get('content-type'), path).toContain('text/html');
      expect(res.text, path).toContain('lang="fr"');
    }
  });

  it('offers the nearest names for a misspelt town, as links to their slots', async () => {
    const res = await page('/recherche?q=pisos');
    expect(res.status).toBe(404);
    expect(res.text).toContain('Aucune commune ne s’appelle « pisos »');
    expect(res.text).toContain('Vouliez-vous dire');
    expect(res.text).toMatch(/<a class="fr-link fr-link--lg" href="\/recherche\?commune=40227">Pissos \(40410\)<\/a>/);
    // Nothing close: the plain error, no list.
    expect((await page('/recherche?q=zzzzqx')).text).not.toContain('Vouliez-vous dire');
  });

  it('leads with the next slot, and names the town once', async () => {
    const { zone, slotIds } = await bookableZone(api({ now }), { slots: 2 });
    const [{ name, postcode }] = await sql<{ name: string; postcode: string }>(
      'SELECT name, postcodes[1] AS postcode FROM communes WHERE insee = $1',
      [zone.insee],
    );
    const res = await page(`/recherche?commune=${zone.insee}`);
    const lead = res.text.indexOf('Prochain créneau : jeudi 10 décembre à 9\u00a0h (dans 3 jours)');
    expect(lead).toBeGreaterThan(0);
    expect(res.text.indexOf(`/reserver/${slotIds[0]}`)).toBeGreaterThan(lead);
    expect(res.text.indexOf(`/reserver/${slotIds[0]}`)).toBeLessThan(res.text.indexOf('Jeudi 10 décembre'));
    // A site named after its town, with the town in its address, as the demo's: said once each.
    const demo = await newSite(client, zone, {
      name: `Démo — ${name}`,
      address: `1 place de la Mairie, ${postcode} ${name}`,
    });
    await newMission(client, (await newDoctor()).token, demo.id, { date: '2026-12-09' });
    const text = (await page(`/recherche?commune=${zone.insee}`)).text.replaceAll('&#39;', "'");
    expect(text).toContain(`<h3 class="fr-h5">Démo — ${name}</h3>`);
    expect(text).toContain(`Adresse : 1 place de la Mairie, ${postcode} ${name}</li>`);
    expect(text).toContain(`<h3 class="fr-h5">Maison de santé test, ${name}</h3>`);
  });

  it('answers a French page for unknown paths and bad slot ids, and problems on the API paths', async () => {
    for (const path of ['/nulle-part', '/reserver/pas-un-id', '/reserver/0196f1c2-5b7e-7a4e-9c1d-3f2b8e6a1d20']) {
      const res = await page(path);
      expect(res.status, path).toBe(404);
      expect(res.text, path).toContain('Page introuvable');
    }
    const apiPath = await page('/v1/nulle-part');
    expect(apiPath.status).toBe(404);
    expect(apiPath.headers.get('content-type')).toContain('application/problem+json');
    const program = await client.get('/nulle-part');
    expect(program.headers.get('content-type')).toContain('application/problem+json');
  });

  it('counts page searches in the same limiter as the API, and says in French when to come back', async () => {
    const { zone } = await bookableZone(api({ now }), { slots: 1 });
    const limited = api({ now, env: { RATE_LIMIT_OVERRIDES: JSON.stringify({ [zone.siren]: { search: 2 } }) } });
    const statuses: number[] = [];
    let last = { status: 0, headers: new Headers(), body: '' as unknown };
    for (let i = 0; i < 3; i++) {
      last = await limited.request('GET', `/recherche?epci=${zone.siren}`, { headers: html });
      statuses.push(last.status);
    }
    expect(statuses).toEqual([200, 200, 429]);
    expect(last.headers.get('content-type')).toContain('text/html');
    expect(last.headers.get('retry-after')).toMatch(/^\d+$/);
    expect(String(last.body)).toContain('Trop de recherches en peu de temps');
    expect(String(last.body)).toContain(`Réessayez dans ${last.headers.get('retry-after')} secondes`);
  });

  it('serves the legal pages', async () => {
    for (const [path, title] of [
      ['/mentions-legales', 'Mentions légales'],
      ['/donnees-personnelles', 'Données personnelles'],
      ['/accessibilite', 'Déclaration d’accessibilité'],
    ]) {
      const res = await page(path);
      expect(res.status, path).toBe(200);
      expect(res.text).toContain(`<h1>${title}</h1>`);
    }
  });
});
