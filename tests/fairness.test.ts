// Fairness that cannot be gamed: caps per account, per person (however they are written), per
// integrator and zone, on holds per caller; canonical phones and plausible birth dates. Each cap
// that a test lowers is lowered for that test's own caller only (caller_limits).
import { describe, expect, it } from 'vitest';
import { birthDateRefusal } from '../src/domain/birth-date';
import { api } from './helpers/api';
import { bookableZone, book, patientBody } from './helpers/fixtures';
import { letters } from './helpers/names';
import { sql } from './helpers/sql';
import { token } from './helpers/tokens';

const now = new Date('2026-12-01T08:00:00Z');
const client = api({ now });

/** A metropolitan mobile number no other test uses, as its 8 digits after 06. */
const randomMobile = () => `1${String(Math.floor(Math.random() * 1e7)).padStart(7, '0')}`;
const pairs = (digits: string) => digits.match(/../g)!.join(' ');

const limitFor = (callerKey: string, limits: { bookingsPerZone?: number; holds?: number }) =>
  sql(`INSERT INTO caller_limits (caller_key, max_upcoming_bookings_per_zone, max_active_holds) VALUES ($1, $2, $3)`, [
    callerKey,
    limits.bookingsPerZone ?? null,
    limits.holds ?? null,
  ]);

describe('caps per account and per person', () => {
  it('one patient account books at most 4 upcoming slots, whoever it declares', async () => {
    const { slotIds } = await bookableZone(client);
    const account = await token('patient');
    const made = [];
    for (const slotId of slotIds.slice(0, 4)) made.push(await book(client, account, { slotId }));
    expect(made.map((r) => r.status)).toEqual([201, 201, 201, 201]);
    const fifth = await book(client, account, { slotId: slotIds[4] });
    expect(fifth.status).toBe(409);
    expect(fifth.body.code).toBe('account_booking_limit_reached');
    // Only upcoming active bookings count: a cancellation gives the place back.
    await client.post(`/v1/bookings/${made[0].body.id}/cancel`, {}, account);
    expect((await book(client, account, { slotId: slotIds[4] })).status).toBe(201);
  });

  it('the same person written four ways is one person: the third booking is refused', async () => {
    const { slotIds } = await bookableZone(client);
    const digits = randomMobile();
    const lastName = `Dupont-Moreau-${letters()}`;
    const spellings = [
      { firstName: 'Hélène', lastName, phone: `06 ${pairs(digits)}` },
      { firstName: 'HELENE', lastName: lastName.toUpperCase().replace(/-/g, ' '), phone: `+33 6 ${pairs(digits)}` },
      { firstName: 'helene', lastName: lastName.toLowerCase(), phone: `00336${digits}` },
      { firstName: 'Hélène', lastName: lastName.replace(/-/g, ' '), phone: `+33 (0)6 ${pairs(digits)}` },
    ];
    const answers = [];
    for (const [i, p] of spellings.entries()) {
      answers.push(
        await book(client, await token('patient'), { slotId: slotIds[i], patient: { ...p, birthDate: '1948-03-02' } }),
      );
    }
    expect(answers.map((r) => r.status)).toEqual([201, 201, 409, 409]);
    expect(answers.slice(2).map((r) => r.body.code)).toEqual(['booking_limit_reached', 'booking_limit_reached']);
    expect(answers.slice(0, 2).map((r) => r.body.patient.phone)).toEqual([`+336${digits}`, `+336${digits}`]);
  });

  it('another phone does not make another person: the cap follows the name and birth date, from any account or agent', async () => {
    const { slotIds } = await bookableZone(client);
    const person = patientBody({ birthDate: '1944-12-03' });
    const first = await book(client, await token('patient'), { slotId: slotIds[0], patient: person });
    const secondPhone = await book(client, await token('agent'), {
      slotId: slotIds[1],
      patient: { ...person, phone: `06 ${pairs(randomMobile())}` },
      callReference: 'CALL-8',
    });
    expect([first.status, secondPhone.status]).toEqual([201, 201]);
    const thirdPhone = await book(client, await token('patient'), {
      slotId: slotIds[2],
      patient: { ...person, phone: `06 ${pairs(randomMobile())}` },
    });
    expect(thirdPhone.status).toBe(409);
    expect(thirdPhone.body.code).toBe('booking_limit_reached');
    // Another person of the same name, born another day, is someone else.
    expect(
      (
        await book(client, await token('patient'), {
          slotId: slotIds[2],
          patient: { ...person, birthDate: '1944-12-04' },
        })
      ).status,
    ).toBe(201);
  });

  it('an agent is trusted staff, but the person’s cap holds for them too', async () => {
    const { slotIds } = await bookableZone(client);
    const person = patientBody();
    const agent = await token('agent');
    const answers = [];
    for (const slotId of slotIds.slice(0, 3))
      answers.push(await book(client, agent, { slotId, patient: person, callReference: 'CALL-5' }));
    expect(answers.map((r) => r.body.code ?? r.status)).toEqual([201, 201, 'booking_limit_reached']);
  });
});

