import { describe, expect, it } from 'vitest';
import { newDoctor, newMission } from './helpers/fixtures';
import { at, booked, checkIn, missionDay, planning } from './helpers/mission-day';
import { sql } from './helpers/sql';
import { token } from './helpers/tokens';

/** A point `meters` due north of a site (1° of latitude ≈ 111,195 m). */
const north = (site: { latitude: number; longitude: number }, meters: number) => ({
  latitude: site.latitude + meters / 111_195,
  longitude: site.longitude,
});

describe('check-in window, in the site’s time zone', () => {
  it('Europe/Paris: opens 60 minutes before the start, closes at the end, both edges included', async () => {
    const { mission, doctor } = await missionDay({ date: '2026-12-15' });
    const dayBefore = await checkIn(at('2026-12-14T07:30:00Z'), mission.id, doctor.token);
    expect(dayBefore.status).toBe(422);
    const early = await checkIn(at('2026-12-15T06:59:59.999Z'), mission.id, doctor.token);
    expect(early.status).toBe(422);
    expect(early.headers.get('content-type')).toContain('application/problem+json');
    expect(early.body).toMatchObject({
      code: 'check_in_window',
      window: { opensAt: '2026-12-15T08:00:00+01:00', closesAt: '2026-12-15T12:00:00+01:00' },
    });
    const onTime = await checkIn(at('2026-12-15T07:00:00Z'), mission.id, doctor.token);
    expect(onTime.status).toBe(200);
    expect(onTime.body).toMatchObject({
      id: mission.id,
      checkedInAt: '2026-12-15T08:00:00+01:00',
      checkedOutAt: null,
      status: 'planned',
    });

    const late = await missionDay({ date: '2026-12-15' });
    expect((await checkIn(at('2026-12-15T11:00:00.001Z'), late.mission.id, late.doctor.token)).body.code).toBe(
      'check_in_window',
    );
    expect((await checkIn(at('2026-12-15T11:00:00Z'), late.mission.id, late.doctor.token)).body.checkedInAt).toBe(
      '2026-12-15T12:00:00+01:00',
    );
  });

  it('on the DST change day (2027-03-28, Europe/Paris) the window spans the change', async () => {
    const first = await missionDay({ date: '2027-03-28', start: '01:00', end: '05:00', slotMinutes: 60 });
    const early = await checkIn(at('2027-03-27T22:59:59Z'), first.mission.id, first.doctor.token);
    expect(early.body).toMatchObject({
      code: 'check_in_window',
      window: { opensAt: '2027-03-28T00:00:00+01:00', closesAt: '2027-03-28T05:00:00+02:00' },
    });
    expect((await checkIn(at('2027-03-27T23:00:00Z'), first.mission.id, first.doctor.token)).body.checkedInAt).toBe(
      '2027-03-28T00:00:00+01:00',
    );

    const second = await missionDay({ date: '2027-03-28', start: '01:00', end: '05:00', slotMinutes: 60 });
    expect((await checkIn(at('2027-03-28T03:00:00.001Z'), second.mission.id, second.doctor.token)).status).toBe(422);
    expect((await checkIn(at('2027-03-28T03:00:00Z'), second.mission.id, second.doctor.token)).body.checkedInAt).toBe(
      '2027-03-28T05:00:00+02:00',
    );
  });

  it('America/Cayenne keeps UTC−3 on Paris’s DST day: 08:00 in Paris is far too early there', async () => {
    const { mission, doctor } = await missionDay({ date: '2027-03-28', start: '08:00', end: '12:00', insee: '97311' });
    const early = await checkIn(at('2027-03-28T06:00:00Z'), mission.id, doctor.token);
    expect(early.body).toMatchObject({
      code: 'check_in_window',
      window: { opensAt: '2027-03-28T07:00:00-03:00', closesAt: '2027-03-28T12:00:00-03:00' },
    });
    expect((await checkIn(at('2027-03-28T09:59:00Z'), mission.id, doctor.token)).status).toBe(422);
    expect((await checkIn(at('2027-03-28T10:00:00Z'), mission.id, doctor.token)).body.checkedInAt).toBe(
      '2027-03-28T07:00:00-03:00',
    );
  });
});

