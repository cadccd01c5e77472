// The ARS imports its zones from a CSV file in Chromium (issue 23 §4), with JavaScript and without:
// choose the file, read what each line would do, confirm, and find the zones designated. axe-core
// with best practices on the form and the preview (the preview is a POST's answer: with JavaScript
// off, axe reads the same page in a context without scripts, as the other journeys do).
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import {
  contexts,
  describeInBrowser,
  expectNoAxeViolations,
  expectPageBasics,
  expectReflow,
  signInAs,
  startWorld,
  type World,
} from './harness';

describeInBrowser('importing priority zones in Chromium', () => {
  let world: World;

  beforeAll(async () => {
    world = await startWorld();
  });

  afterAll(async () => {
    await world?.stop();
  });

  async function check(page: Page, state: string) {
    await expectPageBasics(page, state);
    await expectNoAxeViolations(page, state, { bestPractices: true });
    await page.setViewportSize({ width: 320, height: 800 });
    await expectReflow(page, `${state} at 320 px`);
    await page.setViewportSize({ width: 1280, height: 900 });
  }

  for (const js of [true, false]) {
    it(`chooses a file, reads the preview, confirms (JavaScript ${js ? 'on' : 'off'})`, async () => {
      const zones = await world.sql<{ siren: string; name: string }>(
        `SELECT siren, name FROM epci WHERE siren NOT IN (SELECT siren FROM zone_designations) AND region = 'Occitanie' AND type = 'CC' ORDER BY random() LIMIT 2`,
      );
      const csv = `siren;source\n${zones.map((z) => `${z.siren};Arrêté ARS Occitanie, janvier 2027`).join('\n')}\n`;
      const context = js ? await contexts(world.browser).withJs() : await contexts(world.browser).withoutJs();
      const page = await context.newPage();
      await signInAs(page, world, 'proconnect', 'pc-ars-national', '/ars/zones');
      await page.click('a[href="/ars/zones/import"]');
      await page.waitForURL(`${world.base}/ars/zones/import`);
      if (js) await check(page, 'the import form');
      await page.setInputFiles('#fichier', {
        name: 'zones.csv',
        mimeType: 'text/csv',
        buffer: Buffer.from(`\uFEFF${csv}`),
      });
      await page.click('button:has-text("Vérifier le fichier")');
      await page.waitForLoadState();
      expect(await page.locator('table').innerText()).toContain(zones[0].name);
      expect(await page.locator('main').innerText()).toContain('Rien n’est encore enregistré');
      if (js) await check(page, 'the preview');
      await page.click('button:has-text("Confirmer l’import de 2 zones")');
      await page.waitForURL(`${world.base}/ars/zones?importees=2`);
      expect(await page.locator('main').innerText()).toContain('2 zones sont désormais prioritaires.');
      if (!js) {
        const twin = await (await contexts(world.browser).withoutPageScripts()).newPage();
        await twin.context().addCookies(await context.cookies());
        await twin.goto(`${world.base}/ars/zones/import`);
        await expectNoAxeViolations(twin, 'the import form (scripts blocked)', { bestPractices: true });
        await twin.context().close();
      }
      const designated = await world.sql<{ n: number }>(
        `SELECT count(*)::int AS n FROM priority_zones WHERE siren = ANY($1::text[])`,
        [zones.map((z) => z.siren)],
      );
      expect(designated[0].n).toBe(2);
      await context.close();
    });
  }
});
