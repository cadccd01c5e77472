import { describe, expect, it } from 'vitest';
import { api } from './helpers/api';
import { bookableZone, book, idemKey, patientBody } from './helpers/fixtures';
import { missionDay } from './helpers/mission-day';
import { sql } from './helpers/sql';
import { token } from './helpers/tokens';

const now = new Date('2026-12-01T08:00:00Z');
const client = api({ now });
const search = async (siren: string) =>
  (await client.get(`/v1/slots?epci=${siren}&limit=100`)).body.items.map((s: { id: string }) => s.id);

describe('POST /v1/bookings', () => {
  it('books a slot in one statement, at the tarif opposable', async () => {
    const { zone, site, mission, slotIds } = await bookableZone(client);
    const patient = await token('patient', { sub: 'p-1' });
    const res = await book(client, patient, {
      slotId: slotIds[0],
      patient: patientBody({ firstName: 'Marie', email: 'marie@example.fr' }),
    });
    expect(res.status).toBe(201);
    expect(res.headers.get('x-db-queries')).toBe('1');
    expect(res.body).toMatchObject({
      status: 'booked',
      slot: { id: slotIds[0], startsAt: '2026-12-10T09:00:00+01:00', endsAt: '2026-12-10T09:20:00+01:00' },
      site: { id: site.id, commune: { insee: zone.insee } },
      missionId: mission.id,
      tariff: { code: 'G', majorations: [], amountCents: 3000, currency: 'EUR', overbilling: false },
      noOverbilling: true,
      channel: 'web',
      patient: { firstName: 'Marie', email: 'marie@example.fr' },
      clientId: null,
      cancelledAt: null,
    });
    expect(await search(zone.siren)).not.toContain(slotIds[0]);
  });

  it('a child under 6 on the consultation date is billed G + MEG; on their 6th birthday, G alone', async () => {
    const { slotIds } = await bookableZone(client);
    const child = await book(client, await token('patient'), {
      slotId: slotIds[0],
      patient: patientBody({ birthDate: '2020-12-11' }),
    });
    expect(child.body.tariff).toMatchObject({ majorations: ['MEG'], amountCents: 3500 });
    const sixToday = await book(client, await token('patient'), {
      slotId: slotIds[1],
      patient: patientBody({ birthDate: '2020-12-10' }),
    });
    expect(sixToday.body.tariff).toMatchObject({ majorations: [], amountCents: 3000 });
  });

  it('books the slot of a hold; the hold is consumed; an expired hold is refused', async () => {
    const { slotIds } = await bookableZone(client);
    const patient = await token('patient');
    const hold = await client.post('/v1/holds', { slotId: slotIds[0] }, patient);
    const res = await book(client, patient, { holdId: hold.body.id });
    expect(res.status).toBe(201);
    expect(res.body.slot.id).toBe(slotIds[0]);
    const [h] = await sql<{ status: string }>(`SELECT status FROM holds WHERE id = $1`, [hold.body.id]);
    expect(h.status).toBe('consumed');
    expect((await book(client, patient, { holdId: hold.body.id })).body.code).toBe('hold_not_active');

    const late = await client.post('/v1/holds', { slotId: slotIds[1] }, patient);
    const afterExpiry = api({ now: new Date('2026-12-01T08:06:00Z') });
    expect((await book(afterExpiry, patient, { holdId: late.body.id })).body.code).toBe('hold_expired');
    expect((await book(client, await token('patient'), { holdId: late.body.id })).status).toBe(404);
  });

  it('the holder can also book its held slot by slotId; others cannot', async () => {
    const { slotIds } = await bookableZone(client);
    const patient = await token('patient');
    await client.post('/v1/holds', { slotId: slotIds[0] }, patient);
    expect((await book(client, await token('patient'), { slotId: slotIds[0] })).body.code).toBe('slot_unavailable');
    expect((await book(client, patient, { slotId: slotIds[0] })).status).toBe(201);
  });

  it('noOverbilling must be true: absent or false is 422 and changes nothing', async () => {
    const { zone, slotIds } = await bookableZone(client);
    const patient = await token('patient');
    for (const noOverbilling of [false, undefined]) {
      const res = await client.post(
        '/v1/bookings',
        { slotId: slotIds[0], patient: patientBody(), noOverbilling },
        patient,
        { 'idempotency-key': idemKey() },
      );
      expect(res.status).toBe(422);
      expect(res.body.code).toBe('overbilling_not_allowed');
    }
    expect(await search(zone.siren)).toContain(slotIds[0]);
  });

  it('the database refuses overbilling and a wrong amount on its own', async () => {
    const { slotIds } = await bookableZone(client);
    const res = await book(client, await token('patient'), { slotId: slotIds[0] });
    const copy = (overrides: string) =>
      sql(
        `INSERT INTO bookings (id, slot_id, mission_id, starts_at, status, channel, owner_role, owner_sub, patient_first_name, patient_last_name,
             patient_birth_date, patient_phone, patient_key, tariff_code, tariff_majorations, amount_cents, no_overbilling, overbilling_cents, created_at)
           SELECT gen_random_uuid(), $1, mission_id, starts_at, 'booked', 'web', 'patient', 'x', 'A', 'B', '1960-01-01', '+33600000000', 'k', 'G', '{}', ${overrides}, now()
           FROM bookings WHERE id = $2`,
        [slotIds[1], res.body.id],
      );
    await expect(copy('3000, false, 0')).rejects.toThrow(/bookings_no_overbilling/);
    await expect(copy('3000, true, 500')).rejects.toThrow(/bookings_no_overbilling/);
    await expect(copy('4500, true, 0')).rejects.toThrow(/tarif opposable/);
  });

  it('needs an Idempotency-Key; the same key and body replay the booking; another body is 422', async () => {
    const { slotIds } = await bookableZone(client);
    const patient = await token('patient');
    const body = { slotId: slotIds[0], noOverbilling: true, patient: patientBody() };
    const missing = await client.post('/v1/bookings', body, patient);
    expect(missing.status).toBe(400);
    expect(missing.body.code).toBe('idempotency_key_required');
    const key = idemKey();
    const first = await client.post('/v1/bookings', body, patient, { 'idempotency-key': key });
    const again = await client.post(
      '/v1/bookings',
      { patient: body.patient, noOverbilling: true, slotId: slotIds[0] },
      patient,
      { 'idempotency-key': key },
    );
    expect(again.status).toBe(201);
    expect(again.body).toEqual(first.body);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    const reused = await client.post('/v1/bookings', { ...body, slotId: slotIds[1] }, patient, {
      'idempotency-key': key,
    });
    expect(reused.status).toBe(422);
    expect(reused.body.code).toBe('idempotency_key_reused');
    // Even once the slot is free again, the key still means the first booking.
    await client.post(`/v1/bookings/${first.body.id}/cancel`, {}, patient);
    const afterCancel = await client.post('/v1/bookings', body, patient, { 'idempotency-key': key });
    expect(afterCancel.body.id).toBe(first.body.id);
    const [{ n }] = await sql<{ n: number }>(`SELECT count(*)::int AS n FROM bookings WHERE slot_id = $1`, [
      slotIds[0],
    ]);
    expect(n).toBe(1);
    // Keys are per caller: another caller's identical key is a new request.
    expect(
      (
        await client.post('/v1/bookings', { ...body, slotId: slotIds[2] }, await token('patient'), {
          'idempotency-key': key,
        })
      ).status,
    ).toBe(201);
  });

  it('a patient holds at most 2 upcoming bookings, whatever the channel', async () => {
    const { slotIds } = await bookableZone(client);
    const person = patientBody();
    expect((await book(client, await token('patient'), { slotId: slotIds[0], patient: person })).status).toBe(201);
    const partner = await token('integrator', { client_id: 'doctoapp' });
    expect(
      (
        await book(client, partner, {
          slotId: slotIds[1],
          patient: { ...person, firstName: person.firstName.toUpperCase(), phone: `+33${person.phone.slice(1)}` },
        })
      ).status,
    ).toBe(201);
    const third = await book(client, await token('agent'), {
      slotId: slotIds[2],
      patient: person,
      callReference: 'CALL-1',
    });
    expect(third.status).toBe(409);
    expect(third.body.code).toBe('booking_limit_reached');
    expect(
      await search(
        (await sql<{ epci_siren: string }>(`SELECT epci_siren FROM slots WHERE id = $1`, [slotIds[2]]))[0].epci_siren,
      ),
    ).toContain(slotIds[2]);
  });

  it('refuses fields a client may not set, and validates the patient', async () => {
    const { slotIds } = await bookableZone(client);
    const patient = await token('patient');
    const sneaky = await client.post(
      '/v1/bookings',
      {
        slotId: slotIds[0],
        noOverbilling: true,
        patient: patientBody(),
        status: 'fulfilled',
        channel: 'phone',
        amountCents: 1,
      },
      patient,
      { 'idempotency-key': idemKey() },
    );
    expect(sneaky.status).toBe(400);
    const bad = await client.post(
      '/v1/bookings',
      {
        slotId: slotIds[0],
        holdId: slotIds[1],
        noOverbilling: true,
        patient: { firstName: '', lastName: 'X1', birthDate: '1990-13-01', phone: 'abc', nir: '1850575123456' },
      },
      patient,
      { 'idempotency-key': idemKey() },
    );
    expect(bad.status).toBe(400);
    const fields = bad.body.errors.map((e: { field: string }) => e.field);
    expect(fields).toEqual(
      expect.arrayContaining([
        'json.patient.firstName',
        'json.patient.lastName',
        'json.patient.birthDate',
        'json.patient.phone',
        'json.slotId',
      ]),
    );
    expect(
      (
        await client.request('POST', '/v1/bookings', {
          token: patient,
          rawBody: '{"slotId":',
          headers: { 'content-type': 'application/json', 'idempotency-key': idemKey() },
        })
      ).status,
    ).toBe(400);
  });

  it('channels: integrators book as partner with their client id; agents by phone with a call reference', async () => {
    const { slotIds } = await bookableZone(client);
    const partner = await book(client, await token('integrator', { client_id: 'sante-fr' }), { slotId: slotIds[0] });
    expect(partner.body).toMatchObject({ channel: 'partner', clientId: 'sante-fr', callReference: null });
    const app = await book(client, await token('patient', { client_id: 'mpdcv-app' }), { slotId: slotIds[1] });
    expect(app.body.channel).toBe('app');
    const agent = await token('agent', { sub: 'agent-7' });
    const noRef = await book(client, agent, { slotId: slotIds[2] });
    expect(noRef.status).toBe(400);
    expect(noRef.body.code).toBe('call_reference_required');
    const phone = await book(client, agent, { slotId: slotIds[2], callReference: 'CALL-42' });
    expect(phone.body).toMatchObject({ channel: 'phone', callReference: 'CALL-42' });
  });
});

