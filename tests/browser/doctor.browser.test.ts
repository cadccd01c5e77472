// The doctor's mission day in Chromium, signed in through the Pro Santé Connect twin as a fresh
// doctor: declare a day (an error first), cancel it, check in (the position offered with
// JavaScript, none without), record an arrival (undone once) and a consultation at the tarif
// opposable, check out after confirming the hours it declares (refused before the day's start),
// read the indemnity. With JavaScript, without, and with the keyboard alone; axe-core on every page
// and state of ours, and at 320 px no sideways scroll and nothing cut off.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import {
  contexts,
  describeInBrowser,
  expectNoAxeViolations,
  expectPageBasics,
  parisDate,
  signInAs,
  startWorld,
  type World,
  tabTo,
  reusedConnection,
} from './harness';

const SITE = { latitude: 44.2, longitude: 0.6 };

/** Paris local date and time (YYYY-MM-DD, HH:MM) of an instant. */
function parisClock(instant: Date) {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-CA', {
      timeZone: 'Europe/Paris',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    })
      .formatToParts(instant)
      .map((p) => [p.type, p.value]),
  );
  return { date: `${parts.year}-${parts.month}-${parts.day}`, time: `${parts.hour}:${parts.minute}` };
}

/**
 * A mission about to start on the worker's real clock (check-in opens 60 minutes before the start):
 * 10 to 15 minutes from now, until 2 hours later or 23:55; late in the evening, just after midnight.
 */
function soonHours() {
  const start = new Date(Math.ceil((Date.now() + 10 * 60_000) / 300_000) * 300_000);
  const local = parisClock(start);
  if (local.time > '23:30')
    return { date: parisClock(new Date(start.getTime() + 3_600_000)).date, start: '00:00', end: '02:00' };
  const end = parisClock(new Date(start.getTime() + 2 * 3_600_000));
  return {
    date: local.date,
    start: local.time,
    end: end.date === local.date && end.time < '23:55' ? end.time : '23:55',
  };
}

