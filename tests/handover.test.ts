// A replacement doctor instead of cancelled patients (issue 23 §3): a day offered, taken over by
// another volunteer with its bookings untouched, the patients told, the integrators' webhooks, the
// indemnity to the doctor who came, and every refusal through HTTP and in the database.
import { Webhook } from 'standardwebhooks';
import { describe, expect, it } from 'vitest';
import { regionCode } from '../src/domain/regions';
import { book, newDoctor, newMission } from './helpers/fixtures';
import { at, booked, checkIn, missionDay, planning } from './helpers/mission-day';
import { waitForNotifications } from './helpers/sink';
import { letters } from './helpers/names';
import { sql } from './helpers/sql';
import { token } from './helpers/tokens';
import { integratorWithEndpoint, receivedAtLeast, waitFor, type Received } from './helpers/webhooks';

/** The payload, once its Standard Webhooks signature checks out. */
const verify = (secret: string, r: Received) => new Webhook(secret).verify(r.body, r.headers);

const offer = (missionId: string, bearer: string) => planning.post(`/v1/missions/${missionId}/handover`, {}, bearer);
const takeOver = (missionId: string, bearer: string) => planning.post(`/v1/missions/${missionId}/takeover`, {}, bearer);

async function regionOf(missionId: string) {
  const [{ region }] = await sql<{ region: string }>(
    `SELECT c.region FROM missions m JOIN sites s ON s.id = m.site_id JOIN communes c ON c.insee = s.commune_insee WHERE m.id = $1`,
    [missionId],
  );
  return regionCode(region)!;
}

