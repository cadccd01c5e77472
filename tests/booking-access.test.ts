// Object-level authorisation: every booking endpoint, called by each role on its own booking and
// on someone else's. Someone else's booking is a 404, never a 403 that would confirm it exists.
import { describe, expect, it } from 'vitest';
import { api } from './helpers/api';
import { bookableZone, book, newDoctor } from './helpers/fixtures';
import { sql } from './helpers/sql';
import { token } from './helpers/tokens';

const client = api({ now: new Date('2026-12-01T08:00:00Z') });

async function scenario() {
  const { doctor, slotIds } = await bookableZone(client);
  const patient = await token('patient');
  const partner = await token('integrator', { client_id: `partner-${crypto.randomUUID()}` });
  const agent = await token('agent', { sub: `agent-${crypto.randomUUID()}` });
  const own = {
    patient: (await book(client, patient, { slotId: slotIds[0] })).body.id as string,
    integrator: (await book(client, partner, { slotId: slotIds[1] })).body.id as string,
    agent: (await book(client, agent, { slotId: slotIds[2], callReference: 'C-1' })).body.id as string,
  };
  const strangers = {
    patient: await token('patient'),
    integrator: await token('integrator', { client_id: `other-${crypto.randomUUID()}` }),
    doctor: (await newDoctor()).token,
  };
  return { doctor, patient, partner, agent, own, strangers, admin: await token('admin') };
}

describe('booking access by role', () => {
  it('patients, integrators and doctors see their own bookings and get 404 for the others', async () => {
    const s = await scenario();
    const cases: Array<[string, string, string[], string[]]> = [
      ['patient', s.patient, [s.own.patient], [s.own.integrator, s.own.agent]],
      ['integrator', s.partner, [s.own.integrator], [s.own.patient, s.own.agent]],
      ['doctor of the mission', s.doctor.token, [s.own.patient, s.own.integrator, s.own.agent], []],
    ];
    for (const [who, bearer, visible, hidden] of cases) {
      for (const id of visible)
        expect((await client.get(`/v1/bookings/${id}`, bearer)).status, `${who} reads own`).toBe(200);
      for (const id of hidden) {
        expect((await client.get(`/v1/bookings/${id}`, bearer)).status, `${who} reads other`).toBe(404);
        expect((await client.post(`/v1/bookings/${id}/cancel`, {}, bearer)).status, `${who} cancels other`).toBe(404);
      }
      const listed = (await client.get('/v1/bookings?limit=100', bearer)).body.items.map((b: { id: string }) => b.id);
      expect(listed.sort(), `${who} lists`).toEqual([...visible].sort());
    }
    for (const [who, bearer] of Object.entries(s.strangers)) {
      for (const id of Object.values(s.own)) {
        expect((await client.get(`/v1/bookings/${id}`, bearer)).status, `stranger ${who} reads`).toBe(404);
        expect((await client.post(`/v1/bookings/${id}/cancel`, {}, bearer)).status, `stranger ${who} cancels`).toBe(
          404,
        );
      }
      expect((await client.get('/v1/bookings', bearer)).body.items, `stranger ${who} lists`).toEqual([]);
    }
  }, 60_000); // ~40 requests in a row: 7 s alone, over 30 s beside the whole suite on 2 cores

  it('agents and admins reach any booking; agents list the ones they made', async () => {
    const s = await scenario();
    const otherAgent = await token('agent');
    for (const bearer of [otherAgent, s.admin]) {
      for (const id of Object.values(s.own))
        expect((await client.get(`/v1/bookings/${id}`, bearer, { 'x-call-reference': 'CALL-1' })).status).toBe(200);
    }
    expect(
      (await client.get('/v1/bookings', s.agent, { 'x-call-reference': 'CALL-1' })).body.items.map(
        (b: { id: string }) => b.id,
      ),
    ).toEqual([s.own.agent]);
    expect((await client.get('/v1/bookings', otherAgent, { 'x-call-reference': 'CALL-1' })).body.items).toEqual([]);
    expect((await client.post(`/v1/bookings/${s.own.patient}/cancel`, {}, s.admin)).body.cancelledBy).toBe('admin');
    expect((await client.post(`/v1/bookings/${s.own.integrator}/cancel`, {}, s.doctor.token)).body.cancelledBy).toBe(
      'doctor',
    );
    expect(
      (await client.post(`/v1/bookings/${s.own.agent}/cancel`, {}, otherAgent, { 'x-call-reference': 'CALL-2' })).body
        .cancelledBy,
    ).toBe('agent');
  });

  it('doctors and admins cannot book; anonymous callers reach nothing', async () => {
    const s = await scenario();
    expect((await book(client, s.doctor.token, { slotId: crypto.randomUUID() })).status).toBe(403);
    expect((await book(client, s.admin, { slotId: crypto.randomUUID() })).status).toBe(403);
    expect((await client.get(`/v1/bookings/${s.own.patient}`)).status).toBe(401);
    expect((await client.get('/v1/bookings')).status).toBe(401);
    expect((await client.post(`/v1/bookings/${s.own.patient}/cancel`, {})).status).toBe(401);
  });
});

