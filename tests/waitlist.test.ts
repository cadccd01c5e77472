// The waitlist (issue 22 §3) through HTTP: a cancellation in a full zone is offered to the first
// person waiting, who accepts it; an offer left to expire passes to the next; two freed slots at
// once never make two offers of one slot. The minute's sweep is the worker's own Cron Trigger.
import { createScheduledController } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import worker from '../src/index';
import { api, type Api, type ApiResponse } from './helpers/api';
import { responseErrors } from './helpers/contract';
import { book, bookableZone, idemKey, newDoctor, newMission, newSite, newZone, patientBody } from './helpers/fixtures';
import { env, onPostgresServer } from './helpers/env';
import { waitForMessages } from './helpers/sink';
import { sql } from './helpers/sql';
import { token } from './helpers/tokens';
import { integratorWithEndpoint, receivedAtLeast } from './helpers/webhooks';

const at = (iso: string) => new Date(iso);
const T0 = at('2026-12-01T08:00:00Z');
const client = api({ now: T0 });

const sweep = (now: Date) =>
  worker.scheduled(createScheduledController({ scheduledTime: now.getTime(), cron: '* * * * *' }), env);

/** A zone whose slots (on 10 December) are all booked, each by a person of their own. */
async function fullZone(slots = 2) {
  const setup = await bookableZone(client, { slots });
  const bookings: { id: string; bearer: string }[] = [];
  for (const slotId of setup.slotIds) {
    const bearer = await token('patient');
    const res = await book(client, bearer, { slotId });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    bookings.push({ id: res.body.id, bearer });
  }
  return { ...setup, bookings };
}

async function join(c: Api, zone: string, bearer?: string, extra: Record<string, unknown> = {}) {
  const patient = patientBody();
  const who = bearer ?? (await token('patient'));
  const res = await c.post('/v1/waitlist', { zone, patient, ...extra }, who);
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return { id: res.body.id as string, bearer: who, patient, body: res.body };
}

const cancel = (c: Api, booking: { id: string; bearer: string }) =>
  c.post(`/v1/bookings/${booking.id}/cancel`, {}, booking.bearer);

