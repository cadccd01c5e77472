// The search that looks ahead, in Chromium: a zone whose first free slot is three weeks away leads
// with that fortnight (no dead end), the same site on two days names each landmark once (axe's
// landmark-unique, a best-practice rule the WCAG tags leave out), and the next fortnight is a link;
// the pages' scripts are blocked (axe needs JavaScript in the page itself).
import AxeBuilder from '@axe-core/playwright';
import { afterAll, beforeAll, expect, it } from 'vitest';
import {
  bookableZone,
  contexts,
  describeInBrowser,
  expectNoAxeViolations,
  parisDate,
  startWorld,
  type BookableZone,
  type World,
} from './harness';

describeInBrowser('search that looks ahead, in Chromium', () => {
  let world: World;
  let zone: BookableZone;

  beforeAll(async () => {
    world = await startWorld();
    zone = await bookableZone(world, { days: 20, slots: 2 });
    const rpps = `1${String(Math.floor(Math.random() * 1e10)).padStart(10, '0')}`;
    const doctor = await world.token('doctor', { sub: `dr-${rpps}`, rpps });
    const second = await world.api(
      'POST',
      '/v1/missions',
      { siteId: zone.siteId, date: parisDate(21), start: '09:00', end: '10:00', slotMinutes: 20 },
      doctor,
    );
    expect(second.status, JSON.stringify(second.body)).toBe(201);
  });

  afterAll(async () => {
    await world?.stop();
  });

  it('leads with the fortnight of the next free slot, names each landmark once, and pages on by a link', async () => {
    const context = await contexts(world.browser).withoutPageScripts();
    const page = await context.newPage();
    await page.goto(`${world.base}/recherche?commune=${zone.insee}`);
    await expect
      .poll(() => page.locator('[role="status"]').innerText())
      .toContain('Aucun créneau n’est libre avant le');
    // The next slot leads the page, and stands again among its day's times.
    expect(await page.locator(`a[href="/reserver/${zone.slotIds[0]}"]`).count()).toBe(2);
    await expectNoAxeViolations(page, 'results led to the next free fortnight');
    const { violations } = await new AxeBuilder({ page }).withRules(['landmark-unique', 'heading-order']).analyze();
    expect(violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
    await page.getByRole('link', { name: 'Voir les 14 jours suivants' }).click();
    await page.waitForURL(/periode=2/);
    await expectNoAxeViolations(page, 'the fortnight after');
    expect(await page.locator('footer').getByRole('link', { name: 'Espace médecin' }).getAttribute('href')).toBe(
      '/medecin',
    );
    await context.close();
  });
});