describe('audit trail', () => {
  it('records every agent action on a booking, with outcome and no patient data; only admins read it', async () => {
    const { slotIds } = await bookableZone(client);
    const agent = await token('agent', { sub: 'agent-audit' });
    const created = await book(client, agent, { slotId: slotIds[0], callReference: 'CALL-9' });
    const id = created.body.id as string;
    await client.request('GET', `/v1/bookings/${id}`, { token: agent, headers: { 'x-call-reference': 'CALL-9' } });
    await client.post(`/v1/bookings/${id}/cancel`, {}, agent, { 'x-call-reference': 'CALL-9' });
    await client.post(`/v1/bookings/${id}/cancel`, {}, agent, { 'x-call-reference': 'CALL-9' }); // refused: already cancelled
    await client.get(`/v1/bookings/${id}`, await token('patient')); // not an agent: not audited
    const audit = await client.get(`/v1/audit?bookingId=${id}`, await token('admin'));
    expect(audit.status).toBe(200);
    expect(audit.body.items.map((e: { action: string; outcome: string }) => [e.action, e.outcome])).toEqual([
      ['booking.create', '201'],
      ['booking.read', '200'],
      ['booking.cancel', '200'],
      ['booking.cancel', '409 invalid_transition'],
    ]);
    expect(audit.body.items[0]).toMatchObject({
      actorRole: 'agent',
      actorSub: 'agent-audit',
      bookingId: id,
      callReference: 'CALL-9',
    });
    expect(JSON.stringify(audit.body)).not.toMatch(new RegExp(created.body.patient.lastName));
    expect((await client.get(`/v1/audit?bookingId=${id}`, agent)).status).toBe(403);
  });
});