describe('caps per integrator', () => {
  it('an integrator holds at most its cap of upcoming bookings in one zone; another zone is counted apart', async () => {
    const clientId = `capped-${crypto.randomUUID()}`;
    await limitFor(`client:${clientId}`, { bookingsPerZone: 2 });
    const partner = await token('integrator', { client_id: clientId });
    const first = await bookableZone(client);
    expect((await book(client, partner, { slotId: first.slotIds[0] })).status).toBe(201);
    expect((await book(client, partner, { slotId: first.slotIds[1] })).status).toBe(201);
    const third = await book(client, partner, { slotId: first.slotIds[2] });
    expect(third.status).toBe(409);
    expect(third.body.code).toBe('client_zone_booking_limit_reached');
    const second = await bookableZone(client);
    expect((await book(client, partner, { slotId: second.slotIds[0] })).status).toBe(201);
    // Another partner in the same zone is not affected.
    expect(
      (
        await book(client, await token('integrator', { client_id: `other-${crypto.randomUUID()}` }), {
          slotId: first.slotIds[2],
        })
      ).status,
    ).toBe(201);
  });

  it('an integrator holds at most its cap of active holds; a new hold for the same patient replaces the old', async () => {
    const clientId = `holder-${crypto.randomUUID()}`;
    await limitFor(`client:${clientId}`, { holds: 2 });
    const partner = await token('integrator', { client_id: clientId });
    const { slotIds } = await bookableZone(client);
    const hold = (slotId: string, patientRef: string) => client.post('/v1/holds', { slotId, patientRef }, partner);
    expect((await hold(slotIds[0], 'p-1')).status).toBe(201);
    const second = await hold(slotIds[1], 'p-2');
    expect(second.status).toBe(201);
    const third = await hold(slotIds[2], 'p-3');
    expect(third.status).toBe(409);
    expect(third.body.code).toBe('hold_limit_reached');
    expect((await hold(slotIds[3], 'p-1')).status).toBe(201);
    expect((await client.del(`/v1/holds/${second.body.id}`, partner)).status).toBe(204);
    expect((await hold(slotIds[2], 'p-3')).status).toBe(201);
    // Expired holds stop counting with no background job.
    const later = api({ now: new Date('2026-12-01T08:05:00Z') });
    expect((await later.post('/v1/holds', { slotId: slotIds[4], patientRef: 'p-4' }, partner)).status).toBe(201);
  });

  it('the scheme’s defaults: 4 per account, 2 per person, 200 per integrator and zone, 20 holds per caller', async () => {
    const [settings] = await sql(`SELECT max_upcoming_bookings_per_account, max_future_bookings_per_patient,
      max_upcoming_bookings_per_client_zone, max_active_holds_per_caller FROM scheme_settings`);
    expect(settings).toEqual({
      max_upcoming_bookings_per_account: 4,
      max_future_bookings_per_patient: 2,
      max_upcoming_bookings_per_client_zone: 200,
      max_active_holds_per_caller: 20,
    });
  });
});

