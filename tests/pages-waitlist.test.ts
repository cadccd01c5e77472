// The personal link of a waitlist offer (/attente/<token>) through HTTP, as a browser without
// JavaScript uses it: the offer with its two buttons, accept (then the booking's own page) or
// decline (the next person is offered it), and a link that no longer opens anything.
import { createHash, randomBytes } from 'node:crypto';
import { createScheduledController } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import worker from '../src/index';
import { PERSON_ERRORS } from '../src/pages/person-fields';
import { api } from './helpers/api';
import { Browser, csrfOf } from './helpers/browser';
import { book, bookableZone, patientBody } from './helpers/fixtures';
import { env } from './helpers/env';
import { letters } from './helpers/names';
import { sql } from './helpers/sql';
import { token } from './helpers/tokens';

const T0 = new Date('2026-12-01T08:00:00Z');
const client = api({ now: T0 });
const html = (body: unknown) => String(body).replace(/\s+/g, ' ');

/** A zone whose one slot was booked then cancelled, offered to a person waiting, and that person's link. */
async function offered() {
  const { zone, slotIds } = await bookableZone(client, { slots: 1 });
  const booker = await token('patient');
  const booked = await book(client, booker, { slotId: slotIds[0] });
  const waiting = [];
  for (let i = 0; i < 2; i++) {
    const res = await api({ now: new Date(T0.getTime() + i * 1000) }).post(
      '/v1/waitlist',
      { zone: zone.siren, patient: patientBody() },
      await token('patient'),
    );
    expect(res.status).toBe(201);
    waiting.push(res.body.id as string);
  }
  await client.post(`/v1/bookings/${booked.body.id}/cancel`, {}, booker);
  await worker.scheduled(createScheduledController({ scheduledTime: T0.getTime(), cron: '* * * * *' }), env);
  const link = randomBytes(16).toString('base64url');
  await sql(`INSERT INTO waitlist_links (token_hash, entry_id, created_at) VALUES ($1, $2, now())`, [
    createHash('sha256').update(link).digest('hex'),
    waiting[0],
  ]);
  return { slotId: slotIds[0], entryId: waiting[0], nextId: waiting[1], path: `/attente/${link}` };
}

describe('the waitlist offer page', () => {
  it('shows the offer and until when it is kept; accepting books it and opens the booking’s own page', async () => {
    const { path, entryId, slotId } = await offered();
    const browser = new Browser(api({ now: new Date('2026-12-01T08:30:00Z') }));
    const page = await browser.get(path);
    expect(page.status).toBe(200);
    expect(page.headers.get('referrer-policy')).toBe('no-referrer');
    expect(html(page.body)).toContain('Un créneau s’est libéré pour vous');
    expect(html(page.body)).toContain('Nous le gardons pour vous jusqu’à 11 h.');
    const key = /name="cle" value="([^"]+)"/.exec(String(page.body))![1];
    const accepted = await browser.post(`${path}/accepter`, { cle: key });
    expect(accepted.status).toBe(303);
    const rdv = accepted.headers.get('location')!;
    expect(rdv).toMatch(/^\/rdv\/[A-Za-z0-9_-]{22}$/);
    expect(html((await browser.get(rdv)).body)).toContain('Votre rendez-vous');
    const [entry] = await sql<{ status: string; slot_id: string }>(
      `SELECT e.status, b.slot_id FROM waitlist_entries e JOIN bookings b ON b.id = e.booking_id WHERE e.id = $1`,
      [entryId],
    );
    expect(entry).toEqual({ status: 'booked', slot_id: slotId });
    // The same form sent again books nothing more: the same booking's page.
    const again = await browser.post(`${path}/accepter`, { cle: key });
    expect(again.headers.get('location')).toMatch(/^\/rdv\//);
  });

  it('declining passes it to the next person; too late, the page says so; an ended entry’s link no longer works', async () => {
    const { path, nextId } = await offered();
    const browser = new Browser(client);
    const declined = await browser.post(`${path}/refuser`, {});
    expect(declined.headers.get('location')).toBe(`${path}?refuse=1`);
    expect(html((await browser.get(`${path}?refuse=1`)).body)).toContain('il est proposé à la personne suivante');
    const [next] = await sql<{ status: string }>(`SELECT status FROM waitlist_entries WHERE id = $1`, [nextId]);
    expect(next.status).toBe('offered');

    const late = await offered();
    const after = new Browser(api({ now: new Date('2026-12-01T10:00:00Z') }));
    const refused = await after.post(`${late.path}/accepter`, { cle: crypto.randomUUID() });
    expect(refused.headers.get('location')).toBe(`${late.path}?expire=1`);
    expect(html((await after.get(`${late.path}?expire=1`)).body)).toContain(
      'Le temps pour accepter ce créneau est écoulé',
    );

    const quit = await browser.post(`${path}/quitter`, {});
    expect(quit.headers.get('location')).toBe('/attente/quitte');
    const dead = await browser.get(path);
    expect(dead.status).toBe(404);
    expect(html(dead.body)).toContain('Ce lien ne fonctionne plus');
  });
});

