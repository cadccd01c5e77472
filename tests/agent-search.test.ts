// The agents' search of a caller's bookings (POST /v1/bookings/search): by phone in any usual
// spelling, or by last name and birth date whatever the case and accents; upcoming first; agents
// only; every search audited with its call reference, and never with what was searched for.
import { describe, expect, it } from 'vitest';
import { latinNameKey } from '../src/core/bookings/search.operations';
import { api } from './helpers/api';
import { bookableZone, book, patientBody } from './helpers/fixtures';
import { letters } from './helpers/names';
import { sql } from './helpers/sql';
import { token } from './helpers/tokens';

const now = new Date('2026-12-01T08:00:00Z');
const client = api({ now });

const randomDigits = (n: number) => String(Math.floor(Math.random() * 10 ** n)).padStart(n, '0');
const search = (body: unknown, bearer: string, callReference: string | null = 'CALL-S1', on = client) =>
  on.post('/v1/bookings/search', body, bearer, callReference === null ? {} : { 'x-call-reference': callReference });
const auditOf = (callReference: string) =>
  sql<Record<string, unknown>>(`SELECT * FROM audit_events WHERE call_reference = $1 ORDER BY id`, [callReference]);

describe('the agents’ search of bookings', () => {
  it('finds a booking by its reference, however it is read out; an unknown or malformed one finds nothing; a reference goes alone', async () => {
    const { slotIds } = await bookableZone(client, { slots: 2 });
    const agent = await token('agent', { sub: `agent-${crypto.randomUUID()}` });
    const booked = await book(client, await token('patient'), { slotId: slotIds[0], patient: patientBody() });
    expect(booked.status).toBe(201);
    const reference: string = booked.body.reference;
    const callReference = `CALL-${crypto.randomUUID()}`;
    for (const spelling of [
      reference,
      reference.toLowerCase(),
      `${reference.slice(0, 4)} ${reference.slice(4)}`,
      `${reference.slice(0, 4)}-${reference.slice(4)}`,
    ]) {
      const found = await search({ reference: spelling }, agent, callReference);
      expect(found.status, spelling).toBe(200);
      expect(
        found.body.items.map((b: { id: string }) => b.id),
        spelling,
      ).toEqual([booked.body.id]);
    }
    for (const other of ['ZZZZZZZZ', 'O0I1'])
      expect((await search({ reference: other }, agent, callReference)).body.items).toEqual([]);
    expect((await search({ reference, phone: '0612345678' }, agent, callReference)).status).toBe(400);
    expect((await search({ reference }, await token('patient'), callReference)).status).toBe(403);
    const audit = await auditOf(callReference);
    expect(audit.map((a) => `${a.action} ${a.outcome}`)).toEqual(
      expect.arrayContaining(['booking.search_by_reference 200', 'booking.search_by_reference 200 none found']),
    );
    expect(JSON.stringify(audit)).not.toContain(reference);
  });

  it('finds a caller’s bookings by phone in every usual spelling, upcoming first, and audits each search', async () => {
    const { slotIds } = await bookableZone(client, { slots: 4 });
    const agent = await token('agent', { sub: `agent-${crypto.randomUUID()}` });
    const digits = `61${randomDigits(7)}`; // 06 1x: metropolitan (0690… would be Guadeloupe)
    const phone = `0${digits}`;
    const first = await book(client, agent, {
      slotId: slotIds[2],
      callReference: 'CALL-B1',
      patient: patientBody({ phone }),
    });
    const second = await book(client, await token('patient'), {
      slotId: slotIds[0],
      patient: patientBody({ phone: `+33 ${digits}` }),
    });
    await book(client, agent, { slotId: slotIds[1], callReference: 'CALL-B2' }); // someone else
    expect([first.status, second.status]).toEqual([201, 201]);

    const spellings = [
      phone,
      `0${digits.replace(/(\d)(\d\d)(\d\d)(\d\d)(\d\d)/, '$1 $2 $3 $4 $5')}`,
      `+33 ${digits}`,
      `0033${digits}`,
      `+33 (0)${digits}`,
      `0${digits.replace(/(\d)(\d\d)(\d\d)(\d\d)(\d\d)/, '$1.$2.$3.$4.$5')}`,
    ];
    const reference = `CALL-${crypto.randomUUID()}`;
    for (const spelling of spellings) {
      const found = await search({ phone: spelling }, agent, reference);
      expect(found.status, spelling).toBe(200);
      expect(found.body.more).toBe(false);
      // Soonest first: slotIds[0] starts before slotIds[2].
      expect(
        found.body.items.map((b: { id: string }) => b.id),
        spelling,
      ).toEqual([second.body.id, first.body.id]);
      expect(found.body.items[0].patient.phone).toBe(`+33${digits}`);
    }
    expect(await auditOf(reference)).toHaveLength(spellings.length * 2);

    // Once the first has passed, the upcoming one comes first, then the past one.
    const afterwards = await search({ phone }, agent, reference, api({ now: new Date('2026-12-10T08:10:00Z') }));
    expect(afterwards.body.items.map((b: { id: string }) => b.id)).toEqual([first.body.id, second.body.id]);
  });

  it('finds by last name and birth date whatever the case, accents and hyphens; the first name narrows it', async () => {
    const { slotIds } = await bookableZone(client, { slots: 3 });
    const agent = await token('agent');
    const tag = letters();
    // 1930 to 1999: always a plausible birth date (not more than 120 years ago).
    const birthDate = `19${3 + Math.floor(Math.random() * 7)}${randomDigits(1)}-0${1 + Math.floor(Math.random() * 9)}-1${randomDigits(1)}`;
    const helene = await book(client, agent, {
      slotId: slotIds[0],
      callReference: 'CALL-N1',
      patient: patientBody({ firstName: 'Hélène', lastName: `Lefèvre-Œuvray ${tag}`, birthDate }),
    });
    const soren = await book(client, agent, {
      slotId: slotIds[1],
      callReference: 'CALL-N2',
      patient: patientBody({ firstName: 'Søren', lastName: `Lefevre-Oeuvray ${tag}`, birthDate }),
    });
    await book(client, agent, {
      slotId: slotIds[2],
      callReference: 'CALL-N3',
      patient: patientBody({ firstName: 'Hélène', lastName: `Lefèvre-Œuvray ${tag}`, birthDate: '1951-01-01' }),
    });
    const ids = (r: { body: { items: Array<{ id: string }> } }) => r.body.items.map((b) => b.id);

    // Œ folds to œ, not oe: the two families differ, as they do for the per-person limits.
    expect(ids(await search({ lastName: `LEFEVRE œuvray ${tag.toUpperCase()}`, birthDate }, agent))).toEqual([
      helene.body.id,
    ]);
    expect(ids(await search({ lastName: `lefèvre oeuvray-${tag}`, birthDate }, agent))).toEqual([soren.body.id]);
    expect(ids(await search({ lastName: `Lefèvre-Œuvray ${tag}`, firstName: 'HELENE', birthDate }, agent))).toEqual([
      helene.body.id,
    ]);
    expect(ids(await search({ lastName: `Lefevre Oeuvray ${tag}`, firstName: 'soren', birthDate }, agent))).toEqual([]);
    expect(ids(await search({ lastName: `Lefevre Oeuvray ${tag}`, firstName: 'søren', birthDate }, agent))).toEqual([
      soren.body.id,
    ]);
    expect(ids(await search({ lastName: `Lefèvre-Œuvray ${tag}`, firstName: 'Jeanne', birthDate }, agent))).toEqual([]);
  });

  it('a search that finds nothing answers an empty list and is audited without a booking and without what was searched for', async () => {
    const agent = await token('agent', { sub: `agent-${crypto.randomUUID()}` });
    const reference = `CALL-${crypto.randomUUID()}`;
    const phone = `074${randomDigits(7)}`; // 07 4x: a mobile range (070–072 are not)
    const lastName = `Nobody-${letters()}`;
    const byPhone = await search({ phone }, agent, reference);
    const byName = await search({ lastName, firstName: 'Personne', birthDate: '1940-02-29' }, agent, reference);
    expect([byPhone.status, byName.status]).toEqual([200, 200]);
    expect(byPhone.body).toEqual({ items: [], more: false });
    expect(byName.body).toEqual({ items: [], more: false });
    const audit = await auditOf(reference);
    expect(audit.map((a) => [a.action, a.booking_id, a.outcome, a.actor_role])).toEqual([
      ['booking.search_by_phone', null, '200 none found', 'agent'],
      ['booking.search_by_name', null, '200 none found', 'agent'],
    ]);
    const text = JSON.stringify(audit);
    for (const secret of [phone, phone.slice(1), lastName, lastName.toLowerCase(), 'Personne', '1940-02-29'])
      expect(text).not.toContain(secret);
    // An admin reads the call's trail by its reference.
    const trail = await client.request('GET', `/v1/audit?callReference=${reference}`, { token: await token('admin') });
    expect(trail.status).toBe(200);
    expect(trail.body.items.map((i: { bookingId: string | null }) => i.bookingId)).toEqual([null, null]);
  });

  it('audits found bookings by id only', async () => {
    const { slotIds } = await bookableZone(client, { slots: 1 });
    const agent = await token('agent');
    const patient = patientBody();
    const booked = await book(client, agent, { slotId: slotIds[0], callReference: 'CALL-A1', patient });
    const reference = `CALL-${crypto.randomUUID()}`;
    await search({ lastName: patient.lastName, birthDate: patient.birthDate }, agent, reference);
    const audit = await auditOf(reference);
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({
      booking_id: booked.body.id,
      action: 'booking.search_by_name',
      outcome: '200',
      actor_role: 'agent',
    });
    const text = JSON.stringify(audit);
    for (const secret of [patient.lastName, patient.phone, patient.birthDate]) expect(text).not.toContain(secret);
  });

  it('is for agents only: other roles get 403, without a token 401', async () => {
    const body = { phone: '06 12 34 56 78' };
    for (const role of ['patient', 'integrator', 'doctor', 'admin'] as const) {
      const res = await search(
        body,
        await token(
          role,
          role === 'integrator' ? { client_id: 'c-1' } : role === 'doctor' ? { rpps: '10000000001' } : {},
        ),
      );
      expect(res.status, role).toBe(403);
      expect(res.body.code).toBe('forbidden');
    }
    expect((await client.post('/v1/bookings/search', body)).status).toBe(401);
  });

  it('requires a well-formed call reference, and audits the refusal', async () => {
    const agent = await token('agent', { sub: `agent-${crypto.randomUUID()}` });
    const missing = await search({ phone: '06 12 34 56 78' }, agent, null);
    expect(missing.status).toBe(400);
    expect(missing.body.code).toBe('call_reference_required');
    const malformed = await search({ phone: '06 12 34 56 78' }, agent, 'call 1; drop');
    expect(malformed.status).toBe(400);
    expect(malformed.body.code).toBe('invalid_call_reference');
    const refusals = await sql<{ outcome: string; call_reference: string | null; booking_id: string | null }>(
      `SELECT outcome, call_reference, booking_id FROM audit_events WHERE actor_sub = $1 ORDER BY id`,
      [(JSON.parse(atob(agent.split('.')[1])) as { sub: string }).sub],
    );
    expect(refusals).toEqual([
      { outcome: '400 call_reference_required', call_reference: null, booking_id: null },
      { outcome: '400 invalid_call_reference', call_reference: null, booking_id: null },
    ]);
  });

  it('refuses a malformed search: neither or both kinds, half a name search, a phone that is not French', async () => {
    const agent = await token('agent');
    for (const body of [
      {},
      { phone: '0612345678', lastName: 'Martin', birthDate: '1950-01-01' },
      { lastName: 'Martin' },
      { birthDate: '1950-01-01' },
      { firstName: 'Jeanne' },
      { lastName: 'Martin', birthDate: '1950-02-30' },
      { phone: 'abc' },
      { phone: '0612345678', extra: 1 },
    ]) {
      const res = await search(body, agent);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body.code).toBe('validation_failed');
    }
    const notFrench = await search({ phone: '0899 12 34 56' }, agent);
    expect(notFrench.status).toBe(422);
    expect(notFrench.body.code).toBe('invalid_phone');
    // In the body, never the URL: a GET with the phone in the query is no search (it reads "search" as a booking id).
    expect((await client.request('GET', '/v1/bookings/search?phone=0612345678', { token: agent })).status).toBe(400);
  });

  it('caps the answer at 20 and says there are more', async () => {
    const { slotIds } = await bookableZone(client, { slots: 22 });
    const agent = await token('agent');
    const patient = patientBody();
    // The per-person limit applies to bookings, not to this fixture: insert directly what history would hold.
    const first = await book(client, agent, { slotId: slotIds[0], callReference: 'CALL-C1', patient });
    await sql(
      `INSERT INTO bookings (id, slot_id, mission_id, starts_at, status, channel, owner_role, owner_sub, call_reference, patient_first_name, patient_last_name,
        patient_birth_date, patient_phone, patient_key, tariff_code, tariff_majorations, amount_cents, no_overbilling, cancelled_at, cancelled_by, created_at)
      SELECT gen_random_uuid(), s.id, b.mission_id, s.starts_at, 'cancelled', 'phone', 'agent', b.owner_sub, 'CALL-C2', b.patient_first_name, b.patient_last_name,
        b.patient_birth_date, b.patient_phone, b.patient_key, 'G', '{}', 3000, true, b.created_at, 'agent', b.created_at
      FROM bookings b JOIN slots s ON s.id = ANY($2::uuid[]) WHERE b.id = $1`,
      [first.body.id, `{${slotIds.slice(1).join(',')}}`],
    );
    const found = await search({ phone: patient.phone }, agent);
    expect(found.status).toBe(200);
    expect(found.body.items).toHaveLength(20);
    expect(found.body.more).toBe(true);
    expect(found.body.items[0].id).toBe(first.body.id);
  });

  it('is rate-limited like the agent’s other searches: their own budget, 60 a minute across zones', async () => {
    const agent = await token('agent', { sub: `agent-${crypto.randomUUID()}` });
    const first = await search({ phone: '06 12 34 56 78' }, agent);
    expect(first.status).toBe(200);
    expect(first.headers.get('ratelimit-policy')).toContain('q=60');
    const answers = [first.status];
    for (let i = 0; i < 60; i++) answers.push((await search({ phone: '06 12 34 56 78' }, agent)).status);
    expect(answers.filter((s) => s === 200)).toHaveLength(60);
    expect(answers.at(-1)).toBe(429);
  }, 60_000);

  it('Postgres and TypeScript take the same Latin key of a name (the SQL prefilter never drops a match)', async () => {
    const names = [
      'Hélène',
      'DUPONT-MOREAU',
      'O’Brien',
      "d'Artagnan",
      'Œuvray',
      'Søren',
      'Ærø',
      'Straße',
      'Çelik',
      'Nguyễn',
      'Ψάρης',
      '李',
      'Zoë Saint-Éxupéry',
      'ﬁnn',
    ];
    const [row] = await sql<{ keys: string[] }>(
      `SELECT array_agg(regexp_replace(lower(normalize(n, NFKD)), '[^a-z]', '', 'g') ORDER BY i) AS keys FROM unnest($1::text[]) WITH ORDINALITY AS t(n, i)`,
      [names],
    );
    expect(row.keys).toEqual(names.map(latinNameKey));
  });
});
