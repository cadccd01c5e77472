// Retention (src/domain/retention.ts) and the purge that applies it (src/core/retention/), run by the
// Cron Trigger at its minute of the day. Bookings past retention keep being counted, without their
// patient; upcoming ones and recent ones keep everything. The purge is global, so this file's
// bookings lie in mid-2024, before any other test's (the earliest are of December 2024): its purge
// date anonymises no other test's booking; it may delete their settled outbox rows of 2024, which
// none of them reads.
import { createScheduledController } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { regionCode } from '../src/domain/regions';
import { RETENTION, frenchMonths, isPurgeMinute } from '../src/domain/retention';
import worker from '../src/index';
import { api } from './helpers/api';
import { env } from './helpers/env';
import { adminToken, book, newDoctor, newMission, newSite, newZone, patientBody } from './helpers/fixtures';
import { sql } from './helpers/sql';
import { token } from './helpers/tokens';

const at = (iso: string) => api({ now: new Date(iso) });
const planning = at('2024-05-02T08:00:00Z');
const cron = (iso: string) =>
  worker.scheduled(createScheduledController({ scheduledTime: new Date(iso), cron: '* * * * *' }), env);
/** 13 months after the June 2024 consultations: past retention for them, not for July's. */
const PURGE_AT = '2025-07-01T03:17:00Z';

async function bookAs(client: ReturnType<typeof at>, slotId: string, patient = patientBody()) {
  const bearer = await token('patient', { sub: `patient-${crypto.randomUUID()}` });
  const res = await book(client, bearer, { slotId, patient });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return { id: res.body.id as string, phone: res.body.patient.phone as string, bearer };
}

const patientOf = async (id: string) =>
  (
    await sql<Record<string, unknown>>(
      `SELECT patient_first_name, patient_last_name, patient_birth_date, patient_phone, patient_email, patient_key, anonymised_at, status
     FROM bookings WHERE id = $1`,
      [id],
    )
  )[0];

describe('the privacy page', () => {
  it('states the durations of the retention configuration', async () => {
    const res = await planning.request('GET', '/donnees-personnelles', { headers: { accept: 'text/html' } });
    expect(res.status).toBe(200);
    const text = String(res.body).replace(/\s+/g, ' ');
    expect(text).toContain(
      `effacés ${frenchMonths(RETENTION.bookingPatientMonths)} après la date de votre rendez-vous`,
    );
    expect(text).toContain(`Les messages de rappel envoyés, et leur état : ${RETENTION.notificationDays} jours`);
    expect(text).toContain(`partenaires : ${RETENTION.eventDays} jours`);
    expect(text).toContain(`effacés ${RETENTION.endedWaitlistDays} jours après la fin de l’inscription`);
    expect(text).toContain(`(qui, quand, quel rendez-vous) : ${frenchMonths(RETENTION.auditMonths)}`);
  });
});