describe('joining the waitlist from the results page', () => {
  it('a zone with nothing free offers to wait; the signed-in patient joins, is offered the freed slot and accepts it', async () => {
    const { zone, slotIds } = await bookableZone(client, { slots: 1 });
    const booker = await token('patient');
    const booked = await book(client, booker, { slotId: slotIds[0] });
    const results = await client.request('GET', `/recherche?epci=${zone.siren}`, { headers: { accept: 'text/html' } });
    expect(html(results.body)).toContain(`href="/liste-attente?epci=${zone.siren}"`);

    const browser = new Browser(client);
    expect((await browser.signIn(`/liste-attente?epci=${zone.siren}`)).status).toBe(303);
    const form = await browser.get(`/liste-attente?epci=${zone.siren}`);
    expect(form.status).toBe(200);
    expect(html(form.body)).toContain('Être prévenu quand un créneau se libère');
    const csrf = csrfOf(form.body)!;
    const person = {
      firstName: 'Odette',
      lastName: `Attente-${letters()}`,
      birthDate: '02/03/1939',
      email: '',
    };
    const landline = await browser.post(`/liste-attente?epci=${zone.siren}`, {
      csrf,
      ...person,
      phone: '05 58 00 00 00',
    });
    expect(landline.status).toBe(400);
    expect(html(landline.body)).toContain('Ce numéro est un fixe');
    const joined = await browser.post(`/liste-attente?epci=${zone.siren}`, {
      csrf,
      ...person,
      phone: '06 12 00 00 01',
    });
    expect(joined.status).toBe(303);
    const entryPath = joined.headers.get('location')!.split('?')[0];
    expect(html((await browser.get(`${entryPath}?inscrit=1`)).body)).toContain(
      'Vous êtes inscrit sur la liste d’attente',
    );

    await client.post(`/v1/bookings/${booked.body.id}/cancel`, {}, booker);
    await worker.scheduled(createScheduledController({ scheduledTime: T0.getTime(), cron: '* * * * *' }), env);
    const offer = await browser.get(entryPath);
    expect(html(offer.body)).toContain('Un créneau s’est libéré pour vous');
    const key = /name="cle" value="([^"]+)"/.exec(String(offer.body))![1];
    const accepted = await browser.post(`${entryPath}/accepter`, { csrf: csrfOf(offer.body)!, cle: key });
    expect(accepted.headers.get('location')).toMatch(/^\/rdv\/[A-Za-z0-9_-]{22}$/);

    const stranger = new Browser(client);
    await stranger.signIn('/', 'fc-demo-2');
    expect((await stranger.get(entryPath)).status).toBe(404);
  });
});