describe('audited changes: the row is written by the statement that makes the change', () => {
  const auditRows = (id: string) =>
    sql<{ action: string; actor_role: string; outcome: string; call_reference: string | null }>(
      `SELECT action, actor_role, outcome, call_reference FROM audit_events WHERE booking_id = $1 ORDER BY id`,
      [id],
    );

  it('an agent booking and an admin cancellation each write their row in their one statement', async () => {
    const { slotIds } = await bookableZone(client);
    const agent = await token('agent');
    const created = await book(client, agent, { slotId: slotIds[0], callReference: 'CALL-77' });
    expect(created.status).toBe(201);
    expect(created.headers.get('x-db-queries')).toBe('1');
    const cancelled = await client.post(`/v1/bookings/${created.body.id}/cancel`, {}, await token('admin'));
    expect(cancelled.status).toBe(200);
    expect(cancelled.headers.get('x-db-queries')).toBe('1');
    expect(await auditRows(created.body.id)).toEqual([
      { action: 'booking.create', actor_role: 'agent', outcome: '201', call_reference: 'CALL-77' },
      { action: 'booking.cancel', actor_role: 'admin', outcome: '200', call_reference: null },
    ]);
  });

  it('admins’ reads are audited; patients’ are not', async () => {
    const { slotIds } = await bookableZone(client);
    const patient = await token('patient');
    const id = (await book(client, patient, { slotId: slotIds[0] })).body.id as string;
    await client.get(`/v1/bookings/${id}`, patient);
    await client.get(`/v1/bookings/${id}`, await token('admin'));
    expect(await auditRows(id)).toEqual([
      { action: 'booking.read', actor_role: 'admin', outcome: '200', call_reference: null },
    ]);
  });

  it('no change without its row: when the audit insert fails, the cancellation does not happen', async () => {
    const { slotIds } = await bookableZone(client);
    const id = (await book(client, await token('patient'), { slotId: slotIds[0] })).body.id as string;
    const sub = `audit-broken-${crypto.randomUUID()}`;
    // Refuses audit rows of this one admin only, so that tests running alongside are not affected.
    await sql(`CREATE OR REPLACE FUNCTION test_refuse_audit() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN IF NEW.actor_sub LIKE 'audit-broken-%' THEN RAISE EXCEPTION 'audit store refused'; END IF; RETURN NEW; END $$`);
    await sql(
      `CREATE OR REPLACE TRIGGER test_refuse_audit BEFORE INSERT ON audit_events FOR EACH ROW EXECUTE FUNCTION test_refuse_audit()`,
    );
    try {
      const res = await client.post(`/v1/bookings/${id}/cancel`, {}, await token('admin', { sub }));
      expect(res.status).toBe(500);
    } finally {
      await sql(`DROP TRIGGER test_refuse_audit ON audit_events`);
    }
    const [booking] = await sql<{ status: string }>(`SELECT status FROM bookings WHERE id = $1`, [id]);
    expect(booking.status).toBe('booked');
    expect(await auditRows(id)).toEqual([]);
  });

  it('agents name the call of every change, in one format; missing or malformed is refused and changes nothing', async () => {
    const { slotIds } = await bookableZone(client);
    const agent = await token('agent');
    const noRef = await book(client, agent, { slotId: slotIds[0] });
    expect(noRef.status).toBe(400);
    expect(noRef.body.code).toBe('call_reference_required');
    const id = (await book(client, agent, { slotId: slotIds[0], callReference: 'CALL-1' })).body.id as string;
    const missing = await client.post(`/v1/bookings/${id}/cancel`, {}, agent);
    expect(missing.status).toBe(400);
    expect(missing.body.code).toBe('call_reference_required');
    const malformed = await client.post(`/v1/bookings/${id}/cancel`, {}, agent, { 'x-call-reference': 'call 1; drop' });
    expect(malformed.status).toBe(400);
    expect(malformed.body.code).toBe('invalid_call_reference');
    const during = api({ now: new Date('2026-12-10T08:00:00Z') });
    expect((await during.post(`/v1/bookings/${id}/arrival`, {}, agent)).body.code).toBe('call_reference_required');
    expect((await during.post(`/v1/bookings/${id}/no-show`, {}, agent)).body.code).toBe('call_reference_required');
    const [booking] = await sql<{ status: string }>(`SELECT status FROM bookings WHERE id = $1`, [id]);
    expect(booking.status).toBe('booked');
    const ok = await client.post(`/v1/bookings/${id}/cancel`, {}, agent, { 'x-call-reference': 'CALL-1' });
    expect(ok.body.status).toBe('cancelled');
    expect((await auditRows(id)).map((r) => [r.action, r.outcome, r.call_reference])).toEqual([
      ['booking.create', '201', 'CALL-1'],
      ['booking.cancel', '400 call_reference_required', null],
      ['booking.cancel', '400 invalid_call_reference', null],
      ['booking.arrival', '400 call_reference_required', null],
      ['booking.no-show', '400 call_reference_required', null],
      ['booking.cancel', '200', 'CALL-1'],
    ]);
  });
});