describe('handing a mission day over to another volunteer', () => {
  it('keeps every booking, slot and hold, tells the patients and the integrators, and pays only the doctor who came', async () => {
    const d = await missionDay({ date: '2027-05-18', start: '08:00', end: '14:00' });
    const partner = await integratorWithEndpoint(planning, ['mission.reassigned']);
    const ofPartner = (await book(planning, partner.bearer, { slotId: d.slotIds[0] })).body.id as string;
    const ofPatient = await booked(d.slotIds[1], {
      firstName: 'Odette',
      lastName: `Relais-${letters()}`,
      phone: '0612345678',
    });
    const held = await planning.post('/v1/holds', { slotId: d.slotIds[2] }, await token('patient'));
    expect(held.status).toBe(201);
    const before = await sql(`SELECT id, slot_id, status, starts_at FROM bookings WHERE mission_id = $1 ORDER BY id`, [
      d.mission.id,
    ]);
    const slotsBefore = await sql(`SELECT id, status, hold_id FROM slots WHERE mission_id = $1 ORDER BY id`, [
      d.mission.id,
    ]);

    const offered = await offer(d.mission.id, d.doctor.token);
    expect(offered.status).toBe(200);
    expect(offered.body.offeredAt).toBe('2026-12-01T09:00:00+01:00');
    const replacement = await newDoctor();
    const board = await planning.get('/v1/missions/offered', replacement.token);
    expect(board.body.items.map((m: { id: string }) => m.id)).toContain(d.mission.id);

    const taken = await at('2026-12-02T10:00:00Z').post(`/v1/missions/${d.mission.id}/takeover`, {}, replacement.token);
    expect(taken.status, JSON.stringify(taken.body)).toBe(200);
    // The standing bookings changed doctor: a sync on updatedSince sees them.
    const synced = await planning.get('/v1/bookings?updatedSince=2026-12-02T10:00:00Z', partner.bearer);
    expect(synced.body.items.map((b: { id: string; updatedAt: string }) => [b.id, b.updatedAt])).toEqual([
      [ofPartner, '2026-12-02T10:00:00.000Z'],
    ]);
    expect(taken.body).toMatchObject({ id: d.mission.id, status: 'planned', offeredAt: null, bookedCount: 2 });
    expect(
      await sql(`SELECT id, slot_id, status, starts_at FROM bookings WHERE mission_id = $1 ORDER BY id`, [
        d.mission.id,
      ]),
    ).toEqual(before);
    expect(
      await sql(`SELECT id, status, hold_id FROM slots WHERE mission_id = $1 ORDER BY id`, [d.mission.id]),
    ).toEqual(slotsBefore);
    expect((await planning.get('/v1/missions', replacement.token)).body.items.map((m: { id: string }) => m.id)).toEqual(
      [d.mission.id],
    );
    expect((await planning.get('/v1/missions', d.doctor.token)).body.items).toEqual([]);
    const [kept] = await sql(`SELECT from_rpps, to_rpps, offered_by FROM mission_handovers WHERE mission_id = $1`, [
      d.mission.id,
    ]);
    expect(kept).toEqual({ from_rpps: d.doctor.rpps, to_rpps: replacement.rpps, offered_by: d.doctor.rpps });
    expect(
      (await planning.get('/v1/missions/offered', replacement.token)).body.items.map((m: { id: string }) => m.id),
    ).not.toContain(d.mission.id);

    // The patient is told, by SMS, that the day stands with another doctor.
    const rows = await waitForNotifications(ofPatient, (r) =>
      r.some((n) => n.kind === 'doctor_change' && n.status === 'sent'),
    );
    expect(rows.filter((n) => n.kind === 'doctor_change').map((n) => n.channel)).toEqual(['sms']);
    // The integrator hears of it, with its booking listed and no personal data.
    const [hook] = await receivedAtLeast(partner.path, 1);
    expect(verify(partner.endpoint.secret, hook)).toEqual({
      id: hook.headers['webhook-id'],
      type: 'mission.reassigned',
      timestamp: '2026-12-02T10:00:00.000Z',
      data: { missionId: d.mission.id, start: '2027-05-18T06:00:00.000Z', zone: d.siren, bookingIds: [ofPartner] },
    });

    // The day is worked by the replacement: the first doctor can no longer check in, and is not paid.
    expect((await checkIn(at('2027-05-18T05:50:00Z'), d.mission.id, d.doctor.token)).status).toBe(404);
    expect((await checkIn(at('2027-05-18T05:55:00Z'), d.mission.id, replacement.token)).status).toBe(200);
    expect(
      (await at('2027-05-18T12:05:00Z').post(`/v1/missions/${d.mission.id}/check-out`, {}, replacement.token)).status,
    ).toBe(200);
    const paid = await at('2027-06-02T10:00:00Z').get('/v1/doctors/me/indemnities?month=2027-05', replacement.token);
    expect(paid.body).toMatchObject({
      totalCents: 20000,
      days: [expect.objectContaining({ missionId: d.mission.id, amountCents: 20000 })],
    });
    const unpaid = await at('2027-06-02T10:00:00Z').get('/v1/doctors/me/indemnities?month=2027-05', d.doctor.token);
    expect(unpaid.body).toMatchObject({ totalCents: 0, days: [] });
  });

  it('refuses what the rules forbid, with a declaration’s codes, and changes nothing', async () => {
    const d = await missionDay({ date: '2027-06-08' });
    const other = await newDoctor();
    expect((await takeOver(d.mission.id, other.token)).body.code).toBe('mission_not_offered');
    expect((await offer(d.mission.id, other.token)).status).toBe(404);
    expect((await offer(d.mission.id, d.doctor.token)).status).toBe(200);
    expect((await takeOver(d.mission.id, d.doctor.token)).body.code).toBe('handover_to_self');

    // A doctor at their cap, or with a day on that date, is refused by the database's rules.
    const busy = await newDoctor();
    await newMission(planning, busy.token, d.site.id, { date: '2027-06-01' });
    await newMission(planning, busy.token, d.site.id, { date: '2027-06-22' });
    const capped = await takeOver(d.mission.id, busy.token);
    expect([capped.status, capped.body.code]).toEqual([422, 'mission_cap_reached']);
    const sameDay = await newDoctor();
    await newMission(planning, sameDay.token, d.site.id, { date: '2027-06-08', start: '14:00', end: '17:00' });
    const taken = await takeOver(d.mission.id, sameDay.token);
    expect([taken.status, taken.body.code]).toEqual([409, 'mission_date_taken']);
    const [row] = await sql<{ doctor_rpps: string; offered_at: Date | null }>(
      `SELECT doctor_rpps, offered_at FROM missions WHERE id = $1`,
      [d.mission.id],
    );
    expect(row.doctor_rpps).toBe(d.doctor.rpps);
    expect(row.offered_at).not.toBeNull();

    // Withdrawn: nobody may take it; started: nobody may offer it.
    expect((await planning.del(`/v1/missions/${d.mission.id}/handover`, d.doctor.token)).body.offeredAt).toBeNull();
    expect((await takeOver(d.mission.id, other.token)).body.code).toBe('mission_not_offered');
    expect(
      (await at('2027-06-08T08:30:00Z').post(`/v1/missions/${d.mission.id}/handover`, {}, d.doctor.token)).body.code,
    ).toBe('mission_started');
    expect((await planning.post(`/v1/missions/${crypto.randomUUID()}/takeover`, {}, other.token)).status).toBe(404);
  });

  it('a checked-in day cannot change hands: the operation and the database both refuse it', async () => {
    const d = await missionDay({ date: '2027-06-15' });
    expect((await offer(d.mission.id, d.doctor.token)).status).toBe(200);
    expect((await checkIn(at('2027-06-15T07:30:00Z'), d.mission.id, d.doctor.token)).status).toBe(200);
    const late = await at('2027-06-15T07:40:00Z').post(
      `/v1/missions/${d.mission.id}/takeover`,
      {},
      (await newDoctor()).token,
    );
    expect([late.status, late.body.code]).toEqual([409, 'handover_after_check_in']);
    await expect(sql(`UPDATE missions SET doctor_rpps = '19999999999' WHERE id = $1`, [d.mission.id])).rejects.toThrow(
      /can no longer be handed over/,
    );
    await expect(sql(`DELETE FROM mission_handovers`)).rejects.toThrow(/append-only/);
  });

  it('two doctors taking the same day at once: one gets it, the other is told it is gone', async () => {
    const d = await missionDay({ date: '2027-06-29' });
    await offer(d.mission.id, d.doctor.token);
    const [a, b] = [await newDoctor(), await newDoctor()];
    const answers = await Promise.all([takeOver(d.mission.id, a.token), takeOver(d.mission.id, b.token)]);
    expect(answers.map((r) => r.status).sort()).toEqual([200, 409]);
    expect(answers.find((r) => r.status === 409)!.body.code).toBe('mission_not_offered');
    expect(await sql(`SELECT count(*)::int AS n FROM mission_handovers WHERE mission_id = $1`, [d.mission.id])).toEqual(
      [{ n: 1 }],
    );
  });

  it('ARS staff offer the days of their region only; agents and patients cannot', async () => {
    const d = await missionDay({ date: '2027-07-06' });
    const region = await regionOf(d.mission.id);
    const elsewhere = region === '75' ? '84' : '75';
    expect((await offer(d.mission.id, await token('admin', { sub: 'ars-away', regions: [elsewhere] }))).status).toBe(
      404,
    );
    expect((await offer(d.mission.id, await token('agent'))).status).toBe(403);
    const ars = await token('admin', { sub: 'ars-here', regions: [region] });
    const offered = await offer(d.mission.id, ars);
    expect(offered.status).toBe(200);
    expect((await planning.get('/v1/missions/offered', ars)).body.items.map((m: { id: string }) => m.id)).toContain(
      d.mission.id,
    );
    const [{ offered_by }] = await sql<{ offered_by: string }>(`SELECT offered_by FROM missions WHERE id = $1`, [
      d.mission.id,
    ]);
    expect(offered_by).toBe('ars-here');
    // A patient's notice of the change goes on the call list when no message can reach them.
    const landline = await booked(d.slotIds[0], {
      lastName: `Fixe-${letters()}`,
      phone: '0145678901',
      email: undefined,
    });
    expect((await takeOver(d.mission.id, (await newDoctor()).token)).status).toBe(200);
    const calls = await waitFor(async () => {
      const rows = await sql(`SELECT kind, reason FROM call_list WHERE booking_id = $1 AND kind = 'doctor_change'`, [
        landline,
      ]);
      return rows.length > 0 && rows;
    }, 'the landline patient on the call list');
    expect(calls).toEqual([{ kind: 'doctor_change', reason: 'no_channel' }]);
  });
});