describe('GET /v1/bookings/{id}', () => {
  it('gives the site’s phone, accessibility note and time zone, in which the slot’s times are written', async () => {
    // Saint-Laurent-du-Maroni (97311, in a seeded priority zone): UTC−3 all year, never Paris's offset.
    const day = await missionDay({
      date: '2026-12-10',
      insee: '97311',
      site: { phone: '05 94 00 00 00', accessibility: 'Plain-pied, rampe côté parking' },
    });
    const patient = await token('patient');
    const id = (await book(client, patient, { slotId: day.slotIds[0] })).body.id;
    const res = await client.get(`/v1/bookings/${id}`, patient);
    expect(res.status).toBe(200);
    expect(res.body.slot).toMatchObject({ startsAt: '2026-12-10T09:00:00-03:00', endsAt: '2026-12-10T09:20:00-03:00' });
    expect(res.body.site).toEqual({
      id: day.site.id,
      name: 'Maison de santé test',
      address: '1 place de la Mairie',
      commune: { insee: '97311', name: 'Saint-Laurent-du-Maroni' },
      phone: '0594000000',
      accessibility: 'Plain-pied, rampe côté parking',
      timeZone: 'America/Cayenne',
    });
  });

  it('a site without an accessibility note gives null; a mainland site is in Europe/Paris', async () => {
    const { slotIds } = await bookableZone(client);
    const patient = await token('patient');
    const id = (await book(client, patient, { slotId: slotIds[0] })).body.id;
    const { body } = await client.get(`/v1/bookings/${id}`, patient);
    expect(body.site).toMatchObject({ phone: '0558000000', accessibility: null, timeZone: 'Europe/Paris' });
  });
});