describe('canonical phone numbers', () => {
  it('stores E.164 and whether the number takes SMS', async () => {
    const { slotIds } = await bookableZone(client);
    const cases: Array<[string, string, boolean]> = [
      ['05 58 12 34 56', '+33558123456', false],
      ['0694 20 12 34', '+594694201234', true],
      ['0262 41 12 34', '+262262411234', false],
      ['07 81 23 45 67', '+33781234567', true],
    ];
    for (const [i, [typed, e164, sms]] of cases.entries()) {
      const res = await book(client, await token('patient'), {
        slotId: slotIds[i],
        patient: patientBody({ phone: typed }),
      });
      expect(res.status, typed).toBe(201);
      expect(res.body.patient, typed).toMatchObject({ phone: e164, phoneCanReceiveSms: sms });
    }
  });

  it.each([['0899 12 34 56'], ['08 91 12 34 56'], ['06 12 34'], ['+33 6 12 34 56 78 90']])(
    'refuses %s with 422 naming patient.phone',
    async (phone) => {
      const { slotIds } = await bookableZone(client, { slots: 1 });
      const res = await book(client, await token('patient'), { slotId: slotIds[0], patient: patientBody({ phone }) });
      expect(res.status).toBe(422);
      expect(res.body).toMatchObject({
        code: 'invalid_phone',
        errors: [{ field: 'patient.phone', message: expect.any(String) }],
      });
    },
  );

  it('the database refuses a phone that is not E.164 on its own', async () => {
    const { slotIds } = await bookableZone(client);
    const res = await book(client, await token('patient'), { slotId: slotIds[0] });
    await expect(
      sql(`UPDATE bookings SET patient_phone = '06 12 34 56 78' WHERE id = $1`, [res.body.id]),
    ).rejects.toThrow(/bookings_patient_phone_e164/);
  });
});

describe('plausible birth dates', () => {
  it.each([
    ['2026-12-02', 'in the future'],
    ['1906-11-30', 'more than 120 years ago'],
  ])('refuses %s (%s) with 422 naming patient.birthDate', async (birthDate) => {
    const { slotIds } = await bookableZone(client, { slots: 1 });
    const res = await book(client, await token('patient'), { slotId: slotIds[0], patient: patientBody({ birthDate }) });
    expect(res.status).toBe(422);
    expect(res.body).toMatchObject({
      code: 'invalid_birth_date',
      errors: [{ field: 'patient.birthDate', message: expect.any(String) }],
    });
  });

  it('accepts a baby born today in Paris and a person of exactly 120', async () => {
    const { slotIds } = await bookableZone(client);
    // 2026-12-01T23:30Z is already 2 December in Paris.
    const lateEvening = api({ now: new Date('2026-12-01T23:30:00Z') });
    expect(
      (
        await book(lateEvening, await token('patient'), {
          slotId: slotIds[0],
          patient: patientBody({ birthDate: '2026-12-02' }),
        })
      ).status,
    ).toBe(201);
    expect(
      (
        await book(client, await token('patient'), {
          slotId: slotIds[1],
          patient: patientBody({ birthDate: '1906-12-01' }),
        })
      ).status,
    ).toBe(201);
  });

  it('the same rule in TypeScript and in Postgres, on the same cases', async () => {
    const cases: Array<[string, string]> = [
      ['2026-12-01', '2026-12-01T08:00:00Z'],
      ['2026-12-02', '2026-12-01T08:00:00Z'],
      ['2026-12-02', '2026-12-01T23:30:00Z'],
      ['2026-12-03', '2026-12-01T23:30:00Z'],
      ['1906-12-01', '2026-12-01T08:00:00Z'],
      ['1906-11-30', '2026-12-01T08:00:00Z'],
      ['1906-12-01', '2026-11-30T23:30:00Z'],
      ['1900-02-28', '2020-02-29T12:00:00Z'],
      ['1900-02-27', '2020-02-29T12:00:00Z'],
      ['1950-06-15', '2026-07-01T00:00:00Z'],
    ];
    const rows = await sql<{ ok: boolean }>(
      `SELECT birth_date_plausible(b::date, t::timestamptz) AS ok FROM unnest($1::text[], $2::text[]) WITH ORDINALITY AS c(b, t, n) ORDER BY n`,
      [cases.map((c) => c[0]), cases.map((c) => c[1])],
    );
    expect(rows.map((r) => r.ok)).toEqual(cases.map(([b, t]) => birthDateRefusal(b, new Date(t)) === undefined));
  });
});
