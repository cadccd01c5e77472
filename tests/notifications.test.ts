// Messages to patients through the real path: a booking's event goes through the Queue to the
// patient-messages deliverer, which sends through the Brevo adapter to the local sink.
import { describe, expect, it } from 'vitest';
import { idemKey, newDoctor, newMission, patientBody } from './helpers/fixtures';
import { at, missionDay, planning } from './helpers/mission-day';
import { messagesTo, waitForMessages, waitForNotifications } from './helpers/sink';
import { sql } from './helpers/sql';
import { token } from './helpers/tokens';

const DAY = '2026-12-16';
const e164 = (national: string) => `+33${national.slice(1)}`;

describe('confirmation', () => {
  it('reaches the sink by SMS and email, with the place and the tarif opposable, and no birth date or name', async () => {
    const d = await missionDay({
      date: DAY,
      site: { name: 'Maison de santé des Landes', address: '3 rue du Lavoir, 40410 Pissos' },
    });
    const patient = { ...patientBody({ birthDate: '1941-03-07' }), email: `p-${crypto.randomUUID()}@example.fr` };
    const res = await planning.post(
      '/v1/bookings',
      { noOverbilling: true, slotId: d.slotIds[0], patient },
      await token('patient'),
      { 'idempotency-key': idemKey() },
    );
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body.notifications).toEqual({ sms: true, email: true });
    expect(res.headers.get('x-db-queries')).toBe('1');

    const [sms] = await waitForMessages(e164(patient.phone));
    expect(sms.channel).toBe('sms');
    expect(sms.sender).toBe('MedecinPres');
    expect(sms.text).toContain(
      'RDV confirmé mercredi 16 décembre à 9 h : Maison de santé des Landes, 3 rue du Lavoir, 40410 Pissos. Au tarif de la Sécurité sociale',
    );
    expect(sms.text).toContain("sans dépassement d'honoraires");
    expect(sms.text).toContain('0 800 00 00 00');
    const [email] = await waitForMessages(patient.email);
    expect(email.subject).toContain('Votre rendez-vous est confirmé');
    for (const m of [sms, email]) {
      for (const secret of ['1941', '07/03', patient.firstName, patient.lastName]) expect(m.text).not.toContain(secret);
    }
    const rows = await waitForNotifications(res.body.id, (r) => r.filter((n) => n.status === 'sent').length === 2);
    expect(rows.map((r) => `${r.kind}/${r.channel}/${r.status}`)).toEqual([
      'confirmation/email/sent',
      'confirmation/sms/sent',
      'reminder/email/scheduled',
      'reminder/sms/scheduled',
    ]);
  });
});

// 05 58: mainland landlines (Landes); other 05 numbers may be DROM (0590, 0594) or unallocated.
const LANDLINE = () => `0558${String(Math.floor(Math.random() * 1e6)).padStart(6, '0')}`;
const kinds = (rows: Array<{ kind: string; channel: string; status: string }>) =>
  rows.map((r) => `${r.kind}/${r.channel}/${r.status}`).sort();

async function bookAs(
  bearer: string,
  slotId: string,
  patient: Record<string, unknown>,
  notifications?: Record<string, boolean>,
) {
  const res = await planning.post(
    '/v1/bookings',
    { noOverbilling: true, slotId, patient, ...(notifications ? { notifications } : {}), callReference: 'CALL-1' },
    bearer,
    { 'idempotency-key': idemKey() },
  );
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body as { id: string; notifications: { sms: boolean; email: boolean } };
}

/** Pages through the call list (shared by every test) for one booking's entry. */
async function callEntry(agent: string, bookingId: string, client = at('2026-12-05T10:00:00Z')) {
  let cursor: string | undefined;
  for (let i = 0; i < 50; i++) {
    const res = await client.get(`/v1/call-list?limit=100${cursor ? `&cursor=${cursor}` : ''}`, agent, {
      'x-call-reference': 'CALL-1',
    });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const found = res.body.items.find((c: { bookingId: string }) => c.bookingId === bookingId);
    if (found || !res.body.nextCursor) return found;
    cursor = res.body.nextCursor;
  }
}

