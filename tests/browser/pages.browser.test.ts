// The patient pages in a real browser: every page and state with JavaScript on and off, axe-core
// with zero violations (WCAG 2.1 A and AA), keyboard-only search, 320 px reflow, 200 % zoom,
// suggestions.
import type { BrowserContext, Page } from 'playwright-core';
import { reportWeights, weighPage, type Weights } from './page-weights';
import { afterAll, beforeAll, expect, it } from 'vitest';
import {
  bookableZone,
  contexts,
  describeInBrowser,
  expectNoAxeViolations,
  expectPageBasics,
  expectReflow,
  signInAs,
  startWorld,
  type BookableZone,
  type World,
} from './harness';

describeInBrowser('patient pages in Chromium', () => {
  let world: World;
  let zone: BookableZone;
  let takenSlot: string;

  beforeAll(async () => {
    world = await startWorld();
    zone = await bookableZone(world, { slots: 4 });
    takenSlot = zone.slotIds[3];
    await world.sql(`UPDATE slots SET status = 'withdrawn' WHERE id = $1`, [takenSlot]);
  });

  afterAll(async () => {
    await world?.stop();
  });

  /** Every page and state a patient can reach in phase 1, by URL. */
  const states = (): Array<[string, string]> => [
    ['home', '/'],
    ['home, empty search (error)', '/recherche?q='],
    ['home, unknown commune (error)', '/recherche?q=zzzzqx'],
    ['home, misspelt commune (nearest names)', '/recherche?q=pisos'],
    ['results', `/recherche?commune=${zone.insee}`],
    ['results by postcode', `/recherche?q=${zone.postcode}`],
    ['several communes', '/recherche?q=Saint-Martin'],
    ['outside the priority zones', '/recherche?commune=2A004'],
    ['slot before sign-in', `/reserver/${zone.slotIds[0]}`],
    ['slot no longer free', `/reserver/${takenSlot}`],
    ['Mes rendez-vous, signed out', '/mes-rendez-vous'],
    ['mentions légales', '/mentions-legales'],
    ['données personnelles', '/donnees-personnelles'],
    ['déclaration d’accessibilité', '/accessibilite'],
    ['404', '/nulle-part'],
  ];

  for (const js of [true, false]) {
    it(`FranceConnect's button wherever the patient signs in: drawn by DSFR, with its link, axe-clean with best practices (JavaScript ${js ? 'on' : 'off'})`, async () => {
      const context = await (js
        ? contexts(world.browser).withJs(390)
        : contexts(world.browser).withoutPageScripts(390));
      const page = await context.newPage();
      for (const [state, path, retour] of [
        ['slot before sign-in', `/reserver/${zone.slotIds[0]}`, `/reserver/${zone.slotIds[0]}/garder`],
        ['Mes rendez-vous, signed out', '/mes-rendez-vous', '/mes-rendez-vous'],
      ] as const) {
        await page.goto(`${world.base}${path}`);
        const button = page.locator('.fr-connect-group a.fr-connect');
        expect(await button.innerText(), state).toMatch(/^S’identifier avec\s+FranceConnect$/);
        expect(await button.getAttribute('href'), state).toBe(`/connexion?retour=${encodeURIComponent(retour)}`);
        // The stylesheet has the component: its logo is drawn before the words, on the blue of the brand.
        const look = await button.evaluate((el) => {
          const view = (el as any).ownerDocument.defaultView;
          return {
            logo: view.getComputedStyle(el, '::before').backgroundImage as string,
            paddingLeft: view.getComputedStyle(el).paddingLeft as string,
          };
        });
        expect(look.logo, state).toContain('data:image/svg+xml');
        expect(parseFloat(look.paddingLeft), state).toBeGreaterThan(40);
        const what = page.locator('.fr-connect-group a[href="https://franceconnect.gouv.fr/"]');
        expect(await what.innerText(), state).toBe('Qu’est-ce que FranceConnect ?');
        expect(await what.getAttribute('target'), state).toBe('_blank');
        await expectNoAxeViolations(page, `${state}, FranceConnect's button`, { bestPractices: true });
        await expectReflow(page, `${state} at 390 px`);
      }
      await context.close();
    });

    it(`every page and state: zero axe violations (WCAG 2.1 A and AA) with the pages' scripts ${js ? 'running' : 'blocked'}`, async () => {
      const context = await (js ? contexts(world.browser).withJs() : contexts(world.browser).withoutPageScripts());
      const page = await context.newPage();
      for (const [state, path] of states()) {
        await page.goto(`${world.base}${path}`);
        await expectNoAxeViolations(page, `${state}, scripts ${js ? 'on' : 'blocked'}`);
      }
      await context.close();
    });

    it(`every page and state: lang, one h1, a title, no horizontal scroll at 320 px (JavaScript ${js ? 'on' : 'off'})`, async () => {
      const context = await contexts(world.browser)[js ? 'withJs' : 'withoutJs'](320);
      const page = await context.newPage();
      for (const [state, path] of states()) {
        await page.goto(`${world.base}${path}`);
        const label = `${state} at 320 px, JavaScript ${js ? 'on' : 'off'}`;
        await expectPageBasics(page, label);
        await expectReflow(page, label);
      }
      await context.close();
    });
  }

  // RGAA 10.4 / WCAG 1.4.4: at 200 % zoom (a 1280 px window shows 640 CSS px) and with text alone
  // at twice its size, nothing is lost: no horizontal scroll, the heading and the main content shown.
  for (const [how, width, textScale] of [
    ['page zoom 200 %', 640, '100%'],
    ['text at 200 %', 1280, '200%'],
  ] as const) {
    it(`every page and state: nothing lost at ${how}`, async () => {
      const context = await contexts(world.browser).withJs(width);
      const page = await context.newPage();
      for (const [state, path] of states()) {
        await page.goto(`${world.base}${path}`);
        await page.evaluate((scale) => {
          (globalThis as any).document.documentElement.style.fontSize = scale;
        }, textScale);
        const label = `${state}, ${how}`;
        await expectReflow(page, label);
        expect(await page.locator('h1').isVisible(), `${label}: h1 visible`).toBe(true);
        expect(await page.locator('main').isVisible(), `${label}: main visible`).toBe(true);
      }
      await context.close();
    });
  }

  /** Tabs until the focused element matches, as a keyboard user would; fails after `max` presses. */
  async function tabTo(page: Page, selector: string, max = 40) {
    for (let i = 0; i < max; i++) {
      await page.keyboard.press('Tab');
      if (await page.evaluate((s) => (globalThis as any).document.activeElement?.matches(s) ?? false, selector)) return;
    }
    throw new Error(`${selector} not reached with ${max} Tab presses`);
  }

  const focusIsVisible = (page: Page) =>
    page.evaluate(() => {
      const style = (globalThis as any).getComputedStyle((globalThis as any).document.activeElement);
      return style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0;
    });

  for (const js of [true, false]) {
    it(`searches and picks a slot with the keyboard only, focus always visible (JavaScript ${js ? 'on' : 'off'})`, async () => {
      const context: BrowserContext = await contexts(world.browser)[js ? 'withJs' : 'withoutJs']();
      const page = await context.newPage();
      await page.goto(world.base);
      await tabTo(page, 'a[href="#contenu"]');
      expect(await focusIsVisible(page)).toBe(true);
      await tabTo(page, '#q');
      expect(await focusIsVisible(page)).toBe(true);
      await page.keyboard.type(zone.postcode);
      await page.keyboard.press('Enter');
      await page.waitForURL(/\/recherche\?q=/);
      expect(await page.locator('h1').textContent()).toContain(`code postal ${zone.postcode}`);
      await tabTo(page, `a[href="/reserver/${zone.slotIds[0]}"]`);
      expect(await focusIsVisible(page)).toBe(true);
      await page.keyboard.press('Enter');
      await page.waitForURL(`${world.base}/reserver/${zone.slotIds[0]}`);
      expect(await page.locator('h1').textContent()).toBe('Vérifier le créneau');
      await tabTo(page, 'a.fr-connect');
      expect(await page.locator(':focus').getAttribute('href')).toBe(
        `/connexion?retour=${encodeURIComponent(`/reserver/${zone.slotIds[0]}/garder`)}`,
      );
      await context.close();
    });
  }

  it('suggests communes while typing (JavaScript on); the search works the same without', async () => {
    const context = await contexts(world.browser).withJs();
    const page = await context.newPage();
    await page.goto(world.base);
    await page.fill('#q', zone.communeName);
    await expect
      .poll(
        () =>
          page
            .locator('#communes-suggestions option')
            .evaluateAll((options) => options.map((o) => (o as { value: string }).value)),
        { timeout: 5_000 },
      )
      .toContain(`${zone.communeName} (${zone.postcode})`);
    // Choosing a suggestion submits "Name (postcode)": straight to that commune's slots.
    await page.fill('#q', `${zone.communeName} (${zone.postcode})`);
    await page.press('#q', 'Enter');
    await page.waitForURL(/\/recherche/);
    expect(await page.locator(`a[href="/reserver/${zone.slotIds[0]}"]`).first().isVisible()).toBe(true);
    await context.close();
  });

  it('the header leads to Mes rendez-vous and the call centre, on a phone and a desktop, and signs a patient out (JavaScript off)', async () => {
    for (const width of [390, 1280]) {
      const context = await contexts(world.browser).withoutJs(width);
      const page = await context.newPage();
      await page.goto(world.base);
      const visible = (selector: string) => page.locator(`header ${selector}`).filter({ visible: true });
      expect(await visible('a[href="/mes-rendez-vous"]').count(), `Mes rendez-vous at ${width} px`).toBe(1);
      expect(await visible('a[href="tel:+33800000000"]').innerText(), `the call centre at ${width} px`).toBe(
        'Par téléphone : 0 800 00 00 00',
      );
      expect(await visible('button:has-text("Se déconnecter")').count(), 'no sign-out before sign-in').toBe(0);
      await signInAs(page, world, 'fc', 'fc-demo-1', '/');
      await visible('button:has-text("Se déconnecter")').click();
      await page.waitForURL((url) => !url.toString().startsWith(world.base));
      await page.click('button:has-text("Se déconnecter")');
      await page.waitForURL((url) => url.origin === world.base && url.pathname === '/');
      expect(await visible('button:has-text("Se déconnecter")').count(), `signed out at ${width} px`).toBe(0);
      await context.close();
    }
  });

  it('on a phone (390×844): the first slot above the fold, times as 44 px targets, addresses at 16 px', async () => {
    const context = await world.browser.newContext({
      viewport: { width: 390, height: 844 },
      locale: 'fr-FR',
      javaScriptEnabled: false,
    });
    const page = await context.newPage();
    await page.goto(`${world.base}/recherche?commune=${zone.insee}`);
    expect(await page.locator('main').innerText()).toMatch(/Prochain créneau : .* à 9\u00a0h \(dans 3 jours\)/);
    const first = await page.locator(`a.fr-btn[href="/reserver/${zone.slotIds[0]}"]`).first().boundingBox();
    expect(first!.y + first!.height, 'the first slot is seen without scrolling').toBeLessThanOrEqual(844);
    const times = await page.locator('section a.fr-btn[href^="/reserver/"]').evaluateAll((links) =>
      links.map((link) => ({
        width: (link as any).getBoundingClientRect().width,
        height: (link as any).getBoundingClientRect().height,
      })),
    );
    expect(times.length).toBeGreaterThan(0);
    for (const time of times)
      expect(Math.min(time.width, time.height), 'a time button is at least 44×44 px').toBeGreaterThanOrEqual(44);
    const sizes = await page
      .locator('section li:not(:has(a.fr-btn))')
      .evaluateAll((items) => items.map((item) => parseFloat((globalThis as any).getComputedStyle(item).fontSize)));
    for (const size of sizes) expect(size, 'addresses, access and tariff at 16 px').toBeGreaterThanOrEqual(16);
    await context.close();
  });

  it('writes the French way: weekday, "9 h 20", how far ahead, the phone, the tariff', async () => {
    const context = await contexts(world.browser).withoutJs();
    const page = await context.newPage();
    await page.goto(`${world.base}/recherche?commune=${zone.insee}`);
    const text = await page.locator('main').innerText();
    expect(text).toContain('(dans 3 jours)');
    expect(text).toMatch(/9\u00a0h\u00a020/);
    expect(text).toContain('05 55 00 00 00');
    expect(text).toContain('Plain-pied');
    expect(text).toContain('sans dépassement d’honoraires');
    await context.close();
  });

  it('reports the bytes of each page (HTML, CSS, JS, fonts): JavaScript stays optional and small', async () => {
    const rows: Array<[string, Weights]> = [];
    for (const [name, path] of [
      ['Accueil', '/'],
      ['Résultats', `/recherche?commune=${zone.insee}`],
      ['Créneau', `/reserver/${zone.slotIds[0]}`],
      ['Déclaration d’accessibilité', '/accessibilite'],
    ] as const) {
      // A fresh context each time: a first visit, nothing cached.
      const context = await contexts(world.browser).withJs();
      rows.push([name, await weighPage(context, `${world.base}${path}`)]);
      await context.close();
    }
    console.info(
      `Page weights (also in .dev/page-weights.md):\n${reportWeights(rows, new URL('../../', import.meta.url).pathname)}`,
    );
    for (const [name, weights] of rows) {
      expect(weights.HTML, name).toBeLessThan(60 * 1024);
      expect(weights.JS, name).toBeLessThan(5 * 1024);
    }
  });
});
