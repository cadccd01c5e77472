// SMART Scheduling Links referrals: an aggregator sends a patient to a slot's booking-deep-link
// with `source` and `booking-referral`; the pages carry them through sign-in, the hold and the
// form to the booking, and the zone's statistics count them by source.
import { describe, expect, it } from 'vitest';
import { api } from './helpers/api';
import { Browser, csrfOf } from './helpers/browser';
import { env } from './helpers/env';
import { adminToken, bookableZone } from './helpers/fixtures';
import { sql } from './helpers/sql';
import { token } from './helpers/tokens';

// Before the other page tests' clock (7 December): the demo account's bookings made here are past
// for them, and never count towards its cap of upcoming bookings; each is cancelled once checked.
const now = new Date('2026-11-02T08:00:00Z');
const DATE = '2026-11-05';

const locationOf = (res: { headers: Headers }) => res.headers.get('location')!;
/** A name of letters only, unique to this run: the person cap counts name and birth date. */
const uniqueName = () =>
  `Renvoi${crypto
    .randomUUID()
    .replace(/[^a-f]/g, '')
    .slice(0, 8)}`;

/** A mobile number of this test's own: erasure by phone must reach only its bookings. */
const uniquePhone = () => `061${String(Math.floor(Math.random() * 1e7)).padStart(7, '0')}`;

async function book(browser: Browser, formPath: string, phone = '06 12 34 56 78') {
  const form = await browser.get(formPath);
  expect(form.status).toBe(200);
  const fields = {
    csrf: csrfOf(form.body)!,
    cle: /name="cle" value="([^"]+)"/.exec(form.body)![1],
    who: 'proche',
    firstName: 'Lucie',
    lastName: uniqueName(),
    birthDate: '02/03/1961',
    phone,
    email: '',
    rappel_sms: 'oui',
  };
  const booked = await browser.post(formPath, fields);
  expect(booked.status, booked.body).toBe(303);
  return { id: locationOf(booked).split('/').pop()!, csrf: fields.csrf };
}

describe('a deep link’s source and booking-referral', () => {
  it('reach the booking through sign-in and the hold, and are counted by source in the zone’s statistics', async () => {
    const client = api({ now });
    const { zone, slotIds } = await bookableZone(client, { slots: 2, date: DATE });
    const source = `aggregator-${crypto.randomUUID().slice(0, 8)}.example`;
    // The aggregator appends its parameters to the deep link the publication gives.
    const deepLink = (await client.get(`/fhir/Slot/${slotIds[0]}`)).body.extension[0].valueUrl as string;
    expect(deepLink).toBe(`${env.PUBLIC_URL}/reserver/${slotIds[0]}`);
    const landing = `${deepLink.slice(`${env.PUBLIC_URL}`.length)}?source=${encodeURIComponent(source)}&booking-referral=ref-42`;

    // Signed out: the button's way through sign-in keeps them, and the way back holds the slot.
    const browser = new Browser(api({ now }));
    const page = await browser.get(landing);
    expect(page.status).toBe(200);
    const signIn = /href="(\/connexion\?[^"]+)"/.exec(page.body)![1].replace(/&amp;/g, '&');
    const retour = new URLSearchParams(signIn.split('?')[1]).get('retour')!;
    expect(retour).toBe(`/reserver/${slotIds[0]}/garder?source=${encodeURIComponent(source)}&booking-referral=ref-42`);
    expect((await browser.signIn(retour, 'fc-demo-5')).status).toBe(303);
    const held = await browser.get(retour);
    expect(held.status).toBe(303);
    const first = await book(browser, locationOf(held));
    const adminBearer = await adminToken();
    const stats = () => client.get(`/v1/zones/${zone.siren}/stats?from=2026-11-01&to=2026-11-30`, adminBearer);
    expect((await stats()).body.referrals).toEqual([{ source, count: 1 }]);
    // Cancelled, it is no longer counted.
    expect((await browser.post(`/rendez-vous/${first.id}/annuler`, { csrf: first.csrf })).status).toBe(303);
    expect((await stats()).body.referrals).toEqual([]);

    // Signed in: the form that holds the slot carries them as hidden fields.
    const again = await browser.get(
      `/reserver/${slotIds[1]}?source=${encodeURIComponent(source)}&booking-referral=ref-43`,
    );
    expect(again.body).toContain(`name="source" value="${source}"`);
    expect(again.body).toContain('name="booking-referral" value="ref-43"');
    const hold = await browser.post(`/reserver/${slotIds[1]}`, {
      csrf: csrfOf(again.body)!,
      source,
      'booking-referral': 'ref-43',
    });
    expect(hold.status).toBe(303);
    const phone = uniquePhone();
    const second = await book(browser, locationOf(hold), phone);

    const rows = await sql<{ id: string; referral_source: string; referral_id: string }>(
      'SELECT id, referral_source, referral_id FROM bookings WHERE id = ANY($1::uuid[]) ORDER BY referral_id',
      [[first.id, second.id]],
    );
    expect(rows).toEqual([
      { id: first.id, referral_source: source, referral_id: 'ref-42' },
      { id: second.id, referral_source: source, referral_id: 'ref-43' },
    ]);

    expect((await stats()).body.referrals).toEqual([{ source, count: 1 }]);
    expect((await browser.post(`/rendez-vous/${second.id}/annuler`, { csrf: second.csrf })).status).toBe(303);

    // Erased with the patient's data: the aggregator's correlation id goes, its source stays counted.
    const dpo = await token('admin', { sub: `dpo-${crypto.randomUUID()}`, dpo: true });
    expect(
      (await client.post('/v1/erasures', { phone, reason: 'Demande de la personne (test des renvois)' }, dpo)).status,
    ).toBe(200);
    const [erased] = await sql<{ referral_source: string; referral_id: string | null }>(
      'SELECT referral_source, referral_id FROM bookings WHERE id = $1',
      [second.id],
    );
    expect(erased).toEqual({ referral_source: source, referral_id: null });
  });

  it('drops a value that cannot be one (spaces, too long) and books all the same', async () => {
    const { slotIds } = await bookableZone(api({ now }), { slots: 1, date: DATE });
    const browser = new Browser(api({ now }));
    expect((await browser.signIn('/', 'fc-demo-5')).status).toBe(303);
    const page = await browser.get(
      `/reserver/${slotIds[0]}?source=${encodeURIComponent('a b')}&booking-referral=${'x'.repeat(129)}`,
    );
    expect(page.body).not.toContain('name="source"');
    expect(page.body).not.toContain('name="booking-referral"');
    const hold = await browser.post(`/reserver/${slotIds[0]}`, {
      csrf: csrfOf(page.body)!,
      source: 'a b',
      'booking-referral': 'x'.repeat(129),
    });
    expect(hold.status).toBe(303);
    const booked = await book(browser, locationOf(hold));
    const [row] = await sql<{ referral_source: string | null; referral_id: string | null }>(
      'SELECT referral_source, referral_id FROM bookings WHERE id = $1',
      [booked.id],
    );
    expect(row).toEqual({ referral_source: null, referral_id: null });
    expect((await browser.post(`/rendez-vous/${booked.id}/annuler`, { csrf: booked.csrf })).status).toBe(303);
  });
});