describe('waitlist', () => {
  it('a cancellation in a full zone produces an offer that the first person waiting accepts', async () => {
    const { zone, bookings, slotIds } = await fullZone();
    const first = await join(client, zone.siren);
    const second = await join(api({ now: at('2026-12-01T08:00:01Z') }), zone.siren);
    expect(first.body).toMatchObject({
      status: 'waiting',
      zone: zone.siren,
      from: '2026-12-01',
      to: '2026-12-31',
      offer: null,
      offersMade: 0,
    });

    expect((await cancel(client, bookings[0])).status).toBe(200);
    await sweep(T0);

    const offered = await client.get(`/v1/waitlist/${first.id}`, first.bearer);
    expect(offered.body).toMatchObject({
      status: 'offered',
      offersMade: 1,
      offer: { slotId: slotIds[0], expiresAt: '2026-12-01T10:00:00.000Z' },
    });
    expect((await client.get(`/v1/waitlist/${second.id}`, second.bearer)).body.status).toBe('waiting');
    // Held for that person: hidden from search, and nobody else can hold or book it.
    const search = await client.get(`/v1/slots?epci=${zone.siren}`);
    expect(search.body.items.map((s: { id: string }) => s.id)).not.toContain(slotIds[0]);
    expect((await book(client, await token('patient'), { slotId: slotIds[0] })).body.code).toBe('slot_unavailable');

    const later = api({ now: at('2026-12-01T09:00:00Z') });
    const key = idemKey();
    const accepted = await later.post(`/v1/waitlist/${first.id}/accept`, {}, first.bearer, { 'idempotency-key': key });
    expect(accepted.status, JSON.stringify(accepted.body)).toBe(201);
    expect(accepted.body).toMatchObject({
      status: 'booked',
      slot: { id: slotIds[0] },
      patient: { lastName: first.patient.lastName },
    });
    const again = await later.post(`/v1/waitlist/${first.id}/accept`, {}, first.bearer, { 'idempotency-key': key });
    expect(again.status).toBe(201);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(again.body.id).toBe(accepted.body.id);

    expect((await later.get(`/v1/waitlist/${first.id}`, first.bearer)).body).toMatchObject({
      status: 'booked',
      bookingId: accepted.body.id,
      offer: null,
    });
    const otherKey = await later.post(`/v1/waitlist/${first.id}/accept`, {}, first.bearer, {
      'idempotency-key': idemKey(),
    });
    expect(otherKey.body.code).toBe('waitlist_entry_ended');
    const [offer] = await sql<{ status: string }>(`SELECT status FROM waitlist_offers WHERE entry_id = $1`, [first.id]);
    expect(offer.status).toBe('accepted');
    // The ARS figures: one person still waiting, one offer accepted.
    const stats = await later.get(`/v1/zones/${zone.siren}/stats?from=2026-12-01&to=2026-12-31`, await token('admin'));
    expect(stats.body.waitlist).toEqual({ waiting: 1, offersAccepted: 1, offersExpired: 0 });
  });

  it('an offer left to expire passes to the one after; accepting it then is offer_expired, with nothing booked', async () => {
    const { zone, bookings, slotIds } = await fullZone();
    const first = await join(client, zone.siren);
    const second = await join(api({ now: at('2026-12-01T08:00:01Z') }), zone.siren);
    await cancel(client, bookings[1]);
    await sweep(T0);
    expect((await client.get(`/v1/waitlist/${first.id}`, first.bearer)).body.status).toBe('offered');

    const expiry = at('2026-12-01T10:00:00Z');
    const after = api({ now: expiry });
    // Read at once, the lapsed offer is over, before any sweep.
    expect((await after.get(`/v1/waitlist/${first.id}`, first.bearer)).body).toMatchObject({
      status: 'waiting',
      offer: null,
      offersMade: 1,
    });
    const refused = await after.post(`/v1/waitlist/${first.id}/accept`, {}, first.bearer, {
      'idempotency-key': idemKey(),
    });
    expect(refused.status).toBe(409);
    expect(refused.body.code).toBe('offer_expired');

    await sweep(expiry);
    expect((await after.get(`/v1/waitlist/${second.id}`, second.bearer)).body).toMatchObject({
      status: 'offered',
      offer: { slotId: slotIds[1] },
    });
    expect((await after.get(`/v1/waitlist/${first.id}`, first.bearer)).body.status).toBe('waiting');
    const [{ n }] = await sql<{ n: number }>(
      `SELECT count(*)::int AS n FROM bookings WHERE slot_id = $1 AND status = 'booked'`,
      [slotIds[1]],
    );
    expect(n).toBe(0);
    const stats = await after.get(`/v1/zones/${zone.siren}/stats?from=2026-12-01&to=2026-12-31`, await token('admin'));
    expect(stats.body.waitlist).toEqual({ waiting: 2, offersAccepted: 0, offersExpired: 1 });
  });

  it('declining passes the slot at once to the next person; when nobody takes it, it returns to search', async () => {
    const { zone, bookings, slotIds } = await fullZone();
    const first = await join(client, zone.siren);
    const second = await join(api({ now: at('2026-12-01T08:00:01Z') }), zone.siren);
    await cancel(client, bookings[0]);
    await sweep(T0);

    const declined = await client.post(`/v1/waitlist/${first.id}/decline`, {}, first.bearer);
    expect(declined.status).toBe(200);
    expect(declined.body).toMatchObject({ status: 'waiting', offer: null });
    expect((await client.get(`/v1/waitlist/${second.id}`, second.bearer)).body.offer.slotId).toBe(slotIds[0]);
    expect((await client.post(`/v1/waitlist/${first.id}/decline`, {}, first.bearer)).body.code).toBe('no_live_offer');

    expect((await client.post(`/v1/waitlist/${second.id}/decline`, {}, second.bearer)).status).toBe(200);
    const search = await client.get(`/v1/slots?epci=${zone.siren}`);
    expect(search.body.items.map((s: { id: string }) => s.id)).toContain(slotIds[0]);
    // Nobody is offered the same slot twice, so the sweep leaves it in search.
    await sweep(T0);
    expect((await client.get(`/v1/waitlist/${first.id}`, first.bearer)).body.status).toBe('waiting');
  });

  it('two cancellations at once never make two offers of one slot, nor two offers to one person', async () => {
    const { zone, bookings, slotIds } = await fullZone(3);
    const waiting = [];
    for (let i = 0; i < 3; i++) waiting.push(await join(api({ now: new Date(T0.getTime() + i * 1000) }), zone.siren));
    await Promise.all([cancel(client, bookings[0]), cancel(client, bookings[2]), sweep(T0), sweep(T0), sweep(T0)]);
    await Promise.all([sweep(T0), sweep(T0)]);

    const offers = await sql<{ slot_id: string; entry_id: string }>(
      `SELECT slot_id, entry_id FROM waitlist_offers WHERE slot_id = ANY($1::uuid[]) AND status = 'live'`,
      [slotIds],
    );
    expect(offers.map((o) => o.slot_id).sort()).toEqual([slotIds[0], slotIds[2]].sort());
    // First come, first served: the two who joined first.
    expect(offers.map((o) => o.entry_id).sort()).toEqual([waiting[0].id, waiting[1].id].sort());
    if (onPostgresServer) {
      const duplicate = sql(
        `INSERT INTO waitlist_offers (id, entry_id, slot_id, hold_id, slot_starts_at, offered_at, expires_at)
         SELECT gen_random_uuid(), $1, slot_id, gen_random_uuid(), slot_starts_at, offered_at, expires_at FROM waitlist_offers WHERE slot_id = $2 AND status = 'live'`,
        [waiting[2].id, slotIds[0]],
      );
      await expect(duplicate).rejects.toThrow(/waitlist_offers_one_live_per_slot/);
    }
  });

  it('joining twice answers the entry already there; someone else’s entry is a 404', async () => {
    const { zone } = await bookableZone(client);
    const bearer = await token('patient');
    const patient = patientBody();
    const first = await client.post('/v1/waitlist', { zone: zone.siren, patient }, bearer);
    expect(first.status).toBe(201);
    const second = await client.post(
      '/v1/waitlist',
      { zone: zone.siren, patient: { ...patient, phone: '0611223344' }, to: '2026-12-05' },
      bearer,
    );
    expect(second.status).toBe(200);
    expect(second.body).toEqual(first.body);
    expect((await client.get(`/v1/waitlist/${first.body.id}`, await token('patient'))).status).toBe(404);
    expect(
      (await client.get(`/v1/waitlist/${first.body.id}`, await token('agent'), { 'x-call-reference': 'CALL-1' }))
        .status,
    ).toBe(200);
    const past = await client.post(
      '/v1/waitlist',
      { zone: zone.siren, patient: patientBody(), from: '2026-11-30' },
      await token('patient'),
    );
    expect(past.body.code).toBe('invalid_waitlist_window');
    const notPriority = await client.post(
      '/v1/waitlist',
      { zone: '200046977', patient: patientBody() }, // Métropole de Lyon: never a test's zone (newZone takes communautés de communes)
      await token('patient'),
    );
    expect(notPriority.status).toBe(404);
  });

  it('a commune or site named must be in the zone: elsewhere is refused, and nothing is kept', async () => {
    const { zone, site } = await bookableZone(client);
    const other = await bookableZone(client);
    const patient = patientBody();
    const bearer = await token('patient');
    for (const place of [
      { communes: [other.zone.insee] },
      { siteIds: [other.site.id] },
      { siteIds: [crypto.randomUUID()] },
      { communes: [zone.insee, '00000'] },
    ]) {
      const res = await client.post('/v1/waitlist', { zone: zone.siren, patient, ...place }, bearer);
      expect(res.status, JSON.stringify(place)).toBe(422);
      expect(res.body.code).toBe('waitlist_place_outside_zone');
    }
    const [{ n }] = await sql<{ n: number }>(`SELECT count(*)::int AS n FROM waitlist_entries WHERE epci_siren = $1`, [
      zone.siren,
    ]);
    expect(n).toBe(0);
    const ok = await client.post(
      '/v1/waitlist',
      { zone: zone.siren, patient, communes: [zone.insee], siteIds: [site.id] },
      bearer,
    );
    expect(ok.status, JSON.stringify(ok.body)).toBe(201);
  });

  it('a booked person leaves the waitlists of the zone; a person at their cap is passed over; the window and three offers end an entry', async () => {
    const { zone, bookings, slotIds } = await fullZone(4);
    const booker = await join(client, zone.siren);
    // Booking in the zone by another way ends the entry.
    await cancel(client, bookings[3]);
    await sweep(T0);
    expect((await client.get(`/v1/waitlist/${booker.id}`, booker.bearer)).body.status).toBe('offered');
    await client.post(`/v1/waitlist/${booker.id}/decline`, {}, booker.bearer);
    const direct = await book(client, booker.bearer, { slotId: slotIds[3], patient: booker.patient });
    expect(direct.status, JSON.stringify(direct.body)).toBe(201);
    expect((await client.get(`/v1/waitlist/${booker.id}`, booker.bearer)).body).toMatchObject({
      status: 'booked',
      bookingId: direct.body.id,
    });

    // A person with two upcoming bookings elsewhere is offered nothing; the next one is.
    const other = await bookableZone(client);
    const capped = await join(api({ now: at('2026-12-01T08:00:01Z') }), zone.siren);
    for (const slotId of other.slotIds.slice(0, 2))
      expect((await book(client, capped.bearer, { slotId, patient: capped.patient })).status).toBe(201);
    const next = await join(api({ now: at('2026-12-01T08:00:02Z') }), zone.siren, undefined, { to: '2026-12-10' });
    await cancel(client, bookings[0]);
    await sweep(T0);
    expect((await client.get(`/v1/waitlist/${capped.id}`, capped.bearer)).body.status).toBe('waiting');
    expect((await client.get(`/v1/waitlist/${next.id}`, next.bearer)).body.status).toBe('offered');

    // Three offers declined end the entry.
    await cancel(client, bookings[1]);
    await cancel(client, bookings[2]);
    for (let i = 0; i < 3; i++) {
      await sweep(T0);
      const entry = (await client.get(`/v1/waitlist/${next.id}`, next.bearer)).body;
      expect(entry.status).toBe('offered');
      const declined = await client.post(`/v1/waitlist/${next.id}/decline`, {}, next.bearer);
      expect(declined.body.status).toBe(i < 2 ? 'waiting' : 'expired');
    }
    // The window ends the entry of someone still waiting (the midnight after 31 December in Paris).
    expect(
      (await api({ now: at('2027-01-01T00:00:00Z') }).get(`/v1/waitlist/${capped.id}`, capped.bearer)).body.status,
    ).toBe('expired');
    await sweep(at('2026-12-31T23:00:00Z'));
    const [ended] = await sql<{ status: string }>(`SELECT status FROM waitlist_entries WHERE id = $1`, [capped.id]);
    expect(ended.status).toBe('expired');
  });

  it('withdrawing passes a live offer on; a partner app hears waitlist.offered without personal data', async () => {
    const { zone, bookings, slotIds } = await fullZone();
    const { clientId, bearer: partner, path } = await integratorWithEndpoint(client, ['waitlist.offered']);
    const mine = await join(client, zone.siren, partner);
    const next = await join(api({ now: at('2026-12-01T08:00:01Z') }), zone.siren);
    await cancel(client, bookings[0]);
    await sweep(T0);
    const [event] = await sql<{ type: string; client_id: string; data: Record<string, unknown> }>(
      `SELECT type, client_id, data FROM events WHERE type = 'waitlist.offered' AND slot_id = $1`,
      [slotIds[0]],
    );
    expect(event).toMatchObject({ type: 'waitlist.offered', client_id: clientId, data: { entryId: mine.id } });
    expect(JSON.stringify(event.data)).not.toContain(mine.patient.lastName);
    const [hook] = await receivedAtLeast(path, 1);
    expect(JSON.parse(hook.body)).toMatchObject({
      type: 'waitlist.offered',
      data: { waitlistEntryId: mine.id, slotId: slotIds[0], zone: zone.siren },
    });
    expect(hook.body).not.toContain(mine.patient.lastName);

    expect((await client.del(`/v1/waitlist/${mine.id}`, partner)).status).toBe(204);
    expect((await client.del(`/v1/waitlist/${mine.id}`, partner)).status).toBe(204);
    expect((await client.get(`/v1/waitlist/${mine.id}`, partner)).body.status).toBe('withdrawn');
    expect((await client.get(`/v1/waitlist/${next.id}`, next.bearer)).body.offer.slotId).toBe(slotIds[0]);
  });

  it('answers as the contract (openapi.yaml) says, refusals included', async () => {
    const conforms = (method: string, path: string, res: ApiResponse) => {
      expect(
        responseErrors(method, path, res),
        `${method} ${path} → ${res.status} ${JSON.stringify(res.body)}`,
      ).toEqual([]);
      return res;
    };
    const { zone, bookings } = await fullZone(1);
    const bearer = await token('patient');
    const body = { zone: zone.siren, patient: patientBody(), communes: [zone.insee] };
    const joined = conforms('POST', '/v1/waitlist', await client.post('/v1/waitlist', body, bearer));
    conforms('POST', '/v1/waitlist', await client.post('/v1/waitlist', body, bearer));
    const path = `/v1/waitlist/${joined.body.id}`;
    conforms(
      'POST',
      '/v1/waitlist/{id}/accept',
      await client.post(`${path}/accept`, {}, bearer, { 'idempotency-key': idemKey() }),
    );
    conforms('POST', '/v1/waitlist/{id}/decline', await client.post(`${path}/decline`, {}, bearer));
    await cancel(client, bookings[0]);
    await sweep(T0);
    expect(conforms('GET', '/v1/waitlist/{id}', await client.get(path, bearer)).body.status).toBe('offered');
    const accepted = conforms(
      'POST',
      '/v1/waitlist/{id}/accept',
      await client.post(`${path}/accept`, {}, bearer, { 'idempotency-key': idemKey() }),
    );
    expect(accepted.status).toBe(201);
    expect(conforms('DELETE', '/v1/waitlist/{id}', await client.del(path, bearer)).body.code).toBe(
      'waitlist_entry_ended',
    );
    conforms('GET', '/v1/waitlist/{id}', await client.get(path, await token('patient')));
    conforms('POST', '/v1/waitlist', await client.post('/v1/waitlist', { ...body, to: '2026-11-01' }, bearer));
  });

  it('tells the person of the offer by SMS and email, each with its own personal link, only the hash of which is kept', async () => {
    const { zone, site, bookings } = await fullZone(1);
    const [{ name }] = await sql<{ name: string }>(`SELECT name FROM sites WHERE id = $1`, [site.id]);
    const bearer = await token('patient');
    const patient = { ...patientBody(), email: `w-${crypto.randomUUID()}@example.fr` };
    const joined = await client.post('/v1/waitlist', { zone: zone.siren, patient }, bearer);
    expect(joined.status).toBe(201);
    await cancel(client, bookings[0]);
    await sweep(T0);
    const [sms] = await waitForMessages(`+33${patient.phone.slice(1)}`);
    const [email] = await waitForMessages(patient.email);
    expect(sms.text).toContain("Un créneau s'est libéré : jeudi 10 décembre à 9 h :");
    expect(sms.text).toContain("Gardé pour vous jusqu'à 11 h.");
    expect(email.subject).toContain('Un créneau s’est libéré pour vous');
    expect(email.text).toContain(name);
    const links = [sms.text, email.text].map((t) => /\/attente\/([A-Za-z0-9_-]{22})(?:\s|$)/.exec(t)?.[1]);
    expect(links[0]).toBeDefined();
    expect(links[1]).toBeDefined();
    expect(links[0]).not.toBe(links[1]);
    const stored = await sql<{ token_hash: string }>(`SELECT token_hash FROM waitlist_links WHERE entry_id = $1`, [
      joined.body.id,
    ]);
    expect(stored).toHaveLength(2);
    expect(stored.map((r) => r.token_hash)).not.toContain(links[0]);
  });

  it('an agent acts for a caller within a call: joining, declining and withdrawing leave audit rows with the call’s reference', async () => {
    const { zone, bookings } = await fullZone(1);
    const agent = await token('agent');
    const sub = JSON.parse(atob(agent.split('.')[1].replace(/-/g, '+').replace(/_/g, '/'))).sub as string;
    expect((await client.post('/v1/waitlist', { zone: zone.siren, patient: patientBody() }, agent)).body.code).toBe(
      'call_reference_required',
    );
    const joined = await client.post(
      '/v1/waitlist',
      { zone: zone.siren, patient: patientBody(), callReference: 'CALL-W-1' },
      agent,
    );
    expect(joined.status).toBe(201);
    await cancel(client, bookings[0]);
    await sweep(T0);
    const path = `/v1/waitlist/${joined.body.id}`;
    expect((await client.post(`${path}/decline`, {}, agent, { 'x-call-reference': 'CALL-W-2' })).status).toBe(200);
    expect(
      (await client.request('DELETE', path, { token: agent, headers: { 'x-call-reference': 'CALL-W-3' } })).status,
    ).toBe(204);
    const rows = await sql<{ action: string; call_reference: string }>(
      `SELECT action, call_reference FROM audit_events WHERE actor_sub = $1 ORDER BY id`,
      [sub],
    );
    expect(rows).toEqual([
      { action: 'waitlist.join', call_reference: 'CALL-W-1' },
      { action: 'waitlist.decline', call_reference: 'CALL-W-2' },
      { action: 'waitlist.withdraw', call_reference: 'CALL-W-3' },
    ]);
  });

  it('a mission day declared in a zone where people wait offers them its slots; so does a hold that expired', async () => {
    const zone = await newZone(client);
    const site = await newSite(client, zone);
    const first = await join(client, zone.siren);
    const doctor = await newDoctor();
    const mission = await newMission(client, doctor.token, site.id, {
      date: '2026-12-12',
      start: '09:00',
      end: '09:20',
      slotMinutes: 20,
    });
    const [slot] = await sql<{ id: string }>(`SELECT id FROM slots WHERE mission_id = $1`, [mission.id]);
    await sweep(T0);
    expect((await client.get(`/v1/waitlist/${first.id}`, first.bearer)).body.offer.slotId).toBe(slot.id);

    // A slot held when the person joins is offered once the hold expires unused.
    const held = await bookableZone(client, { slots: 1 });
    expect((await client.post('/v1/holds', { slotId: held.slotIds[0] }, await token('patient'))).status).toBe(201);
    const second = await join(client, held.zone.siren);
    await sweep(T0);
    expect((await client.get(`/v1/waitlist/${second.id}`, second.bearer)).body.status).toBe('waiting');
    const later = at('2026-12-01T08:06:00Z');
    await sweep(later);
    expect((await api({ now: later }).get(`/v1/waitlist/${second.id}`, second.bearer)).body.offer.slotId).toBe(
      held.slotIds[0],
    );
  });

  it('an offer whose mission day is cancelled ends (withdrawn, not left to expire) and the person waits again', async () => {
    const { zone, bookings, doctor, mission } = await fullZone(1);
    const waiting = await join(client, zone.siren);
    await cancel(client, bookings[0]);
    await sweep(T0);
    expect((await client.get(`/v1/waitlist/${waiting.id}`, waiting.bearer)).body.status).toBe('offered');
    expect((await client.del(`/v1/missions/${mission.id}`, doctor.token)).status).toBe(200);
    await sweep(T0);
    expect((await client.get(`/v1/waitlist/${waiting.id}`, waiting.bearer)).body).toMatchObject({
      status: 'waiting',
      offer: null,
    });
    const [offer] = await sql<{ status: string }>(`SELECT status FROM waitlist_offers WHERE entry_id = $1`, [
      waiting.id,
    ]);
    expect(offer.status).toBe('withdrawn');
  });

  it('Postgres refuses what the code never tries: an offer beyond the person’s cap, a fourth offer, an offer too near its slot', async () => {
    const { zone, bookings, slotIds } = await fullZone(1);
    const person = await join(client, zone.siren);
    const other = await bookableZone(client);
    for (const slotId of other.slotIds.slice(0, 2))
      expect((await book(client, person.bearer, { slotId, patient: person.patient })).status).toBe(201);
    await cancel(client, bookings[0]);
    const offer = (entryId: string, offeredAt: string, startsAt: string) =>
      sql(
        `INSERT INTO waitlist_offers (id, entry_id, slot_id, hold_id, slot_starts_at, offered_at, expires_at)
       VALUES (gen_random_uuid(), $1, $2, gen_random_uuid(), $3, $4, $4::timestamptz + interval '30 minutes')`,
        [entryId, slotIds[0], startsAt, offeredAt],
      );
    await expect(offer(person.id, '2026-12-01T08:00:00Z', '2026-12-10T08:00:00Z')).rejects.toMatchObject({
      code: 'WL001',
    });
    // Narrowed to a site of the zone without missions, so that no offer reaches it meanwhile: the trigger does not look at sites.
    const quiet = await newSite(client, zone);
    const fresh = await join(client, zone.siren, undefined, { siteIds: [quiet.id] });
    await sql(`UPDATE waitlist_entries SET offers = 3 WHERE id = $1`, [fresh.id]);
    await expect(offer(fresh.id, '2026-12-01T08:00:00Z', '2026-12-10T08:00:00Z')).rejects.toMatchObject({
      constraint: 'waitlist_entries_offers_bounded',
    });
    await sql(`UPDATE waitlist_entries SET offers = 0 WHERE id = $1`, [fresh.id]);
    await expect(offer(fresh.id, '2026-12-10T06:00:00Z', '2026-12-10T08:00:00Z')).rejects.toMatchObject({
      constraint: 'waitlist_offers_timing',
    });
  });
});
