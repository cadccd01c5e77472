// The outbox: every change of a booking or a mission day writes exactly one event row in the
// statement that makes the change, with ids and codes only, and its publish reaches the consumer.
import { describe, expect, it } from 'vitest';
import { book, idemKey, patientBody } from './helpers/fixtures';
import { at, checkIn, missionDay, planning } from './helpers/mission-day';
import { sql } from './helpers/sql';
import { token } from './helpers/tokens';

/** 2026-12-16, 09:00–12:00 in Paris (08:00Z–11:00Z). */
const DAY = '2026-12-16';
const PLANNED = '2026-12-01T08:00:00.000Z';

type EventRow = {
  id: string;
  type: string;
  occurred_at: string | Date;
  booking_id: string | null;
  mission_id: string;
  epci_siren: string;
  slot_id: string | null;
  client_id: string | null;
  cancelled_by: string | null;
  data: Record<string, unknown>;
  enqueued_at: string | null;
};

const eventsOf = (column: 'booking_id' | 'mission_id', id: string) =>
  sql<EventRow>(`SELECT * FROM events WHERE ${column} = $1 ORDER BY occurred_at, type`, [id]);

const iso = (value: string | Date) => new Date(value).toISOString();

describe('events are written by the changing statement', () => {
  it('a booking: created (one round trip), then cancelled by its integrator, each one event with the zone and client', async () => {
    const d = await missionDay({ date: DAY });
    const clientId = `partner-${crypto.randomUUID()}`;
    const partner = await token('integrator', { client_id: clientId });
    const created = await book(planning, partner, { slotId: d.slotIds[0] });
    expect(created.status).toBe(201);
    expect(created.headers.get('x-db-queries')).toBe('1');
    const id = created.body.id as string;
    let events = await eventsOf('booking_id', id);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      type: 'booking.created',
      mission_id: d.mission.id,
      epci_siren: d.siren,
      slot_id: d.slotIds[0],
      client_id: clientId,
      cancelled_by: null,
    });
    expect(iso(events[0].occurred_at)).toBe(PLANNED);
    expect(events[0].data).toMatchObject({ channel: 'partner', status: 'booked', siteId: d.site.id });

    const cancelled = await at('2026-12-02T10:00:00Z').post(`/v1/bookings/${id}/cancel`, {}, partner);
    expect(cancelled.status).toBe(200);
    expect(cancelled.headers.get('x-db-queries')).toBe('1');
    events = await eventsOf('booking_id', id);
    expect(events.map((e) => [e.type, e.cancelled_by, iso(e.occurred_at)])).toEqual([
      ['booking.created', null, PLANNED],
      ['booking.cancelled', 'integrator', '2026-12-02T10:00:00.000Z'],
    ]);
    expect(new Set(events.map((e) => e.id)).size).toBe(2);
  });

  it('arrival, consultation and no-show: one event each, at the request’s clock', async () => {
    const d = await missionDay({ date: DAY });
    const patient = await token('patient');
    const ids: string[] = [];
    for (const slotId of d.slotIds.slice(0, 2)) {
      const res = await book(planning, patient, { slotId });
      expect(res.status).toBe(201);
      ids.push(res.body.id);
    }
    const during = at('2026-12-16T08:30:00Z');
    expect((await checkIn(during, d.mission.id, d.doctor.token)).status).toBe(200);
    const arrival = await during.post(`/v1/bookings/${ids[0]}/arrival`, {}, d.doctor.token);
    expect(arrival.status).toBe(200);
    expect(arrival.headers.get('x-db-queries')).toBe('1');
    const done = await at('2026-12-16T08:40:00Z').post(
      `/v1/bookings/${ids[0]}/complete`,
      { acts: [{ code: 'G' }], billedCents: 3000 },
      d.doctor.token,
    );
    expect(done.status, JSON.stringify(done.body)).toBe(200);
    const absent = await at('2026-12-16T08:45:00Z').post(`/v1/bookings/${ids[1]}/no-show`, {}, d.doctor.token);
    expect(absent.status).toBe(200);

    const firstEvents = await eventsOf('booking_id', ids[0]);
    expect(firstEvents.map((e) => [e.type, iso(e.occurred_at)])).toEqual([
      ['booking.created', PLANNED],
      ['booking.arrived', '2026-12-16T08:30:00.000Z'],
      ['booking.fulfilled', '2026-12-16T08:40:00.000Z'],
    ]);
    const secondEvents = await eventsOf('booking_id', ids[1]);
    expect(secondEvents.map((e) => [e.type, iso(e.occurred_at)])).toEqual([
      ['booking.created', PLANNED],
      ['booking.noshow', '2026-12-16T08:45:00.000Z'],
    ]);
    // A refused change writes nothing: a second no-show is 409.
    expect((await at('2026-12-16T08:50:00Z').post(`/v1/bookings/${ids[1]}/no-show`, {}, d.doctor.token)).status).toBe(
      409,
    );
    expect(await eventsOf('booking_id', ids[1])).toHaveLength(2);
  });

  it('a mission day: declared, then cancelled with one booking.cancelled by the doctor per booking', async () => {
    const d = await missionDay({ date: DAY });
    const declared = await eventsOf('mission_id', d.mission.id);
    expect(declared).toHaveLength(1);
    expect(declared[0]).toMatchObject({
      type: 'mission.declared',
      booking_id: null,
      epci_siren: d.siren,
      cancelled_by: null,
    });
    expect(declared[0].data).toMatchObject({ siteId: d.site.id, localDate: DAY, dayKind: 'half' });
    const patient = await token('patient');
    for (const slotId of d.slotIds.slice(0, 2)) expect((await book(planning, patient, { slotId })).status).toBe(201);

    const cancel = await at('2026-12-05T09:00:00Z').del(`/v1/missions/${d.mission.id}`, d.doctor.token);
    expect(cancel.status, JSON.stringify(cancel.body)).toBeLessThan(300);
    const events = await eventsOf('mission_id', d.mission.id);
    const counts = events.reduce<Record<string, number>>(
      (acc, e) => ({ ...acc, [`${e.type}/${e.cancelled_by}`]: (acc[`${e.type}/${e.cancelled_by}`] ?? 0) + 1 }),
      {},
    );
    expect(counts).toEqual({
      'mission.declared/null': 1,
      'booking.created/null': 2,
      'mission.cancelled/doctor': 1,
      'booking.cancelled/doctor': 2,
    });
    expect(
      events
        .filter((e) => e.type.endsWith('cancelled'))
        .every((e) => iso(e.occurred_at) === '2026-12-05T09:00:00.000Z'),
    ).toBe(true);
  });

  it('a change the database refuses writes no event', async () => {
    const d = await missionDay({ date: DAY });
    // Same doctor, same date: the unique index refuses the whole statement, event included.
    const again = await planning.post(
      '/v1/missions',
      { siteId: d.site.id, date: DAY, start: '14:00', end: '17:00', slotMinutes: 20 },
      d.doctor.token,
    );
    expect(again.status).toBe(409);
    // The slot is taken: the second booking matches nothing and writes nothing.
    const patient = await token('patient');
    expect((await book(planning, patient, { slotId: d.slotIds[0] })).status).toBe(201);
    expect((await book(planning, await token('patient'), { slotId: d.slotIds[0] })).status).toBe(409);
    const rows = await sql<{ type: string; n: number }>(
      `SELECT type, count(*)::int AS n FROM events WHERE epci_siren = $1 GROUP BY type ORDER BY type`,
      [d.siren],
    );
    expect(rows).toEqual([
      { type: 'booking.created', n: 1 },
      { type: 'mission.declared', n: 1 },
    ]);
  });

  it('events carry no personal data: no name, phone or birth date', async () => {
    const d = await missionDay({ date: DAY });
    const person = { ...patientBody({ firstName: 'Bérénice' }), email: 'berenice@example.fr' };
    const patient = await token('patient');
    const res = await planning.post(
      '/v1/bookings',
      { noOverbilling: true, slotId: d.slotIds[0], patient: person },
      patient,
      { 'idempotency-key': idemKey() },
    );
    expect(res.status).toBe(201);
    await at('2026-12-02T10:00:00Z').post(`/v1/bookings/${res.body.id}/cancel`, {}, patient);
    const rows = await sql<{ events: unknown }>(`SELECT json_agg(e) AS events FROM events e WHERE epci_siren = $1`, [
      d.siren,
    ]);
    const text = JSON.stringify(rows[0].events);
    expect(text).toContain(res.body.id);
    const phoneDigits = String(person.phone).slice(1);
    for (const secret of [
      person.firstName,
      person.lastName,
      person.birthDate,
      person.email,
      phoneDigits,
      `+33${phoneDigits}`,
    ]) {
      expect(text).not.toContain(String(secret));
    }
  });
});

describe('publishing', () => {
  it('after the response the event reaches the Queue; the consumer marks it and delivers it to the log deliverer', async () => {
    const d = await missionDay({ date: DAY });
    const res = await book(planning, await token('patient'), { slotId: d.slotIds[0] });
    expect(res.status).toBe(201);
    const [event] = await eventsOf('booking_id', res.body.id);
    let delivered: Array<{ status: string }> = [];
    // The consumer claims the delivery, then records its outcome: wait for the outcome.
    for (let i = 0; i < 40 && delivered[0]?.status !== 'delivered'; i++) {
      await new Promise((r) => setTimeout(r, 250));
      delivered = await sql(`SELECT status FROM deliveries WHERE event_id = $1 AND deliverer = 'log'`, [event.id]);
    }
    expect(delivered).toEqual([{ status: 'delivered' }]);
    expect((await eventsOf('booking_id', res.body.id))[0].enqueued_at).not.toBeNull();
  });
});
