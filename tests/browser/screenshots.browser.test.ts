// The pictures of docs/pages.md (docs/screenshots/): the patient's, the agent's, the doctor's and the
// ARS's journeys on a phone (390×844, what the screen shows) and a desktop (1280 px, the whole page).
// Run on demand only, `SCREENSHOTS=1 npx vitest run --project browser -t screenshots`; skipped
// otherwise (in CI too), world and all.
import { mkdirSync } from 'node:fs';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, it } from 'vitest';
import {
  bookableZone,
  describeInBrowser,
  parisDate,
  signInAs,
  startWorld,
  type BookableZone,
  type World,
} from './harness';

const DEVICES = [
  { device: 'desktop', viewport: { width: 1280, height: 900 } },
  { device: 'mobile', viewport: { width: 390, height: 844 } },
] as const;

const describeScreenshots = process.env.SCREENSHOTS === '1' ? describeInBrowser : describe.skip;

describeScreenshots('screenshots of every space', () => {
  let world: World;
  let zone: BookableZone;
  const dir = new URL('../../docs/screenshots/', import.meta.url).pathname;

  beforeAll(async () => {
    world = await startWorld();
    zone = await bookableZone(world, { slots: 6 });
    mkdirSync(dir, { recursive: true });
  });

  afterAll(async () => {
    await world?.stop();
  });

  /** A context per device; `shot` writes `<name>-<device>.png`. */
  async function onEach(
    journey: (page: Page, shot: (name: string) => Promise<unknown>, index: number) => Promise<void>,
  ) {
    for (const [index, { device, viewport }] of DEVICES.entries()) {
      const context: BrowserContext = await world.browser.newContext({ viewport, locale: 'fr-FR' });
      const page = await context.newPage();
      await journey(
        page,
        (name) => page.screenshot({ path: `${dir}${name}-${device}.png`, fullPage: device === 'desktop' }),
        index,
      );
      await context.close();
    }
  }

  it('screenshots of the patient journey', async () => {
    await onEach(async (page, shot, index) => {
      const slot = zone.slotIds[index];
      for (const [name, path] of [
        ['1-accueil', '/'],
        ['2-resultats', `/recherche?commune=${zone.insee}`],
        ['3-creneau', `/reserver/${slot}`],
      ] as const) {
        await page.goto(`${world.base}${path}`);
        await shot(name);
      }
      await page.click('a.fr-connect');
      await page.waitForURL((url) => !url.toString().startsWith(world.base));
      await page.click('button[type="submit"]');
      await page.waitForURL(/\/reservation\//);
      await page.fill('#phone', '06 12 34 56 78');
      await shot('4-coordonnees');
      await page.click('button:has-text("Confirmer le rendez-vous")');
      await page.waitForURL(/\/rendez-vous\//);
      await shot('5-confirmation');
      await page.click('a:has-text("Annuler ce rendez-vous")');
      await page.waitForURL(/\/annuler$/);
      await shot('6-annuler');
      await page.click('button:has-text("Confirmer l’annulation")');
      await page.waitForURL(/\/mes-rendez-vous/);
      await shot('7-mes-rendez-vous');
    });
  });

  it('screenshots of the agent journey', async () => {
    await onEach(async (page, shot, index) => {
      const call = `APL-2026-${String(41 + index).padStart(4, '0')}`;
      await signInAs(page, world, 'proconnect', 'pc-agent-1', '/agent');
      await page.fill('#appel', call);
      await page.click('button:has-text("Commencer l’appel")');
      await page.waitForURL(`${world.base}/agent?appel=${call}`);
      await shot('agent-1-appel');
      await page.fill('#q', zone.postcode);
      await page.click('button:has-text("Chercher les créneaux libres")');
      await page.waitForURL(/\/agent\/creneaux\?/);
      await shot('agent-2-creneaux');
      await page.click(`form[action="/agent/creneaux/${zone.slotIds[2 + index]}"] button`);
      await page.waitForURL(/\/agent\/reservation\//);
      const digits = String(Math.floor(Math.random() * 1e8)).padStart(8, '0');
      for (const [field, value] of [
        ['firstName', 'Jean'],
        ['lastName', `Giono-${'abcdefgh'[index]}${digits.replace(/[0-9]/g, (d) => 'klmnopqrst'[Number(d)])}`],
        ['birthDate', '30/03/1945'],
        ['phone', `06${digits}`],
      ]) {
        await page.fill(`#${field}`, value);
      }
      await page.check('#sans_depassement', { force: true });
      await shot('agent-3-coordonnees');
      await page.click('button:has-text("Confirmer le rendez-vous")');
      await page.waitForURL(/\/agent\/rendez-vous\//);
      await shot('agent-4-confirmation');
    });
  });

  it('screenshots of the doctor journey', async () => {
    const rpps = `1${String(Math.floor(Math.random() * 1e10)).padStart(10, '0')}`;
    const doctor = await world.token('doctor', {
      sub: `dr-${rpps}`,
      rpps,
      given_name: 'Claire',
      family_name: 'Lemoine',
    });
    const mission = await world.api(
      'POST',
      '/v1/missions',
      { siteId: zone.siteId, date: parisDate(5), start: '09:00', end: '12:00', slotMinutes: 20 },
      doctor,
    );
    if (mission.status !== 201) throw new Error(JSON.stringify(mission.body));
    const [slot] = await world.sql<{ id: string }>(
      'SELECT id FROM slots WHERE mission_id = $1 ORDER BY starts_at LIMIT 1',
      [mission.body.id],
    );
    const booked = await fetch(`${world.base}/v1/bookings`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${await world.token('patient')}`,
        'content-type': 'application/json',
        'idempotency-key': crypto.randomUUID(),
      },
      body: JSON.stringify({
        slotId: slot.id,
        noOverbilling: true,
        patient: {
          firstName: 'Marcel',
          lastName: `Dupuis-${rpps.slice(-6).replace(/[0-9]/g, (d) => 'abcdefghij'[Number(d)])}`,
          birthDate: '1948-02-11',
          phone: '06 98 76 54 32',
        },
      }),
    });
    if (booked.status !== 201) throw new Error(await booked.text());
    await onEach(async (page, shot) => {
      await signInAs(page, world, 'psc', `rpps-${rpps}`, '/medecin');
      for (const [name, path] of [
        ['medecin-1-journees', '/medecin'],
        ['medecin-2-declarer', '/medecin/journees/nouvelle'],
        ['medecin-3-journee', `/medecin/journees/${mission.body.id}`],
        ['medecin-4-indemnites', '/medecin/indemnites'],
      ] as const) {
        await page.goto(`${world.base}${path}`);
        await shot(name);
      }
    });
  });

  it('screenshots of the ARS journey', async () => {
    await onEach(async (page, shot) => {
      await signInAs(page, world, 'proconnect', 'pc-ars-1', '/ars');
      for (const [name, path] of [
        ['ars-1-accueil', '/ars'],
        ['ars-2-zone', `/ars/zones/${zone.siren}`],
        ['ars-3-couverture', '/ars/couverture'],
        ['ars-4-lieux', '/ars/sites'],
        ['ars-5-indemnites', '/ars/indemnites'],
      ] as const) {
        await page.goto(`${world.base}${path}`);
        await shot(name);
      }
    });
  });
});