describe('cancellation', () => {
  it('frees the slot at once; the slot can be booked again; a second cancel is 409', async () => {
    const { zone, slotIds } = await bookableZone(client);
    const patient = await token('patient');
    const booking = await book(client, patient, { slotId: slotIds[0] });
    const cancelled = await client.post(`/v1/bookings/${booking.body.id}/cancel`, {}, patient);
    expect(cancelled.status).toBe(200);
    expect(cancelled.body).toMatchObject({
      status: 'cancelled',
      cancelledBy: 'patient',
      cancelledAt: now.toISOString(),
    });
    expect(await search(zone.siren)).toContain(slotIds[0]);
    expect((await book(client, await token('patient'), { slotId: slotIds[0] })).status).toBe(201);
    expect((await client.post(`/v1/bookings/${booking.body.id}/cancel`, {}, patient)).body.code).toBe(
      'invalid_transition',
    );
  });

  it('is refused once the consultation has started', async () => {
    const { slotIds } = await bookableZone(client);
    const patient = await token('patient');
    const booking = await book(client, patient, { slotId: slotIds[0] });
    const during = api({ now: new Date('2026-12-10T08:05:00Z') });
    expect((await during.post(`/v1/bookings/${booking.body.id}/cancel`, {}, patient)).body.code).toBe(
      'too_late_to_cancel',
    );
  });

  it('a doctor cancelling the mission cancels its bookings (cancelledBy: doctor) and withdraws its slots', async () => {
    const { zone, doctor, mission, slotIds } = await bookableZone(client);
    const patient = await token('patient');
    const booking = await book(client, patient, { slotId: slotIds[0] });
    const res = await client.del(`/v1/missions/${mission.id}`, doctor.token);
    expect(res.body).toMatchObject({ status: 'cancelled', cancelledBookings: 1 });
    expect((await client.get(`/v1/bookings/${booking.body.id}`, patient)).body).toMatchObject({
      status: 'cancelled',
      cancelledBy: 'doctor',
    });
    expect(await search(zone.siren)).toEqual([]);
  });
});
