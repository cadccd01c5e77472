// A waitlist offer answered through its personal link in a real browser: the page passes axe (best
// practices included) and reflows at 320 px; without JavaScript the first person declines and the
// slot goes to the next, who accepts it with JavaScript and lands on the booking's own page.
import { createHash, randomBytes } from 'node:crypto';
import { afterAll, beforeAll, expect, it } from 'vitest';
import {
  bookableZone,
  contexts,
  describeInBrowser,
  expectNoAxeViolations,
  expectPageBasics,
  expectReflow,
  signInAs,
  startWorld,
  type BookableZone,
  type World,
} from './harness';
import { letters } from '../helpers/names';

describeInBrowser('a waitlist offer answered through its personal link, in Chromium', () => {
  let world: World;
  let zone: BookableZone;

  beforeAll(async () => {
    world = await startWorld();
    zone = await bookableZone(world, { slots: 1 });
  });

  afterAll(async () => {
    await world?.stop();
  });

  const person = () => ({
    firstName: 'Marcel',
    lastName: `Attente-${letters()}`,
    birthDate: '1944-02-11',
    phone: `061${String(Math.floor(Math.random() * 1e7)).padStart(7, '0')}`,
  });

  /** A link to the entry, as its offer message would carry. */
  async function linkTo(entryId: string) {
    const token = randomBytes(16).toString('base64url');
    await world.sql(`INSERT INTO waitlist_links (token_hash, entry_id, created_at) VALUES ($1, $2, now())`, [
      createHash('sha256').update(token).digest('hex'),
      entryId,
    ]);
    return `${world.base}/attente/${token}`;
  }

  async function offeredTo(entryId: string) {
    for (let i = 0; i < 80; i++) {
      const [row] = await world.sql<{ n: number }>(
        `SELECT count(*)::int AS n FROM waitlist_offers WHERE entry_id = $1 AND status = 'live'`,
        [entryId],
      );
      if (row.n) return;
      await new Promise((r) => setTimeout(r, 250));
    }
    throw new Error(`no offer reached entry ${entryId}`);
  }

  it('declined without JavaScript, then accepted with it by the next person', async () => {
    const partner = await world.token('integrator', { client_id: `app-${randomBytes(4).toString('hex')}` });
    const res = await fetch(`${world.base}/v1/bookings`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${partner}`,
        'content-type': 'application/json',
        'idempotency-key': crypto.randomUUID(),
      },
      body: JSON.stringify({ noOverbilling: true, slotId: zone.slotIds[0], patient: person() }),
    });
    const booked = { status: res.status, body: (await res.json()) as { id: string } };
    expect(booked.status, JSON.stringify(booked.body)).toBe(201);
    const entries = [];
    for (let i = 0; i < 2; i++) {
      const joined = await world.api(
        'POST',
        '/v1/waitlist',
        { zone: zone.siren, patient: person() },
        await world.token('patient'),
      );
      expect(joined.status, JSON.stringify(joined.body)).toBe(201);
      entries.push(joined.body.id as string);
    }
    expect((await world.api('POST', `/v1/bookings/${booked.body.id}/cancel`, {}, partner)).status).toBe(200);
    await offeredTo(entries[0]);
    const first = await linkTo(entries[0]);

    const axeContext = await contexts(world.browser).withoutPageScripts();
    const axePage = await axeContext.newPage();
    await axePage.goto(first);
    await expectNoAxeViolations(axePage, 'a slot offered through its link', { bestPractices: true });
    await axeContext.close();

    const context = await contexts(world.browser).withoutJs(320);
    const page = await context.newPage();
    await page.goto(first);
    await expectPageBasics(page, 'a slot offered');
    await expectReflow(page, 'a slot offered at 320 px');
    expect(await page.textContent('h1')).toBe('Un créneau s’est libéré pour vous');
    await page.click('button:has-text("Refuser ce créneau")');
    await page.waitForURL(/\?refuse=1$/);
    expect(await page.textContent('[role="status"]')).toContain('il est proposé à la personne suivante');
    await context.close();

    await offeredTo(entries[1]);
    const second = await linkTo(entries[1]);
    const withJs = await contexts(world.browser).withJs();
    const jsPage = await withJs.newPage();
    await jsPage.goto(second);
    await expectNoAxeViolations(jsPage, 'a slot offered, with JavaScript', { bestPractices: true });
    await jsPage.click('button:has-text("Accepter ce créneau")');
    await jsPage.waitForURL(/\/rdv\/[A-Za-z0-9_-]{22}$/);
    expect(await jsPage.textContent('h1')).toBe('Votre rendez-vous');
    await withJs.close();
    const [entry] = await world.sql<{ status: string }>('SELECT status FROM waitlist_entries WHERE id = $1', [
      entries[1],
    ]);
    expect(entry.status).toBe('booked');
  });

  for (const js of [false, true]) {
    it(`joined from a search that finds nothing free, signed in, JavaScript ${js ? 'on' : 'off'}`, async () => {
      const full = await bookableZone(world, { slots: 1 });
      const partner = await world.token('integrator', { client_id: `app-${randomBytes(4).toString('hex')}` });
      const res = await fetch(`${world.base}/v1/bookings`, {
        method: 'POST',
        headers: {
          authorization: `Bearer ${partner}`,
          'content-type': 'application/json',
          'idempotency-key': crypto.randomUUID(),
        },
        body: JSON.stringify({ noOverbilling: true, slotId: full.slotIds[0], patient: person() }),
      });
      expect(res.status).toBe(201);

      const context = await contexts(world.browser)[js ? 'withJs' : 'withoutJs']();
      const page = await context.newPage();
      await signInAs(page, world, 'fc', 'fc-demo-3', `/recherche?epci=${full.siren}`);
      await page.click('a:has-text("Être prévenu quand un créneau se libère")');
      await page.waitForURL(/\/liste-attente\?epci=/);
      await expectPageBasics(page, 'the waitlist form');
      if (js) await expectNoAxeViolations(page, 'the waitlist form', { bestPractices: true });
      const someone = person();
      await page.fill('#firstName', someone.firstName);
      await page.fill('#lastName', someone.lastName);
      await page.fill('#birthDate', '11021944');
      await page.fill('#phone', '05 58 00 00 00');
      await page.click('button:has-text("M’inscrire sur la liste d’attente")');
      expect(await page.textContent('#phone-error')).toContain('Ce numéro est un fixe');
      if (js) await expectNoAxeViolations(page, 'the waitlist form with an error', { bestPractices: true });
      await page.fill('#phone', someone.phone);
      await page.click('button:has-text("M’inscrire sur la liste d’attente")');
      await page.waitForURL(/\/liste-attente\/[0-9a-f-]{36}\?inscrit=1$/);
      expect(await page.textContent('[role="status"]')).toContain('Vous êtes inscrit sur la liste d’attente');
      if (js) await expectNoAxeViolations(page, 'waiting', { bestPractices: true });
      await page.click('button:has-text("Ne plus attendre")');
      await page.waitForURL(/\/attente\/quitte$/);
      expect(await page.textContent('h1')).toBe('Vous n’êtes plus sur la liste d’attente');
      await context.close();
    });
  }

  for (const js of [false, true]) {
    it(`an agent sees the zone's waitlist and records the answer of a person told only by phone, JavaScript ${js ? 'on' : 'off'}`, async () => {
      const zone2 = await bookableZone(world, { slots: 1 });
      const partner = await world.token('integrator', { client_id: `app-${randomBytes(4).toString('hex')}` });
      const res = await fetch(`${world.base}/v1/bookings`, {
        method: 'POST',
        headers: {
          authorization: `Bearer ${partner}`,
          'content-type': 'application/json',
          'idempotency-key': crypto.randomUUID(),
        },
        body: JSON.stringify({ noOverbilling: true, slotId: zone2.slotIds[0], patient: person() }),
      });
      const booked = (await res.json()) as { id: string };
      expect(res.status).toBe(201);
      const landline = { ...person(), phone: '05 58 00 00 00' };
      const joined = await world.api(
        'POST',
        '/v1/waitlist',
        { zone: zone2.siren, patient: landline },
        await world.token('patient'),
      );
      expect(joined.status, JSON.stringify(joined.body)).toBe(201);
      expect((await world.api('POST', `/v1/bookings/${booked.id}/cancel`, {}, partner)).status).toBe(200);
      await offeredTo(joined.body.id);

      const call = `APL-${randomBytes(4).toString('hex')}`;
      const list = `/agent/attente?appel=${call}&q=${zone2.postcode}`;
      const context = await contexts(world.browser)[js ? 'withJs' : 'withoutJs']();
      const page = await context.newPage();
      await signInAs(page, world, 'proconnect', 'pc-agent-1', '/agent');
      await page.goto(`${world.base}${list}`);
      await expectPageBasics(page, 'a zone’s waitlist');
      if (js) await expectNoAxeViolations(page, 'a zone’s waitlist', { bestPractices: true });
      expect(await page.textContent('main')).toContain('Ni mobile ni courriel : à prévenir par téléphone');
      await page.click('button:has-text("Accepté : réserver")');
      await page.waitForURL(/\/agent\/rendez-vous\/[0-9a-f-]{36}\?appel=/);
      const [entry] = await world.sql<{ status: string }>('SELECT status FROM waitlist_entries WHERE id = $1', [
        joined.body.id,
      ]);
      expect(entry.status).toBe('booked');

      // The next caller, put on the list during the call: a landline, no email.
      const caller = { ...person(), phone: '05 58 00 00 02' };
      await page.goto(`${world.base}${list}`);
      await page.fill('#firstName', caller.firstName);
      await page.fill('#lastName', caller.lastName);
      await page.fill('#birthDate', '02/05/1938');
      await page.fill('#phone', caller.phone);
      await page.click('button:has-text("Inscrire sur la liste d’attente")');
      await page.waitForURL(/inscrit=1/);
      expect(await page.textContent('main')).toContain('La personne est inscrite sur la liste d’attente');
      if (js) await expectNoAxeViolations(page, 'a caller put on the waitlist', { bestPractices: true });
      const [added] = await world.sql<{ channel: string }>(
        'SELECT channel FROM waitlist_entries WHERE patient_last_name = $1',
        [caller.lastName],
      );
      expect(added.channel).toBe('phone');
      await context.close();
    });
  }
});
