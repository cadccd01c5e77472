// The whole journey in Chromium, with JavaScript and without: search by postcode, pick a slot,
// sign in through the local FranceConnect twin, a validation error, book, see it in "Mes
// rendez-vous", cancel; the countdown's warning and the extension; a slot taken meanwhile.
// axe-core on every state of ours (the twin's pages are the provider's, not ours); the whole
// journey again with the keyboard alone.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { bookableZone, contexts, describeInBrowser, expectNoAxeViolations, expectPageBasics, startWorld, type BookableZone, type World, tabTo } from './harness';

describeInBrowser('the booking journey in Chromium', () => {
  let world: World;

  beforeAll(async () => {
    world = await startWorld();
  }, 120_000);

  afterAll(async () => {
    await world?.stop();
  });

  /** Our page as it stands: basics and axe (with JS off, axe runs in a twin context on the same URL). */
  async function check(page: Page, state: string, js: boolean) {
    await expectPageBasics(page, state);
    if (js) return expectNoAxeViolations(page, state);
    // The same server answer without our scripts: a GET page only (a POST's answer is not replayable).
    if (/\/(reservation|reserver|rendez-vous)\//.test(page.url())) {
      const context = await contexts(world.browser).withoutPageScripts();
      await context.addCookies(await page.context().cookies());
      const twin = await context.newPage();
      await twin.goto(page.url());
      await expectNoAxeViolations(twin, `${state} (scripts blocked)`);
      await context.close();
    }
  }

  for (const [js, account] of [[true, 'fc-demo-2'], [false, 'fc-demo-3']] as const) {
    it(`search, sign in, a validation error, book, Mes rendez-vous, cancel (JavaScript ${js ? 'on' : 'off'})`, async () => {
      const zone: BookableZone = await bookableZone(world, { slots: 3 });
      const context = await contexts(world.browser)[js ? 'withJs' : 'withoutJs']();
      const page = await context.newPage();
      await page.goto(world.base);
      await page.fill('#q', zone.postcode);
      await page.press('#q', 'Enter');
      await page.waitForURL(/\/recherche/);
      await page.click(`a[href="/reserver/${zone.slotIds[0]}"]`);
      await page.waitForURL(`${world.base}/reserver/${zone.slotIds[0]}`);
      await page.click('a.fr-btn:has-text("Réserver ce créneau")');

      // The provider's page: pick a demo identity.
      await page.waitForURL((url) => !url.toString().startsWith(world.base));
      await page.check(`input[name="account"][value="${account}"]`);
      await page.click('button[type="submit"]');
      await page.waitForURL(`${world.base}/reserver/${zone.slotIds[0]}`);
      await check(page, 'slot, signed in', js);

      await page.click('button:has-text("Réserver ce créneau")');
      await page.waitForURL(/\/reservation\/[0-9a-f-]{36}$/);
      await check(page, 'booking form', js);
      expect(await page.inputValue('#firstName')).not.toBe('');
      expect(await page.getAttribute('#phone', 'autocomplete')).toBe('tel');
      expect(await page.locator('#compte-a-rebours').innerText()).toMatch(/jusqu’à \d+\u00a0h/);
      if (js) await expect.poll(() => page.locator('[role="status"]').first().innerText()).toMatch(/Il reste/);

      // A validation error: in the summary, linked to its field, next to the field.
      await page.click('button:has-text("Confirmer le rendez-vous")');
      await page.waitForLoadState();
      expect(await page.locator('.fr-alert--error a[href="#phone"]').count()).toBe(1);
      expect(await page.locator('#phone-error').innerText()).toContain('06 12 34 56 78');
      expect(await page.title()).toMatch(/^Erreur/);
      await expectPageBasics(page, 'booking form with an error');
      if (js) await expectNoAxeViolations(page, 'booking form with an error');

      await page.fill('#phone', '06 12 34 56 78');
      await page.click('button:has-text("Confirmer le rendez-vous")');
      await page.waitForURL(/\/rendez-vous\/[0-9a-f-]{36}$/);
      expect(await page.locator('h1').innerText()).toBe('Votre rendez-vous est confirmé');
      await check(page, 'confirmation', js);
      const bookingUrl = page.url();
      await page.goto(`${bookingUrl}/deplacer`);
      await check(page, 'moving: the free slots', js);
      await page.click(`a[href*="deplacer?vers=${zone.slotIds[1]}"]`);
      await check(page, 'moving: the new slot before confirming', js);

      await page.goto(`${world.base}/mes-rendez-vous`);
      expect(await page.locator('main').innerText()).toContain('confirmé');
      await check(page, 'Mes rendez-vous', js);
      await page.click('button:has-text("Annuler ce rendez-vous")');
      await page.waitForURL(/\/mes-rendez-vous\?annule=/);
      expect(await page.locator('[role="status"]').innerText()).toContain('est annulé');
      await check(page, 'Mes rendez-vous after cancelling', js);
      await context.close();
    }, 120_000);
  }


  it('the whole journey with the keyboard only: search, sign in, book, Mes rendez-vous, cancel', async () => {
    const zone: BookableZone = await bookableZone(world, { slots: 2 });
    const context = await contexts(world.browser).withJs();
    const page = await context.newPage();
    await page.goto(world.base);
    await tabTo(page, '#q');
    await page.keyboard.type(zone.postcode);
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/recherche/);
    await tabTo(page, `a[href="/reserver/${zone.slotIds[0]}"]`);
    await page.keyboard.press('Enter');
    await page.waitForURL(`${world.base}/reserver/${zone.slotIds[0]}`);
    await tabTo(page, 'a.fr-btn[href^="/connexion"]');
    await page.keyboard.press('Enter');
    // The provider's page: its first identity is chosen; the button submits it.
    await page.waitForURL((url) => !url.toString().startsWith(world.base));
    await tabTo(page, 'button[type="submit"]');
    await page.keyboard.press('Enter');
    await page.waitForURL(`${world.base}/reserver/${zone.slotIds[0]}`);
    await tabTo(page, 'button.fr-btn');
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/reservation\/[0-9a-f-]{36}$/);
    await tabTo(page, '#phone');
    await page.keyboard.type('06 12 34 56 78');
    await tabTo(page, 'button[type="submit"]', 'Confirmer le rendez-vous');
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/rendez-vous\/[0-9a-f-]{36}$/);
    expect(await page.locator('h1').innerText()).toBe('Votre rendez-vous est confirmé');
    await tabTo(page, 'main a[href="/mes-rendez-vous"]');
    await page.keyboard.press('Enter');
    await page.waitForURL(`${world.base}/mes-rendez-vous`);
    await tabTo(page, 'button', 'Annuler ce rendez-vous');
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/mes-rendez-vous\?annule=/);
    expect(await page.locator('[role="status"]').innerText()).toContain('est annulé');
    await context.close();
  }, 120_000);

  it('warns before the hold ends and extends it (JavaScript on); says a slot was taken meanwhile', async () => {
    const zone = await bookableZone(world, { slots: 2 });
    const context = await contexts(world.browser).withJs();
    const page = await context.newPage();
    await page.goto(`${world.base}/reserver/${zone.slotIds[0]}`);
    await page.click('a.fr-btn:has-text("Réserver ce créneau")');
    await page.waitForURL((url) => !url.toString().startsWith(world.base));
    await page.click('button[type="submit"]');
    await page.waitForURL(`${world.base}/reserver/${zone.slotIds[0]}`);
    await page.click('button:has-text("Réserver ce créneau")');
    await page.waitForURL(/\/reservation\//);
    const holdId = page.url().split('/').pop()!;

    // 25 seconds left: the countdown warns (role="alert") and points at the button.
    await world.sql(`UPDATE holds SET expires_at = now() + interval '25 seconds' WHERE id = $1`, [holdId]);
    await page.reload();
    await expect.poll(() => page.locator('[role="alert"]').first().innerText(), { timeout: 5_000 }).toContain('Prolonger de quelques minutes');
    await expectNoAxeViolations(page, 'booking form, countdown warning');
    await page.click('#prolonger');
    await page.waitForURL(/prolonge=1/);
    expect(await page.locator('#compte-a-rebours').innerText()).toContain('Nous avons prolongé la réservation');

    // Someone else took the second slot while this page was open.
    await page.goto(`${world.base}/reserver/${zone.slotIds[1]}`);
    await world.sql(`UPDATE slots SET status = 'withdrawn' WHERE id = $1`, [zone.slotIds[1]]);
    await page.click('button:has-text("Réserver ce créneau")');
    await page.waitForLoadState();
    expect(await page.locator('h1').innerText()).toBe('Ce créneau n’est plus libre');
    await expectNoAxeViolations(page, 'slot taken meanwhile');
    await context.close();
  }, 120_000);
});