describe('channels chosen at booking', () => {
  it('SMS can be turned off; asked for a landline, it is ignored', async () => {
    const d = await missionDay({ date: DAY });
    const off = await bookAs(
      await token('patient'),
      d.slotIds[0],
      { ...patientBody(), email: 'a@example.fr' },
      { sms: false },
    );
    expect(off.notifications).toEqual({ sms: false, email: true });
    const landline = await bookAs(await token('patient'), d.slotIds[1], patientBody({ phone: LANDLINE() }), {
      sms: true,
    });
    expect(landline.notifications).toEqual({ sms: false, email: false });
    expect((await planning.get(`/v1/bookings/${landline.id}`, await token('admin'))).body.notifications).toEqual({
      sms: false,
      email: false,
    });
  });
});

describe('cancellations and changes', () => {
  it('a doctor’s mission cancellation: a notice to each patient by SMS, their reminders cancelled, the landline patient on the call list', async () => {
    const d = await missionDay({ date: DAY });
    const mobiles = [patientBody(), patientBody()];
    const ids = [];
    for (const [i, p] of mobiles.entries()) ids.push((await bookAs(await token('patient'), d.slotIds[i], p)).id);
    const agent = await token('agent');
    const landline = await bookAs(agent, d.slotIds[2], patientBody({ phone: LANDLINE() }));
    for (const [_i, p] of mobiles.entries()) await waitForMessages(e164(p.phone as string));
    await waitForNotifications(ids[0], (r) => r.some((n) => n.kind === 'reminder'));

    const cancel = await at('2026-12-05T09:00:00Z').del(`/v1/missions/${d.mission.id}`, d.doctor.token);
    expect(cancel.status, JSON.stringify(cancel.body)).toBeLessThan(300);
    for (const [i, p] of mobiles.entries()) {
      const messages = await waitForMessages(e164(p.phone as string), 2);
      expect(messages[1].text).toContain('Votre RDV du mercredi 16 décembre');
      expect(messages[1].text).toContain('est annulé');
      expect(messages[1].text).toContain('Reprendre RDV');
      const rows = await waitForNotifications(ids[i], (r) =>
        r.some((n) => n.kind === 'cancellation' && n.status === 'sent'),
      );
      expect(kinds(rows)).toEqual(['cancellation/sms/sent', 'confirmation/sms/sent', 'reminder/sms/cancelled']);
    }
    // No message could reach the landline patient: they are on the agents' call list.
    let entry: any;
    for (let i = 0; i < 40 && !entry; i++) {
      entry = await callEntry(agent, landline.id);
      if (!entry) await new Promise((r) => setTimeout(r, 250));
    }
    expect(entry).toMatchObject({
      bookingId: landline.id,
      reason: 'no_channel',
      notice: 'cancellation',
      doneAt: null,
      booking: { status: 'cancelled', startsAt: '2026-12-16T09:40:00+01:00', cancelledBy: 'doctor' },
      site: {
        name: 'Maison de santé test',
        phone: '0558000000',
        address: '1 place de la Mairie',
        commune: { insee: d.site.commune.insee, name: d.site.commune.name },
        timeZone: 'Europe/Paris',
      },
    });
    expect(entry.patient.phone).toMatch(/^\+335/);

    // The agent phones, then marks the call made with its reference; it leaves the list, audited.
    const later = at('2026-12-05T11:00:00Z');
    expect((await later.post(`/v1/call-list/${landline.id}/done`, {}, agent)).status).toBe(400);
    const done = await later.post(`/v1/call-list/${landline.id}/done`, {}, agent, { 'x-call-reference': 'CALL-42' });
    expect(done.status, JSON.stringify(done.body)).toBe(200);
    expect(done.body).toMatchObject({ doneAt: '2026-12-05T11:00:00.000Z', callReference: 'CALL-42' });
    expect(
      (await later.post(`/v1/call-list/${landline.id}/done`, {}, agent, { 'x-call-reference': 'CALL-42' })).status,
    ).toBe(200);
    expect(await callEntry(agent, landline.id, later)).toBeUndefined();
    // The refusal is audited too, as every agent's access to a booking is.
    const audit = await sql<{ outcome: string; call_reference: string }>(
      `SELECT outcome, call_reference FROM audit_events WHERE booking_id = $1 AND action = 'call_list.done' ORDER BY id`,
      [landline.id],
    );
    expect(audit).toEqual([
      { outcome: '400 call_reference_required', call_reference: null },
      { outcome: '200', call_reference: 'CALL-42' },
    ]);
  });

  it('a patient’s own cancellation: no notice, the reminder cancelled', async () => {
    const d = await missionDay({ date: DAY });
    const patient = await token('patient');
    const p = patientBody();
    const { id } = await bookAs(patient, d.slotIds[0], p);
    await waitForNotifications(id, (r) => r.some((n) => n.kind === 'confirmation' && n.status === 'sent'));
    expect((await at('2026-12-02T10:00:00Z').post(`/v1/bookings/${id}/cancel`, {}, patient)).status).toBe(200);
    const rows = await waitForNotifications(id, (r) =>
      r.some((n) => n.kind === 'reminder' && n.status === 'cancelled'),
    );
    expect(kinds(rows)).toEqual(['confirmation/sms/sent', 'reminder/sms/cancelled']);
    expect(await messagesTo(e164(p.phone as string))).toHaveLength(1);
  });

  it('an agent’s cancellation of an email-only booking: the notice by email', async () => {
    const d = await missionDay({ date: DAY });
    const agent = await token('agent');
    const email = `p-${crypto.randomUUID()}@example.fr`;
    const { id } = await bookAs(agent, d.slotIds[0], { ...patientBody({ phone: LANDLINE() }), email });
    await waitForMessages(email);
    const cancelled = await at('2026-12-02T10:00:00Z').request('POST', `/v1/bookings/${id}/cancel`, {
      token: agent,
      body: {},
      headers: { 'x-call-reference': 'CALL-7' },
    });
    expect(cancelled.status, JSON.stringify(cancelled.body)).toBe(200);
    const messages = await waitForMessages(email, 2);
    expect(messages[1].subject).toContain('Votre rendez-vous est annulé');
    expect(await callEntry(agent, id)).toBeUndefined();
  });

  it('a reschedule: a change notice with the new time, the reminder moved to the new eve', async () => {
    const d = await missionDay({ date: DAY });
    const other = await newMission(planning, (await newDoctor()).token, d.site.id, {
      date: '2026-12-18',
      start: '14:00',
      end: '15:00',
    });
    const [newSlot] = await sql<{ id: string }>(
      `SELECT id FROM slots WHERE mission_id = $1 ORDER BY starts_at LIMIT 1`,
      [other.id],
    );
    const patient = await token('patient');
    const p = patientBody();
    const { id } = await bookAs(patient, d.slotIds[0], p);
    await waitForNotifications(id, (r) => r.some((n) => n.kind === 'confirmation' && n.status === 'sent'));
    const moved = await at('2026-12-02T10:00:00Z').post(
      `/v1/bookings/${id}/reschedule`,
      { slotId: newSlot.id },
      patient,
      { 'idempotency-key': idemKey() },
    );
    expect(moved.status, JSON.stringify(moved.body)).toBe(200);
    const messages = await waitForMessages(e164(p.phone as string), 2);
    expect(messages[1].text).toContain('RDV déplacé au vendredi 18 décembre à 14 h');
    const rows = await waitForNotifications(id, (r) => r.some((n) => n.kind === 'change' && n.status === 'sent'));
    expect(
      rows
        .filter((r) => r.kind === 'reminder')
        .map((r) => [r.status, new Date(r.due_at).toISOString()])
        .sort(),
    ).toEqual([
      ['cancelled', '2026-12-15T17:00:00.000Z'],
      ['scheduled', '2026-12-17T17:00:00.000Z'],
    ]);
  });
});

