// The call-centre console through HTTP in workerd, signed in through the local ProConnect twin
// (pc-agent-1): the call's reference typed once and carried by every action (each audited with
// it), slots found and held for the caller, a booking on their behalf read back in plain words,
// their bookings found by phone then cancelled or moved, the call list; the refusals in words
// (bad reference, slot taken meanwhile, hold expired) and the space closed to other roles.
import { describe, expect, it } from 'vitest';
import { PERSON_ERRORS } from '../src/pages/person-fields';
import { api } from './helpers/api';
import { Browser, csrfOf } from './helpers/browser';
import { bookableZone, book, newDoctor, newMission, patientBody } from './helpers/fixtures';
import { letters } from './helpers/names';
import { sql } from './helpers/sql';
import { token } from './helpers/tokens';

const start = new Date('2026-12-07T08:00:00Z'); // the fixtures' mission is Thursday 10 December

/** An agent's browser on a clock the test moves. */
async function agentBrowser(account = 'pc-agent-1') {
  const clock = { now: start };
  const browser = new Browser(api({ now: () => clock.now }));
  const callback = await browser.signIn('/agent', account, 'proconnect');
  expect(callback.status).toBe(303);
  return { browser, clock };
}

const locationOf = (res: { headers: Headers }) => res.headers.get('location')!;
const newCall = () => `APL-${crypto.randomUUID().slice(0, 8)}`;
const randomMobile = () => `061${String(Math.floor(Math.random() * 1e7)).padStart(7, '0')}`;
const auditOf = (call: string) =>
  sql<{ action: string; outcome: string; booking_id: string | null }>(
    `SELECT action, outcome, booking_id FROM audit_events WHERE call_reference = $1 ORDER BY id`,
    [call],
  );

async function holdFirstSlot(browser: Browser, call: string, postcode: string, slotId: string) {
  const slots = await browser.get(`/agent/creneaux?appel=${call}&q=${postcode}`);
  expect(slots.status).toBe(200);
  expect(slots.body).toContain(`action="/agent/creneaux/${slotId}"`);
  const held = await browser.post(`/agent/creneaux/${slotId}`, { csrf: csrfOf(slots.body)!, appel: call });
  expect(held.status).toBe(303);
  expect(locationOf(held)).toMatch(new RegExp(`^/agent/reservation/[0-9a-f-]{36}\\?appel=${call}$`));
  return locationOf(held).split('?')[0];
}

