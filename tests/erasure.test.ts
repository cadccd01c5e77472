// Erasure on request (POST /v1/erasures): an ARS data protection officer erases a person's data,
// found by booking id or by phone, with the reason, audited. Upcoming bookings are refused until
// cancelled; afterwards the agents' search by that phone finds nothing. Its page does the same.
import { describe, expect, it } from 'vitest';
import { api } from './helpers/api';
import { Browser, csrfOf } from './helpers/browser';
import { bookableZone, book, patientBody } from './helpers/fixtures';
import { sql } from './helpers/sql';
import { token } from './helpers/tokens';

const planning = api({ now: new Date('2026-12-01T08:00:00Z') });
/** After the consultations of 10 December, before those of 20 December. */
const later = api({ now: new Date('2026-12-14T09:00:00Z') });
const reason = 'Demande d’effacement DPO-2026-0042 (art. 17 RGPD)';
const dpo = () => token('admin', { sub: `dpo-${crypto.randomUUID()}`, dpo: true });

async function bookWith(slotId: string, phone: string) {
  const bearer = await token('patient', { sub: `patient-${crypto.randomUUID()}` });
  const res = await book(planning, bearer, { slotId, patient: patientBody({ phone }) });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return { id: res.body.id as string, bearer };
}

const phoneOf = async (id: string) =>
  (await sql<{ patient_phone: string | null }>(`SELECT patient_phone FROM bookings WHERE id = $1`, [id]))[0]
    .patient_phone;

describe('POST /v1/erasures', () => {
  it('erasing by phone also erases the person’s waitlist entries: a waiting one is withdrawn, its data gone', async () => {
    const zone = await bookableZone(planning, { date: '2026-12-10', slots: 1 });
    const phone = `061${String(Math.floor(Math.random() * 1e7)).padStart(7, '0')}`;
    const person = patientBody({ phone });
    const joined = await planning.post(
      '/v1/waitlist',
      { zone: zone.zone.siren, patient: person },
      await token('patient', { sub: `patient-${crypto.randomUUID()}` }),
    );
    expect(joined.status, JSON.stringify(joined.body)).toBe(201);
    const erased = await later.post('/v1/erasures', { phone, reason }, await dpo());
    expect(erased.status, JSON.stringify(erased.body)).toBe(200);
    const [entry] = await sql<{
      status: string;
      patient_phone: string | null;
      patient_last_name: string | null;
      anonymised_at: Date | null;
    }>(`SELECT status, patient_phone, patient_last_name, anonymised_at FROM waitlist_entries WHERE id = $1`, [
      joined.body.id,
    ]);
    expect(entry).toMatchObject({ status: 'withdrawn', patient_phone: null, patient_last_name: null });
    expect(entry.anonymised_at).not.toBeNull();
  });

  it('by phone: refuses while a booking is upcoming, then erases every booking of that number, audited with the reason', async () => {
    const past = await bookableZone(planning, { date: '2026-12-10', slots: 2 });
    const upcomingDay = await bookableZone(planning, { date: '2026-12-20', slots: 1 });
    const phone = `061${String(Math.floor(Math.random() * 1e7)).padStart(7, '0')}`;
    const first = await bookWith(past.slotIds[0], phone);
    const second = await bookWith(past.slotIds[1], phone);
    const upcoming = await bookWith(upcomingDay.slotIds[0], phone);
    const officer = await dpo();

    const refused = await later.post('/v1/erasures', { phone, reason }, officer);
    expect(refused.status).toBe(409);
    expect(refused.body.code).toBe('booking_upcoming');
    expect(refused.body.detail).toContain(upcoming.id);
    expect(await phoneOf(first.id)).toBe(`+33${phone.slice(1)}`);
    const refusal = await later.get(`/v1/audit?bookingId=${upcoming.id}`, await token('admin'));
    expect(refusal.body.items.at(-1)).toMatchObject({
      action: 'booking.erase',
      outcome: '409 booking_upcoming',
      reason,
    });

    expect((await later.post(`/v1/bookings/${upcoming.id}/cancel`, {}, upcoming.bearer)).status).toBe(200);
    const erased = await later.post('/v1/erasures', { phone: `+33 ${phone.slice(1)}`, reason }, officer);
    expect(erased.status, JSON.stringify(erased.body)).toBe(200);
    expect(erased.body.bookingIds.sort()).toEqual([first.id, second.id, upcoming.id].sort());
    for (const b of [first, second, upcoming]) expect(await phoneOf(b.id)).toBeNull();

    const agent = await token('agent', { sub: `agent-${crypto.randomUUID()}` });
    const search = await later.post('/v1/bookings/search', { phone }, agent, { 'x-call-reference': 'CALL-ERASURE' });
    expect(search.status).toBe(200);
    expect(search.body.items).toEqual([]);

    const audit = await later.get(`/v1/audit?bookingId=${first.id}`, await token('admin'));
    expect(audit.body.items.at(-1)).toMatchObject({
      action: 'booking.erase',
      outcome: '200',
      actorRole: 'admin',
      reason,
    });

    // Again: nothing left to erase.
    expect((await later.post('/v1/erasures', { phone, reason }, officer)).body.bookingIds).toEqual([]);
  });

  it('by booking id: one booking only; an unknown id is a 404, another region’s too', async () => {
    const { slotIds } = await bookableZone(planning, { date: '2026-12-10', slots: 2 });
    const phone = `061${String(Math.floor(Math.random() * 1e7)).padStart(7, '0')}`;
    const [one, two] = [await bookWith(slotIds[0], phone), await bookWith(slotIds[1], phone)];
    const region = (
      await sql<{ region: string }>(
        `SELECT co.region FROM bookings b JOIN slots s ON s.id = b.slot_id JOIN sites si ON si.id = s.site_id JOIN communes co ON co.insee = si.commune_insee WHERE b.id = $1`,
        [one.id],
      )
    )[0].region;
    const elsewhere = region === 'Bretagne' ? '28' : '53';
    const outsider = await token('admin', { dpo: true, regions: [elsewhere] });
    expect((await later.post('/v1/erasures', { bookingId: one.id, reason }, outsider)).status).toBe(404);
    expect((await later.post('/v1/erasures', { bookingId: crypto.randomUUID(), reason }, await dpo())).status).toBe(
      404,
    );

    const res = await later.post('/v1/erasures', { bookingId: one.id, reason }, await dpo());
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ erasedAt: '2026-12-14T09:00:00.000Z', bookingIds: [one.id] });
    expect(await phoneOf(one.id)).toBeNull();
    expect(await phoneOf(two.id)).not.toBeNull();
  });

  it('is for the data protection officer only, with a reason and one way to find the person', async () => {
    const body = { bookingId: crypto.randomUUID(), reason };
    expect((await later.post('/v1/erasures', body, await token('admin'))).status).toBe(403);
    expect((await later.post('/v1/erasures', body, await token('agent'))).status).toBe(403);
    expect(
      (await later.post('/v1/erasures', body, await token('doctor', { rpps: '12345678901', dpo: true }))).status,
    ).toBe(403);
    expect((await later.post('/v1/erasures', { bookingId: body.bookingId }, await dpo())).status).toBe(400);
    expect((await later.post('/v1/erasures', { ...body, phone: '0612345678' }, await dpo())).status).toBe(400);
    expect((await later.post('/v1/erasures', { phone: '12', reason }, await dpo())).body.code).toBe('invalid_phone');
  });
});

