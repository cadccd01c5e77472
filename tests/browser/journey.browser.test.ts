// The whole journey in Chromium, with JavaScript and without: search by postcode, pick a slot,
// sign in through the local FranceConnect twin, a validation error, book, see it in "Mes
// rendez-vous", cancel; the countdown's warning and the extension; a slot taken meanwhile;
// "Prolonger" keeping what was typed, and a booking for a relative.
// axe-core on every state of ours (the twin's pages are the provider's, not ours); the whole
// journey again with the keyboard alone.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import {
  bookableZone,
  contexts,
  describeInBrowser,
  expectNoAxeViolations,
  expectPageBasics,
  signInAs,
  startWorld,
  type BookableZone,
  type World,
  tabTo,
} from './harness';

describeInBrowser('the booking journey in Chromium', () => {
  let world: World;

  beforeAll(async () => {
    world = await startWorld();
  });

  afterAll(async () => {
    await world?.stop();
  });

  /** Typing and pressing with the keyboard alone (JavaScript on), or with the mouse (off). */
  function by(page: Page, js: boolean) {
    return {
      async type(selector: string, text: string) {
        if (js) await tabTo(page, selector);
        else await page.focus(selector);
        await page.keyboard.press('Control+A');
        await page.keyboard.type(text);
      },
      async press(selector: string, text: string) {
        if (js) {
          await tabTo(page, selector, text);
          await page.keyboard.press('Enter');
        } else await page.click(`${selector}:has-text("${text}")`);
      },
    };
  }

  /** Our page as it stands: basics and axe (with JS off, axe runs in a twin context on the same URL). */
  async function check(page: Page, state: string, js: boolean) {
    await expectPageBasics(page, state);
    if (js) return expectNoAxeViolations(page, state, { bestPractices: true });
    // The same server answer without our scripts: a GET page only (a POST's answer is not replayable).
    if (/\/(reservation|reserver|rendez-vous)\//.test(page.url())) {
      const context = await contexts(world.browser).withoutPageScripts();
      await context.addCookies(await page.context().cookies());
      const twin = await context.newPage();
      await twin.goto(page.url());
      await expectNoAxeViolations(twin, `${state} (scripts blocked)`, { bestPractices: true });
      await context.close();
    }
  }

  for (const [js, account] of [
    [true, 'fc-demo-2'],
    [false, 'fc-demo-3'],
  ] as const) {
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
      await page.click('a.fr-connect');

      // The provider's page: pick a demo identity.
      await page.waitForURL((url) => !url.toString().startsWith(world.base));
      await page.check(`input[name="account"][value="${account}"]`);
      await page.click('button[type="submit"]');
      // Back from FranceConnect straight to the form, the slot held: no second "Réserver".
      await page.waitForURL(/\/reservation\/[0-9a-f-]{36}$/);
      expect(await page.locator('.fr-stepper__state').innerText()).toBe('Étape 3 sur 4');
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
      if (js) await expectNoAxeViolations(page, 'booking form with an error', { bestPractices: true });

      await page.fill('#phone', '06 12 34 56 78');
      await page.click('button:has-text("Confirmer le rendez-vous")');
      await page.waitForURL(/\/rendez-vous\/[0-9a-f-]{36}$/);
      expect(await page.locator('h1').innerText()).toBe('Votre rendez-vous est confirmé');
      await check(page, 'confirmation', js);
      const bookingUrl = page.url();
      await page.goto(`${bookingUrl}/deplacer`);
      await check(page, 'moving: the free slots', js);
      await page.click(`a[href*="deplacer?vers=${zone.slotIds[1]}"]`);
      // From → to, before anything moves: both times, the current site and the doctor.
      expect(await page.locator('h1').innerText()).toMatch(
        /^Déplacer le rendez-vous du .+ à 9\u00a0h → au .+ à 9\u00a0h\u00a020 \?$/,
      );
      expect(await page.locator('main').innerText()).toContain('Avec le Dr Claire Lemoine');
      await check(page, 'moving: the new slot before confirming', js);

      await page.goto(`${world.base}/mes-rendez-vous`);
      expect(await page.locator('main').innerText()).toContain('confirmé');
      await check(page, 'Mes rendez-vous', js);
      // Cancelling asks first; "Retour" changes nothing and leads back to the list.
      await page.click('a:has-text("Annuler ce rendez-vous")');
      await page.waitForURL(/\/annuler\?depuis=liste$/);
      expect(await page.locator('h1').innerText()).toMatch(/^Annuler le rendez-vous du .+ à 9\u00a0h \?$/);
      expect(await page.locator('main').innerText()).toContain('Maison de santé des Tilleuls');
      expect(await page.locator('main').innerText()).toContain('Avec le Dr Claire Lemoine');
      await check(page, 'cancelling: the question', js);
      await page.click('a:has-text("Retour, garder ce rendez-vous")');
      await page.waitForURL(`${world.base}/mes-rendez-vous`);
      expect(await page.locator('main').innerText()).toContain('confirmé');
      await page.click('a:has-text("Annuler ce rendez-vous")');
      await page.click('button:has-text("Confirmer l’annulation")');
      await page.waitForURL(/\/mes-rendez-vous\?annule=/);
      expect(await page.locator('[role="status"]').innerText()).toContain('est annulé');
      await check(page, 'Mes rendez-vous after cancelling', js);
      await context.close();
    });
  }

  for (const js of [true, false]) {
    it(`"Prolonger" keeps every typed value, and "Pour un proche" books the relative (JavaScript ${js ? 'on, keyboard only' : 'off'})`, async () => {
      const zone = await bookableZone(world, { slots: 1 });
      const context = await contexts(world.browser)[js ? 'withJs' : 'withoutJs']();
      const page = await context.newPage();
      // fc-demo-1 is Angela Claire Louise Dubois, born on 24/06/1962; the relative is a person of their own (the cap is per person).
      const pad = (n: number) => String(n).padStart(2, '0');
      const relative = {
        firstName: 'Bernard',
        lastName: 'Dubois',
        birthDate: `${pad(10 + Math.floor(Math.random() * 18))}${pad(1 + Math.floor(Math.random() * 12))}${1930 + Math.floor(Math.random() * 40)}`,
        phone: '06 12 34 56 78',
        email: 'famille.dubois@example.fr',
      };
      const { type, press } = by(page, js);

      await signInAs(page, world, 'fc', 'fc-demo-1', `/reserver/${zone.slotIds[0]}`);
      await page.click('button:has-text("Réserver ce créneau")');
      await page.waitForURL(/\/reservation\/[0-9a-f-]{36}$/);
      const formUrl = page.url();
      expect(await page.inputValue('#firstName')).toBe('Angela Claire Louise');
      expect(await page.getAttribute('#birthDate', 'inputmode')).toBe('numeric');

      if (js) {
        // The radio group with the keyboard: Tab reaches the checked choice, an arrow moves it.
        await tabTo(page, '#pour-moi');
        await page.keyboard.press('ArrowDown');
        expect(await page.isChecked('#pour-proche')).toBe(true);
        // The holder's identity is gone from the fields; "Pour moi" would put it back.
        expect([
          await page.inputValue('#firstName'),
          await page.inputValue('#lastName'),
          await page.inputValue('#birthDate'),
        ]).toEqual(['', '', '']);
      } else {
        // Without JavaScript the fields still hold the holder's identity: the server refuses it for a relative.
        await page.click('label[for="pour-proche"]');
        await page.fill('#phone', relative.phone);
        await page.click('button:has-text("Confirmer le rendez-vous")');
        await page.locator('#erreurs').waitFor();
        expect(await page.locator('.fr-alert--error a[href="#firstName"]').innerText()).toContain(
          'Ce sont votre prénom',
        );
        expect([
          await page.inputValue('#firstName'),
          await page.inputValue('#lastName'),
          await page.inputValue('#birthDate'),
        ]).toEqual(['', '', '']);
        expect(await page.isChecked('#pour-proche')).toBe(true);
        await expectPageBasics(page, 'booking form, the holder given as a relative');
      }
      await type('#firstName', relative.firstName);
      await type('#lastName', relative.lastName);
      await type('#birthDate', relative.birthDate);
      await type('#phone', relative.phone);
      await type('#email', relative.email);

      // "Prolonger" submits the same form: everything typed comes back, and the choice stays "Pour un proche".
      await press('#prolonger', 'Prolonger de quelques minutes');
      await page.waitForURL(`${formUrl}?prolonge=1`);
      expect(await page.locator('#compte-a-rebours').innerText()).toContain('Nous avons prolongé la réservation');
      for (const [field, value] of Object.entries(relative))
        expect(await page.inputValue(`#${field}`), field).toBe(value);
      expect(await page.isChecked('#pour-proche')).toBe(true);
      await check(page, 'booking form after "Prolonger"', js);

      await press('button[type="submit"]', 'Confirmer le rendez-vous');
      await page.waitForURL(/\/rendez-vous\/[0-9a-f-]{36}$/);
      expect(await page.locator('[role="status"] .fr-alert__title').innerText()).toBe('Rendez-vous de Bernard Dubois');
      expect(await page.locator('main').innerText()).toContain('Patient : Bernard Dubois');
      await check(page, 'confirmation for a relative', js);
      await press('a', 'Annuler ce rendez-vous');
      await page.waitForURL(/\/annuler$/);
      await press('button', 'Confirmer l’annulation');
      await page.waitForURL(/\/mes-rendez-vous\?annule=/);
      await context.close();
    });
  }

  for (const js of [true, false]) {
    it(`at the cap of 2 upcoming bookings per person, the form names the rule, lists them and keeps the hold (JavaScript ${js ? 'on, keyboard only' : 'off'})`, async () => {
      const zone = await bookableZone(world, { slots: 3 });
      const digits = (n: number) => String(Math.floor(Math.random() * 10 ** n)).padStart(n, '0');
      const person = {
        firstName: 'Lucienne',
        lastName: 'Capdevielle',
        birthDate: `1${digits(1)}0${1 + Math.floor(Math.random() * 9)}19${30 + Math.floor(Math.random() * 60)}`,
        phone: `061${digits(7)}`,
      }; // 06 1x: a mobile range (not every 06 number is allocated)
      const iso = `${person.birthDate.slice(4)}-${person.birthDate.slice(2, 4)}-${person.birthDate.slice(0, 2)}`;
      // One upcoming booking made elsewhere (another account): counted, never shown.
      const elsewhere = await fetch(`${world.base}/v1/bookings`, {
        method: 'POST',
        headers: {
          authorization: `Bearer ${await world.token('patient')}`,
          'content-type': 'application/json',
          'idempotency-key': crypto.randomUUID(),
        },
        body: JSON.stringify({ slotId: zone.slotIds[0], noOverbilling: true, patient: { ...person, birthDate: iso } }),
      });
      expect(elsewhere.status, await elsewhere.clone().text()).toBe(201);

      const context = await contexts(world.browser)[js ? 'withJs' : 'withoutJs']();
      const page = await context.newPage();
      const { type, press } = by(page, js);
      await signInAs(page, world, 'fc', 'fc-demo-1', `/reserver/${zone.slotIds[1]}`);
      for (const slot of [1, 2]) {
        if (slot === 2) await page.goto(`${world.base}/reserver/${zone.slotIds[2]}`);
        await press('button', 'Réserver ce créneau');
        await page.waitForURL(/\/reservation\/[0-9a-f-]{36}$/);
        if (js) {
          await tabTo(page, '#pour-moi');
          await page.keyboard.press('ArrowDown');
        } else await page.click('label[for="pour-proche"]');
        for (const [field, value] of Object.entries(person)) await type(`#${field}`, value);
        await press('button[type="submit"]', 'Confirmer le rendez-vous');
        if (slot === 1) await page.waitForURL(/\/rendez-vous\/[0-9a-f-]{36}$/);
      }
      const formUrl = page.url();
      await page.locator('#erreurs').waitFor();
      expect(await page.locator('#erreurs .fr-alert__title').innerText()).toBe('Limite de rendez-vous atteinte');
      expect(await page.locator('#erreurs').innerText()).toContain(
        'Lucienne Capdevielle a déjà 2 rendez-vous à venir. Chaque personne peut avoir au plus 2 rendez-vous à venir',
      );
      const list = page.locator('section[aria-labelledby="rendez-vous-a-venir"]');
      expect(await list.locator('h2').innerText()).toBe('Les rendez-vous à venir de Lucienne Capdevielle');
      expect(await list.locator('a[href^="/rendez-vous/"]').count()).toBe(1);
      expect(await list.innerText()).toContain(
        'Un autre rendez-vous a été pris par le centre d’appels ou depuis un autre compte',
      );
      expect(await list.innerText()).toContain('nous gardons ce créneau pour vous jusqu’à');
      for (const [field, value] of Object.entries(person))
        expect(await page.inputValue(`#${field}`), field).toBe(value);
      await expectPageBasics(page, 'booking form at the cap');
      if (js) await expectNoAxeViolations(page, 'booking form at the cap', { bestPractices: true });
      // The hold is still ours: the form opens again.
      const holdId = formUrl.split('/').pop()!.split('?')[0];
      const [hold] = await world.sql<{ status: string }>('SELECT status FROM holds WHERE id = $1', [holdId]);
      expect(hold.status).toBe('active');
      await page.goto(`${world.base}/reservation/${holdId}`);
      expect(await page.locator('h1').innerText()).toBe('Vos coordonnées');
      await context.close();
    });
  }

  for (const js of [true, false]) {
    it(`a landline and no email: said before booking, then no reminder promised (JavaScript ${js ? 'on, keyboard only' : 'off'})`, async () => {
      const zone = await bookableZone(world, { slots: 1 });
      const context = await contexts(world.browser)[js ? 'withJs' : 'withoutJs']();
      const page = await context.newPage();
      const { type, press } = by(page, js);
      // fc-demo-3 gives no email; signing in from the slot opens the form, the slot held.
      await page.goto(`${world.base}/connexion?retour=${encodeURIComponent(`/reserver/${zone.slotIds[0]}/garder`)}`);
      await page.waitForURL((url) => !url.toString().startsWith(world.base));
      await page.check('input[name="account"][value="fc-demo-3"]');
      await page.click('button[type="submit"]');
      await page.waitForURL(/\/reservation\/[0-9a-f-]{36}$/);
      expect(await page.inputValue('#email')).toBe('');
      await type(
        '#phone',
        `05 58 ${String(Math.floor(Math.random() * 1e6))
          .padStart(6, '0')
          .replace(/(\d\d)(\d\d)(\d\d)/, '$1 $2 $3')}`,
      );
      await press('button[type="submit"]', 'Confirmer le rendez-vous');
      await page.locator('#sans-rappel').waitFor();
      expect(await page.locator('#sans-rappel').innerText()).toContain('indiquez un numéro de mobile');
      expect(await page.locator('#sans-rappel a[href="#email"]').count()).toBe(1);
      await expectPageBasics(page, 'booking form, no reminder possible');
      if (js) await expectNoAxeViolations(page, 'booking form, no reminder possible', { bestPractices: true });
      await press('button[type="submit"]', 'Confirmer le rendez-vous');
      await page.waitForURL(/\/rendez-vous\/[0-9a-f-]{36}$/);
      const said = await page.locator('[role="status"]').innerText();
      expect(said).toContain('Aucun rappel ne sera envoyé');
      expect(said).not.toContain('Nous vous enverrons');
      await check(page, 'confirmation without a reminder', js);
      await press('a', 'Annuler ce rendez-vous');
      await page.waitForURL(/\/annuler$/);
      await press('button', 'Confirmer l’annulation');
      await page.waitForURL(/\/mes-rendez-vous\?annule=/);
      await context.close();
    });
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
    await tabTo(page, 'a.fr-connect');
    await page.keyboard.press('Enter');
    // The provider's page: its first identity is chosen; the button submits it.
    await page.waitForURL((url) => !url.toString().startsWith(world.base));
    await tabTo(page, 'button[type="submit"]');
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
    await tabTo(page, 'a', 'Annuler ce rendez-vous');
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/annuler\?depuis=liste$/);
    await tabTo(page, 'button', 'Confirmer l’annulation');
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/mes-rendez-vous\?annule=/);
    expect(await page.locator('[role="status"]').innerText()).toContain('est annulé');
    await context.close();
  });

  it('warns before the hold ends and extends it (JavaScript on); says a slot was taken meanwhile', async () => {
    const zone = await bookableZone(world, { slots: 2 });
    const context = await contexts(world.browser).withJs();
    const page = await context.newPage();
    await page.goto(`${world.base}/reserver/${zone.slotIds[0]}`);
    await page.click('a.fr-connect');
    await page.waitForURL((url) => !url.toString().startsWith(world.base));
    await page.click('button[type="submit"]');
    await page.waitForURL(/\/reservation\//);
    const holdId = page.url().split('/').pop()!;

    // 25 seconds left: the countdown warns (role="alert") and points at the button.
    await world.sql(`UPDATE holds SET expires_at = now() + interval '25 seconds' WHERE id = $1`, [holdId]);
    await page.reload();
    await expect
      .poll(() => page.locator('[role="alert"]').first().innerText(), { timeout: 5_000 })
      .toContain('Prolonger de quelques minutes');
    await expectNoAxeViolations(page, 'booking form, countdown warning', { bestPractices: true });
    await page.click('#prolonger');
    await page.waitForURL(/prolonge=1/);
    expect(await page.locator('#compte-a-rebours').innerText()).toContain('Nous avons prolongé la réservation');

    // Someone else took the second slot while this page was open.
    await page.goto(`${world.base}/reserver/${zone.slotIds[1]}`);
    await world.sql(`UPDATE slots SET status = 'withdrawn' WHERE id = $1`, [zone.slotIds[1]]);
    await page.click('button:has-text("Réserver ce créneau")');
    await page.waitForLoadState();
    expect(await page.locator('h1').innerText()).toBe('Ce créneau n’est plus libre');
    await expectNoAxeViolations(page, 'slot taken meanwhile', { bestPractices: true });
    await context.close();
  });
});