describe('the call-centre console', () => {
  it('looks ahead for the caller: a full day is named, an empty fortnight leads to the next free slot, for a move too', async () => {
    const { browser } = await agentBrowser();
    const call = newCall();
    const client = api({ now: start });
    const { zone, site, slotIds } = await bookableZone(client, { slots: 1 });
    const booked = await book(client, await token('patient'), { slotId: slotIds[0] });
    expect(booked.status).toBe(201);
    const full = await browser.get(`/agent/creneaux?appel=${call}&commune=${zone.insee}`);
    expect(full.body).toContain('Le prochain jour de consultation, le jeudi 10 décembre, est complet.');
    expect(full.body).toContain(`/agent/creneaux?appel=${call}&amp;commune=${zone.insee}&amp;periode=1`);
    await newMission(client, (await newDoctor()).token, site.id, { date: '2027-01-05', start: '14:00', end: '15:00' });
    const [later] = await sql<{ id: string }>(
      `SELECT id FROM slots WHERE site_id = $1 AND starts_at > '2027-01-01' ORDER BY starts_at LIMIT 1`,
      [site.id],
    );
    const ahead = await browser.get(`/agent/creneaux?appel=${call}&commune=${zone.insee}`);
    expect(ahead.body).toContain('Aucun créneau n’est libre avant le mardi 5 janvier 2027.');
    expect(ahead.body).toContain(`action="/agent/creneaux/${later.id}"`);
    const move = await browser.get(`/agent/rendez-vous/${booked.body.id}/deplacer?appel=${call}`);
    expect(move.body).toContain('Aucun créneau n’est libre avant le mardi 5 janvier 2027.');
    expect(move.body).toContain(`vers=${later.id}`);
  });

  it('"Prolonger" keeps what was typed; at the cap of 2 per person the form says so and keeps the hold', async () => {
    const client = api({ now: start });
    const { zone, slotIds } = await bookableZone(client, { slots: 3 });
    const person = {
      firstName: 'Marius',
      lastName: `Olive-${letters()}`,
      birthDate: '1938-04-09',
      phone: randomMobile(),
    };
    for (const slotId of slotIds.slice(0, 2))
      expect((await book(client, await token('patient'), { slotId, patient: person })).status).toBe(201);
    const { browser } = await agentBrowser();
    const call = newCall();
    const formPath = await holdFirstSlot(browser, call, zone.postcode, slotIds[2]);
    const form = await browser.get(`${formPath}?appel=${call}`);
    expect(form.body).toContain(`formaction="${formPath}/prolonger"`);
    const csrf = csrfOf(form.body)!;
    const cle = /name="cle" value="([^"]+)"/.exec(form.body)![1];
    const fields = {
      csrf,
      appel: call,
      cle,
      ...person,
      birthDate: '09041938',
      email: '',
      rappel_sms: 'oui',
      sans_depassement: 'oui',
    };

    const extended = await browser.post(`${formPath}/prolonger`, fields);
    expect(extended.status).toBe(303);
    const kept = (await browser.get(locationOf(extended))).body;
    for (const value of [person.lastName, '09041938', person.phone, cle]) expect(kept).toContain(`value="${value}"`);
    expect(kept).toMatch(/id="sans_depassement"[^>]*checked/);

    const refused = await browser.post(formPath, fields);
    expect(refused.status).toBe(409);
    expect(refused.body).toContain(
      `${person.firstName} ${person.lastName} a déjà 2 rendez-vous à venir. Chaque personne peut avoir au plus 2 rendez-vous à venir`,
    );
    expect(refused.body).toContain(`Les rendez-vous à venir de ${person.firstName} ${person.lastName}`);
    expect(refused.body).toContain(`value="${person.lastName}"`);
    const [hold] = await sql<{ status: string }>(`SELECT status FROM holds WHERE id = $1`, [formPath.split('/').pop()]);
    expect(hold.status).toBe('active');
  });

  it('books for a caller: the reference once, a slot held for 10 minutes and extended, a refused form, the booking read back, all audited', async () => {
    const { zone, slotIds } = await bookableZone(api({ now: start }), { slots: 2 });
    const { browser } = await agentBrowser();
    const call = newCall();

    const home = await browser.get('/agent');
    expect(home.status).toBe(200);
    expect(home.body).toContain('name="appel"');
    const bad = await browser.get('/agent?appel=appel%2042%20%C3%A9');
    expect(bad.status).toBe(400);
    expect(bad.body).toContain('id="appel-error"');
    expect(bad.body).toContain('role="alert"');
    const started = await browser.get(`/agent?appel=${call}`);
    expect(started.status).toBe(200);
    expect(started.body).toContain(`<h1>Appel ${call}</h1>`);

    const formPath = await holdFirstSlot(browser, call, zone.postcode, slotIds[0]);
    const form = await browser.get(`${formPath}?appel=${call}`);
    expect(form.status).toBe(200);
    // The agent's longer hold: 10 minutes from 9 h (Paris).
    expect(form.body).toContain('gardé pour la personne jusqu’à 9\u00a0h\u00a010');
    const csrf = csrfOf(form.body)!;
    const key = /name="cle" value="([^"]+)"/.exec(form.body)![1];
    const fields = {
      csrf,
      appel: call,
      cle: key,
      firstName: 'Marcel',
      lastName: `Pagnol-${letters()}`,
      birthDate: '03/02/1941',
      phone: randomMobile(),
      email: '',
      rappel_sms: 'oui',
    };

    const unticked = await browser.post(formPath, fields);
    expect(unticked.status).toBe(400);
    expect(unticked.body).toContain('href="#sans_depassement"');
    expect(unticked.body).toContain('id="sans_depassement-error"');
    const badDate = await browser.post(formPath, { ...fields, birthDate: '31/02/1941', sans_depassement: 'oui' });
    expect(badDate.status).toBe(400);
    expect(badDate.body).toContain('id="birthDate-error"');
    // A premium-rate number: the core's refusal, said at the field in the words of every person form.
    const premium = await browser.post(formPath, { ...fields, phone: '08 99 12 34 56', sans_depassement: 'oui' });
    expect(premium.status).toBe(422);
    expect(premium.body).toContain(PERSON_ERRORS.wrongPhone);

    const extended = await browser.post(`${formPath}/prolonger`, { csrf, appel: call });
    expect(extended.status).toBe(303);
    expect((await browser.get(locationOf(extended))).body).toContain('Le créneau est gardé plus longtemps');

    const booked = await browser.post(formPath, { ...fields, sans_depassement: 'oui' });
    expect(booked.status).toBe(303);
    expect(locationOf(booked)).toMatch(new RegExp(`^/agent/rendez-vous/[0-9a-f-]{36}\\?appel=${call}&nouveau=1$`));
    const bookingId = locationOf(booked).split('?')[0].split('/').pop()!;
    // A second click on the same form books nothing more.
    expect(locationOf(await browser.post(formPath, { ...fields, sans_depassement: 'oui' }))).toBe(locationOf(booked));

    const confirmation = await browser.get(locationOf(booked));
    expect(confirmation.status).toBe(200);
    expect(confirmation.body).toContain('Le jeudi 10 décembre à 9\u00a0h, ');
    expect(confirmation.body).toContain('Le patient ne paiera aucun dépassement d’honoraires');
    const [row] = await sql<{ channel: string; call_reference: string; owner_role: string }>(
      `SELECT channel, call_reference, owner_role FROM bookings WHERE id = $1`,
      [bookingId],
    );
    expect(row).toEqual({ channel: 'phone', call_reference: call, owner_role: 'agent' });
    expect((await auditOf(call)).map((a) => [a.action, a.booking_id])).toEqual([
      ['hold.create', null],
      ['hold.extend', null],
      ['booking.create', bookingId],
      ['booking.read', bookingId],
    ]);
  });

  it('a bad or missing call reference on an action changes nothing and asks for it', async () => {
    const { slotIds } = await bookableZone(api({ now: start }), { slots: 1 });
    const { browser } = await agentBrowser();
    const page = await browser.get(`/agent?appel=${newCall()}`);
    for (const appel of ['', 'deux mots', 'é'.repeat(3), 'x'.repeat(65)]) {
      const refused = await browser.post(`/agent/creneaux/${slotIds[0]}`, { csrf: csrfOf(page.body)!, appel });
      expect(refused.status, appel).toBe(400);
      expect(refused.body).toContain('Indiquez d’abord la référence de l’appel en cours');
    }
    expect((await browser.get(`/agent/creneaux?q=40410`)).status).toBe(400);
    const [slot] = await sql<{ hold_id: string | null }>(`SELECT hold_id FROM slots WHERE id = $1`, [slotIds[0]]);
    expect(slot.hold_id).toBeNull();
  });

  it('a slot taken meanwhile, and a hold that expired, say what to do next', async () => {
    const { zone, slotIds } = await bookableZone(api({ now: start }), { slots: 2 });
    const { browser, clock } = await agentBrowser();
    const call = newCall();
    const slots = await browser.get(`/agent/creneaux?appel=${call}&q=${zone.postcode}`);
    await book(api({ now: start }), await token('patient'), { slotId: slotIds[0] });
    const taken = await browser.post(`/agent/creneaux/${slotIds[0]}`, { csrf: csrfOf(slots.body)!, appel: call });
    expect(taken.status).toBe(409);
    expect(taken.body).toContain('Ce créneau vient d’être pris');
    expect(taken.body).toContain(`/agent/creneaux?appel=${call}&amp;commune=${zone.insee}`);

    const formPath = await holdFirstSlot(browser, call, zone.postcode, slotIds[1]);
    const form = await browser.get(`${formPath}?appel=${call}`);
    clock.now = new Date(start.getTime() + 11 * 60_000);
    const expired = await browser.get(`${formPath}?appel=${call}`);
    expect(expired.status).toBe(409);
    expect(expired.body).toContain('Le temps de garde est écoulé');
    const late = await browser.post(formPath, {
      csrf: csrfOf(form.body)!,
      appel: call,
      cle: crypto.randomUUID(),
      firstName: 'Lucie',
      lastName: 'Aubrac',
      birthDate: '29/06/1912',
      phone: randomMobile(),
      email: '',
      sans_depassement: 'oui',
    });
    expect(late.status).toBe(409);
    expect(late.body).toContain('Le temps de garde de ce créneau est écoulé');
    expect((await sql(`SELECT 1 FROM bookings WHERE slot_id = $1`, [slotIds[1]])).length).toBe(0);
  });

  it('finds a caller’s bookings by phone or by name, then moves and cancels one, each with the call’s reference', async () => {
    const client = api({ now: start });
    const { slotIds } = await bookableZone(client, { slots: 3 });
    const { browser } = await agentBrowser();
    const patient = patientBody({ phone: randomMobile() });
    const booked = await book(client, await token('patient'), { slotId: slotIds[0], patient });
    const call = newCall();
    const page = await browser.get(`/agent?appel=${call}`);
    const csrf = csrfOf(page.body)!;

    const emptyPhone = await browser.post('/agent/rendez-vous/recherche', {
      csrf,
      appel: call,
      par: 'telephone',
      telephone: '',
    });
    expect(emptyPhone.status).toBe(400);
    expect(emptyPhone.body).toContain('id="telephone-error"');
    const premium = await browser.post('/agent/rendez-vous/recherche', {
      csrf,
      appel: call,
      par: 'telephone',
      telephone: '08 99 12 34 56',
    });
    expect(premium.status).toBe(422);
    const byPhone = await browser.post('/agent/rendez-vous/recherche', {
      csrf,
      appel: call,
      par: 'telephone',
      telephone: `+33 ${patient.phone.slice(1)}`,
    });
    expect(byPhone.status).toBe(200);
    expect(byPhone.body).toContain(`/agent/rendez-vous/${booked.body.id}?appel=${call}`);
    const byName = await browser.post('/agent/rendez-vous/recherche', {
      csrf,
      appel: call,
      par: 'nom',
      nom: patient.lastName.toUpperCase(),
      prenom: '',
      naissance: '15/06/1950',
    });
    expect(byName.body).toContain(`/agent/rendez-vous/${booked.body.id}?appel=${call}`);
    const byReference = await browser.post('/agent/rendez-vous/recherche', {
      csrf,
      appel: call,
      par: 'reference',
      reference: `${booked.body.reference.slice(0, 4)} ${booked.body.reference.slice(4).toLowerCase()}`,
    });
    expect(byReference.status).toBe(200);
    expect(byReference.body).toContain(`/agent/rendez-vous/${booked.body.id}?appel=${call}`);
    const badReference = await browser.post('/agent/rendez-vous/recherche', {
      csrf,
      appel: call,
      par: 'reference',
      reference: 'O0O0',
    });
    expect(badReference.status).toBe(400);
    expect(badReference.body).toContain('id="reference-error"');
    const nobody = await browser.post('/agent/rendez-vous/recherche', {
      csrf,
      appel: call,
      par: 'nom',
      nom: 'Personne',
      prenom: '',
      naissance: '01/01/1901',
    });
    expect(nobody.body).toContain('Aucun rendez-vous ne correspond');

    const choice = await browser.get(`/agent/rendez-vous/${booked.body.id}/deplacer?appel=${call}`);
    expect(choice.status).toBe(200);
    const action = new RegExp(
      `action="(/agent/rendez-vous/${booked.body.id}/deplacer\\?vers=${slotIds[1]}&amp;cle=[0-9a-f-]+)"`,
    )
      .exec(choice.body)![1]
      .replace(/&amp;/g, '&');
    // Asked once more, from → to, before anything changes.
    const asked = await browser.post(action, { csrf, appel: call });
    expect(asked.status).toBe(200);
    expect(asked.body).toMatch(
      /Déplacer le rendez-vous du jeudi 10 décembre à 9\u00a0h, Maison de santé test, [^<]+ au jeudi 10 décembre à 9\u00a0h\u00a020, Maison de santé test, [^<]+ \?/,
    );
    expect(
      (await sql<{ status: string }>('SELECT status FROM bookings WHERE id = $1', [booked.body.id]))[0].status,
    ).toBe('booked');
    const moved = await browser.post(action, { csrf, appel: call, confirme: 'oui' });
    expect(moved.status).toBe(303);
    expect(locationOf(moved)).toBe(`/agent/rendez-vous/${booked.body.id}?appel=${call}&deplace=1`);
    expect((await browser.get(locationOf(moved))).body).toContain('Le jeudi 10 décembre à 9\u00a0h\u00a020');

    const askedCancel = await browser.post(`/agent/rendez-vous/${booked.body.id}/annuler`, { csrf, appel: call });
    expect(askedCancel.status).toBe(200);
    expect(askedCancel.body).toMatch(
      /Annuler le rendez-vous du jeudi 10 décembre à 9\u00a0h\u00a020, Maison de santé test, [^<]+ \?/,
    );
    const cancelled = await browser.post(`/agent/rendez-vous/${booked.body.id}/annuler`, {
      csrf,
      appel: call,
      confirme: 'oui',
    });
    expect(cancelled.status).toBe(303);
    expect((await browser.get(locationOf(cancelled))).body).toContain('Le rendez-vous est annulé');
    const again = await browser.post(`/agent/rendez-vous/${booked.body.id}/annuler`, {
      csrf,
      appel: call,
      confirme: 'oui',
    });
    expect((await browser.get(locationOf(again))).body).toContain('role="alert"');

    const actions = (await auditOf(call)).map((a) => `${a.action} ${a.outcome}`);
    expect(actions).toEqual(
      expect.arrayContaining([
        'booking.search_by_phone 200',
        'booking.search_by_reference 200',
        'booking.search_by_name 200',
        'booking.search_by_name 200 none found',
        'booking.search_by_phone 422 invalid_phone',
        'booking.reschedule 200',
        'booking.cancel 200',
      ]),
    );
  });

  it('the call list tells what to say, and marks a call done with its reference', async () => {
    const client = api({ now: start });
    const { slotIds } = await bookableZone(client, { slots: 1 });
    const booked = await book(client, await token('patient'), {
      slotId: slotIds[0],
      patient: patientBody({ phone: `0558${String(Math.floor(Math.random() * 1e6)).padStart(6, '0')}` }), // a mainland landline
    });
    const [event] = await sql<{ id: string }>(`SELECT id FROM events WHERE booking_id = $1`, [booked.body.id]);
    await sql(
      `INSERT INTO call_list (booking_id, reason, kind, event_id, added_at) VALUES ($1, 'no_channel', 'change', $2, $3)`,
      [booked.body.id, event.id, start],
    );
    const { browser } = await agentBrowser();
    const list = await browser.get('/agent/appels');
    expect(list.status).toBe(200);
    expect(list.body).toContain('Votre rendez-vous a changé : il a maintenant lieu le jeudi 10 décembre à 9\u00a0h');
    const csrf = csrfOf(list.body)!;
    const field = `appel-${booked.body.id}`;
    const refused = await browser.post(`/agent/appels/${booked.body.id}/fait`, { csrf, [field]: 'pas bon' });
    expect(refused.status).toBe(400);
    expect(refused.body).toContain(`href="#${field}"`);
    const call = newCall();
    const done = await browser.post(`/agent/appels/${booked.body.id}/fait`, { csrf, [field]: call });
    expect(done.status).toBe(303);
    expect((await browser.get(locationOf(done))).body).not.toContain(field);
    expect((await auditOf(call)).map((a) => a.action)).toContain('call_list.done');
  });

  it('is closed to everyone but agents: no session goes to ProConnect, other roles get a French 403', async () => {
    const anonymous = new Browser(api({ now: start }));
    const redirected = await anonymous.get('/agent');
    expect(redirected.status).toBe(303);
    expect(locationOf(redirected)).toContain('fournisseur=proconnect');
    for (const [account, provider, retour] of [
      ['fc-demo-1', 'fc', '/'],
      ['psc-doctor-1', 'psc', '/medecin'],
      ['pc-ars-1', 'proconnect', '/ars'],
    ] as const) {
      const browser = new Browser(api({ now: start }));
      await browser.signIn(retour, account, provider);
      for (const path of ['/agent', `/agent/appels`, `/agent/creneaux?appel=APL-1&q=40410`]) {
        const res = await browser.get(path);
        expect(res.status, `${account} ${path}`).toBe(403);
        expect(res.body).toContain('lang="fr"');
      }
      const page = await browser.get('/');
      const post = await browser.post('/agent/rendez-vous/recherche', {
        csrf: csrfOf(page.body) ?? '',
        appel: 'APL-1',
        par: 'telephone',
        telephone: '0612345678',
      });
      expect(post.status, account).toBe(403);
    }
  });
});
