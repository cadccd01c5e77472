// An aggregator's referral in Chromium: the patient lands on a slot's booking-deep-link with the
// SMART Scheduling Links `source` and `booking-referral`, signs in through the FranceConnect twin,
// books for a relative and cancels; the booking kept who sent them. axe on our pages.
import { afterAll, beforeAll, expect, it } from 'vitest';
import {
  bookableZone,
  contexts,
  describeInBrowser,
  expectNoAxeViolations,
  expectPageBasics,
  startWorld,
  type World,
} from './harness';

describeInBrowser('a deep link from an aggregator in Chromium', () => {
  let world: World;

  beforeAll(async () => {
    world = await startWorld();
  });

  afterAll(async () => {
    await world?.stop();
  });

  it('keeps source and booking-referral from the landing page to the booking', async () => {
    const zone = await bookableZone(world, { slots: 1 });
    const source = `agregateur-${crypto.randomUUID().slice(0, 8)}.example`;
    const context = await contexts(world.browser).withoutJs();
    const page = await context.newPage();
    await page.goto(
      `${world.base}/reserver/${zone.slotIds[0]}?source=${encodeURIComponent(source)}&booking-referral=renvoi-7`,
    );
    await expectPageBasics(page, 'deep link landing');
    const twin = await (await contexts(world.browser).withJs()).newPage();
    await twin.goto(page.url());
    await expectNoAxeViolations(twin, 'deep link landing', { bestPractices: true });
    await twin.context().close();

    await page.click('a.fr-connect');
    await page.waitForURL((url) => !url.toString().startsWith(world.base));
    await page.check('input[name="account"][value="fc-demo-1"]');
    await page.click('button[type="submit"]');
    await page.waitForURL(/\/reservation\/[0-9a-f-]{36}$/);

    // For a relative of their own: the person cap counts name and birth date.
    await page.click('label[for="pour-proche"]');
    await page.fill('#firstName', 'Odile');
    await page.fill(
      '#lastName',
      `Renvoi${crypto
        .randomUUID()
        .replace(/[^a-f]/g, '')
        .slice(0, 6)}`,
    );
    await page.fill('#birthDate', `1${Math.floor(Math.random() * 9)}0419${40 + Math.floor(Math.random() * 50)}`);
    await page.fill('#phone', '06 12 34 56 78');
    await page.click('button:has-text("Confirmer le rendez-vous")');
    await page.waitForURL(/\/rendez-vous\/[0-9a-f-]{36}$/);
    expect(await page.locator('h1').innerText()).toBe('Votre rendez-vous est confirmé');
    const bookingId = page.url().split('/').pop()!;
    const [row] = await world.sql<{ referral_source: string; referral_id: string }>(
      'SELECT referral_source, referral_id FROM bookings WHERE id = $1',
      [bookingId],
    );
    expect(row).toEqual({ referral_source: source, referral_id: 'renvoi-7' });

    await page.goto(`${world.base}/mes-rendez-vous`);
    await page.click('a:has-text("Annuler ce rendez-vous")');
    await page.click('button:has-text("Confirmer l’annulation")');
    await page.waitForURL(/\/mes-rendez-vous\?annule=/);
    await context.close();
  });
});