describe('the zone waitlist in the call-centre console', () => {
  it('lists the people waiting in their turn; a person told only by phone accepts the slot offered, booked on the call and audited', async () => {
    const { zone, slotIds } = await bookableZone(client, { slots: 1 });
    const booker = await token('patient');
    const booked = await book(client, booker, { slotId: slotIds[0] });
    const landline = { ...patientBody(), phone: '05 58 00 00 00' };
    const joined = await client.post('/v1/waitlist', { zone: zone.siren, patient: landline }, await token('patient'));
    expect(joined.status).toBe(201);
    await client.post(`/v1/bookings/${booked.body.id}/cancel`, {}, booker);
    await worker.scheduled(createScheduledController({ scheduledTime: T0.getTime(), cron: '* * * * *' }), env);

    const agent = new Browser(client);
    expect((await agent.signIn('/agent', 'pc-agent-1', 'proconnect')).status).toBe(303);
    const call = `APL-${crypto.randomUUID().slice(0, 8)}`;
    const list = await agent.get(`/agent/attente?appel=${call}&q=${zone.postcode}`);
    expect(list.status).toBe(200);
    const text = html(list.body);
    expect(text).toContain(`1. ${landline.firstName} ${landline.lastName}`);
    expect(text).toContain('Ni mobile ni courriel : à prévenir par téléphone');
    expect(text).toContain('Créneau proposé, gardé jusqu’à 11 h');
    const key = /name="cle" value="([^"]+)"/.exec(String(list.body))![1];
    const accepted = await agent.post(`/agent/attente/${joined.body.id}/accepter`, {
      csrf: csrfOf(list.body)!,
      appel: call,
      cle: key,
      q: zone.postcode,
    });
    expect(accepted.status).toBe(303);
    expect(accepted.headers.get('location')).toMatch(new RegExp(`^/agent/rendez-vous/[0-9a-f-]{36}\\?appel=${call}$`));
    const audit = await sql<{ action: string }>(
      `SELECT action FROM audit_events WHERE call_reference = $1 ORDER BY id`,
      [call],
    );
    expect(audit.map((a) => a.action)).toEqual(['waitlist.read', 'booking.create']);
    const [booking] = await sql<{ channel: string; status: string }>(
      `SELECT b.channel, e.status FROM waitlist_entries e JOIN bookings b ON b.id = e.booking_id WHERE e.id = $1`,
      [joined.body.id],
    );
    expect(booking).toEqual({ channel: 'phone', status: 'booked' });
  });

  it('puts the caller on the zone’s list during the call, a landline without email too; a wrong field is said in French, nothing written', async () => {
    const { zone } = await bookableZone(client, { slots: 1 });
    const agent = new Browser(client);
    expect((await agent.signIn('/agent', 'pc-agent-1', 'proconnect')).status).toBe(303);
    const call = `APL-${crypto.randomUUID().slice(0, 8)}`;
    const list = await agent.get(`/agent/attente?appel=${call}&q=${zone.postcode}`);
    expect(html(list.body)).toContain('Inscrire la personne au bout du fil');
    const person = { ...patientBody(), phone: '05 58 00 00 01' };
    const fields = {
      csrf: csrfOf(list.body)!,
      appel: call,
      q: zone.postcode,
      firstName: person.firstName,
      lastName: person.lastName,
      phone: person.phone,
      email: '',
    };
    const wrong = await agent.post('/agent/attente/inscrire', { ...fields, birthDate: '31/02/1950' });
    expect(wrong.status).toBe(400);
    expect(html(wrong.body)).toContain(PERSON_ERRORS.birthDate);
    // A premium-rate number is said in the words of every person form, the booking forms' too.
    const premium = await agent.post('/agent/attente/inscrire', {
      ...fields,
      birthDate: '15/06/1950',
      phone: '08 99 12 34 56',
    });
    expect(premium.status).toBe(400);
    expect(html(premium.body)).toContain(PERSON_ERRORS.wrongPhone);
    expect(await sql(`SELECT 1 FROM waitlist_entries WHERE patient_last_name = $1`, [person.lastName])).toEqual([]);
    const joined = await agent.post('/agent/attente/inscrire', { ...fields, birthDate: '15/06/1950' });
    expect(joined.status).toBe(303);
    expect(joined.headers.get('location')).toBe(`/agent/attente?appel=${call}&q=${zone.postcode}&inscrit=1`);
    const after = await agent.get(joined.headers.get('location')!);
    expect(html(after.body)).toContain('La personne est inscrite sur la liste d’attente');
    expect(html(after.body)).toContain(`1. ${person.firstName} ${person.lastName}`);
    const [entry] = await sql<{ channel: string; call_reference: string }>(
      `SELECT channel, call_reference FROM waitlist_entries WHERE patient_last_name = $1`,
      [person.lastName],
    );
    expect(entry).toEqual({ channel: 'phone', call_reference: call });
  });
});
