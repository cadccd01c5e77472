// The signed-in steps of the patient pages through HTTP in workerd, signed in through the local
// FranceConnect twin: hold, form (errors next to fields and in a summary), extension, booking,
// confirmation, "Mes rendez-vous", cancellation, a slot taken meanwhile.
import { describe, expect, it } from 'vitest';
import { PERSON_ERRORS } from '../src/pages/person-fields';
import { api } from './helpers/api';
import { Browser, csrfOf } from './helpers/browser';
import { bookableZone, newDoctor, newMission } from './helpers/fixtures';
import { sql } from './helpers/sql';

const now = new Date('2026-12-07T08:00:00Z'); // the fixtures' mission is Thursday 10 December

async function signedIn(retour: string, account = 'fc-demo-1') {
  const browser = new Browser(api({ now }));
  const callback = await browser.signIn(retour, account);
  expect(callback.status).toBe(303);
  return browser;
}

const locationOf = (res: { headers: Headers }) => res.headers.get('location')!;

describe('booking through the pages', () => {
  it('holds, refuses a bad form in words, extends, books, lists and cancels', async () => {
    const { slotIds } = await bookableZone(api({ now }), { slots: 2 });
    const browser = await signedIn(`/reserver/${slotIds[0]}`);
    const slotPage = await browser.get(`/reserver/${slotIds[0]}`);
    expect(slotPage.status).toBe(200);
    const csrf = csrfOf(slotPage.body)!;
    expect(csrf).toBeTruthy();

    const held = await browser.post(`/reserver/${slotIds[0]}`, { csrf });
    expect(held.status).toBe(303);
    const formPath = locationOf(held);
    expect(formPath).toMatch(/^\/reservation\/[0-9a-f-]{36}$/);

    const form = await browser.get(formPath);
    expect(form.status).toBe(200);
    expect(form.body).toContain('Nous gardons ce créneau pour vous jusqu’à 9\u00a0h\u00a005');
    expect(form.body).toMatch(/autocomplete="given-name"[^>]*|name="firstName"/);
    const key = /name="cle" value="([^"]+)"/.exec(form.body)![1];
    const fields = {
      csrf,
      cle: key,
      who: 'moi',
      firstName: 'Jeanne',
      lastName: 'Martin',
      birthDate: '15/06/1950',
      phone: '',
      email: '',
    };

    const empty = await browser.post(formPath, fields);
    expect(empty.status).toBe(400);
    expect(empty.body).toContain('role="alert"');
    expect(empty.body).toContain('href="#phone"');
    expect(empty.body).toContain('id="phone-error"');
    expect(empty.body).toContain('aria-invalid="true"');

    const premium = await browser.post(formPath, { ...fields, phone: '08 99 12 34 56' });
    expect(premium.status).toBe(422);
    expect(premium.body).toContain('id="phone-error"');
    expect(premium.body).toContain(PERSON_ERRORS.wrongPhone);

    const extended = await browser.post(`${formPath}/prolonger`, { csrf });
    expect(extended.status).toBe(303);
    expect((await browser.get(locationOf(extended))).body).toContain('Nous avons prolongé la réservation');

    // SMS left ticked, email unticked (an unticked box is absent from the form).
    const booked = await browser.post(formPath, {
      ...fields,
      phone: '06 12 34 56 78',
      email: 'jeanne@example.fr',
      rappel_sms: 'oui',
    });
    expect(booked.status).toBe(303);
    const [choice] = await sql<{ notify_sms: boolean; notify_email: boolean }>(
      `SELECT notify_sms, notify_email FROM bookings WHERE id = $1`,
      [locationOf(booked).split('/').pop()],
    );
    expect(choice).toEqual({ notify_sms: true, notify_email: false });
    const confirmation = await browser.get(locationOf(booked));
    expect(confirmation.status).toBe(200);
    expect(confirmation.body).toContain('Votre rendez-vous est confirmé');
    expect(confirmation.body).toContain('jeudi 10 décembre à 9\u00a0h');
    // The same key again (a second click): no second booking.
    const again = await browser.post(formPath, {
      ...fields,
      phone: '06 12 34 56 78',
      email: 'jeanne@example.fr',
      rappel_sms: 'oui',
    });
    expect(again.status).toBe(303);
    const [{ count }] = await sql<{ count: string }>(`SELECT count(*) FROM bookings WHERE slot_id = $1`, [slotIds[0]]);
    expect(Number(count)).toBe(1);

    const bookingPath = locationOf(booked);
    const ics = await browser.get(`${bookingPath}/calendrier.ics`);
    expect(ics.status).toBe(200);
    expect(ics.headers.get('content-type')).toContain('text/calendar');
    expect(ics.body).toContain('BEGIN:VEVENT');
    expect(ics.body).toMatch(/DTSTART:20261210T080000Z/);
    expect(ics.body).not.toContain('06 12 34 56 78'); // the patient's own details stay out of the file
    expect((await new Browser(api({ now })).get(`${bookingPath}/calendrier.ics`)).status).toBe(303);

    const mine = await browser.get('/mes-rendez-vous');
    expect(mine.body).toContain('jeudi 10 décembre à 9\u00a0h – confirmé');
    const bookingId = locationOf(booked).split('/').pop()!;
    expect(mine.body).toContain(`href="/rendez-vous/${bookingId}/annuler?depuis=liste"`);
    // The question first: when, where, whose; "Retour" to the list it was asked from.
    const question = await browser.get(`/rendez-vous/${bookingId}/annuler?depuis=liste`);
    expect(question.body).toContain('<h1>Annuler le rendez-vous du jeudi 10 décembre à 9\u00a0h ?</h1>');
    expect(question.body).toContain(`action="/rendez-vous/${bookingId}/annuler"`);
    expect(question.body).toContain('href="/mes-rendez-vous"');
    const cancelled = await browser.post(`/rendez-vous/${bookingId}/annuler`, { csrf });
    expect(cancelled.status).toBe(303);
    const after = await browser.get(locationOf(cancelled));
    expect(after.body).toContain('est annulé');
    // Listed apart, in brief, under "Annulés ou passés": no longer like a booking to go to.
    const apart = after.body.slice(after.body.indexOf('Annulés ou passés'));
    expect(after.body.indexOf('Annulés ou passés')).toBeGreaterThan(0);
    expect(apart).toMatch(/fr-badge--error">annulé<\/span> jeudi 10 décembre à 9\u00a0h, /);
    // This booking offers no cancel any more (the shared demo account may hold others' bookings).
    expect(after.body).not.toContain(`/rendez-vous/${bookingId}/annuler`);
  });

  it('says in words that a slot was taken meanwhile, and never shows someone else’s hold or booking', async () => {
    const { slotIds } = await bookableZone(api({ now }), { slots: 1 });
    const first = await signedIn('/');
    const second = await signedIn('/', 'fc-demo-2');
    const csrf1 = csrfOf((await first.get(`/reserver/${slotIds[0]}`)).body)!;
    const csrf2 = csrfOf((await second.get(`/reserver/${slotIds[0]}`)).body)!;
    const held = await first.post(`/reserver/${slotIds[0]}`, { csrf: csrf1 });
    expect(held.status).toBe(303);
    const taken = await second.post(`/reserver/${slotIds[0]}`, { csrf: csrf2 });
    expect(taken.status).toBe(409);
    expect(taken.body).toContain('Ce créneau n’est plus libre');
    expect((await second.get(locationOf(held))).status).toBe(404);
  });

  it('sends a signed-out person to sign in, and refuses a form without its CSRF token', async () => {
    const { slotIds } = await bookableZone(api({ now }), { slots: 1 });
    const anonymous = new Browser(api({ now }));
    const res = await anonymous.post(`/reserver/${slotIds[0]}`, {});
    expect(res.status).toBe(303);
    expect(locationOf(res)).toBe(`/connexion?retour=%2Freserver%2F${slotIds[0]}%2Fgarder`);
    const browser = await signedIn('/');
    expect((await browser.post(`/reserver/${slotIds[0]}`, { csrf: 'forged' })).status).toBe(403);
  });

  it('"Prolonger" is the form’s second submit and keeps every typed value; a relative is booked under their own name, with a birth date typed as digits', async () => {
    const { slotIds } = await bookableZone(api({ now }), { slots: 1 });
    const browser = await signedIn(`/reserver/${slotIds[0]}`); // fc-demo-1: Angela Claire Louise Dubois, 24 June 1962
    const csrf = csrfOf((await browser.get(`/reserver/${slotIds[0]}`)).body)!;
    const formPath = locationOf(await browser.post(`/reserver/${slotIds[0]}`, { csrf }));
    const form = await browser.get(formPath);
    expect(form.body).toContain(`formaction="${formPath}/prolonger"`);
    expect(form.body).toMatch(/id="birthDate"[^>]*inputmode="numeric"/);
    // "Confirmer" comes first in the form: Enter in a field books rather than extends.
    expect(form.body.indexOf('Confirmer le rendez-vous')).toBeLessThan(form.body.indexOf('id="prolonger"'));
    const key = /name="cle" value="([^"]+)"/.exec(form.body)![1];
    const relative = {
      csrf,
      cle: key,
      who: 'proche',
      firstName: 'Bernard',
      lastName: 'Dubois',
      birthDate: '12031944',
      phone: '06 12 34 56 78',
      email: 'famille@example.fr',
      rappel_sms: 'oui',
    };

    const extended = await browser.post(`${formPath}/prolonger`, relative);
    expect(extended.status).toBe(303);
    expect(locationOf(extended)).toBe(`${formPath}?prolonge=1`);
    const kept = (await browser.get(locationOf(extended))).body;
    expect(kept).toContain('Nous avons prolongé la réservation');
    for (const value of ['Bernard', '12031944', '06 12 34 56 78', 'famille@example.fr', key])
      expect(kept).toContain(`value="${value}"`);
    expect(kept).toMatch(/id="pour-proche"[^>]*checked/);
    expect(kept).toMatch(/id="rappel_sms"[^>]*checked/);
    expect(kept).not.toMatch(/id="rappel_courriel"[^>]*checked/);
    expect(kept).not.toContain('value="Angela');

    // "Pour un proche" with the holder's own identity (the fields as FranceConnect filled them).
    const holder = await browser.post(formPath, {
      ...relative,
      firstName: 'Angela Claire Louise',
      lastName: 'DUBOIS',
      birthDate: '24/06/1962',
    });
    expect(holder.status).toBe(400);
    expect(holder.body).toContain('Ce sont votre prénom, votre nom et votre date de naissance');
    expect(holder.body).toMatch(/id="firstName"[^>]*value=""/);
    expect(holder.body).toMatch(/id="birthDate"[^>]*value=""/);

    const booked = await browser.post(formPath, relative);
    expect(booked.status).toBe(303);
    const [patient] = await sql<{ patient_first_name: string; patient_birth_date: string }>(
      `SELECT patient_first_name, patient_birth_date::text FROM bookings WHERE id = $1`,
      [locationOf(booked).split('/').pop()],
    );
    expect(patient).toEqual({ patient_first_name: 'Bernard', patient_birth_date: '1944-03-12' });
    expect((await browser.get(locationOf(booked))).body).toContain('Rendez-vous de Bernard Dubois');
    // The kept values end with the booking.
    expect(booked.headers.get('set-cookie') ?? '').toMatch(/draft=;/);
    // Cancelled, so that a later run does not find Bernard Dubois at the cap of 2 per person.
    expect((await browser.post(`${locationOf(booked)}/annuler`, { csrf })).status).toBe(303);
  });

  it('at the cap of 2 upcoming bookings per person, the form names the rule, lists them and keeps the hold', async () => {
    const { slotIds } = await bookableZone(api({ now }), { slots: 3 });
    const browser = await signedIn('/', 'fc-demo-2');
    const digits = (n: number) => String(Math.floor(Math.random() * 10 ** n)).padStart(n, '0');
    // A person no other run books (the cap counts the same names, birth date and phone).
    const person = {
      who: 'proche',
      firstName: 'Lucienne',
      lastName: 'Capdevielle',
      birthDate: `1${Math.floor(Math.random() * 9)}/0${1 + Math.floor(Math.random() * 9)}/19${30 + Math.floor(Math.random() * 60)}`,
      phone: `061${digits(7)}`,
      email: '',
    };
    const csrf = csrfOf((await browser.get(`/reserver/${slotIds[0]}`)).body)!;
    const formFor = async (slotId: string) => {
      const formPath = locationOf(await browser.post(`/reserver/${slotId}`, { csrf }));
      return { formPath, cle: /name="cle" value="([^"]+)"/.exec((await browser.get(formPath)).body)![1] };
    };
    for (const slotId of slotIds.slice(0, 2)) {
      const { formPath, cle } = await formFor(slotId);
      expect((await browser.post(formPath, { csrf, cle, ...person })).status).toBe(303);
    }
    const { formPath, cle } = await formFor(slotIds[2]);
    const refused = await browser.post(formPath, { csrf, cle, ...person });
    expect(refused.status).toBe(409);
    expect(refused.body).toContain(
      'Lucienne Capdevielle a déjà 2 rendez-vous à venir. Chaque personne peut avoir au plus 2 rendez-vous à venir',
    );
    expect(refused.body).toContain('Les rendez-vous à venir de Lucienne Capdevielle');
    expect(refused.body.match(/href="\/rendez-vous\/[0-9a-f-]{36}"/g)).toHaveLength(2);
    expect(refused.body).toContain('nous gardons ce créneau pour vous jusqu’à');
    expect(refused.body).not.toContain('Demande impossible');
    expect(refused.body).toContain('value="Lucienne"');
    const [hold] = await sql<{ status: string }>(`SELECT status FROM holds WHERE id = $1`, [formPath.split('/').pop()]);
    expect(hold.status).toBe('active');
    expect((await browser.get(formPath)).status).toBe(200);
  });

  it('signing in from a slot holds it and opens the form; the same link later shows the slot first', async () => {
    const { slotIds } = await bookableZone(api({ now }), { slots: 1 });
    const anonymous = new Browser(api({ now }));
    const slotPage = await anonymous.get(`/reserver/${slotIds[0]}`);
    expect(slotPage.body).toContain(`href="/connexion?retour=%2Freserver%2F${slotIds[0]}%2Fgarder"`);
    const callback = await anonymous.signIn(`/reserver/${slotIds[0]}/garder`, 'fc-demo-3');
    expect(locationOf(callback)).toBe(`/reserver/${slotIds[0]}/garder`);
    const held = await anonymous.get(locationOf(callback));
    expect(held.status).toBe(303);
    expect(locationOf(held)).toMatch(/^\/reservation\/[0-9a-f-]{36}$/);
    const form = await anonymous.get(locationOf(held));
    expect(form.status).toBe(200);
    expect(form.body).toContain('Étape 3 sur 4');

    // Five minutes after signing in, a GET no longer holds anything: step 1, whose button does.
    const later = new Browser(api({ now: new Date(now.getTime() + 5 * 60_000) }));
    for (const [name, value] of anonymous.app.cookies) later.app.cookies.set(name, value);
    const stale = await later.get(`/reserver/${slotIds[0]}/garder`);
    expect(stale.status).toBe(303);
    expect(locationOf(stale)).toBe(`/reserver/${slotIds[0]}`);
  });

  it('promises only the reminder that can go out: a landline without email is said before booking, with the offer to add a mobile or an email', async () => {
    const { slotIds } = await bookableZone(api({ now }), { slots: 2 });
    const browser = await signedIn('/', 'fc-demo-3'); // no email from FranceConnect
    const csrf = csrfOf((await browser.get(`/reserver/${slotIds[0]}`)).body)!;
    const formFor = async (slotId: string) => {
      const formPath = locationOf(await browser.post(`/reserver/${slotId}`, { csrf }));
      return { formPath, cle: /name="cle" value="([^"]+)"/.exec((await browser.get(formPath)).body)![1] };
    };
    const digits = String(Math.floor(Math.random() * 1e6)).padStart(6, '0');
    const fields = {
      csrf,
      who: 'proche',
      firstName: 'Marcel',
      lastName: 'Pagnol',
      birthDate: '28021925',
      email: '',
      rappel_sms: 'oui',
      rappel_courriel: 'oui',
    };

    let { formPath, cle } = await formFor(slotIds[0]);
    const warned = await browser.post(formPath, {
      ...fields,
      cle,
      phone: `05 58 ${digits.slice(0, 2)} ${digits.slice(2, 4)} ${digits.slice(4)}`,
    });
    expect(warned.status).toBe(200);
    expect(warned.body).toContain('Nous ne pourrons pas vous envoyer de rappel');
    expect(warned.body).toContain('href="#phone"');
    expect(warned.body).toContain('name="sans_rappel" value="oui"');
    const [{ count }] = await sql<{ count: string }>(
      `SELECT count(*) FROM bookings WHERE slot_id = $1 AND status = 'booked'`,
      [slotIds[0]],
    );
    expect(Number(count)).toBe(0);
    // Confirmed as it is: booked, and the confirmation promises nothing.
    const withoutReminder = await browser.post(formPath, {
      ...fields,
      cle,
      phone: `05 58 ${digits.slice(0, 2)} ${digits.slice(2, 4)} ${digits.slice(4)}`,
      sans_rappel: 'oui',
    });
    expect(withoutReminder.status).toBe(303);
    const quiet = (await browser.get(locationOf(withoutReminder))).body;
    expect(quiet).toContain('Aucun rappel ne sera envoyé');
    expect(quiet).not.toContain('Nous vous enverrons un rappel');
    expect((await browser.post(`${locationOf(withoutReminder)}/annuler`, { csrf })).status).toBe(303);

    // A mobile and an email: both are named.
    ({ formPath, cle } = await formFor(slotIds[1]));
    const booked = await browser.post(formPath, {
      ...fields,
      cle,
      phone: `06 58 ${digits.slice(0, 2)} ${digits.slice(2, 4)} ${digits.slice(4)}`,
      email: 'marcel@example.fr',
    });
    expect(booked.status).toBe(303);
    const told = (await browser.get(locationOf(booked))).body;
    expect(told).toContain(
      `Nous vous enverrons un rappel la veille par SMS au 06 58 ${digits.slice(0, 2)} ${digits.slice(2, 4)} ${digits.slice(4)} et par courriel à marcel@example.fr.`,
    );
    expect((await browser.post(`${locationOf(booked)}/annuler`, { csrf })).status).toBe(303);
  });

  /** Books the slot through the pages as `account`; returns the booking's page and the CSRF token. */
  async function bookedThroughPages(slotId: string, account: string) {
    const browser = await signedIn('/', account);
    const csrf = csrfOf((await browser.get(`/reserver/${slotId}`)).body)!;
    const formPath = locationOf(await browser.post(`/reserver/${slotId}`, { csrf }));
    const key = /name="cle" value="([^"]+)"/.exec((await browser.get(formPath)).body)![1];
    // A person of its own: the cap of 2 per person (name and birth date) must not carry over between tests.
    const phone = `061${String(Math.floor(Math.random() * 1e7)).padStart(7, '0')}`;
    const lastName = `Martin-${Math.random().toString(36).slice(2, 8).replace(/[0-9]/g, 'x')}`;
    const booked = await browser.post(formPath, {
      csrf,
      cle: key,
      who: 'moi',
      firstName: 'Jeanne',
      lastName,
      birthDate: '15/06/1950',
      phone,
      email: '',
    });
    return { browser, csrf, bookingPath: locationOf(booked) };
  }

  it('a move with nothing free in the next fortnight leads with the next free slot, and the weeks after are one link away', async () => {
    const { site, slotIds } = await bookableZone(api({ now }), { slots: 1 });
    await newMission(api({ now }), (await newDoctor()).token, site.id, {
      date: '2027-01-05',
      start: '14:00',
      end: '15:00',
    });
    const { browser, bookingPath } = await bookedThroughPages(slotIds[0], 'fc-demo-2');
    const choice = await browser.get(`${bookingPath}/deplacer`);
    expect(choice.status).toBe(200);
    expect(choice.body).toContain('Aucun créneau n’est libre avant le mardi 5 janvier 2027.');
    const [later] = await sql<{ id: string }>(
      `SELECT id FROM slots WHERE site_id = $1 AND starts_at > '2027-01-01' ORDER BY starts_at LIMIT 1`,
      [site.id],
    );
    expect(choice.body).toContain(`deplacer?vers=${later.id}`);
    expect(choice.body).toContain(`${bookingPath}/deplacer?periode=3`);
  });

  it('moves a booking to another free slot of the commune, once per key', async () => {
    const { slotIds } = await bookableZone(api({ now }), { slots: 3 });
    // An account of its own: the move test must not meet the account cap with other files' bookings.
    const { browser, csrf, bookingPath } = await bookedThroughPages(slotIds[0], 'fc-demo-4');

    const choice = await browser.get(`${bookingPath}/deplacer`);
    expect(choice.status).toBe(200);
    expect(choice.body).toContain(`deplacer?vers=${slotIds[2]}`);
    const confirm = await browser.get(`${bookingPath}/deplacer?vers=${slotIds[2]}`);
    expect(confirm.body).toContain('jeudi 10 décembre à 9\u00a0h\u00a040');
    const moveKey = /name="cle" value="([^"]+)"/.exec(confirm.body)![1];
    const moved = await browser.post(`${bookingPath}/deplacer`, { csrf, vers: slotIds[2], cle: moveKey });
    expect(moved.status).toBe(303);
    expect(locationOf(moved)).toBe(`${bookingPath}?deplace=1`);
    const page = await browser.get(locationOf(moved));
    expect(page.body).toContain('Votre rendez-vous est déplacé');
    expect(page.body).toContain('jeudi 10 décembre à 9\u00a0h\u00a040');
    const [{ slot_id }] = await sql<{ slot_id: string }>(`SELECT slot_id FROM bookings WHERE id = $1`, [
      bookingPath.split('/').pop(),
    ]);
    expect(slot_id).toBe(slotIds[2]);
  });
});