describeInBrowser('the doctor’s mission day in Chromium', () => {
  let world: World;

  beforeAll(async () => {
    world = await startWorld();
  });

  afterAll(async () => {
    await world?.stop();
  });

  /** A zone and site of their own, a fresh doctor, a day about to start with one patient booked. */
  async function setup() {
    const admin = await world.token('admin', { sub: 'ars-browser-test' });
    const suffix = Array.from({ length: 5 }, () => 'bcdfghjklmnpqrstvz'[Math.floor(Math.random() * 18)]).join('');
    const siteName = `Cabinet Vx${suffix}`;
    let siteId: string | undefined;
    for (let attempt = 0; attempt < 20 && !siteId; attempt++) {
      const [zone] = await world.sql<{ siren: string; insee: string }>(
        `SELECT e.siren, c.insee FROM epci e JOIN communes c ON c.epci_siren = e.siren
         WHERE e.siren NOT IN (SELECT siren FROM zone_designations) AND e.time_zone = 'Europe/Paris' AND e.type = 'CC' ORDER BY random() LIMIT 1`,
      );
      if (
        (await world.api('POST', `/v1/zones/${zone.siren}/priority`, { source: 'browser test' }, admin)).status !== 201
      )
        continue;
      const site = await world.api(
        'POST',
        '/v1/sites',
        {
          name: siteName,
          address: '3 place de l’Église',
          communeInsee: zone.insee,
          kind: 'cabinet',
          phone: '05 55 00 00 01',
          ...SITE,
        },
        admin,
      );
      expect(site.status, JSON.stringify(site.body)).toBe(201);
      siteId = site.body.id as string;
    }
    const rpps = `1${String(Math.floor(Math.random() * 1e10)).padStart(10, '0')}`;
    const doctor = await world.token('doctor', { sub: `dr-${rpps}`, rpps });
    const hours = soonHours();
    const mission = await world.api('POST', '/v1/missions', { siteId, ...hours, slotMinutes: 20 }, doctor);
    expect(mission.status, JSON.stringify(mission.body)).toBe(201);
    const [slot] = await world.sql<{ id: string }>(
      'SELECT id FROM slots WHERE mission_id = $1 ORDER BY starts_at LIMIT 1',
      [mission.body.id],
    );
    const patient = await world.token('patient', { sub: `patient-${rpps}` });
    const booking = await fetch(`${world.base}/v1/bookings`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${patient}`,
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
          phone: `061${String(Math.floor(Math.random() * 1e7)).padStart(7, '0')}`,
        },
      }),
    });
    expect(booking.status, await booking.clone().text()).toBe(201);
    return { rpps, siteId: siteId!, siteName, missionId: mission.body.id as string, month: hours.date.slice(0, 7) };
  }

  /** The day's start moved a minute into the past (the worker runs on the real clock): the departure opens. */
  async function startedAMinuteAgo(missionId: string) {
    await world.sql(`UPDATE missions SET starts_at = now() - interval '1 minute' WHERE id = $1`, [missionId]);
  }

  /** Every DSFR icon in the page is drawn from an SVG the site serves (without its class's rule it is a plain square). */
  async function expectIconsDrawn(page: Page, state: string) {
    const masks = await page.evaluate(() => {
      const document = (globalThis as any).document;
      return [...document.querySelectorAll('main [class*="fr-icon-"]')].map((e: any) => {
        const style = (globalThis as any).getComputedStyle(e, '::before');
        return {
          icon: (e.className as string).match(/fr-icon-[a-z0-9-]+/)![0],
          mask: (style.maskImage || style.webkitMaskImage) as string,
        };
      });
    });
    for (const { icon, mask } of masks) {
      const url = /url\("?([^")]+)"?\)/.exec(mask)?.[1];
      expect(url, `${state}: ${icon} has no image`).toBeDefined();
      expect((await page.request.get(url!, reusedConnection)).status(), `${state}: ${icon} (${url})`).toBe(200);
    }
    return masks.length;
  }

  /** Basics and axe on our page as it stands; without JavaScript, axe runs on the same GET in a context without our scripts. */
  async function check(page: Page, state: string, js: boolean) {
    await expectPageBasics(page, state);
    await expectIconsDrawn(page, state);
    if (js) return expectNoAxeViolations(page, state);
    const context = await contexts(world.browser).withoutPageScripts();
    await context.addCookies(await page.context().cookies());
    const twin = await context.newPage();
    await twin.goto(page.url());
    await expectNoAxeViolations(twin, `${state} (scripts blocked)`);
    await context.close();
  }

  /**
   * At 320 px (a phone) the page does not scroll sideways, and nothing in it is cut off: each table
   * row is a stacked card, so every cell, button and amount lies within the screen's width.
   */
  async function checkNarrow(page: Page, state: string, js: boolean) {
    await page.setViewportSize({ width: 320, height: 800 });
    // Runs in the browser: its globals are untyped here (no DOM library in this type-checking).
    const { scrollWidth, cutOff } = await page.evaluate(() => {
      const document = (globalThis as any).document;
      const width = document.documentElement.clientWidth as number;
      const cutOff = [...document.querySelectorAll('main a, main button, main td, main tbody th')]
        .filter((e: any) => {
          const r = e.getBoundingClientRect();
          return r.width > 0 && (r.left < 0 || r.right > width + 0.5);
        })
        .map((e: any) => (e.textContent as string).trim());
      return { scrollWidth: document.documentElement.scrollWidth as number, cutOff };
    });
    expect(scrollWidth, `${state}: horizontal scroll at 320 px`).toBeLessThanOrEqual(320);
    expect(cutOff, `${state}: cut off at 320 px`).toEqual([]);
    if (js) await expectNoAxeViolations(page, `${state} at 320 px`);
    await page.setViewportSize({ width: 1280, height: 900 });
  }

  for (const js of [true, false]) {
    it(`declares a day, cancels it, checks in, records a consultation, checks out, reads the indemnity (JavaScript ${js ? 'on' : 'off'})`, async () => {
      const day = await setup();
      const context = js
        ? await world.browser.newContext({
            viewport: { width: 1280, height: 900 },
            locale: 'fr-FR',
            geolocation: SITE,
            permissions: ['geolocation'],
          })
        : await contexts(world.browser).withoutJs();
      const page = await context.newPage();
      await signInAs(page, world, 'psc', `rpps-${day.rpps}`, '/medecin');
      expect(await page.locator('#compte-mensuel').innerText()).toMatch(/1 jour sur 2 utilisé en/);
      expect(await expectIconsDrawn(page, 'Mes journées de mission')).toBeGreaterThan(0);
      await check(page, 'Mes journées de mission', js);

      await page.click('a:has-text("Déclarer une journée de mission")');
      await page.waitForURL(`${world.base}/medecin/journees/nouvelle`);
      await check(page, 'declaring a day', js);
      await page.selectOption('#site', day.siteId);
      await page.click('button:has-text("Déclarer cette journée")');
      await page.waitForURL(`${world.base}/medecin/journees/nouvelle`);
      expect(await page.title()).toMatch(/^Erreur/);
      expect(await page.locator('#date-erreur').innerText()).toContain('JJ/MM/AAAA');
      await expectPageBasics(page, 'declaring a day, with an error');
      if (js) await expectNoAxeViolations(page, 'declaring a day, with an error');
      await page.fill('#date', parisDate(40));
      await page.click('button:has-text("Déclarer cette journée")');
      await page.waitForURL(/\/medecin\?declaree=/);
      expect(await page.locator('[role="status"]').innerText()).toContain('déclarée');
      await check(page, 'a day declared', js);
      await checkNarrow(page, 'Mes journées de mission', js);

      const declared = page.url().split('declaree=')[1];
      await page.click(`a[href="/medecin/journees/${declared}/annuler"]`);
      expect(await page.locator('#patients-prevenus').innerText()).toContain('personne n’est à prévenir');
      await check(page, 'cancelling a day', js);
      await page.click('button:has-text("Confirmer l’annulation")');
      await page.waitForURL(/\/medecin\?annulee=/);
      expect(await page.locator('[role="status"]').innerText()).toContain('annulée');
      await check(page, 'a day cancelled', js);

      await page.click(`a[href="/medecin/journees/${day.missionId}"]`);
      await page.waitForURL(`${world.base}/medecin/journees/${day.missionId}`);
      expect(await page.locator('main').innerText()).toContain('Marcel Dupuis');
      if (js) {
        await page.check('#joindre-position', { force: true });
        await expect.poll(() => page.locator('#position [role="status"]').innerText()).toContain('Position trouvée');
      } else {
        expect(await page.locator('#joindre-position').count()).toBe(0);
      }
      await check(page, 'my day, before checking in', js);
      await page.click('button:has-text("Pointer mon arrivée")');
      await page.waitForURL(/fait=arrivee/);
      const [point] = await world.sql<{ check_in_latitude: number | null }>(
        'SELECT check_in_latitude FROM missions WHERE id = $1',
        [day.missionId],
      );
      expect(point.check_in_latitude).toBe(js ? SITE.latitude : null);
      await check(page, 'my day, checked in', js);
      await checkNarrow(page, 'my day', js);

      await page.click('button:has-text("Arrivée")');
      await page.waitForURL(/fait=patient/);
      await checkNarrow(page, 'my day, a patient arrived', js);
      // A mistaken arrival is undone on the day: the patient is expected again.
      await page.click('button:has-text("Annuler l’arrivée")');
      await page.waitForURL(/fait=attendu/);
      expect(await page.locator('[role="status"]').innerText()).toContain('de nouveau attendu');
      await check(page, 'my day, an arrival undone', js);
      await page.click('button:has-text("Arrivée")');
      await page.waitForURL(/fait=patient/);
      await page.click('a:has-text("Consultation")');
      await page.waitForURL(/\/consultation$/);
      expect(await page.locator('#montant').innerText()).toBe('30 €');
      expect(
        await page.locator('main form input:not([type="hidden"]), main form select, main form textarea').count(),
      ).toBe(0);
      await check(page, 'the consultation', js);
      await page.click('button:has-text("Enregistrer la consultation")');
      await page.waitForURL(/fait=consultation/);
      expect(await page.locator('[role="status"]').innerText()).toContain('30 €');
      await check(page, 'my day, consultation recorded', js);

      // Before the day's start (a few minutes ahead) the departure is not offered; then its start passes.
      expect(await page.locator('#depart-ouvre').innerText()).toContain(
        'Vous pourrez pointer votre départ à partir de',
      );
      expect(await page.locator('text=Pointer mon départ').count()).toBe(0);
      await startedAMinuteAgo(day.missionId);
      await page.reload();
      await page.click('a:has-text("Pointer mon départ")');
      await page.waitForURL(/\/depart$/);
      expect(await page.locator('#heures-declarees').innerText()).toMatch(
        /arrivée à .*, départ maintenant \(.*\), soit .* de présence/,
      );
      expect(await page.locator('#indemnisation').innerText()).toContain('ne sera pas indemnisée');
      await check(page, 'confirming the check-out', js);
      await checkNarrow(page, 'confirming the check-out', js);
      await page.click('button:has-text("Confirmer mon départ")');
      await page.waitForURL(/fait=depart/);
      await check(page, 'my day, checked out', js);

      await page.click('nav a:has-text("Mes indemnités")');
      await page.waitForURL(/\/medecin\/indemnites/);
      if (!page.url().includes(day.month)) await page.goto(`${world.base}/medecin/indemnites?mois=${day.month}`);
      const total = page.locator('#total');
      // Checked out seconds after checking in: under INDEMNITY_HALF_DAY_HOURS of presence the day
      // pays nothing (the amounts of the presence rule are in tests/indemnities.test.ts).
      expect(await total.innerText()).toBe('0 €');
      await check(page, 'Mes indemnités', js);
      await checkNarrow(page, 'Mes indemnités', js);
      const csv = await page.request.get(
        `${world.base}${await page.getAttribute('a[href^="/medecin/indemnites.csv"]', 'href')}`,
        reusedConnection,
      );
      expect(csv.headers()['content-type']).toContain('text/csv');
      expect(await csv.text()).toContain(`,${day.siteName},`);
      await context.close();
    });
  }

  for (const js of [true, false]) {
    it(`the site choice is grouped by département and region, the zones with the fewest days in the coming 30 days first (JavaScript ${js ? 'on' : 'off'})`, async () => {
      const day = await setup();
      const [{ departement, region }] = await world.sql<{ departement: string; region: string }>(
        'SELECT c.departement, c.region FROM sites si JOIN communes c ON c.insee = si.commune_insee WHERE si.id = $1',
        [day.siteId],
      );
      const context = await (js ? contexts(world.browser).withJs() : contexts(world.browser).withoutPageScripts());
      const page = await context.newPage();
      await signInAs(page, world, 'psc', `rpps-${day.rpps}`, '/medecin/journees/nouvelle');
      await page.goto(`${world.base}/medecin/journees/nouvelle`);
      expect(await page.locator('label[for="site"] .fr-hint-text').innerText()).toContain(
        'le moins de journées sont prévues dans les 30 prochains jours',
      );
      const groups = await page.evaluate(() =>
        [...(globalThis as any).document.querySelectorAll('#site optgroup')].map((g: any) => ({
          label: g.label as string,
          options: [...g.querySelectorAll('option')].map((o: any) => ({
            value: o.value as string,
            text: o.textContent as string,
          })),
        })),
      );
      // Every site is in a group; the day declared in setup() counts for its zone.
      expect(await page.locator('#site > option').count()).toBe(1);
      const days = (text: string) =>
        text.endsWith('aucune journée prévue dans la zone')
          ? 0
          : Number(/– (\d+) journées? prévues? dans la zone$/.exec(text)![1]);
      const own = groups.find((g) => g.options.some((o) => o.value === day.siteId))!;
      expect(own.label).toMatch(new RegExp(`\\(${departement}\\), ${region}$`));
      expect(days(own.options.find((o) => o.value === day.siteId)!.text)).toBeGreaterThanOrEqual(1);
      // The emptiest zones first: groups by their emptiest zone, and within each group.
      const mins = groups.map((g) => Math.min(...g.options.map((o) => days(o.text))));
      expect(mins).toEqual([...mins].sort((a, b) => a - b));
      for (const g of groups)
        expect(
          g.options.map((o) => days(o.text)),
          g.label,
        ).toEqual(g.options.map((o) => days(o.text)).sort((a, b) => a - b));
      await expectNoAxeViolations(page, 'declaring a day, sites grouped', { bestPractices: true });
      await context.close();
    });
  }

  it('the whole day with the keyboard alone: declare, check in, consultation, check out, indemnities', async () => {
    const day = await setup();
    const context = await contexts(world.browser).withJs();
    const page = await context.newPage();
    await signInAs(page, world, 'psc', `rpps-${day.rpps}`, '/medecin');
    await tabTo(page, 'a', 'Déclarer une journée de mission');
    await page.keyboard.press('Enter');
    await page.waitForURL(`${world.base}/medecin/journees/nouvelle`);
    await tabTo(page, '#site');
    await page.keyboard.type(day.siteName);
    expect(await page.inputValue('#site')).toBe(day.siteId);
    await tabTo(page, '#date');
    // A date whose day and month are the same number: typed the same whatever order the browser's
    // date field shows (Chromium follows its own language, not the page's).
    let ahead = 3;
    while (parisDate(ahead).slice(5, 7) !== parisDate(ahead).slice(8, 10)) ahead++;
    const [year, month, date] = parisDate(ahead).split('-');
    await page.keyboard.type(`${date}${month}${year}`);
    expect(await page.inputValue('#date')).toBe(parisDate(ahead));
    await tabTo(page, 'button', 'Déclarer cette journée');
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/medecin\?declaree=/);

    await tabTo(page, `a[href="/medecin/journees/${day.missionId}"]`);
    await page.keyboard.press('Enter');
    await page.waitForURL(`${world.base}/medecin/journees/${day.missionId}`);
    // This browser was given no permission: the position is refused, and the check-in goes on without it.
    await tabTo(page, '#joindre-position');
    await page.keyboard.press('Space');
    await expect
      .poll(() => page.locator('#position [role="status"]').innerText(), { timeout: 15_000 })
      .toContain('Position indisponible');
    await tabTo(page, 'button', 'Pointer mon arrivée');
    await page.keyboard.press('Enter');
    await page.waitForURL(/fait=arrivee/);
    const [point] = await world.sql<{ check_in_latitude: number | null; checked_in_at: Date | null }>(
      'SELECT check_in_latitude, checked_in_at FROM missions WHERE id = $1',
      [day.missionId],
    );
    expect(point.checked_in_at).not.toBeNull();
    expect(point.check_in_latitude).toBeNull();
    await tabTo(page, 'button', 'Arrivée');
    await page.keyboard.press('Enter');
    await page.waitForURL(/fait=patient/);
    await tabTo(page, 'a', 'Consultation');
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/consultation$/);
    await tabTo(page, 'button', 'Enregistrer la consultation');
    await page.keyboard.press('Enter');
    await page.waitForURL(/fait=consultation/);
    await startedAMinuteAgo(day.missionId);
    await page.reload();
    await tabTo(page, 'a', 'Pointer mon départ');
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/depart$/);
    await tabTo(page, 'button', 'Confirmer mon départ');
    await page.keyboard.press('Enter');
    await page.waitForURL(/fait=depart/);
    await tabTo(page, 'nav a', 'Mes indemnités');
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/medecin\/indemnites/);
    if (page.url().includes(day.month)) expect(await page.locator('#total').innerText()).toBe('0 €');
    await context.close();
  });
});
