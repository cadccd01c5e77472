// A booking managed without an account, through the personal link of its messages (/rdv/{token}):
// the page, the .ics, a move and a cancellation through the pages over HTTP, as a browser does.
import { describe, expect, it } from 'vitest';
import { api } from './helpers/api';
import { Browser } from './helpers/browser';
import { idemKey, patientBody } from './helpers/fixtures';
import { missionDay, planning } from './helpers/mission-day';
import { waitForMessages } from './helpers/sink';
import { sql } from './helpers/sql';
import { token } from './helpers/tokens';

const DAY = '2026-12-17';
const now = new Date('2026-12-05T10:00:00Z');
const e164 = (national: string) => `+33${national.slice(1)}`;
const locationOf = (res: { headers: Headers }) => res.headers.get('location')!;

/** A booking made by a partner app (the patient has no account with us) and the link of its confirmation SMS. */
async function bookedWithLink(options: { site?: Record<string, unknown> } = {}) {
  const d = await missionDay({
    date: DAY,
    site: { name: 'Maison de santé des Landes', address: '3 rue du Lavoir', ...options.site },
  });
  const patient = patientBody({ birthDate: '1941-03-07' });
  const partner = await token('integrator', { client_id: `app-${crypto.randomUUID()}` });
  const res = await planning.post('/v1/bookings', { noOverbilling: true, slotId: d.slotIds[0], patient }, partner, {
    'idempotency-key': idemKey(),
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  const [sms] = await waitForMessages(e164(patient.phone));
  const link = /\/rdv\/[A-Za-z0-9_-]{22}/.exec(sms.text)![0];
  return { d, patient, booking: res.body as { id: string; reference: string }, link };
}

describe('the personal link', () => {
  it('opens the booking: when, where, whom to call, what to bring, the .ics; never the name or birth date; no referrer, no cache', async () => {
    const { patient, booking, link } = await bookedWithLink();
    const browser = new Browser(api({ now }));
    const page = await browser.get(link);
    expect(page.status).toBe(200);
    expect(page.headers.get('referrer-policy')).toBe('no-referrer');
    expect(page.headers.get('cache-control')).toBe('private, no-store');
    for (const text of [
      '<h1>Votre rendez-vous</h1>',
      'jeudi 17 décembre',
      'Maison de santé des Landes',
      '3 rue du Lavoir',
      '05 58 00 00 00',
      'carte Vitale',
      `${booking.reference.slice(0, 4)} ${booking.reference.slice(4)}`,
      'sans dépassement d’honoraires',
      `${link}/calendrier.ics`,
      `href="${link}/annuler"`,
      `href="${link}/deplacer"`,
    ]) {
      expect(page.body).toContain(text);
    }
    for (const secret of [patient.firstName, patient.lastName, '1941', '07/03/1941'])
      expect(page.body).not.toContain(secret);

    const ics = await browser.get(`${link}/calendrier.ics`);
    expect(ics.status).toBe(200);
    expect(ics.headers.get('content-type')).toContain('text/calendar');
    expect(ics.body).toContain(`Référence ${booking.reference}`);
    // A calendar syncs to other services: it says where to find the booking, never the link itself.
    expect(ics.body).not.toContain(link);
  });

  it('moves the booking through the core operation; the old link then opens nothing, the page goes on with a new one', async () => {
    const { d, booking, link } = await bookedWithLink();
    const browser = new Browser(api({ now }));
    const choice = await browser.get(`${link}/deplacer`);
    expect(choice.status).toBe(200);
    expect(choice.body).toContain(`${link}/deplacer?vers=${d.slotIds[2]}`);
    const confirm = await browser.get(`${link}/deplacer?vers=${d.slotIds[2]}`);
    expect(confirm.status).toBe(200);
    const key = /name="cle" value="([^"]+)"/.exec(confirm.body)![1];
    expect(confirm.body).not.toContain('name="csrf"');

    const moved = await browser.post(`${link}/deplacer`, { vers: d.slotIds[2], cle: key });
    expect(moved.status).toBe(303);
    const next = locationOf(moved);
    expect(next).toMatch(/^\/rdv\/[A-Za-z0-9_-]{22}\?deplace=1$/);
    const after = await browser.get(next);
    expect(after.status).toBe(200);
    expect(after.body).toContain('Votre rendez-vous est déplacé');
    expect(after.body).toContain('à 9\u00a0h\u00a040');
    const [row] = await sql<{ slot_id: string; owner_role: string }>(
      `SELECT slot_id, owner_role FROM bookings WHERE id = $1`,
      [booking.id],
    );
    expect(row).toEqual({ slot_id: d.slotIds[2], owner_role: 'integrator' });
    const events = await sql<{ type: string }>(
      `SELECT type FROM events WHERE booking_id = $1 ORDER BY occurred_at, type`,
      [booking.id],
    );
    expect(events.map((e) => e.type)).toContain('booking.rescheduled');

    const old = await browser.get(link);
    expect(old.status).toBe(404);
    expect(old.body).toContain('Ce lien ne fonctionne plus');
    expect(old.body).toContain('href="/rdv"');
  });

  it('cancels the booking as the patient; the link then opens nothing', async () => {
    const { booking, link } = await bookedWithLink();
    const browser = new Browser(api({ now }));
    // Asked first: the question names the time and place, posts to the same path, and cancels nothing.
    const question = await browser.get(`${link}/annuler`);
    expect(question.status).toBe(200);
    expect(question.body).toContain('Annuler le rendez-vous du jeudi 17 décembre à');
    expect(question.body).toContain(`action="${link}/annuler"`);
    expect(question.body).toContain(`href="${link}"`);
    const [before] = await sql<{ status: string }>(`SELECT status FROM bookings WHERE id = $1`, [booking.id]);
    expect(before.status).toBe('booked');
    const cancelled = await browser.post(`${link}/annuler`, {});
    expect(cancelled.status).toBe(303);
    expect(locationOf(cancelled)).toBe('/rdv/annule');
    expect((await browser.get('/rdv/annule')).body).toContain('Votre rendez-vous est annulé');
    const [row] = await sql<{ status: string; cancelled_by: string }>(
      `SELECT status, cancelled_by FROM bookings WHERE id = $1`,
      [booking.id],
    );
    expect(row).toEqual({ status: 'cancelled', cancelled_by: 'patient' });
    expect((await browser.get(link)).status).toBe(404);
    expect((await browser.post(`${link}/annuler`, {})).status).toBe(404);
  });

  it('cancelling through the link may put the person on the zone’s waitlist, with the booking’s identity and channels', async () => {
    const { d, patient, booking, link } = await bookedWithLink();
    const browser = new Browser(api({ now }));
    const question = await browser.get(`${link}/annuler`);
    expect(question.body).toContain('Me prévenir si un autre créneau se libère près de chez moi');
    const cancelled = await browser.post(`${link}/annuler`, { attente: 'oui' });
    expect(locationOf(cancelled)).toBe(`/rdv/annule?attente=${d.siren}`);
    const page = await browser.get(locationOf(cancelled));
    expect(page.body).toContain('Vous êtes sur la liste d’attente');
    expect(page.body).not.toContain(patient.lastName);
    const [entry] = await sql<{ epci_siren: string; status: string; patient_phone: string; notify_sms: boolean }>(
      `SELECT epci_siren, status, patient_phone, notify_sms FROM waitlist_entries WHERE patient_last_name = $1`,
      [patient.lastName],
    );
    expect(entry).toEqual({
      epci_siren: d.siren,
      status: 'waiting',
      patient_phone: e164(patient.phone),
      notify_sms: true,
    });
    const [row] = await sql<{ status: string }>(`SELECT status FROM bookings WHERE id = $1`, [booking.id]);
    expect(row.status).toBe('cancelled');
  });

  it('opens nothing once the consultation has ended, nor with a made-up or malformed token, and refuses a form from another site', async () => {
    const { link } = await bookedWithLink();
    expect((await new Browser(api({ now: new Date('2026-12-17T08:10:00Z') })).get(link)).status).toBe(200);
    expect((await new Browser(api({ now: new Date('2026-12-17T08:21:00Z') })).get(link)).status).toBe(404);
    const browser = new Browser(api({ now }));
    expect((await browser.get('/rdv/AAAAAAAAAAAAAAAAAAAAAA')).status).toBe(404);
    expect((await browser.get('/rdv/not-a-token')).status).toBe(404);
    const forged = await browser.post(`${link}/annuler`, {}, { origin: 'https://evil.example' });
    expect(forged.status).toBe(403);
    expect((await browser.get(link)).status).toBe(200);
  });
});