describe('the erasure page (/ars/effacement)', () => {
  const dpoPages = api({
    now: new Date('2026-12-14T09:00:00Z'),
    env: { ARS_DPO_ACCOUNTS: 'sophie.blanc@sante.gouv.fr' },
  });
  async function signedIn(client = dpoPages) {
    const browser = new Browser(client);
    expect((await browser.signIn('/ars', 'pc-ars-national', 'proconnect')).status).toBe(303);
    return browser;
  }

  it('erases by phone with the reason, refuses an upcoming booking in words, and is closed to ARS staff who are not the DPO', async () => {
    const past = await bookableZone(planning, { date: '2026-12-10', slots: 1 });
    const upcomingDay = await bookableZone(planning, { date: '2026-12-20', slots: 1 });
    const phone = `061${String(Math.floor(Math.random() * 1e7)).padStart(7, '0')}`;
    const first = await bookWith(past.slotIds[0], phone);
    const upcoming = await bookWith(upcomingDay.slotIds[0], phone);

    const other = await signedIn(later);
    expect((await other.get('/ars/effacement')).status).toBe(403);

    const browser = await signedIn();
    const form = await browser.get('/ars/effacement');
    expect(form.status).toBe(200);
    expect(form.body).toContain('Effacer les données d’une personne');
    const csrf = csrfOf(form.body)!;
    const refused = await browser.post('/ars/effacement', { csrf, cible: phone, motif: reason });
    expect(refused.status).toBe(409);
    expect(refused.body).toContain('faites-le annuler d’abord');
    expect(await phoneOf(first.id)).not.toBeNull();

    expect((await browser.post('/ars/effacement', { csrf, cible: phone, motif: 'court' })).status).toBe(400);
    expect((await browser.post('/ars/effacement', { csrf, cible: crypto.randomUUID(), motif: reason })).status).toBe(
      404,
    );

    expect((await later.post(`/v1/bookings/${upcoming.id}/cancel`, {}, upcoming.bearer)).status).toBe(200);
    const done = await browser.post('/ars/effacement', { csrf, cible: phone, motif: reason });
    expect(done.status).toBe(303);
    expect(done.headers.get('location')).toBe('/ars/effacement?effaces=2');
    expect((await browser.get(done.headers.get('location')!)).body).toContain('Données effacées pour 2 rendez-vous.');
    for (const b of [first, upcoming]) expect(await phoneOf(b.id)).toBeNull();
    const [row] = await sql<{ reason: string; action: string }>(
      `SELECT reason, action FROM audit_events WHERE booking_id = $1 ORDER BY id DESC LIMIT 1`,
      [first.id],
    );
    expect(row).toEqual({ reason, action: 'booking.erase' });
  });
});