describe('the daily purge', () => {
  it('anonymises waitlist entries a month after they ended, never one still waiting', async () => {
    const joinedAt = at('2025-05-01T08:00:00Z');
    const zone = await newZone(joinedAt);
    const join = async () => {
      const bearer = await token('patient');
      const res = await joinedAt.post('/v1/waitlist', { zone: zone.siren, patient: patientBody() }, bearer);
      expect(res.status, JSON.stringify(res.body)).toBe(201);
      return { id: res.body.id as string, bearer };
    };
    const [old, recent, waiting] = [await join(), await join(), await join()];
    expect((await at('2025-05-20T08:00:00Z').del(`/v1/waitlist/${old.id}`, old.bearer)).status).toBe(204);
    expect((await at('2025-06-20T08:00:00Z').del(`/v1/waitlist/${recent.id}`, recent.bearer)).status).toBe(204);
    await cron(PURGE_AT);
    const rows = await sql<{
      id: string;
      patient_last_name: string | null;
      identity_key: string | null;
      anonymised_at: Date | null;
      status: string;
    }>(
      `SELECT id, patient_last_name, identity_key, anonymised_at, status FROM waitlist_entries WHERE id = ANY($1::uuid[])`,
      [[old.id, recent.id, waiting.id]],
    );
    const byId = new Map(rows.map((r) => [r.id, r]));
    expect(byId.get(old.id)).toMatchObject({ patient_last_name: null, identity_key: null, status: 'withdrawn' });
    expect(byId.get(old.id)!.anonymised_at).not.toBeNull();
    for (const kept of [recent.id, waiting.id]) expect(byId.get(kept)!.anonymised_at).toBeNull();
  });

  it('runs at one minute of the day only', () => {
    expect(isPurgeMinute(new Date(PURGE_AT))).toBe(true);
    expect(isPurgeMinute(new Date('2025-07-01T03:18:00Z'))).toBe(false);
    expect(isPurgeMinute(new Date('2025-07-01T15:17:00Z'))).toBe(false);
  });

  it('anonymises past bookings in place: statistics, coverage and indemnities unchanged; recent and upcoming ones untouched; the agents’ search finds nothing', async () => {
    const zone = await newZone(planning);
    const site = await newSite(planning, zone);
    const doctor = await newDoctor();
    const june = await newMission(planning, doctor.token, site.id, {
      date: '2024-06-11',
      start: '08:00',
      end: '10:00',
    });
    const july = await newMission(planning, doctor.token, site.id, {
      date: '2024-07-09',
      start: '08:00',
      end: '09:00',
    });
    const slots = async (missionId: string) =>
      (await sql<{ id: string }>(`SELECT id FROM slots WHERE mission_id = $1 ORDER BY starts_at`, [missionId])).map(
        (s) => s.id,
      );
    const [j0, j1, j2, j3] = await slots(june.id);
    const [k0] = await slots(july.id);

    const fulfilled = await bookAs(planning, j0, patientBody({ email: 'jeanne@example.org' }));
    const absent = await bookAs(planning, j1);
    const cancelled = await bookAs(planning, j2);
    const neverMarked = await bookAs(planning, j3);
    const recent = await bookAs(planning, k0);
    expect(
      (await at('2024-05-20T10:00:00Z').post(`/v1/bookings/${cancelled.id}/cancel`, {}, cancelled.bearer)).status,
    ).toBe(200);
    const day = at('2024-06-11T07:30:00Z');
    expect((await day.post(`/v1/missions/${june.id}/check-in`, {}, doctor.token)).status).toBe(200);
    expect((await day.post(`/v1/bookings/${fulfilled.id}/arrival`, {}, doctor.token)).status).toBe(200);
    expect(
      (
        await day.post(
          `/v1/bookings/${fulfilled.id}/complete`,
          { acts: [{ code: 'G' }], billedCents: 2650 },
          doctor.token,
        )
      ).status,
    ).toBe(200);
    expect((await at('2024-06-11T06:25:00Z').post(`/v1/bookings/${absent.id}/no-show`, {}, doctor.token)).status).toBe(
      200,
    );
    expect((await at('2024-06-11T08:05:00Z').post(`/v1/missions/${june.id}/check-out`, {}, doctor.token)).status).toBe(
      200,
    );

    // Upcoming at the purge: a mission a fortnight after it, booked shortly before.
    const soon = at('2025-06-20T08:00:00Z');
    const later = await newMission(soon, doctor.token, site.id, { date: '2025-07-15', start: '08:00', end: '09:00' });
    const upcoming = await bookAs(soon, (await slots(later.id))[0]);

    const admin = await adminToken();
    const afterwards = at('2025-07-01T09:00:00Z');
    const region = regionCode((await planning.get(`/v1/zones/${zone.siren}`)).body.region as string);
    const body = async (path: string, bearer: string) => {
      const res = await afterwards.get(path, bearer);
      expect(res.status, path).toBe(200);
      return res.body;
    };
    const figures = async () => ({
      stats: await body(`/v1/zones/${zone.siren}/stats?from=2024-06-01&to=2024-07-31`, admin),
      coverage: await body(`/v1/coverage?month=2024-06&region=${region}`, admin),
      indemnities: await body('/v1/doctors/me/indemnities?month=2024-06', doctor.token),
    });
    const before = await figures();
    expect(before.indemnities.days[0]).toMatchObject({ consultationsFulfilled: 1, noShows: 1 });

    await cron('2025-07-01T03:16:00Z'); // not the purge's minute
    expect((await patientOf(fulfilled.id)).anonymised_at).toBeNull();
    await cron(PURGE_AT);

    for (const gone of [fulfilled, absent, cancelled, neverMarked]) {
      expect(await patientOf(gone.id), gone.id).toMatchObject({
        patient_first_name: null,
        patient_last_name: null,
        patient_birth_date: null,
        patient_phone: null,
        patient_email: null,
        patient_key: null,
        anonymised_at: expect.anything(),
      });
    }
    expect((await patientOf(fulfilled.id)).status).toBe('fulfilled');
    for (const kept of [recent, upcoming])
      expect(await patientOf(kept.id), kept.id).toMatchObject({ patient_phone: kept.phone, anonymised_at: null });
    expect(await figures()).toEqual(before);

    // Every door shows the booking without its patient.
    const read = await afterwards.get(`/v1/bookings/${fulfilled.id}`, admin);
    expect(read.status).toBe(200);
    expect(read.body).toMatchObject({ id: fulfilled.id, status: 'fulfilled', patient: null });

    const agent = await token('agent', { sub: `agent-${crypto.randomUUID()}` });
    const search = (phone: string) =>
      afterwards.post('/v1/bookings/search', { phone }, agent, { 'x-call-reference': 'CALL-RETENTION' });
    const found = await search(fulfilled.phone);
    expect(found.status).toBe(200);
    expect(found.body.items).toEqual([]);
    expect((await search(recent.phone)).body.items.map((b: { id: string }) => b.id)).toEqual([recent.id]);

    // History no longer changes: a late no-show of the never-marked booking is refused.
    const late = await afterwards.post(`/v1/bookings/${neverMarked.id}/no-show`, {}, doctor.token);
    expect(late.status).toBe(409);
    expect(late.body.code).toBe('booking_anonymised');

    // What else retention ends: the bookings' idempotency keys and holds of those slots.
    const keys = await sql(`SELECT 1 FROM idempotency_keys WHERE booking_id = ANY($1::uuid[])`, [
      [fulfilled.id, absent.id, recent.id],
    ]);
    expect(keys).toEqual([]);
    expect(await sql(`SELECT 1 FROM holds WHERE slot_id = ANY($1::uuid[])`, [[j0, j1, j2, j3, k0]])).toEqual([]);
  });
  it('deletes the outbox, messages, webhook deliveries and call-list rows past retention, and keeps what is still referenced or recent', async () => {
    const zone = await newZone(planning);
    const site = await newSite(planning, zone);
    const doctor = await newDoctor();
    const mission = await newMission(planning, doctor.token, site.id, {
      date: '2024-06-18',
      start: '08:00',
      end: '09:00',
    });
    const [slot] = (
      await sql<{ id: string }>(`SELECT id FROM slots WHERE mission_id = $1 ORDER BY starts_at`, [mission.id])
    ).map((r) => r.id);
    const booking = await bookAs(planning, slot);
    // The outbox of the past, written as the consumer and the senders leave it (before 2 April 2025: 90 days before the purge).
    const event = async (occurredAt: string) => {
      const id = crypto.randomUUID();
      await sql(
        `INSERT INTO events (id, type, occurred_at, booking_id, mission_id, epci_siren, enqueued_at) VALUES ($1, 'booking.created', $2, $3, $4, $5, $6)`,
        [id, occurredAt, booking.id, mission.id, zone.siren, occurredAt],
      );
      return id;
    };
    const [old, recent, inFlight, stillPlanned] = [
      await event('2025-01-10T10:00:00Z'),
      await event('2025-06-20T10:00:00Z'),
      await event('2025-01-12T10:00:00Z'),
      await event('2025-01-11T10:00:00Z'),
    ];
    await sql(
      `INSERT INTO deliveries (event_id, deliverer, status, delivered_at, updated_at) VALUES ($1, 'log', 'delivered', $2, $2), ($3, 'log', 'delivered', $4, $4)`,
      [old, '2025-01-10T10:00:01Z', recent, '2025-06-20T10:00:01Z'],
    );
    // A delivery still under way keeps its event, however old.
    await sql(`INSERT INTO deliveries (event_id, deliverer, status, updated_at) VALUES ($1, 'log', 'delivering', $2)`, [
      inFlight,
      '2025-01-12T10:00:01Z',
    ]);
    const endpoint = crypto.randomUUID();
    await sql(
      `INSERT INTO webhook_endpoints (id, client_id, url, event_types, secret, created_at) VALUES ($1, $2, 'https://partner.example.fr/hooks', ARRAY['booking.created'], 'sealed', '2024-05-02T08:00:00Z')`,
      [endpoint, `client-${crypto.randomUUID()}`],
    );
    await sql(
      `INSERT INTO webhook_deliveries (id, endpoint_id, event_id, event_type, payload, status, attempts, delivered_at, created_at)
               VALUES (gen_random_uuid(), $1, $2, 'booking.created', '{}', 'succeeded', 1, $3, $3)`,
      [endpoint, old, '2025-01-10T10:00:02Z'],
    );
    await sql(
      `INSERT INTO notifications (id, booking_id, event_id, kind, channel, status, due_at, attempts, sent_at, created_at)
               VALUES (gen_random_uuid(), $1, $2, 'confirmation', 'sms', 'sent', $3, 1, $3, $3)`,
      [booking.id, old, '2025-01-10T10:00:03Z'],
    );
    await sql(
      `INSERT INTO notifications (id, booking_id, event_id, kind, channel, status, due_at, next_attempt_at, created_at)
               VALUES (gen_random_uuid(), $1, $2, 'reminder', 'sms', 'scheduled', $3, $3, $3)`,
      [booking.id, stillPlanned, '2025-01-11T10:00:03Z'],
    );
    await sql(
      `INSERT INTO call_list (booking_id, reason, kind, event_id, added_at, done_at, done_by, call_reference)
               VALUES ($1, 'no_channel', 'change', $2, $3, $3, 'agent-1', 'CALL-1')`,
      [booking.id, old, '2025-01-10T11:00:00Z'],
    );

    await cron(PURGE_AT);

    const mine = [old, recent, inFlight, stillPlanned];
    const ids = async (query: string) => (await sql<{ id: string }>(query, [mine])).map((r) => r.id).sort();
    expect(await ids(`SELECT id::text FROM events WHERE id = ANY($1::uuid[])`)).toEqual([recent, inFlight].sort());
    expect(await ids(`SELECT event_id::text AS id FROM deliveries WHERE event_id = ANY($1::uuid[])`)).toEqual(
      [recent, inFlight].sort(),
    );
    expect(await sql(`SELECT 1 FROM webhook_deliveries WHERE endpoint_id = $1`, [endpoint])).toEqual([]);
    // The booking is anonymised: its stuck reminder is stopped, then goes with the settled messages.
    expect(await sql(`SELECT 1 FROM notifications WHERE booking_id = $1`, [booking.id])).toEqual([]);
    expect(await sql(`SELECT 1 FROM call_list WHERE booking_id = $1`, [booking.id])).toEqual([]);
  });
});
