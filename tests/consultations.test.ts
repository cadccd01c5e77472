import { describe, expect, it } from 'vitest';
import { api } from './helpers/api';
import { newDoctor } from './helpers/fixtures';
import { at, booked, checkIn, missionDay, type DayOptions } from './helpers/mission-day';
import { sql } from './helpers/sql';
import { token } from './helpers/tokens';

/** 2026-12-15, 09:00–12:00 in Paris: the first slot starts at 08:00Z, check-in opens at 07:00Z. */
const DAY = '2026-12-15';
const during = at('2026-12-15T08:10:00Z');
const G = [{ code: 'G' }];
const GMEG = [{ code: 'G' }, { code: 'MEG' }];
// Agents' changes name the call they act on.
const CALL = { 'x-call-reference': 'CALL-1' };

/** A booking of the first slot, the doctor checked in, the patient arrived. */
async function arrived(patient: Record<string, unknown> = {}, day: DayOptions = { date: DAY }, clock = during) {
  const d = await missionDay(day);
  const id = await booked(d.slotIds[0], patient, day.client);
  expect((await checkIn(clock, d.mission.id, d.doctor.token)).status).toBe(200);
  const res = await clock.post(`/v1/bookings/${id}/arrival`, {}, d.doctor.token);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return { ...d, id };
}

const complete = (id: string, doctorToken: string, body: Record<string, unknown>, clock = during) =>
  clock.post(`/v1/bookings/${id}/complete`, body, doctorToken);