describe('change notices per booking', () => {
  it('at most 3 a day per channel: a fourth move still happens, its notice is skipped and shown so; a day later they go again', async () => {
    const d = await missionDay({ date: DAY });
    const patient = await token('patient');
    const p = patientBody();
    const { id } = await bookAs(patient, d.slotIds[0], p);
    await waitForMessages(e164(p.phone as string), 1);
    const changes = (n: number) => waitForNotifications(id, (r) => r.filter((x) => x.kind === 'change').length === n);
    const moves = [
      '2026-12-02T10:00:00Z',
      '2026-12-02T10:05:00Z',
      '2026-12-02T10:10:00Z',
      '2026-12-02T10:15:00Z',
      '2026-12-03T10:01:00Z',
    ];
    for (const [i, when] of moves.entries()) {
      const moved = await at(when).post(`/v1/bookings/${id}/reschedule`, { slotId: d.slotIds[(i + 1) % 2] }, patient, {
        'idempotency-key': idemKey(),
      });
      expect(moved.status, JSON.stringify(moved.body)).toBe(200);
      await changes(i + 1);
    }
    const rows = await waitForNotifications(
      id,
      (r) => r.filter((x) => x.kind === 'change' && x.status === 'sent').length === 4,
    );
    expect(rows.filter((r) => r.kind === 'change').map((r) => [r.status, r.last_error])).toEqual([
      ['sent', null],
      ['sent', null],
      ['sent', null],
      ['skipped', 'daily_cap'],
      ['sent', null],
    ]);
    expect(await messagesTo(e164(p.phone as string))).toHaveLength(5);
    const shown = await at('2026-12-03T11:00:00Z').get(`/v1/bookings/${id}/notifications`, patient);
    expect(
      shown.body.items.filter((n: { kind: string }) => n.kind === 'change').map((n: { status: string }) => n.status),
    ).toEqual(['sent', 'sent', 'sent', 'skipped', 'sent']);
  });
});

