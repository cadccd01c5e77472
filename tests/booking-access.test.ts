// Object-level authorisation: every booking endpoint, called by each role on its own booking and
// on someone else's. Someone else's booking is a 404, never a 403 that would confirm it exists.
import { describe, expect, it } from 'vitest';
import { api } from './helpers/api';
import { bookableZone, book, newDoctor } from './helpers/fixtures';
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
      for (const id of visible) expect((await client.get(`/v1/bookings/${id}`, bearer)).status, `${who} reads own`).toBe(200);
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
        expect((await client.post(`/v1/bookings/${id}/cancel`, {}, bearer)).status, `stranger ${who} cancels`).toBe(404);
      }
      expect((await client.get('/v1/bookings', bearer)).body.items, `stranger ${who} lists`).toEqual([]);
    }
  });

  it('agents and admins reach any booking; agents list the ones they made', async () => {
    const s = await scenario();
    const otherAgent = await token('agent');
    for (const bearer of [otherAgent, s.admin]) {
      for (const id of Object.values(s.own)) expect((await client.get(`/v1/bookings/${id}`, bearer)).status).toBe(200);
    }
    expect((await client.get('/v1/bookings', s.agent)).body.items.map((b: { id: string }) => b.id)).toEqual([s.own.agent]);
    expect((await client.get('/v1/bookings', otherAgent)).body.items).toEqual([]);
    expect((await client.post(`/v1/bookings/${s.own.patient}/cancel`, {}, s.admin)).body.cancelledBy).toBe('admin');
    expect((await client.post(`/v1/bookings/${s.own.integrator}/cancel`, {}, s.doctor.token)).body.cancelledBy).toBe('doctor');
    expect((await client.post(`/v1/bookings/${s.own.agent}/cancel`, {}, otherAgent)).body.cancelledBy).toBe('agent');
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
    await client.post(`/v1/bookings/${id}/cancel`, {}, agent);
    await client.post(`/v1/bookings/${id}/cancel`, {}, agent); // refused: already cancelled
    await client.get(`/v1/bookings/${id}`, await token('patient')); // not an agent: not audited
    const audit = await client.get(`/v1/audit?bookingId=${id}`, await token('admin'));
    expect(audit.status).toBe(200);
    expect(audit.body.items.map((e: { action: string; outcome: string }) => [e.action, e.outcome])).toEqual([
      ['booking.create', '201'],
      ['booking.read', '200'],
      ['booking.cancel', '200'],
      ['booking.cancel', '409 invalid_transition'],
    ]);
    expect(audit.body.items[0]).toMatchObject({ actorRole: 'agent', actorSub: 'agent-audit', bookingId: id });
    expect(JSON.stringify(audit.body)).not.toMatch(new RegExp(created.body.patient.lastName));
    expect((await client.get(`/v1/audit?bookingId=${id}`, agent)).status).toBe(403);
  });
});
