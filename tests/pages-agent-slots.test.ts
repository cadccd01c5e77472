// The call-centre console's slot list, as an agent reads it out on the phone: by day with how far
// ahead, then by site with its address and phone, the earliest slot first and marked; a misspelt
// town answered with the nearest names.
import { describe, expect, it } from 'vitest';
import { api } from './helpers/api';
import { Browser } from './helpers/browser';
import { bookableZone, book, newDoctor, newMission, newSite, patientBody } from './helpers/fixtures';
import { token } from './helpers/tokens';
import { sql } from './helpers/sql';

const start = new Date('2026-12-07T08:00:00Z'); // the fixtures' mission is Thursday 10 December

async function agentBrowser() {
  const browser = new Browser(api({ now: start }));
  expect((await browser.signIn('/agent', 'pc-agent-1', 'proconnect')).status).toBe(303);
  return browser;
}

const call = () => `APL-${crypto.randomUUID().slice(0, 8)}`;

describe('the agent’s slot list', () => {
  it('groups by day and site, with how far ahead, the address and phone, and the next slot first', async () => {
    const browser = await agentBrowser();
    const client = api({ now: start });
    const { zone, slotIds } = await bookableZone(client, { slots: 2 });
    const [{ name }] = await sql<{ name: string }>('SELECT name FROM communes WHERE insee = $1', [zone.insee]);
    const other = await newSite(client, zone, {
      name: 'Centre de santé du Bourg',
      address: '3 rue Haute',
      phone: '05 58 11 22 33',
    });
    await newMission(client, (await newDoctor()).token, other.id, { date: '2026-12-10', start: '14:00', end: '14:20' });
    const page = (await browser.get(`/agent/creneaux?appel=${call()}&commune=${zone.insee}`)).body.replaceAll(
      '&#39;',
      "'",
    );
    expect(page).toContain('Jeudi 10 décembre <span class="fr-text--md">(dans 3 jours)</span>');
    const first = page.indexOf(`<h3 class="fr-h6 fr-mb-1w">Maison de santé test, ${name}</h3>`);
    const second = page.indexOf(`<h3 class="fr-h6 fr-mb-1w">Centre de santé du Bourg, ${name}</h3>`);
    expect(first).toBeGreaterThan(0);
    expect(second).toBeGreaterThan(first);
    expect(page).toContain(`1 place de la Mairie, ${name} · 05 58 00 00 00`);
    expect(page).toContain(`3 rue Haute, ${name} · 05 58 11 22 33`);
    // The earliest slot is the primary button and says so; the others are secondary.
    const earliest = page.slice(page.indexOf(`action="/agent/creneaux/${slotIds[0]}"`));
    expect(earliest).toMatch(/^[^]*?<button class="fr-btn" type="submit">Prochain créneau : 9\u00a0h/);
    const next = page.slice(page.indexOf(`action="/agent/creneaux/${slotIds[1]}"`));
    expect(next).toMatch(/^[^]*?<button class="fr-btn fr-btn--secondary" type="submit">9\u00a0h\u00a020/);
  });

  it('answers a misspelt town with the nearest names', async () => {
    const browser = await agentBrowser();
    const res = await browser.get(`/agent/creneaux?appel=${call()}&q=pisos`);
    expect(res.status).toBe(400);
    expect(res.body).toContain('Aucune commune ne s’appelle « pisos ». Noms proches : Pissos (40410).');
  });

  it('a booking read during a call shows the phone on file, whether it takes SMS, and the messages', async () => {
    const browser = await agentBrowser();
    const client = api({ now: start });
    const { slotIds } = await bookableZone(client, { slots: 2 });
    const landline = await book(client, await token('patient'), {
      slotId: slotIds[0],
      patient: patientBody({ phone: '05 58 12 34 56' }),
    });
    const mobile = await book(client, await token('patient'), { slotId: slotIds[1] });
    const appel = call();
    const landlinePage = (await browser.get(`/agent/rendez-vous/${landline.body.id}?appel=${appel}`)).body;
    expect(landlinePage).toContain('Messages à la personne');
    expect(landlinePage).toContain('Téléphone : 05 58 12 34 56 (ligne fixe : pas de SMS)');
    const mobilePage = (await browser.get(`/agent/rendez-vous/${mobile.body.id}?appel=${appel}`)).body;
    expect(mobilePage).toMatch(/Téléphone : 06 1\d( \d\d){3} \(mobile : reçoit les SMS\)/);
  });
});