describe('GET /v1/bookings/{id}/notifications', () => {
  it('the owner, the booking’s integrator, agents and admins see kind, channel, status and times, never text or phone; others get 404', async () => {
    const d = await missionDay({ date: DAY });
    const owner = await token('patient');
    const { id } = await bookAs(owner, d.slotIds[0], patientBody());
    await waitForNotifications(id, (r) => r.some((n) => n.status === 'sent'));
    const seen = await planning.get(`/v1/bookings/${id}/notifications`, owner);
    expect(seen.status).toBe(200);
    expect(seen.body.items).toEqual([
      {
        kind: 'confirmation',
        channel: 'sms',
        status: 'sent',
        dueAt: '2026-12-01T08:00:00.000Z',
        sentAt: expect.any(String),
        attempts: 1,
        lastError: null,
      },
      {
        kind: 'reminder',
        channel: 'sms',
        status: 'scheduled',
        dueAt: '2026-12-15T17:00:00.000Z',
        sentAt: null,
        attempts: 0,
        lastError: null,
      },
    ]);
    for (const role of ['agent', 'admin'] as const)
      expect(
        (await planning.get(`/v1/bookings/${id}/notifications`, await token(role), { 'x-call-reference': 'CALL-1' }))
          .status,
      ).toBe(200);
    expect((await planning.get(`/v1/bookings/${id}/notifications`, await token('patient'))).status).toBe(404);
    expect(
      (await planning.get(`/v1/bookings/${id}/notifications`, await token('integrator', { client_id: 'someone-else' })))
        .status,
    ).toBe(404);
    expect((await planning.get(`/v1/bookings/${id}/notifications`, d.doctor.token)).status).toBe(403);
    expect((await planning.get(`/v1/bookings/${id}/notifications`)).status).toBe(401);
    expect((await planning.get(`/v1/bookings/${crypto.randomUUID()}/notifications`, await token('admin'))).status).toBe(
      404,
    );

    const clientId = `partner-${crypto.randomUUID()}`;
    const partner = await token('integrator', { client_id: clientId });
    const theirs = await bookAs(partner, d.slotIds[1], patientBody());
    expect(
      (
        await planning.get(
          `/v1/bookings/${theirs.id}/notifications`,
          await token('integrator', { client_id: clientId }),
        )
      ).status,
    ).toBe(200);
  });

  it('call-list operations are for agents and admins only', async () => {
    for (const role of ['patient', 'integrator', 'doctor'] as const) {
      const bearer = await token(
        role,
        role === 'doctor' ? { rpps: '10000000001' } : role === 'integrator' ? { client_id: 'c' } : {},
      );
      expect((await planning.get('/v1/call-list', bearer)).status).toBe(403);
      expect((await planning.post(`/v1/call-list/${crypto.randomUUID()}/done`, {}, bearer)).status).toBe(403);
    }
    expect((await planning.post(`/v1/call-list/${crypto.randomUUID()}/done`, {}, await token('admin'))).status).toBe(
      404,
    );
  });
});
