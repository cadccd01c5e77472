// The ARS journey in Chromium, with JavaScript and without, and once with the keyboard alone: sign
// in through the ProConnect twin, designate a zone with its source, read its figures (chart and
// table), then the coverage of its region. axe-core on every page and state of ours.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { regionCode } from '../../src/domain/regions';
import { contexts, describeInBrowser, expectNoAxeViolations, expectPageBasics, expectReflow, signInAs, startWorld, type World } from './harness';

describeInBrowser('the ARS dashboard in Chromium', () => {
  let world: World;

  beforeAll(async () => {
    world = await startWorld();
  }, 120_000);

  afterAll(async () => {
    await world?.stop();
  });

  /** Basics and axe; with JavaScript off axe cannot run, so a twin context without scripts reads the same GET page. */
  async function check(page: Page, state: string, js: boolean) {
    await expectPageBasics(page, state);
    if (js) return expectNoAxeViolations(page, state);
    const context = await contexts(world.browser).withoutPageScripts();
    await context.addCookies(await page.context().cookies());
    const twin = await context.newPage();
    await twin.goto(page.url());
    await expectNoAxeViolations(twin, `${state} (scripts blocked)`);
    await context.close();
  }

  /** Tab (or Shift+Tab) until the element matching `selector` has the focus. */
  async function tabTo(page: Page, selector: string, backwards = false) {
    for (let i = 0; i < 80; i++) {
      if (await page.locator(selector).evaluate((el) => el === (globalThis as any).document.activeElement).catch(() => false)) return;
      await page.keyboard.press(backwards ? 'Shift+Tab' : 'Tab');
    }
    throw new Error(`the keyboard never reached ${selector}`);
  }

  async function freeEpci() {
    const [zone] = await world.sql<{ siren: string; name: string; region: string }>(
      `SELECT siren, name, region FROM epci WHERE siren NOT IN (SELECT siren FROM priority_zones) AND type = 'CC' AND time_zone = 'Europe/Paris' ORDER BY random() LIMIT 1`,
    );
    return zone;
  }

  for (const [js, keyboard] of [[true, false], [false, false], [true, true]] as const) {
    it(`designates a zone, reads its figures and its region's coverage (JavaScript ${js ? 'on' : 'off'}${keyboard ? ', keyboard only' : ''})`, async () => {
      const zone = await freeEpci();
      const context = await contexts(world.browser)[js ? 'withJs' : 'withoutJs']();
      const page = await context.newPage();
      // With the keyboard alone: Tab to the field or link, type, Enter; otherwise the mouse.
      const fill = async (selector: string, text: string) => {
        if (!keyboard) return page.fill(selector, text);
        await tabTo(page, selector);
        await page.keyboard.press('ControlOrMeta+A');
        await page.keyboard.type(text);
      };
      const activate = async (selector: string) => {
        if (!keyboard) return page.click(selector);
        await tabTo(page, selector);
        await page.keyboard.press('Enter');
      };

      await signInAs(page, world, 'proconnect', 'pc-ars-1', '/ars/zones');
      await page.waitForURL(`${world.base}/ars/zones`);
      await check(page, 'zones', js);

      // A mistake first: a SIREN too short, said in the summary and next to the field.
      await fill('#siren', '1234');
      await fill('#source', 'Arrêté ARS du 30 juin 2025');
      await activate('button:has-text("Désigner cette zone")');
      await page.waitForURL(`${world.base}/ars/zones`);
      expect(await page.locator('#siren-error').innerText()).toContain('9 chiffres');
      expect(await page.title()).toMatch(/^Erreur/);
      if (js) await expectNoAxeViolations(page, 'zones, a refused designation');

      await fill('#siren', zone.siren);
      await activate('button:has-text("Désigner cette zone")');
      await page.waitForURL(`${world.base}/ars/zones?designee=${zone.siren}`);
      expect(await page.locator('[role="status"]').first().innerText()).toContain('est désormais une zone prioritaire');
      await check(page, 'zones, after a designation', js);

      await activate(`a[href="/ars/zones/${zone.siren}"] >> nth=0`);
      await page.waitForURL(`${world.base}/ars/zones/${zone.siren}`);
      expect(await page.locator('h1').innerText()).toBe(`Chiffres de ${zone.name}`);
      expect(await page.locator('svg[role="img"]').count()).toBe(3);
      expect(await page.locator('svg[role="img"] desc').first().textContent()).toBe('Prévues : 0, tenues : 0, manquées : 0.');
      expect(await page.locator('table caption').innerText()).toMatch(/^Chiffres du /);
      await check(page, 'a zone’s figures', js);

      await activate('nav a[href="/ars/couverture"]');
      await page.waitForURL(`${world.base}/ars/couverture`);
      await check(page, 'coverage by region', js);
      await activate(`table a[href$="&region=${regionCode(zone.region)}"]`);
      await page.waitForURL(/\/ars\/couverture\?mois=\d{4}-\d{2}&region=\d+$/);
      expect(await page.locator(`table a[href="/ars/zones/${zone.siren}"]`).count()).toBe(1);
      await check(page, 'coverage of a region', js);
      await context.close();
    });
  }

  it('passes axe on the other ARS pages and their error states', async () => {
    const zone = await freeEpci();
    const admin = await world.token('admin', { sub: 'ars-browser-test' });
    expect((await world.api('POST', `/v1/zones/${zone.siren}/priority`, { source: 'browser test' }, admin)).status).toBe(201);
    const [commune] = await world.sql<{ insee: string }>('SELECT insee FROM communes WHERE epci_siren = $1 LIMIT 1', [zone.siren]);
    const site = await world.api('POST', '/v1/sites', { name: 'Maison de santé du Pré', address: '1 rue du Pré', communeInsee: commune.insee, kind: 'maison_de_sante', phone: '05 55 00 00 00' }, admin);
    const context = await contexts(world.browser).withJs();
    const page = await context.newPage();
    await signInAs(page, world, 'proconnect', 'pc-ars-1', '/ars');
    for (const [path, state] of [
      ['/ars', 'home'],
      [`/ars/sites?zone=${zone.siren}`, 'sites of a zone'],
      ['/ars/sites/nouveau', 'new site'],
      [`/ars/sites/${site.body.id}`, 'site edit'],
      ['/ars/indemnites', 'indemnities'],
      ['/ars/indemnites?mois=2026-13', 'indemnities, bad month'],
      ['/ars/couverture?mois=2026-13', 'coverage, bad month'],
      [`/ars/zones/${zone.siren}?du=2026-12-10&au=2026-12-01`, 'figures, bad period'],
      ['/ars/zones/000000000', 'unknown zone'],
    ]) {
      await page.goto(`${world.base}${path}`);
      await expectPageBasics(page, state);
      await expectNoAxeViolations(page, state);
    }
    await page.goto(`${world.base}/ars/sites/nouveau`);
    // Filled in (the browser checks required fields itself), but with a phone number too short.
    await page.fill('#name', 'Cabinet');
    await page.fill('#address', '2 rue du Pré');
    await page.fill('#communeInsee', commune.insee);
    await page.fill('#phone', '12');
    await page.click('button:has-text("Ajouter ce lieu")');
    await page.waitForURL(`${world.base}/ars/sites/nouveau`);
    expect(await page.locator('.fr-alert--error a[href="#phone"]').count()).toBe(1);
    await expectNoAxeViolations(page, 'new site, refused');
    await context.close();

    // At 320 px the pages reflow: wide tables scroll inside their frame, the page does not (RGAA 10.11).
    const narrow = await contexts(world.browser).withJs(320);
    const small = await narrow.newPage();
    await signInAs(small, world, 'proconnect', 'pc-ars-1', '/ars');
    for (const path of ['/ars/zones', `/ars/zones/${zone.siren}`, '/ars/couverture', `/ars/couverture?mois=2026-12&region=${regionCode(zone.region)}`, `/ars/sites?zone=${zone.siren}`]) {
      await small.goto(`${world.base}${path}`);
      await expectReflow(small, `${path} at 320 px`);
    }
    await narrow.close();
  });
});
