// Rescheduling: one statement moves a booking to another slot and frees the old one; refused, the
// booking stays where it was. Caps are not counted twice.
import { describe, expect, it } from 'vitest';
import { api, statuses } from './helpers/api';
import { bookableZone, book, idemKey, newMission, patientBody } from './helpers/fixtures';
import { onPostgresServer } from './helpers/env';
import { sql } from './helpers/sql';
import { token } from './helpers/tokens';

const now = new Date('2026-12-01T08:00:00Z');
const client = api({ now });

const reschedule = (
  id: string,
  body: Record<string, unknown>,
  bearer: string,
  headers: Record<string, string> = {},
  key = idemKey(),
  on = client,
) => on.post(`/v1/bookings/${id}/reschedule`, body, bearer, { 'idempotency-key': key, ...headers });

const slotStatus = async (id: string) =>
  (await sql<{ status: string }>(`SELECT status FROM slots WHERE id = $1`, [id]))[0].status;

describe('rescheduling', () => {
  it('moves a booking to a free slot in one statement: same person and channel, the old slot free again', async () => {
    const { slotIds } = await bookableZone(client);
    const patient = await token('patient');
    const booked = await book(client, patient, { slotId: slotIds[0] });
    const moved = await reschedule(booked.body.id, { slotId: slotIds[1] }, patient);
    expect(moved.status).toBe(200);
    expect(moved.headers.get('x-db-queries')).toBe('1');
    expect(moved.body).toMatchObject({
      id: booked.body.id,
      status: 'booked',
      channel: booked.body.channel,
      patient: booked.body.patient,
      slot: { id: slotIds[1] },
    });
    expect(await slotStatus(slotIds[0])).toBe('open');
    expect(await slotStatus(slotIds[1])).toBe('booked');
    // The move wrote its event in the same statement, carrying the new slot.
    const events = await sql<{ type: string; slot_id: string }>(
      `SELECT type, slot_id FROM events WHERE booking_id = $1 ORDER BY occurred_at, type`,
      [booked.body.id],
    );
    expect(events.map((e) => e.type)).toEqual(['booking.created', 'booking.rescheduled']);
    expect(events[1].slot_id).toBe(slotIds[1]);
    // The freed slot can be booked by someone else at once.
    expect((await book(client, await token('patient'), { slotId: slotIds[0] })).status).toBe(201);
  });

  it('moves to the slot of the caller’s hold, and consumes the hold', async () => {
    const { slotIds } = await bookableZone(client);
    const patient = await token('patient');
    const booked = await book(client, patient, { slotId: slotIds[0] });
    const hold = await client.post('/v1/holds', { slotId: slotIds[2] }, patient);
    const moved = await reschedule(booked.body.id, { holdId: hold.body.id }, patient);
    expect(moved.status).toBe(200);
    expect(moved.body.slot.id).toBe(slotIds[2]);
    const [h] = await sql<{ status: string }>(`SELECT status FROM holds WHERE id = $1`, [hold.body.id]);
    expect(h.status).toBe('consumed');
    // Someone else's hold is not a way in.
    const other = await token('patient');
    const otherHold = await client.post('/v1/holds', { slotId: slotIds[3] }, other);
    expect((await reschedule(booked.body.id, { holdId: otherHold.body.id }, patient)).status).toBe(404);
  });

  it('a slot taken by someone else is 409 and the booking stays untouched', async () => {
    const { slotIds } = await bookableZone(client);
    const patient = await token('patient');
    const booked = await book(client, patient, { slotId: slotIds[0] });
    await book(client, await token('patient'), { slotId: slotIds[1] });
    await client.post('/v1/holds', { slotId: slotIds[2] }, await token('patient'));
    for (const slotId of [slotIds[1], slotIds[2], slotIds[0]]) {
      const refused = await reschedule(booked.body.id, { slotId }, patient);
      expect(refused.status).toBe(409);
      expect(refused.body.code).toBe('slot_unavailable');
    }
    expect((await client.get(`/v1/bookings/${booked.body.id}`, patient)).body).toEqual(booked.body);
    expect(await slotStatus(slotIds[0])).toBe('booked');
  });

  it('the tariff follows the new date: a child under 6 loses MEG when moved to their 6th birthday', async () => {
    const { site, doctor, slotIds } = await bookableZone(client);
    const later = await newMission(client, doctor.token, site.id, {
      date: '2026-12-11',
      start: '09:00',
      end: '10:00',
      slotMinutes: 20,
    });
    const [next] = await sql<{ id: string }>(`SELECT id FROM slots WHERE mission_id = $1 ORDER BY starts_at LIMIT 1`, [
      later.id,
    ]);
    const patient = await token('patient');
    const booked = await book(client, patient, {
      slotId: slotIds[0],
      patient: patientBody({ birthDate: '2020-12-11' }),
    });
    expect(booked.body.tariff).toMatchObject({ majorations: ['MEG'], amountCents: 3500 });
    const moved = await reschedule(booked.body.id, { slotId: next.id }, patient);
    expect(moved.status).toBe(200);
    expect(moved.body).toMatchObject({ missionId: later.id, tariff: { majorations: [], amountCents: 3000 } });
    const back = await reschedule(booked.body.id, { slotId: slotIds[1] }, patient);
    expect(back.body.tariff).toMatchObject({ majorations: ['MEG'], amountCents: 3500 });
  });

  it('a patient at the person cap (2) and at the account cap (4) can still reschedule', async () => {
    const { slotIds } = await bookableZone(client, { slots: 8 });
    const person = patientBody();
    const one = await token('patient');
    const first = await book(client, one, { slotId: slotIds[0], patient: person });
    await book(client, await token('patient'), { slotId: slotIds[1], patient: person });
    expect((await book(client, one, { slotId: slotIds[2], patient: person })).body.code).toBe('booking_limit_reached');
    expect((await reschedule(first.body.id, { slotId: slotIds[2] }, one)).status).toBe(200);

    const account = await token('patient');
    const made = [];
    for (const slotId of slotIds.slice(3, 7)) made.push(await book(client, account, { slotId }));
    expect(made.map((r) => r.status)).toEqual([201, 201, 201, 201]);
    expect((await book(client, account, { slotId: slotIds[7] })).body.code).toBe('account_booking_limit_reached');
    expect((await reschedule(made[0].body.id, { slotId: slotIds[7] }, account)).status).toBe(200);
  });

  it('replays the same key and body; the same key with another body is 422', async () => {
    const { slotIds } = await bookableZone(client);
    const patient = await token('patient');
    const booked = await book(client, patient, { slotId: slotIds[0] });
    const key = idemKey();
    const first = await reschedule(booked.body.id, { slotId: slotIds[1] }, patient, {}, key);
    const again = await reschedule(booked.body.id, { slotId: slotIds[1] }, patient, {}, key);
    expect(again.status).toBe(200);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(again.body).toEqual(first.body);
    const other = await reschedule(booked.body.id, { slotId: slotIds[2] }, patient, {}, key);
    expect(other.status).toBe(422);
    expect(other.body.code).toBe('idempotency_key_reused');
    expect(await slotStatus(slotIds[2])).toBe('open');
    // A booking's own create key is not a reschedule key.
    const createKey = idemKey();
    const second = await book(client, patient, { slotId: slotIds[3] }, createKey);
    expect((await reschedule(second.body.id, { slotId: slotIds[4] }, patient, {}, createKey)).body.code).toBe(
      'idempotency_key_reused',
    );
    expect(
      (await reschedule(booked.body.id, { slotId: slotIds[2] }, patient, { 'idempotency-key': '' })).body.code,
    ).toBe('idempotency_key_required');
  });

  it('someone else’s booking is a 404; a booking not booked or already started is 409', async () => {
    const { slotIds } = await bookableZone(client);
    const patient = await token('patient');
    const booked = await book(client, patient, { slotId: slotIds[0] });
    expect((await reschedule(booked.body.id, { slotId: slotIds[1] }, await token('patient'))).status).toBe(404);
    expect(
      (await reschedule(booked.body.id, { slotId: slotIds[1] }, await token('integrator', { client_id: 'someone' })))
        .status,
    ).toBe(404);
    expect(
      (await reschedule(booked.body.id, { slotId: slotIds[1] }, await token('doctor', { rpps: '12345678901' }))).status,
    ).toBe(403);

    const started = api({ now: new Date('2026-12-10T08:05:00Z') });
    const late = await reschedule(booked.body.id, { slotId: slotIds[3] }, patient, {}, idemKey(), started);
    expect(late.status).toBe(409);
    expect(late.body.code).toBe('too_late_to_reschedule');

    await client.post(`/v1/bookings/${booked.body.id}/cancel`, {}, patient);
    const cancelled = await reschedule(booked.body.id, { slotId: slotIds[1] }, patient);
    expect(cancelled.status).toBe(409);
    expect(cancelled.body).toMatchObject({ status: 409, code: 'not_reschedulable', from: 'cancelled' });
    expect(await slotStatus(slotIds[1])).toBe('open');
  });

  it('an agent gives the call’s reference; the move is audited by its own statement', async () => {
    const { slotIds } = await bookableZone(client);
    const agent = await token('agent');
    const booked = await book(client, agent, { slotId: slotIds[0], callReference: 'CALL-31' });
    const without = await reschedule(booked.body.id, { slotId: slotIds[1] }, agent);
    expect(without.body.code).toBe('call_reference_required');
    const moved = await reschedule(booked.body.id, { slotId: slotIds[1] }, agent, { 'x-call-reference': 'CALL-32' });
    expect(moved.status).toBe(200);
    expect(moved.headers.get('x-db-queries')).toBe('1');
    expect(moved.body.channel).toBe('phone');
    const rows = await sql<{ action: string; outcome: string; call_reference: string | null }>(
      `SELECT action, outcome, call_reference FROM audit_events WHERE booking_id = $1 ORDER BY id`,
      [booked.body.id],
    );
    expect(rows.map((r) => [r.action, r.outcome, r.call_reference])).toEqual([
      ['booking.create', '201', 'CALL-31'],
      ['booking.reschedule', '400 call_reference_required', null],
      ['booking.reschedule', '200', 'CALL-32'],
    ]);
  });

  it('an integrator moving a booking into another zone is held to its cap in that zone', async () => {
    const clientId = `mover-${crypto.randomUUID()}`;
    await sql(`INSERT INTO caller_limits (caller_key, max_upcoming_bookings_per_zone) VALUES ($1, 1)`, [
      `client:${clientId}`,
    ]);
    const partner = await token('integrator', { client_id: clientId });
    const a = await bookableZone(client);
    const b = await bookableZone(client);
    const inA = await book(client, partner, { slotId: a.slotIds[0] });
    expect((await reschedule(inA.body.id, { slotId: a.slotIds[1] }, partner)).status).toBe(200);
    await book(client, partner, { slotId: b.slotIds[0] });
    const refused = await reschedule(inA.body.id, { slotId: b.slotIds[1] }, partner);
    expect(refused.body.code).toBe('client_zone_booking_limit_reached');
    expect(await slotStatus(b.slotIds[1])).toBe('open');
    expect((await client.get(`/v1/bookings/${inA.body.id}`, partner)).body.slot.id).toBe(a.slotIds[1]);
  });
});