/** An address of its own, so that tests never share the per-address budget. */
const anAddress = () => ({
  'cf-connecting-ip': `10.${Math.floor(Math.random() * 256)}.${Math.floor(Math.random() * 256)}.${Math.floor(Math.random() * 256)}`,
});
const lookUp = (browser: Browser, reference: string, naissance: string, address = anAddress()) =>
  browser.post('/rdv', { reference, naissance }, address);
const unknownReference = () =>
  Array.from({ length: 8 }, () => '23456789ABCDEFGHJKMNPQRSTVWXYZ'[Math.floor(Math.random() * 30)]).join('');

describe('finding a booking by reference and birth date', () => {
  it('the right pair (typed loosely) opens the booking on a new link; the birth date is never in a URL', async () => {
    const { booking } = await bookedWithLink();
    const browser = new Browser(api({ now }));
    const form = await browser.get('/rdv');
    expect(form.status).toBe(200);
    expect(form.body).toContain('method="post" action="/rdv"');
    expect(form.body).toContain('autocomplete="bday"');
    const typed = `${booking.reference.slice(0, 4).toLowerCase()} ${booking.reference.slice(4)}`;
    const found = await lookUp(browser, typed, '07/03/1941');
    expect(found.status).toBe(303);
    const link = locationOf(found);
    expect(link).toMatch(/^\/rdv\/[A-Za-z0-9_-]{22}$/);
    const page = await browser.get(link);
    expect(page.status).toBe(200);
    expect(page.body).toContain('jeudi 17 décembre');
  });

  it('a wrong birth date says exactly what an unknown reference says', async () => {
    const { booking } = await bookedWithLink();
    const browser = new Browser(api({ now }));
    const wrong = await lookUp(browser, booking.reference, '08/03/1941');
    const unknown = await lookUp(browser, unknownReference(), '08/03/1941');
    expect(wrong.status).toBe(404);
    expect(unknown.status).toBe(404);
    const alert = (body: string) => /role="alert"[^]*?<\/div>/.exec(body)![0];
    expect(alert(wrong.body)).toBe(alert(unknown.body));
    expect(alert(wrong.body)).toContain('Nous n’avons trouvé aucun rendez-vous à venir');
    const malformed = await lookUp(browser, 'O0I1', '31/02');
    expect(malformed.status).toBe(400);
    expect(malformed.body).toContain('href="#reference"');
    expect(malformed.body).toContain('href="#naissance"');
  });

  it(`after 5 failed tries a reference opens nothing that day, even with the right birth date; others still work`, async () => {
    const { booking } = await bookedWithLink();
    const other = await bookedWithLink();
    const browser = new Browser(api({ now }));
    for (let i = 1; i <= 5; i++) expect((await lookUp(browser, booking.reference, `0${i}/01/1950`)).status).toBe(404);
    const capped = await lookUp(browser, booking.reference, '07/03/1941');
    expect(capped.status).toBe(429);
    expect(capped.body).toContain('Trop d’essais aujourd’hui pour cette référence');
    expect((await lookUp(browser, other.booking.reference, '07/03/1941')).status).toBe(303);
    // The next day, the reference opens its booking again.
    expect(
      (await lookUp(new Browser(api({ now: new Date('2026-12-06T10:00:00Z') })), booking.reference, '07/03/1941'))
        .status,
    ).toBe(303);
  });

  it('an address gets 10 tries a minute', async () => {
    const browser = new Browser(api({ now }));
    const address = anAddress();
    for (let i = 0; i < 10; i++)
      expect((await lookUp(browser, unknownReference(), '15/06/1950', address)).status).toBe(404);
    const refused = await lookUp(browser, unknownReference(), '15/06/1950', address);
    expect(refused.status).toBe(429);
    expect(refused.body).toContain('Trop d’essais depuis cette connexion');
    expect((await lookUp(browser, unknownReference(), '15/06/1950')).status).toBe(404);
  });
});
