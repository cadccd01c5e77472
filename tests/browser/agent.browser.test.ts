// The call-centre console in Chromium: an agent signs in through the ProConnect twin, starts a
// call, finds a slot by postcode for the caller, books on their behalf (a refused form first),
// reads the booking back, then finds it by the caller's phone. Once with JavaScript and the
// keyboard alone, once without JavaScript; axe-core on every page and state of ours.
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
import { letters } from '../helpers/names';

describeInBrowser('the call-centre console in Chromium', () => {
  let world: World;
  // One zone for both journeys (its set-up is most of a journey's time): each books its own slot.
  let zone: BookableZone;

  beforeAll(async () => {
    world = await startWorld();
    zone = await bookableZone(world, { slots: 2 });
  });

  afterAll(async () => {
    await world?.stop();
  });

  for (const [js, slot] of [
    [true, 0],
    [false, 1],
  ] as const) {
    it(`books for a caller, reads it back, finds it by phone (${js ? 'JavaScript on, keyboard only' : 'JavaScript off'})`, async () => {
      const context = await contexts(world.browser)[js ? 'withJs' : 'withoutJs']();
      const page = await context.newPage();
      const call = `APL-${crypto.randomUUID().slice(0, 8)}`;
      const phone = `061${String(Math.floor(Math.random() * 1e7)).padStart(7, '0')}`;
      const lastName = `Giono-${letters()}`;

      /**
       * Basics and axe on our page as it stands. Without JavaScript the DOM is the server's HTML, which
       * the run with JavaScript has already checked, except where one of our scripts changes it (the
       * hold's countdown): there axe runs on the same GET in a context that blocks our scripts (with
       * javaScriptEnabled: false, axe itself cannot run).
       */
      async function check(state: string, scripted = false) {
        await expectPageBasics(page, state);
        if (js) return expectNoAxeViolations(page, state);
        if (!scripted) return;
        const twin = await contexts(world.browser).withoutPageScripts();
        await twin.addCookies(await context.cookies());
        const copy = await twin.newPage();
        await copy.goto(page.url());
        await expectNoAxeViolations(copy, `${state} (scripts blocked)`);
        await twin.close();
      }
      /** Into a field (Tab alone with JavaScript on), replacing what it holds. */
      async function type(selector: string, text: string) {
        if (js) await tabTo(page, selector);
        else await page.focus(selector);
        await page.keyboard.press('Control+A');
        await page.keyboard.type(text);
      }
      async function press(selector: string, text = '') {
        if (js) {
          await tabTo(page, selector, text);
          await page.keyboard.press('Enter');
        } else await page.click(text ? `${selector}:has-text("${text}")` : selector);
      }

      await signInAs(page, world, 'proconnect', 'pc-agent-1', '/agent');
      await page.waitForURL(`${world.base}/agent`);
      await check('start of a call');
      await type('#appel', 'pas une référence');
      await press('button[type="submit"]', 'Commencer l’appel');
      await page.waitForURL(/\/agent\?appel=/);
      expect(await page.locator('#appel-error').count()).toBe(1);
      await check('start of a call, bad reference');
      await type('#appel', call);
      await press('button[type="submit"]', 'Commencer l’appel');
      await page.waitForURL(`${world.base}/agent?appel=${call}`);
      await check('the call');

      await type('#q', zone.postcode);
      await press('button[type="submit"]', 'Chercher les créneaux libres');
      await page.waitForURL(/\/agent\/creneaux\?/);
      await check('free slots');
      await press(`form[action="/agent/creneaux/${zone.slotIds[slot]}"] button`);
      await page.waitForURL(/\/agent\/reservation\/[0-9a-f-]{36}\?appel=/);
      await check('booking form', true);
      expect(await page.locator('#compte-a-rebours').innerText()).toMatch(/jusqu’à \d+\u00a0h/);

      await type('#firstName', 'Jean');
      await type('#lastName', lastName);
      await type('#birthDate', '30031945');
      await type('#phone', phone);
      // "Prolonger" is the form's second submit: what was typed stays (a birth date in digits too).
      await press('#prolonger', 'Prolonger de quelques minutes');
      await page.waitForURL(/\/agent\/reservation\/[0-9a-f-]{36}\?appel=.*prolonge=1/);
      expect(await page.locator('#compte-a-rebours').innerText()).toContain('gardé plus longtemps');
      expect([
        await page.inputValue('#firstName'),
        await page.inputValue('#lastName'),
        await page.inputValue('#birthDate'),
        await page.inputValue('#phone'),
      ]).toEqual(['Jean', lastName, '30031945', phone]);
      await check('booking form after "Prolonger"', true);
      await press('button[type="submit"]', 'Confirmer le rendez-vous');
      await page.locator('#erreurs').waitFor();
      expect(await page.locator('.fr-alert--error a[href="#sans_depassement"]').count()).toBe(1);
      expect(await page.title()).toMatch(/^Erreur/);
      await check('booking form, statement not ticked');

      if (js) {
        await tabTo(page, '#sans_depassement');
        await page.keyboard.press('Space');
      } else await page.click('label[for="sans_depassement"]');
      await press('button[type="submit"]', 'Confirmer le rendez-vous');
      await page.waitForURL(/\/agent\/rendez-vous\/[0-9a-f-]{36}\?appel=.*nouveau=1/);
      const readBack = await page.locator('#a-lire').innerText();
      expect(readBack).toMatch(new RegExp(`^Le \\p{L}+ \\d+ \\p{L}+ à 9\\sh${slot ? '\\s20' : ''}, `, 'u'));
      expect(readBack).toContain('aucun dépassement d’honoraires');
      await check('confirmation to read back');
      const bookingPath = new URL(page.url()).pathname;

      await press(`a[href="/agent?appel=${call}"]`, 'Retour à l’appel');
      await page.waitForURL(`${world.base}/agent?appel=${call}`);
      await type('#telephone', `+33 ${phone.slice(1)}`);
      await press('button[type="submit"]', 'Chercher par téléphone');
      await page.waitForURL(`${world.base}/agent/rendez-vous/recherche`);
      expect(await page.locator('[role="status"]').innerText()).toContain('1 rendez-vous trouvé');
      await check('bookings found');
      await press(`a[href^="${bookingPath}"]`);
      await page.waitForURL(new RegExp(`${bookingPath}\\?appel=`));
      await check('the booking found');
      await context.close();
    });
  }

  for (const js of [true, false]) {
    it(`a refusal during a call stays on the agent's form: the cap with the person's bookings, a slot taken meanwhile, a hold over (${js ? 'JavaScript on, keyboard only' : 'JavaScript off'})`, async () => {
      const own = await bookableZone(world, { slots: 5 });
      const context = await contexts(world.browser)[js ? 'withJs' : 'withoutJs']();
      const page = await context.newPage();
      const call = `APL-${crypto.randomUUID().slice(0, 8)}`;
      const digits = (n: number) => String(Math.floor(Math.random() * 10 ** n)).padStart(n, '0');
      const person = {
        firstName: 'Marcelle',
        lastName: `Pagnol-${letters()}`,
        birthDate: `1${digits(1)}0${1 + Math.floor(Math.random() * 9)}19${30 + Math.floor(Math.random() * 60)}`,
        phone: `061${digits(7)}`,
      };
      const iso = `${person.birthDate.slice(4)}-${person.birthDate.slice(2, 4)}-${person.birthDate.slice(0, 2)}`;
      // Two upcoming bookings of the person, made elsewhere: the cap of 2 is reached.
      for (const slot of [0, 1]) {
        const res = await fetch(`${world.base}/v1/bookings`, {
          method: 'POST',
          headers: {
            authorization: `Bearer ${await world.token('patient')}`,
            'content-type': 'application/json',
            'idempotency-key': crypto.randomUUID(),
          },
          body: JSON.stringify({
            slotId: own.slotIds[slot],
            noOverbilling: true,
            patient: { ...person, birthDate: iso },
          }),
        });
        expect(res.status, await res.clone().text()).toBe(201);
      }
      async function press(selector: string, text = '') {
        if (js) {
          await tabTo(page, selector, text);
          await page.keyboard.press('Enter');
        } else await page.click(text ? `${selector}:has-text("${text}")` : selector);
      }
      /** Holds the slot for the caller and fills the form for the person, the statement ticked. */
      async function holdAndFill(slot: number) {
        await page.goto(`${world.base}/agent/creneaux?appel=${call}&commune=${own.insee}`);
        await press(`form[action="/agent/creneaux/${own.slotIds[slot]}"] button`);
        await page.waitForURL(/\/agent\/reservation\/[0-9a-f-]{36}\?appel=/);
        for (const [field, value] of Object.entries(person)) await page.fill(`#${field}`, value);
        await page.check('#sans_depassement', { force: true });
        return page.url().split('/').pop()!.split('?')[0];
      }
      /** Still the agent's form of this call: the space's header, the call's reference, the refusal announced. */
      async function expectRefusedForm(state: string) {
        await page.locator('#erreurs').waitFor();
        expect(await page.locator('h1').innerText(), state).toBe('Coordonnées du patient');
        expect(await page.locator('header').innerText(), state).toContain('Espace centre d’appels');
        expect(await page.locator('main').innerText(), state).toContain(call);
        expect(await page.inputValue('#lastName'), state).toBe(person.lastName);
        await expectPageBasics(page, state);
        if (js) await expectNoAxeViolations(page, state, { bestPractices: true });
      }

      await signInAs(page, world, 'proconnect', 'pc-agent-1', '/agent');
      const capHold = await holdAndFill(2);
      await press('button[type="submit"]', 'Confirmer le rendez-vous');
      await expectRefusedForm('booking form at the cap');
      expect(await page.locator('#erreurs').innerText()).toContain(
        `Marcelle ${person.lastName} a déjà 2 rendez-vous à venir. Chaque personne peut avoir au plus 2 rendez-vous à venir`,
      );
      const list = page.locator('section[aria-labelledby="rendez-vous-a-venir"]');
      expect(await list.locator('h2').innerText()).toBe(`Les rendez-vous à venir de Marcelle ${person.lastName}`);
      expect(await list.locator(`a[href^="/agent/rendez-vous/"][href*="appel=${call}"]`).count()).toBe(2);
      // Each booking shown is a read of patient data, audited with the call.
      const audited = await world.sql<{ n: number }>(
        `SELECT count(*)::int AS n FROM audit_events WHERE action = 'booking.read_at_cap' AND call_reference = $1`,
        [call],
      );
      expect(audited[0].n).toBe(2);
      // Cancel one with the person's consent, come back: what was typed is still there, the slot still held.
      await list.locator('a').first().click();
      await page.click('button:has-text("Annuler ce rendez-vous")');
      await page.click('button:has-text("Oui, annuler le rendez-vous")');
      await page.waitForURL(/annule=1/);
      await page.goto(`${world.base}/agent/reservation/${capHold}?appel=${call}`);
      expect(await page.inputValue('#lastName')).toBe(person.lastName);

      // Someone else books the slot once the hold is over: said on the form, with the way to the free ones.
      const takenHold = await holdAndFill(3);
      await world.sql(`UPDATE holds SET expires_at = now() - interval '1 second' WHERE id = $1`, [takenHold]);
      await world.sql(`UPDATE slots SET hold_expires_at = now() - interval '1 second' WHERE hold_id = $1`, [takenHold]);
      const other = await fetch(`${world.base}/v1/bookings`, {
        method: 'POST',
        headers: {
          authorization: `Bearer ${await world.token('integrator', { client_id: `app-${digits(6)}` })}`,
          'content-type': 'application/json',
          'idempotency-key': crypto.randomUUID(),
        },
        body: JSON.stringify({
          slotId: own.slotIds[3],
          noOverbilling: true,
          patient: {
            firstName: 'Autre',
            lastName: `Personne-${letters()}`,
            birthDate: '1950-01-01',
            phone: `061${digits(7)}`,
          },
        }),
      });
      expect(other.status, await other.clone().text()).toBe(201);
      await press('button[type="submit"]', 'Confirmer le rendez-vous');
      await expectRefusedForm('booking form, slot taken meanwhile');
      expect(await page.locator('#erreurs').innerText()).toContain(
        'Ce créneau vient d’être pris par quelqu’un d’autre pendant l’appel',
      );
      expect(await page.locator('button:has-text("Confirmer le rendez-vous")').count()).toBe(0);
      expect(await page.locator('#compte-a-rebours').count()).toBe(0);
      expect(await page.locator(`a[href="/agent/creneaux?appel=${call}&commune=${own.insee}"]`).innerText()).toContain(
        'Voir les créneaux libres à',
      );

      // The hold over but the slot still free: held again from the form, with what was typed.
      const overHold = await holdAndFill(4);
      await world.sql(`UPDATE holds SET expires_at = now() - interval '1 second' WHERE id = $1`, [overHold]);
      await world.sql(`UPDATE slots SET hold_expires_at = now() - interval '1 second' WHERE hold_id = $1`, [overHold]);
      await press('button[type="submit"]', 'Confirmer le rendez-vous');
      await expectRefusedForm('booking form, hold over, slot still free');
      expect(await page.locator('#erreurs').innerText()).toContain('il est encore libre');
      await press('button[type="submit"]', 'Garder ce créneau à nouveau');
      await page.waitForURL(
        (url) => /\/agent\/reservation\/[0-9a-f-]{36}$/.test(url.pathname) && !url.pathname.endsWith(overHold),
      );
      expect(await page.locator('#compte-a-rebours').innerText()).toMatch(/jusqu’à \d+\u00a0h/);
      expect([
        await page.inputValue('#firstName'),
        await page.inputValue('#lastName'),
        await page.inputValue('#phone'),
      ]).toEqual([person.firstName, person.lastName, person.phone]);
      await context.close();
    });
  }
});