describe.runIf(onPostgresServer)('rescheduling race (Postgres server)', () => {
  const unlimited = api({ now, env: { RATE_LIMIT_ENABLED: '0' } });

  it('50 concurrent reschedules of 50 bookings onto one slot: one winner, every other booking where it was', async () => {
    const { slotIds } = await bookableZone(unlimited, { slots: 51, start: '06:00' });
    const patients = await Promise.all(Array.from({ length: 50 }, () => token('patient')));
    const bookings = [];
    for (const [i, p] of patients.entries()) bookings.push((await book(unlimited, p, { slotId: slotIds[i] })).body);
    const target = slotIds[50];
    const responses = await Promise.all(
      bookings.map((b, i) => reschedule(b.id, { slotId: target }, patients[i], {}, idemKey(), unlimited)),
    );
    expect(statuses(responses)).toEqual({ 200: 1, 409: 49 });
    expect(new Set(responses.filter((r) => r.status === 409).map((r) => r.body.code))).toEqual(
      new Set(['slot_unavailable']),
    );
    const winner = responses.findIndex((r) => r.status === 200);
    const rows = await sql<{ id: string; slot_id: string }>(
      `SELECT id, slot_id FROM bookings WHERE id = ANY($1::uuid[])`,
      [bookings.map((b) => b.id)],
    );
    const where = new Map(rows.map((r) => [r.id, r.slot_id]));
    bookings.forEach((b, i) => expect(where.get(b.id)).toBe(i === winner ? target : slotIds[i]));
    const open = await sql<{ id: string }>(`SELECT id FROM slots WHERE id = ANY($1::uuid[]) AND status = 'open'`, [
      slotIds,
    ]);
    expect(open.map((s) => s.id)).toEqual([slotIds[winner]]);
  }, 120_000);
});
