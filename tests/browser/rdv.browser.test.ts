// A booking managed through its personal link in a real browser, JavaScript off: the page passes
// axe, then the patient moves the booking and cancels it with plain links and forms.
import { createHash, randomBytes } from 'node:crypto';
import { afterAll, beforeAll, expect, it } from 'vitest';
import {
  bookableZone,
  contexts,
  describeInBrowser,
  expectNoAxeViolations,
  expectPageBasics,
  expectReflow,
  startWorld,
  type BookableZone,
  type World,
} from './harness';
import { letters } from '../helpers/names';

describeInBrowser('a booking managed through its personal link, in Chromium', () => {
  let world: World;
  let zone: BookableZone;

  beforeAll(async () => {
    world = await startWorld();
    zone = await bookableZone(world, { slots: 3 });
  });

  afterAll(async () => {
    await world?.stop();
  });

  /** A partner app's booking (no account with us) and a link to it, as a message would carry. */
  async function linkToNewBooking() {
    const partner = await world.token('integrator', { client_id: `app-${randomBytes(4).toString('hex')}` });
    const patient = {
      firstName: 'Jeanne',
      lastName: `Lien-${letters()}`,
      birthDate: '1941-03-07',
      phone: `061${String(Math.floor(Math.random() * 1e7)).padStart(7, '0')}`,
    };
    const res = await fetch(`${world.base}/v1/bookings`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${partner}`,
        'content-type': 'application/json',
        'idempotency-key': crypto.randomUUID(),
      },
      body: JSON.stringify({ noOverbilling: true, slotId: zone.slotIds[0], patient }),
    });
    const booked = { status: res.status, body: (await res.json()) as { id: string } };
    expect(booked.status, JSON.stringify(booked.body)).toBe(201);
    const token = randomBytes(16).toString('base64url');
    await world.sql(`INSERT INTO booking_links (token_hash, booking_id, created_at) VALUES ($1, $2, now())`, [
      createHash('sha256').update(token).digest('hex'),
      booked.body.id,
    ]);
    const [{ reference }] = await world.sql<{ reference: string }>('SELECT reference FROM bookings WHERE id = $1', [
      booked.body.id,
    ]);
    return { id: booked.body.id as string, link: `/rdv/${token}`, reference };
  }

  it('JavaScript off: the page passes axe, reflows at 320 px; the patient moves then cancels the booking', async () => {
    const { id, link } = await linkToNewBooking();
    const axeContext = await contexts(world.browser).withoutPageScripts();
    const axePage = await axeContext.newPage();
    await axePage.goto(`${world.base}${link}`);
    await expectNoAxeViolations(axePage, 'the booking through its link', { bestPractices: true });
    await axePage.goto(`${world.base}${link}/deplacer`);
    await expectNoAxeViolations(axePage, 'moving it through its link', { bestPractices: true });
    await axePage.goto(`${world.base}${link}/deplacer?vers=${zone.slotIds[1]}`);
    await expectNoAxeViolations(axePage, 'the move, from → to, before it is made', { bestPractices: true });
    await axePage.goto(`${world.base}${link}/annuler`);
    await expectNoAxeViolations(axePage, 'the cancel question through its link', { bestPractices: true });
    await axePage.goto(`${world.base}/rdv/AAAAAAAAAAAAAAAAAAAAAA`);
    await expectNoAxeViolations(axePage, 'a link that no longer works');
    await axeContext.close();

    const context = await contexts(world.browser).withoutJs(320);
    const page = await context.newPage();
    await page.goto(`${world.base}${link}`);
    await expectPageBasics(page, 'the booking through its link');
    await expectReflow(page, 'the booking through its link at 320 px');
    expect(await page.textContent('main')).toContain('carte Vitale');

    await page.click('text=Déplacer ce rendez-vous');
    await page.click(`a[href$="vers=${zone.slotIds[1]}"]`);
    expect(await page.textContent('h1')).toMatch(
      /^Déplacer le rendez-vous du .+ à 9\u00a0h → au .+ à 9\u00a0h\u00a020 \?$/,
    );
    await page.click('button:has-text("Confirmer le déplacement")');
    await page.waitForURL(/\/rdv\/[A-Za-z0-9_-]{22}\?deplace=1$/);
    expect(await page.textContent('[role="status"]')).toContain('Votre rendez-vous est déplacé');
    expect(await page.textContent('main')).toContain('9\u00a0h\u00a020');

    // Cancelling asks first, without the patient's name (whoever holds the link is not told it).
    const moved = page.url().replace(/\?.*$/, '');
    await page.click('a:has-text("Annuler ce rendez-vous")');
    await page.waitForURL(`${moved}/annuler`);
    expect(await page.textContent('h1')).toMatch(/^Annuler le rendez-vous du .+ à 9\u00a0h\u00a020 \?$/);
    expect(await page.textContent('main')).toContain('Avec le Dr Claire Lemoine');
    expect(await page.textContent('main')).not.toContain('Jeanne');
    await expectReflow(page, 'the cancel question at 320 px');
    await page.click('a:has-text("Retour, garder ce rendez-vous")');
    await page.waitForURL(moved);
    await page.click('a:has-text("Annuler ce rendez-vous")');
    await page.click('button:has-text("Confirmer l’annulation")');
    await page.waitForURL(/\/rdv\/annule$/);
    expect(await page.textContent('h1')).toBe('Votre rendez-vous est annulé');
    const [row] = await world.sql<{ status: string; cancelled_by: string; slot_id: string }>(
      'SELECT status, cancelled_by, slot_id FROM bookings WHERE id = $1',
      [id],
    );
    expect(row).toEqual({ status: 'cancelled', cancelled_by: 'patient', slot_id: zone.slotIds[1] });
    await page.goto(`${world.base}${link}`);
    expect(await page.textContent('h1')).toBe('Ce lien ne fonctionne plus');
    await context.close();
  });

  it('JavaScript off: /rdv finds the booking from its reference and birth date, and says what to correct', async () => {
    const { reference } = await linkToNewBooking();
    const axeContext = await contexts(world.browser).withoutPageScripts();
    const axePage = await axeContext.newPage();
    await axePage.goto(`${world.base}/rdv`);
    await expectNoAxeViolations(axePage, 'finding a booking by reference');
    await axeContext.close();

    const context = await contexts(world.browser).withoutJs(320);
    const page = await context.newPage();
    await page.goto(`${world.base}/rdv`);
    await expectPageBasics(page, 'finding a booking by reference');
    await expectReflow(page, 'finding a booking by reference at 320 px');
    await page.fill('#reference', 'ABC');
    await page.fill('#naissance', '07/03/1941');
    await page.click('button:has-text("Retrouver mon rendez-vous")');
    expect(await page.textContent('[role="alert"]')).toContain('Indiquez les 8 caractères de la référence');
    await page.fill('#reference', reference.toLowerCase());
    await page.click('button:has-text("Retrouver mon rendez-vous")');
    await page.waitForURL(/\/rdv\/[A-Za-z0-9_-]{22}$/);
    expect(await page.textContent('h1')).toBe('Votre rendez-vous');
    await context.close();
  });
});
