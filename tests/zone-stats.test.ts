import { describe, expect, it } from 'vitest';
import { adminToken, book, newDoctor, newMission } from './helpers/fixtures';
import { at, booked, checkIn, missionDay, planning } from './helpers/mission-day';
import { token } from './helpers/tokens';

/** One zone in May 2027: a day held, one missed, one to come, one cancelled; one in June. */
async function mayInAZone() {
  const held = await missionDay({ date: '2027-05-04' });
  const { site, slotIds } = held;
  const declare = async (date: string) => {
    const doctor = await newDoctor();
    return { doctor, mission: await newMission(planning, doctor.token, site.id, { date }) };
  };
  await declare('2027-05-11'); // never checked in: missed
  await declare('2027-05-25'); // still to come
  const cancelled = await declare('2027-05-18');
  await planning.del(`/v1/missions/${cancelled.mission.id}`, cancelled.doctor.token);
  await newMission(planning, held.doctor.token, site.id, { date: '2027-06-01' });

  const bookingOf = async (bearer: string, slotId: string, extra: Record<string, unknown> = {}) =>
    (await book(planning, bearer, { slotId, ...extra })).body.id as string;
  const web = await booked(slotIds[0]);
  const app = await bookingOf(await token('patient', { client_id: 'mpdcv-app' }), slotIds[1]);
  const partner = await bookingOf(await token('integrator', { client_id: 'partner-stats' }), slotIds[2]);
  await bookingOf(await token('agent'), slotIds[3], { callReference: 'CALL-STATS' });
  const dropped = await booked(slotIds[4]);
  await planning.post(`/v1/bookings/${dropped}/cancel`, {}, await adminToken());

  const day = at('2027-05-04T08:30:00Z');
  const doctor = held.doctor.token;
  await checkIn(day, held.mission.id, doctor);
  for (const id of [web, partner]) await day.post(`/v1/bookings/${id}/arrival`, {}, doctor);
  await day.post(`/v1/bookings/${web}/complete`, { acts: [{ code: 'G' }], billedCents: 3000 }, doctor);
  await day.post(`/v1/bookings/${app}/no-show`, {}, doctor);
  return held.siren;
}

describe('GET /v1/zones/{siren}/stats', () => {
  it('counts mission days, slots, outcomes and channels in one query', async () => {
    const siren = await mayInAZone();
    const res = await at('2027-05-20T10:00:00Z').get(
      `/v1/zones/${siren}/stats?from=2027-05-01&to=2027-05-31`,
      await adminToken(),
    );
    expect(res.status).toBe(200);
    expect(res.headers.get('x-db-queries')).toBe('1');
    const quarter = { count: 1, share: 0.25 };
    expect(res.body).toEqual({
      siren,
      from: '2027-05-01',
      to: '2027-05-31',
      missionDays: { planned: 3, held: 1, missed: 1 },
      slots: { offered: 27, booked: 4, fulfilled: 1, noShows: 1 },
      noShowRate: 0.3333,
      bookedByChannel: { web: quarter, app: quarter, partner: quarter, phone: quarter },
      // None came through a deep link (tests/fhir-referral.test.ts counts those).
      referrals: [],
      waitlist: { waiting: 0, offersAccepted: 0, offersExpired: 0 },
    });

    // Default: the current month in Paris — already June there at 22:30 UTC on 31 May.
    const june = await at('2027-05-31T22:30:00Z').get(`/v1/zones/${siren}/stats`, await adminToken());
    expect(june.body).toMatchObject({
      from: '2027-06-01',
      to: '2027-06-30',
      missionDays: { planned: 1, held: 0, missed: 0 },
      slots: { offered: 9, booked: 0 },
      noShowRate: null,
    });
    expect(june.body.bookedByChannel.web).toEqual({ count: 0, share: null });
  });

  it('is for admins, knows its EPCI, and bounds the range', async () => {
    const siren = (await missionDay({ date: '2027-05-04' })).siren;
    const admin = await adminToken();
    for (const bearer of [await token('agent'), await token('patient'), (await newDoctor()).token]) {
      expect((await planning.get(`/v1/zones/${siren}/stats`, bearer)).status).toBe(403);
    }
    expect((await planning.get('/v1/zones/000000000/stats', admin)).status).toBe(404);
    expect((await planning.get(`/v1/zones/${siren}/stats?from=2027-05-10&to=2027-05-09`, admin)).body.code).toBe(
      'invalid_range',
    );
    expect((await planning.get(`/v1/zones/${siren}/stats?from=2027-01-01&to=2028-01-01`, admin)).status).toBe(200);
    expect((await planning.get(`/v1/zones/${siren}/stats?from=2027-01-01&to=2028-01-02`, admin)).body.code).toBe(
      'range_too_long',
    );
    expect((await planning.get(`/v1/zones/${siren}/stats?from=2027-02-30`, admin)).status).toBe(400);
  });
});