describe('check-in rules', () => {
  it('only the mission’s own doctor: another doctor gets 404, other roles 403', async () => {
    const { mission } = await missionDay({ date: '2026-12-15' });
    const during = at('2026-12-15T08:00:00Z');
    expect((await checkIn(during, mission.id, (await newDoctor()).token)).status).toBe(404);
    expect((await checkIn(during, crypto.randomUUID(), (await newDoctor()).token)).status).toBe(404);
    for (const role of ['patient', 'agent', 'admin'] as const)
      expect((await checkIn(during, mission.id, await token(role))).status).toBe(403);
    expect((await during.post(`/v1/missions/${mission.id}/check-in`, {})).status).toBe(401);
  });

  it('is idempotent: a second check-in returns the first, even after the window', async () => {
    const { mission, doctor } = await missionDay({ date: '2026-12-15' });
    const first = await checkIn(at('2026-12-15T07:10:00Z'), mission.id, doctor.token);
    const again = await checkIn(at('2026-12-15T07:50:00Z'), mission.id, doctor.token);
    const afterEnd = await checkIn(at('2026-12-15T15:00:00Z'), mission.id, doctor.token);
    expect([first.status, again.status, afterEnd.status]).toEqual([200, 200, 200]);
    expect(again.body).toEqual(first.body);
    expect(afterEnd.body.checkedInAt).toBe('2026-12-15T08:10:00+01:00');
    const [row] = await sql<{ t: string }>(`SELECT checked_in_at AS t FROM missions WHERE id = $1`, [mission.id]);
    expect(new Date(row.t).toISOString()).toBe('2026-12-15T07:10:00.000Z');
  });

  it('geofence: refused beyond 1 km of a site with coordinates; no point or no coordinates, no check', async () => {
    const place = { latitude: 44.35, longitude: 1.2 };
    const { mission, doctor } = await missionDay({ date: '2026-12-15', site: place });
    const during = at('2026-12-15T07:30:00Z');
    const far = await checkIn(during, mission.id, doctor.token, north(place, 1001));
    expect(far.status).toBe(422);
    expect(far.body).toMatchObject({ code: 'check_in_too_far', distanceMeters: 1001, maxMeters: 1000 });
    expect((await checkIn(during, mission.id, doctor.token, north(place, 999))).status).toBe(200);
    const [row] = await sql<{ lat: number }>(`SELECT check_in_latitude AS lat FROM missions WHERE id = $1`, [
      mission.id,
    ]);
    expect(row.lat).toBeCloseTo(north(place, 999).latitude, 9);

    const anywhere = await missionDay({ date: '2026-12-15' });
    expect((await checkIn(during, anywhere.mission.id, anywhere.doctor.token, north(place, 50_000))).status).toBe(200);
    const noPoint = await missionDay({ date: '2026-12-15', site: place });
    expect(
      (await during.post(`/v1/missions/${noPoint.mission.id}/check-in`, undefined, noPoint.doctor.token)).status,
    ).toBe(200);
    expect(
      (await during.post(`/v1/missions/${noPoint.mission.id}/check-in`, { latitude: 44 }, noPoint.doctor.token)).status,
    ).toBe(400);
  });

  it('a cancelled mission cannot be checked in to; a checked-in one cannot be cancelled', async () => {
    const cancelled = await missionDay({ date: '2026-12-15' });
    await planning.del(`/v1/missions/${cancelled.mission.id}`, cancelled.doctor.token);
    expect((await checkIn(at('2026-12-15T07:30:00Z'), cancelled.mission.id, cancelled.doctor.token)).body.code).toBe(
      'mission_cancelled',
    );
    const started = await missionDay({ date: '2026-12-15' });
    await checkIn(at('2026-12-15T07:30:00Z'), started.mission.id, started.doctor.token);
    expect(
      (await at('2026-12-15T07:40:00Z').del(`/v1/missions/${started.mission.id}`, started.doctor.token)).body.code,
    ).toBe('mission_checked_in');
  });
});

