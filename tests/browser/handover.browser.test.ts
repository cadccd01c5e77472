// A replacement doctor in Chromium (issue 23 §3): a doctor offers a booked day to a confrère after a
// confirmation, another volunteer finds it under "Journées à reprendre" beside the days their zone
// still lacks a doctor, and takes it over; the patient's booking stays. With JavaScript and
// without, axe-core with best practices on every page, nothing cut off at 320 px.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import {
  bookableZone,
  contexts,
  describeInBrowser,
  expectNoAxeViolations,
  expectPageBasics,
  expectReflow,
  parisDate,
  signInAs,
  startWorld,
  type World,
} from './harness';

describeInBrowser('handing a mission day over, in Chromium', () => {
  let world: World;

  beforeAll(async () => {
    world = await startWorld();
  });

  afterAll(async () => {
    await world?.stop();
  });

  const newRpps = () => `1${String(Math.floor(Math.random() * 1e10)).padStart(10, '0')}`;

  /** Basics, reflow at 320 px and axe; without JavaScript, axe runs on the same GET in a context without our scripts. */
  async function check(page: Page, state: string, js: boolean) {
    await expectPageBasics(page, state);
    if (js) await expectNoAxeViolations(page, state, { bestPractices: true });
    else {
      const context = await contexts(world.browser).withoutPageScripts();
      await context.addCookies(await page.context().cookies());
      const twin = await context.newPage();
      await twin.goto(page.url());
      await expectNoAxeViolations(twin, `${state} (scripts blocked)`, { bestPractices: true });
      await context.close();
    }
    await page.setViewportSize({ width: 320, height: 800 });
    await expectReflow(page, `${state} at 320 px`);
    await page.setViewportSize({ width: 1280, height: 900 });
  }

  for (const js of [true, false]) {
    it(`offers a booked day and another volunteer takes it over (JavaScript ${js ? 'on' : 'off'})`, async () => {
      // The day's doctor, with one booking; the replacement has worked in the same zone before.
      const zone = await bookableZone(world, { days: 25, slots: 3 });
      const [mission] = await world.sql<{ id: string; doctor_rpps: string }>(
        'SELECT id, doctor_rpps FROM missions WHERE site_id = $1',
        [zone.siteId],
      );
      const patient = await world.token('patient', { sub: `patient-${mission.id}` });
      const booked = await fetch(`${world.base}/v1/bookings`, {
        method: 'POST',
        headers: {
          authorization: `Bearer ${patient}`,
          'content-type': 'application/json',
          'idempotency-key': crypto.randomUUID(),
        },
        body: JSON.stringify({
          slotId: zone.slotIds[0],
          noOverbilling: true,
          patient: {
            firstName: 'Lucienne',
            lastName: `Reprise-${mission.id.slice(0, 6).replace(/[0-9]/g, (d) => 'abcdefghij'[Number(d)])}`,
            birthDate: '1941-09-02',
            phone: `061${String(Math.floor(Math.random() * 1e7)).padStart(7, '0')}`,
          },
        }),
      });
      expect(booked.status, await booked.clone().text()).toBe(201);
      const replacement = newRpps();
      const earlier = await world.api(
        'POST',
        '/v1/missions',
        { siteId: zone.siteId, date: parisDate(2), start: '14:00', end: '16:00', slotMinutes: 20 },
        await world.token('doctor', { sub: `dr-${replacement}`, rpps: replacement }),
      );
      expect(earlier.status, JSON.stringify(earlier.body)).toBe(201);

      const open = () => (js ? contexts(world.browser).withJs() : contexts(world.browser).withoutJs());
      const first = await open();
      const page = await first.newPage();
      await signInAs(page, world, 'psc', `rpps-${mission.doctor_rpps}`, '/medecin');
      await page.click(`a[href="/medecin/journees/${mission.id}/proposer"]`);
      await page.waitForURL(`${world.base}/medecin/journees/${mission.id}/proposer`);
      expect(await page.locator('main').innerText()).toContain('le rendez-vous déjà pris est gardé');
      await check(page, 'offering a day', js);
      await page.click('button:has-text("Proposer cette journée")');
      await page.waitForURL(/\/medecin\?proposee=/);
      expect(await page.locator('[role="status"]').innerText()).toContain('proposée');
      expect(await page.locator('main').textContent()).toContain('Proposée à un confrère');
      await check(page, 'a day on offer', js);
      await first.close();

      const second = await open();
      const other = await second.newPage();
      await signInAs(other, world, 'psc', `rpps-${replacement}`, '/medecin');
      await other.click('.fr-nav a[href="/medecin/journees-ouvertes"]');
      await other.waitForURL(`${world.base}/medecin/journees-ouvertes`);
      expect(await other.locator('#journees-proposees').innerText()).toContain('Maison de santé des Tilleuls');
      // The zone of the replacement's earlier day still lacks a doctor on most working days.
      expect(await other.locator('#jours-sans-medecin li').count()).toBe(1);
      await check(other, 'Journées à reprendre', js);
      await other.click(`a[href="/medecin/journees-ouvertes/${mission.id}"]`);
      await other.waitForURL(`${world.base}/medecin/journees-ouvertes/${mission.id}`);
      await check(other, 'taking a day over', js);
      await other.click('button:has-text("Confirmer la reprise")');
      await other.waitForURL(/\/medecin\?reprise=/);
      expect(await other.locator('[role="status"]').innerText()).toContain('Le patient qui avait réservé est prévenu');
      expect(await other.locator('main').innerText()).toContain('Maison de santé des Tilleuls');
      await check(other, 'a day taken over', js);
      await second.close();

      const [after] = await world.sql<{ doctor_rpps: string; status: string }>(
        'SELECT m.doctor_rpps, b.status FROM missions m JOIN bookings b ON b.mission_id = m.id WHERE m.id = $1',
        [mission.id],
      );
      expect(after).toEqual({ doctor_rpps: replacement, status: 'booked' });
    });
  }
});