describe('arrival and completion', () => {
  it('booked → arrived → fulfilled, billed at the tarif opposable; completing needs a check-in', async () => {
    const d = await missionDay({ date: DAY });
    const id = await booked(d.slotIds[0]);
    const arrival = await at('2026-12-15T07:50:00Z').post(`/v1/bookings/${id}/arrival`, {}, d.doctor.token);
    expect(arrival.status).toBe(200);
    expect(arrival.body).toMatchObject({
      id,
      status: 'arrived',
      arrivedAt: '2026-12-15T07:50:00.000Z',
      completedAt: null,
      billing: null,
    });
    expect(arrival.headers.get('x-db-queries')).toBe('1');
    const notIn = await complete(id, d.doctor.token, { acts: G, billedCents: 3000 });
    expect(notIn.status).toBe(409);
    expect(notIn.body.code).toBe('not_checked_in');
    await checkIn(during, d.mission.id, d.doctor.token);
    const done = await complete(id, d.doctor.token, { acts: G, billedCents: 3000, overbillingCents: 0 });
    expect(done.status).toBe(200);
    expect(done.body).toMatchObject({
      status: 'fulfilled',
      completedAt: '2026-12-15T08:10:00.000Z',
      billing: { acts: ['G'], billedCents: 3000, overbillingCents: 0 },
    });
    const twice = await complete(id, d.doctor.token, { acts: G, billedCents: 3000 });
    expect(twice.status).toBe(409);
    expect(twice.body).toMatchObject({ code: 'invalid_transition', from: 'fulfilled', to: 'fulfilled' });
  });

  it('overbilling is refused: above the tariff, DE or DA, a positive overbillingCents; nothing changes', async () => {
    const { id, doctor } = await arrived();
    const attempts = [
      { acts: G, billedCents: 3500 },
      { acts: [...G, { code: 'DE' }], billedCents: 3000 },
      { acts: [...G, { code: 'DA' }], billedCents: 4000 },
      { acts: G, billedCents: 3000, overbillingCents: 500 },
    ];
    for (const body of attempts) {
      const res = await complete(id, doctor.token, body);
      expect(res.status, JSON.stringify(body)).toBe(422);
      expect(res.body.code).toBe('overbilling_not_allowed');
    }
    expect((await during.get(`/v1/bookings/${id}`, doctor.token)).body.status).toBe('arrived');
    expect((await complete(id, doctor.token, { acts: G, billedCents: 3000 })).status).toBe(200);
  });

  it('a child on their 6th birthday is billed G alone; the day before, G + MEG is due', async () => {
    const sixToday = await arrived({ birthDate: '2020-12-15' });
    const meg = await complete(sixToday.id, sixToday.doctor.token, { acts: GMEG, billedCents: 3500 });
    expect(meg.body.code).toBe('overbilling_not_allowed');
    expect(meg.body.detail).toContain('not under 6');
    expect(
      (await complete(sixToday.id, sixToday.doctor.token, { acts: G, billedCents: 3000 })).body.billing.acts,
    ).toEqual(['G']);

    const fiveStill = await arrived({ birthDate: '2020-12-16' });
    expect(
      (await complete(fiveStill.id, fiveStill.doctor.token, { acts: G, billedCents: 3000 })).body.detail,
    ).toContain('MEG is due');
    const done = await complete(fiveStill.id, fiveStill.doctor.token, { acts: GMEG, billedCents: 3500 });
    expect(done.body.billing).toEqual({ acts: ['G', 'MEG'], billedCents: 3500, overbillingCents: 0 });
  });

  it('G is 26.50 € on 2024-12-21 and 30.00 € from 2024-12-22', async () => {
    const planning2024 = api({ now: new Date('2024-12-01T08:00:00Z') });
    const before = await arrived({}, { date: '2024-12-21', client: planning2024 }, at('2024-12-21T08:10:00Z'));
    const refused = await complete(
      before.id,
      before.doctor.token,
      { acts: G, billedCents: 3000 },
      at('2024-12-21T08:30:00Z'),
    );
    expect(refused.body.detail).toBe('billed 3000 cents; the tarif opposable for G on 2024-12-21 is 2650 cents');
    expect(
      (await complete(before.id, before.doctor.token, { acts: G, billedCents: 2650 }, at('2024-12-21T08:30:00Z')))
        .status,
    ).toBe(200);

    const from = await arrived({}, { date: '2024-12-22', client: planning2024 }, at('2024-12-22T08:10:00Z'));
    expect(
      (await complete(from.id, from.doctor.token, { acts: G, billedCents: 2650 }, at('2024-12-22T08:30:00Z'))).status,
    ).toBe(422);
    expect(
      (await complete(from.id, from.doctor.token, { acts: G, billedCents: 3000 }, at('2024-12-22T08:30:00Z'))).body
        .billing.billedCents,
    ).toBe(3000);
  });

  it('arrival: the mission’s doctor or an agent (audited), from an hour before the mission; not for others', async () => {
    const d = await missionDay({ date: DAY });
    const id = await booked(d.slotIds[0]);
    const agent = await token('agent', { sub: 'agent-on-site' });
    expect((await during.post(`/v1/bookings/${id}/arrival`, {}, (await newDoctor()).token)).status).toBe(404);
    expect((await during.post(`/v1/bookings/${id}/arrival`, {}, await token('patient'))).status).toBe(403);
    expect((await during.post(`/v1/bookings/${id}/complete`, { acts: G, billedCents: 3000 }, agent)).status).toBe(403);
    expect((await at('2026-12-15T06:59:00Z').post(`/v1/bookings/${id}/arrival`, {}, agent, CALL)).body.code).toBe(
      'too_early_for_arrival',
    );
    const res = await at('2026-12-15T07:00:00Z').post(`/v1/bookings/${id}/arrival`, {}, agent, CALL);
    expect(res.body.status).toBe('arrived');
    expect((await during.post(`/v1/bookings/${id}/arrival`, {}, agent, CALL)).body).toMatchObject({
      code: 'invalid_transition',
      from: 'arrived',
      to: 'arrived',
    });
    const audit = await during.get(`/v1/audit?bookingId=${id}`, await token('admin'));
    expect(audit.body.items.map((e: { action: string; outcome: string }) => [e.action, e.outcome])).toEqual([
      ['booking.arrival', '409 too_early_for_arrival'],
      ['booking.arrival', '200'],
      ['booking.arrival', '409 invalid_transition'],
    ]);
  });
});