describe('check-out', () => {
  it('needs a check-in and the mission’s start, records the end once, and is the doctor’s own', async () => {
    const { mission, doctor } = await missionDay({ date: '2026-12-15' });
    const tooSoon = await at('2026-12-15T07:30:00Z').post(`/v1/missions/${mission.id}/check-out`, {}, doctor.token);
    expect(tooSoon.status).toBe(409);
    expect(tooSoon.body.code).toBe('not_checked_in');
    await checkIn(at('2026-12-15T07:45:00Z'), mission.id, doctor.token);
    // Before the 9 h start the check-out would declare minutes: refused, nothing recorded.
    const beforeStart = await at('2026-12-15T07:59:00Z').post(`/v1/missions/${mission.id}/check-out`, {}, doctor.token);
    expect(beforeStart.status).toBe(409);
    expect(beforeStart.body).toMatchObject({ code: 'check_out_too_early', startsAt: '2026-12-15T09:00:00+01:00' });
    expect(
      (await at('2026-12-15T11:30:00Z').post(`/v1/missions/${mission.id}/check-out`, {}, (await newDoctor()).token))
        .status,
    ).toBe(404);
    const out = await at('2026-12-15T11:30:00Z').post(`/v1/missions/${mission.id}/check-out`, {}, doctor.token);
    expect(out.status).toBe(200);
    expect(out.body).toMatchObject({
      checkedInAt: '2026-12-15T08:45:00+01:00',
      checkedOutAt: '2026-12-15T12:30:00+01:00',
    });
    const again = await at('2026-12-15T12:00:00Z').post(`/v1/missions/${mission.id}/check-out`, {}, doctor.token);
    expect(again.body.checkedOutAt).toBe('2026-12-15T12:30:00+01:00');
  });
});

describe('missed missions', () => {
  it('a day never checked in is missed once over; agents see its still-booked patients to call, audited', async () => {
    const { siren, site, mission, doctor, slotIds } = await missionDay({ date: '2026-12-16' });
    const stillBooked = await booked(slotIds[0], { phone: '0611223344' });
    const cancelled = await booked(slotIds[1]);
    await planning.post(`/v1/bookings/${cancelled}/cancel`, {}, await token('admin'));
    const other = await newDoctor();
    const held = await newMission(planning, other.token, site.id, { date: '2026-12-16' });
    await checkIn(at('2026-12-16T07:55:00Z'), held.id, other.token);
    const agent = await token('agent', { sub: 'agent-missed' });

    const during = await at('2026-12-16T10:59:59Z').get(`/v1/missions?status=missed&epci=${siren}`, agent, {
      'x-call-reference': 'CALL-1',
    });
    expect(during.body.items).toEqual([]);
    const after = at('2026-12-16T11:00:00Z');
    const missed = await after.get(`/v1/missions?status=missed&epci=${siren}`, agent, { 'x-call-reference': 'CALL-1' });
    expect(missed.status).toBe(200);
    expect(missed.body.items).toHaveLength(1);
    expect(missed.body.items[0]).toMatchObject({ id: mission.id, status: 'missed', checkedInAt: null });
    expect(missed.body.items[0].toCall).toEqual([
      { bookingId: stillBooked, startsAt: '2026-12-16T09:00:00+01:00', patientPhone: '+33611223344' },
    ]);

    const all = await after.get(`/v1/missions?epci=${siren}`, await token('admin'));
    expect(Object.fromEntries(all.body.items.map((m: { id: string; status: string }) => [m.id, m.status]))).toEqual({
      [mission.id]: 'missed',
      [held.id]: 'planned',
    });
    expect((await after.get('/v1/missions', doctor.token)).body.items[0]).toMatchObject({
      status: 'missed',
      toCall: [{ bookingId: stillBooked }],
    });

    const noZone = await after.get('/v1/missions?status=missed', agent, { 'x-call-reference': 'CALL-1' });
    expect(noZone.status).toBe(400);
    expect(noZone.body.errors).toEqual([{ field: 'query.epci', message: expect.any(String) }]);
    expect((await after.get(`/v1/missions?status=missed&epci=${siren}`, await token('patient'))).status).toBe(403);

    const audit = await after.get(`/v1/audit?bookingId=${stillBooked}`, await token('admin'));
    // Admins' reads are audited like agents' (the listing of every mission above).
    expect(
      audit.body.items.map((e: { action: string; actorRole: string; actorSub: string }) => [
        e.action,
        e.actorRole,
        e.actorSub,
      ]),
    ).toEqual([
      ['booking.call_list', 'agent', 'agent-missed'],
      ['booking.call_list', 'admin', expect.any(String)],
    ]);
  });
});
