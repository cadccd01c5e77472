import { describe, expect, it } from 'vitest';
import { api } from './helpers/api';
import { newDoctor, newMission, newSite, newZone } from './helpers/fixtures';
import { sql } from './helpers/sql';

const client = api({ now: new Date('2026-12-01T08:00:00Z') });

describe('mission days', () => {
  it('a doctor declares a day; it becomes slots at the right instants', async () => {
    const zone = await newZone(client);
    const site = await newSite(client, zone);
    const doctor = await newDoctor();
    const mission = await newMission(client, doctor.token, site.id, {
      date: '2026-12-15',
      start: '08:30',
      end: '16:30',
      slotMinutes: 30,
    });
    expect(mission).toMatchObject({
      date: '2026-12-15',
      dayKind: 'full',
      slotCount: 16,
      status: 'planned',
      startsAt: '2026-12-15T08:30:00+01:00',
      bookedCount: 0,
    });
    const list = await client.get('/v1/missions', doctor.token);
    expect(list.body.items.map((m: { id: string }) => m.id)).toEqual([mission.id]);
  });

  it('a third day in the same month is refused; the next month is fine', async () => {
    const site = await newSite(client, await newZone(client));
    const doctor = await newDoctor();
    await newMission(client, doctor.token, site.id, { date: '2027-01-05' });
    await newMission(client, doctor.token, site.id, { date: '2027-01-19' });
    const third = await client.post(
      '/v1/missions',
      { siteId: site.id, date: '2027-01-26', start: '09:00', end: '12:00', slotMinutes: 20 },
      doctor.token,
    );
    expect(third.status).toBe(422);
    expect(third.body.code).toBe('mission_cap_reached');
    await newMission(client, doctor.token, site.id, { date: '2027-02-02' });
    const [{ n }] = await sql<{ n: number }>(`SELECT count(*)::int AS n FROM missions WHERE doctor_rpps = $1`, [
      doctor.rpps,
    ]);
    expect(n).toBe(3);
  });

  it('the cap is also the database’s rule: a direct insert of a third day fails', async () => {
    const site = await newSite(client, await newZone(client));
    const doctor = await newDoctor();
    await newMission(client, doctor.token, site.id, { date: '2027-03-02' });
    await newMission(client, doctor.token, site.id, { date: '2027-03-09' });
    await expect(
      sql(
        `INSERT INTO missions (id, doctor_rpps, site_id, epci_siren, local_date, start_local, end_local, starts_at, ends_at, slot_minutes, day_kind, created_at)
           SELECT gen_random_uuid(), $1, id, epci_siren, '2027-03-16', '09:00', '10:00', '2027-03-16T08:00Z', '2027-03-16T09:00Z', 20, 'half', now() FROM sites WHERE id = $2`,
        [doctor.rpps, site.id],
      ),
    ).rejects.toThrow(/mission day/);
  });

  it('a cancelled day frees its place in the month', async () => {
    const site = await newSite(client, await newZone(client));
    const doctor = await newDoctor();
    const first = await newMission(client, doctor.token, site.id, { date: '2027-04-06' });
    await newMission(client, doctor.token, site.id, { date: '2027-04-13' });
    expect((await client.del(`/v1/missions/${first.id}`, doctor.token)).status).toBe(200);
    await newMission(client, doctor.token, site.id, { date: '2027-04-20' });
  });

  it('one mission per doctor per date (409), and none in the past (422)', async () => {
    const site = await newSite(client, await newZone(client));
    const doctor = await newDoctor();
    await newMission(client, doctor.token, site.id, { date: '2026-12-10' });
    const again = await client.post(
      '/v1/missions',
      { siteId: site.id, date: '2026-12-10', start: '14:00', end: '17:00', slotMinutes: 20 },
      doctor.token,
    );
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('mission_date_taken');
    const past = await client.post(
      '/v1/missions',
      { siteId: site.id, date: '2026-11-30', start: '09:00', end: '12:00', slotMinutes: 20 },
      doctor.token,
    );
    expect(past.status).toBe(422);
    expect(past.body.code).toBe('mission_in_past');
  });

  it('validates the request', async () => {
    const doctor = await newDoctor();
    const site = await newSite(client, await newZone(client));
    const bad = await client.post(
      '/v1/missions',
      { siteId: site.id, date: '2026-02-30', start: '9h', end: '25:00', slotMinutes: 5, status: 'cancelled' },
      doctor.token,
    );
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e: { field: string }) => e.field)).toEqual(
      expect.arrayContaining(['json.date', 'json.start', 'json.end', 'json.slotMinutes']),
    );
    const unknownSite = await client.post(
      '/v1/missions',
      { siteId: crypto.randomUUID(), date: '2026-12-20', start: '09:00', end: '12:00', slotMinutes: 20 },
      doctor.token,
    );
    expect(unknownSite.body.code).toBe('unknown_site');
    const reversed = await client.post(
      '/v1/missions',
      { siteId: site.id, date: '2026-12-20', start: '12:00', end: '09:00', slotMinutes: 20 },
      doctor.token,
    );
    expect(reversed.body.code).toBe('mission_too_short');
  });

  it('the last Sundays of March and October have the right slots', async () => {
    const site = await newSite(client, await newZone(client));
    const doctor = await newDoctor();
    const later = api({ now: new Date('2027-03-01T08:00:00Z') });
    const spring = await newMission(later, doctor.token, site.id, {
      date: '2027-03-28',
      start: '01:00',
      end: '05:00',
      slotMinutes: 60,
    });
    expect(spring.slotCount).toBe(3);
    const rows = await sql<{ s: string }>(
      `SELECT to_char(starts_at AT TIME ZONE 'UTC', 'HH24:MI') AS s FROM slots WHERE mission_id = $1 ORDER BY starts_at`,
      [spring.id],
    );
    // Local 01:00 (+01:00), then 03:00 and 04:00 (+02:00): three hours of elapsed time.
    expect(rows.map((r) => r.s)).toEqual(['00:00', '01:00', '02:00']);
    const autumn = await newMission(later, doctor.token, site.id, {
      date: '2027-10-31',
      start: '01:00',
      end: '05:00',
      slotMinutes: 60,
    });
    expect(autumn.slotCount).toBe(5);
  });

  it('an overseas mission is in the site’s own time zone', async () => {
    const site = await newSite(client, { insee: '97311' });
    const doctor = await newDoctor();
    const mission = await newMission(client, doctor.token, site.id, {
      date: '2026-12-15',
      start: '08:00',
      end: '14:00',
      slotMinutes: 15,
    });
    expect(mission).toMatchObject({ startsAt: '2026-12-15T08:00:00-03:00', slotCount: 24 });
    const [row] = await sql<{ s: string }>(`SELECT min(starts_at) AS s FROM slots WHERE mission_id = $1`, [mission.id]);
    expect(new Date(row.s).toISOString()).toBe('2026-12-15T11:00:00.000Z');
  });

  it('a doctor sees and cancels only their own missions', async () => {
    const site = await newSite(client, await newZone(client));
    const a = await newDoctor();
    const b = await newDoctor();
    const mission = await newMission(client, a.token, site.id, { date: '2026-12-22' });
    expect((await client.get('/v1/missions', b.token)).body.items).toEqual([]);
    expect((await client.del(`/v1/missions/${mission.id}`, b.token)).status).toBe(404);
    const cancelled = await client.del(`/v1/missions/${mission.id}`, a.token);
    expect(cancelled.body).toMatchObject({ status: 'cancelled', cancelledBookings: 0 });
    expect((await client.del(`/v1/missions/${mission.id}`, a.token)).body.code).toBe('mission_already_cancelled');
    const started = api({ now: new Date('2026-12-22T09:00:00Z') });
    const other = await newMission(client, a.token, site.id, { date: '2026-12-23' });
    expect(
      (await api({ now: new Date('2026-12-23T10:00:00Z') }).del(`/v1/missions/${other.id}`, a.token)).body.code,
    ).toBe('mission_started');
    expect(started).toBeDefined();
  });
});
