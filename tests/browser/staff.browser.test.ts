// The staff spaces' doors in a real browser: each federation's sign-in, each space's frame with
// zero axe violations at desktop and 320 px, the refusal page of another role's space, sign-out.
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

describeInBrowser('staff spaces in Chromium', () => {
  let world: World;

  beforeAll(async () => {
    world = await startWorld();
  });

  afterAll(async () => {
    await world?.stop();
  });

  for (const [space, provider, account, other] of [
    ['/agent', 'proconnect', 'pc-agent-2', '/ars'],
    ['/medecin', 'psc', 'psc-doctor-2', '/agent'],
    ['/ars', 'proconnect', 'pc-ars-1', '/medecin'],
  ] as const) {
    it(`${space}: signs in through ${provider}, shows the space, refuses ${other}, signs out`, async () => {
      const context = await contexts(world.browser).withJs();
      const page = await context.newPage();
      await signInAs(page, world, provider, account, space);
      await expectPageBasics(page, space);
      await expectNoAxeViolations(page, space);
      // The frame on a desktop and on a phone: the menu and the sign-out in view, the page's title
      // close under the header (no column of full-width buttons pushing it down).
      for (const [width, height, titleBelow] of [
        [1280, 900, 300],
        [390, 844, 420],
      ] as const) {
        await page.setViewportSize({ width, height });
        expect(
          await page.locator('nav[aria-label^="Menu de"] a').filter({ visible: true }).count(),
          `menu at ${width} px`,
        ).toBeGreaterThan(1);
        expect(
          await page.locator('button:has-text("Se déconnecter")').filter({ visible: true }).count(),
          `sign-out at ${width} px`,
        ).toBe(1);
        expect((await page.locator('h1').boundingBox())!.y, `the title at ${width} px`).toBeLessThan(titleBelow);
      }
      await page.setViewportSize({ width: 320, height: 800 });
      await expectReflow(page, `${space} at 320 px`);
      await expectNoAxeViolations(page, `${space} at 320 px`);
      await page.setViewportSize({ width: 1280, height: 900 });

      const refused = await page.goto(`${world.base}${other}`);
      expect(refused!.status()).toBe(403);
      await expectNoAxeViolations(page, `${other} refused`);
      await page.click(`main a[href="${space}"]`);
      await page.waitForURL(`${world.base}${space}`);

      // Our session ends, then the provider's sign-out page (the form's redirect is allowed by the CSP).
      await page.click('button:has-text("Se déconnecter")');
      await page.waitForURL((url) => !url.toString().startsWith(world.base));
      expect(await page.title()).toContain('Déconnexion');
      await page.click('button:has-text("Se déconnecter")');
      await page.waitForURL((url) => url.origin === world.base && url.pathname === '/');
      const after = await page.goto(`${world.base}${space}`);
      // Signed out on both sides: the space asks the federation again, which asks who you are.
      expect(after!.url()).not.toContain(world.base);
      expect(await page.locator('input[name="account"]').count()).toBeGreaterThan(0);
      await context.close();
    });
  }
});