describe('no-shows and the state machine', () => {
  it('a no-show only once the slot has started, by the doctor or an agent (audited); then nothing else', async () => {
    const d = await missionDay({ date: DAY });
    const id = await booked(d.slotIds[0]);
    const agent = await token('agent', { sub: 'agent-noshow' });
    const early = await at('2026-12-15T07:59:59Z').post(`/v1/bookings/${id}/no-show`, {}, agent, CALL);
    expect(early.status).toBe(409);
    expect(early.body.code).toBe('too_early_for_no_show');
    const noshow = await at('2026-12-15T08:00:00Z').post(`/v1/bookings/${id}/no-show`, {}, agent, CALL);
    expect(noshow.body).toMatchObject({ status: 'noshow', noShowAt: '2026-12-15T08:00:00.000Z' });
    for (const [action, bearer] of [
      ['arrival', agent],
      ['no-show', d.doctor.token],
      ['cancel', agent],
    ] as const) {
      expect((await during.post(`/v1/bookings/${id}/${action}`, {}, bearer, CALL)).body.code, action).toBe(
        'invalid_transition',
      );
    }
    const audit = await during.get(`/v1/audit?bookingId=${id}`, await token('admin'));
    expect(audit.body.items.map((e: { action: string; outcome: string }) => [e.action, e.outcome])).toEqual([
      ['booking.no-show', '409 too_early_for_no_show'],
      ['booking.no-show', '200'],
      ['booking.arrival', '409 invalid_transition'],
      ['booking.cancel', '409 invalid_transition'],
    ]);
  });

  it('an arrived patient cannot be a no-show; a cancelled booking cannot arrive; strangers get 404', async () => {
    const a = await arrived();
    expect((await during.post(`/v1/bookings/${a.id}/no-show`, {}, a.doctor.token)).body).toMatchObject({
      code: 'invalid_transition',
      from: 'arrived',
      to: 'noshow',
    });
    const d = await missionDay({ date: DAY });
    const id = await booked(d.slotIds[0]);
    await at('2026-12-01T09:00:00Z').post(`/v1/bookings/${id}/cancel`, {}, await token('admin'));
    expect((await during.post(`/v1/bookings/${id}/arrival`, {}, d.doctor.token)).body).toMatchObject({
      code: 'invalid_transition',
      from: 'cancelled',
      to: 'arrived',
    });
    expect((await during.post(`/v1/bookings/${id}/no-show`, {}, (await newDoctor()).token)).status).toBe(404);
    expect(
      (await during.post(`/v1/bookings/${crypto.randomUUID()}/no-show`, {}, await token('agent'), CALL)).status,
    ).toBe(404);
  });
});

describe('the database on its own', () => {
  const update = (id: string, set: string) => sql(`UPDATE bookings SET ${set} WHERE id = $1`, [id]);

  it('refuses a billed amount or acts other than the tarif opposable, and overbilling', async () => {
    const { id } = await arrived();
    const fulfil = (acts: string, cents: number) =>
      update(id, `status = 'fulfilled', completed_at = now(), billed_acts = '${acts}', billed_cents = ${cents}`);
    await expect(fulfil('{G}', 3500)).rejects.toThrow(/tarif opposable/);
    await expect(fulfil('{G,DE}', 3000)).rejects.toThrow(/tarif opposable|bookings_billed_no_depassement/);
    await expect(fulfil('{G,MEG}', 3500)).rejects.toThrow(/tarif opposable/);
    await expect(update(id, `status = 'fulfilled', completed_at = now()`)).rejects.toThrow(/bookings_fulfilled_billed/);
    await expect(update(id, `overbilling_cents = 500`)).rejects.toThrow(/bookings_no_overbilling/);
    await fulfil('{G}', 3000);
    await expect(update(id, `billed_cents = 3500`)).rejects.toThrow(/tarif opposable/);
    await expect(update(id, `billed_acts = '{G,DA}'`)).rejects.toThrow(
      /tarif opposable|bookings_billed_no_depassement/,
    );
  });

  it('refuses any transition outside the state machine', async () => {
    const { id } = await arrived();
    // arrived → booked is an arrival undone (migration 0027, tests/pages-doctor.test.ts); not these.
    await expect(update(id, `status = 'noshow', noshow_at = now()`)).rejects.toThrow(/cannot become noshow/);
    await expect(update(id, `status = 'cancelled', cancelled_at = now()`)).rejects.toThrow(/cannot become cancelled/);
    const [row] = await sql<{ status: string }>(`SELECT status FROM bookings WHERE id = $1`, [id]);
    expect(row.status).toBe('arrived');
  });
});
