import { describe, expect, it } from 'vitest';
import { regionCode } from '../src/domain/regions';
import { api } from './helpers/api';
import { adminToken, newMission } from './helpers/fixtures';
import { at, booked, checkIn, missionDay, planning } from './helpers/mission-day';
import { sql } from './helpers/sql';
import { token } from './helpers/tokens';

async function work(missionId: string, doctorToken: string, inAt: string, outAt?: string) {
  expect((await checkIn(at(inAt), missionId, doctorToken)).status).toBe(200);
  if (outAt) expect((await at(outAt).post(`/v1/missions/${missionId}/check-out`, {}, doctorToken)).status).toBe(200);
}

/** RFC 4180: fields split on commas outside quotes, "" inside quotes is one quote, lines end CRLF. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') (field += '"'), i++;
      else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') row.push(field), (field = '');
    else if (ch === '\r' && text[i + 1] === '\n') rows.push([...row, field]), (row = []), (field = ''), i++;
    else field += ch;
  }
  expect(field, 'the last line ends with CRLF').toBe('');
  return rows;
}

describe('a doctor’s indemnities', () => {
  it('each day of the month with hours, check-in/out, amount, consultations and no-shows; paid only when checked in and out', async () => {
    const { site, doctor, mission, slotIds } = await missionDay({
      date: '2027-01-12',
      start: '08:00',
      end: '16:00',
      site: { finess: '330781196' },
    });
    const half = await newMission(planning, doctor.token, site.id, {
      date: '2027-01-26',
      start: '09:00',
      end: '12:00',
    });
    const [fulfilled, absent] = [await booked(slotIds[0]), await booked(slotIds[1])];
    await booked(slotIds[2]);
    await work(mission.id, doctor.token, '2027-01-12T06:55:00Z', '2027-01-12T15:10:00Z');
    const day = at('2027-01-12T07:30:00Z');
    await day.post(`/v1/bookings/${fulfilled}/arrival`, {}, doctor.token);
    expect(
      (await day.post(`/v1/bookings/${fulfilled}/complete`, { acts: [{ code: 'G' }], billedCents: 3000 }, doctor.token))
        .status,
    ).toBe(200);
    expect((await at('2027-01-12T07:21:00Z').post(`/v1/bookings/${absent}/no-show`, {}, doctor.token)).status).toBe(
      200,
    );
    await work(half.id, doctor.token, '2027-01-26T07:50:00Z');

    const res = await at('2027-02-02T10:00:00Z').get('/v1/doctors/me/indemnities?month=2027-01', doctor.token);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      month: '2027-01',
      days: [
        {
          missionId: mission.id,
          date: '2027-01-12',
          site: { id: site.id, name: expect.any(String), finess: '330781196' },
          epciSiren: site.epci.siren,
          dayKind: 'full',
          start: '08:00',
          end: '16:00',
          hours: 8,
          checkedInAt: '2027-01-12T07:55:00+01:00',
          checkedOutAt: '2027-01-12T16:10:00+01:00',
          amountCents: 20000,
          consultationsFulfilled: 1,
          noShows: 1,
        },
        expect.objectContaining({
          missionId: half.id,
          dayKind: 'half',
          hours: 3,
          checkedOutAt: null,
          amountCents: 0,
          consultationsFulfilled: 0,
        }),
      ],
      totalCents: 20000,
      currency: 'EUR',
    });
    const feb = await planning.get('/v1/doctors/me/indemnities?month=2027-02', doctor.token);
    expect(feb.body).toEqual({ month: '2027-02', days: [], totalCents: 0, currency: 'EUR' });
  });

  it('a half-day checked in and out earns 100 €; a missed day nothing', async () => {
    const { site, doctor, mission } = await missionDay({ date: '2027-03-09' });
    const missed = await newMission(planning, doctor.token, site.id, { date: '2027-03-23' });
    await work(mission.id, doctor.token, '2027-03-09T07:58:00Z', '2027-03-09T11:05:00Z');
    const res = await at('2027-04-01T08:00:00Z').get('/v1/doctors/me/indemnities?month=2027-03', doctor.token);
    expect(res.body.days.map((d: { missionId: string; amountCents: number }) => [d.missionId, d.amountCents])).toEqual([
      [mission.id, 10000],
      [missed.id, 0],
    ]);
    expect(res.body.totalCents).toBe(10000);
  });

  it('validates the month and the role', async () => {
    const { doctor } = await missionDay({ date: '2027-01-05' });
    for (const q of ['', '?month=2027-13', '?month=2027-1', '?month=janvier']) {
      expect((await planning.get(`/v1/doctors/me/indemnities${q}`, doctor.token)).status, q).toBe(400);
    }
    expect((await planning.get('/v1/doctors/me/indemnities?month=2027-01', await adminToken())).status).toBe(403);
    expect((await planning.get('/v1/indemnities?month=2027-01', doctor.token)).status).toBe(403);
    expect((await planning.get('/v1/indemnities?month=2027-01', await token('agent'))).status).toBe(403);
  });
});

describe('month boundaries in the site’s time zone, and the monthly payment export', () => {
  it('a day belongs to the month of its local date; the CSV parses back to the JSON lines', async () => {
    // Cayenne, 31 January 19:00–23:00 (UTC−3): it ends on 1 February in UTC, yet is January's.
    const cayenne = await missionDay({ date: '2027-01-31', start: '19:00', end: '23:00', insee: '97311' });
    await work(cayenne.mission.id, cayenne.doctor.token, '2027-01-31T21:30:00Z', '2027-02-01T02:05:00Z');
    // Paris, 1 February 00:30–04:00 (UTC+1): it starts on 31 January in UTC, yet is February's.
    const paris = await missionDay({ date: '2027-02-01', start: '00:30', end: '04:00', site: { finess: '2A0000012' } });
    await work(paris.mission.id, paris.doctor.token, '2027-01-31T23:20:00Z', '2027-02-01T03:00:00Z');

    const later = at('2027-03-01T09:00:00Z');
    const months = async (bearer: string) =>
      Promise.all(
        ['2027-01', '2027-02'].map(async (m) =>
          (await later.get(`/v1/doctors/me/indemnities?month=${m}`, bearer)).body.days.map(
            (d: { date: string }) => d.date,
          ),
        ),
      );
    expect(await months(cayenne.doctor.token)).toEqual([['2027-01-31'], []]);
    expect(await months(paris.doctor.token)).toEqual([[], ['2027-02-01']]);

    const admin = await adminToken();
    const ours = new Set([cayenne.doctor.rpps, paris.doctor.rpps]);
    const january = await later.get('/v1/indemnities?month=2027-01', admin);
    const lines = january.body.items.filter((i: { rpps: string }) => ours.has(i.rpps));
    expect(lines).toEqual([
      {
        rpps: cayenne.doctor.rpps,
        date: '2027-01-31',
        site: cayenne.site.id,
        epciSiren: cayenne.siren,
        dayKind: 'half',
        presenceHours: 4.58,
        amountCents: 10000,
        correctionReason: null,
      },
    ]);

    const csv = await later.get('/v1/indemnities?month=2027-02&format=csv', admin);
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(csv.headers.get('content-disposition')).toBe('attachment; filename="indemnites-2027-02.csv"');
    const [header, ...rows] = parseCsv(csv.body as string);
    expect(header).toEqual([
      'rpps',
      'date',
      'site',
      'epci_siren',
      'day_kind',
      'presence_hours',
      'amount_cents',
      'correction_reason',
    ]);
    expect(rows.every((r) => r.length === 8)).toBe(true);
    expect(rows.filter((r) => ours.has(r[0]))).toEqual([
      [paris.doctor.rpps, '2027-02-01', '2A0000012', paris.siren, 'half', '3.67', '10000', ''],
    ]);
    const json = await later.get('/v1/indemnities?month=2027-02', admin);
    const asRows = json.body.items.map((i: Record<string, string | number | null>) => [
      i.rpps,
      i.date,
      i.site,
      i.epciSiren,
      i.dayKind,
      String(i.presenceHours),
      String(i.amountCents),
      i.correctionReason ?? '',
    ]);
    expect(rows).toEqual(asRows);
    expect(json.body.totalCents).toBe(rows.reduce((sum, r) => sum + Number(r[6]), 0));
  });
});

describe('indemnities that match presence (issue 23 §2)', () => {
  const admin = () => adminToken();
  const monthOf = async (doctorToken: string, month: string) =>
    (await at(`${month}-28T12:00:00Z`).get(`/v1/doctors/me/indemnities?month=${month}`, doctorToken)).body
      .days as Array<{ missionId: string; amountCents: number }>;

  it('a 5-minute presence pays nothing; a full day left after 4 hours pays a half-day; a half-day never pays 200 €', async () => {
    const { site, doctor, mission } = await missionDay({ date: '2027-05-04', start: '08:00', end: '16:00' });
    const early = await newMission(planning, doctor.token, site.id, {
      date: '2027-05-11',
      start: '08:00',
      end: '16:00',
    });
    // Two mission days a month at most: the half-day is in July.
    const half = await newMission(planning, doctor.token, site.id, {
      date: '2027-07-06',
      start: '08:00',
      end: '11:00',
    });
    await work(mission.id, doctor.token, '2027-05-04T06:00:00Z', '2027-05-04T06:05:00Z');
    await work(early.id, doctor.token, '2027-05-11T06:00:00Z', '2027-05-11T10:00:00Z');
    await work(half.id, doctor.token, '2027-07-06T06:00:00Z', '2027-07-06T14:00:00Z');
    expect((await monthOf(doctor.token, '2027-05')).map((d) => [d.missionId, d.amountCents])).toEqual([
      [mission.id, 0],
      [early.id, 10000],
    ]);
    expect((await monthOf(doctor.token, '2027-07')).map((d) => [d.missionId, d.amountCents])).toEqual([
      [half.id, 10000],
    ]);
    const lines = async (month: string) =>
      (await at('2027-08-01T08:00:00Z').get(`/v1/indemnities?month=${month}`, await admin())).body.items
        .filter((i: { rpps: string }) => i.rpps === doctor.rpps)
        .map((l: { date: string; dayKind: string; presenceHours: number; amountCents: number }) => [
          l.date,
          l.dayKind,
          l.presenceHours,
          l.amountCents,
        ]);
    expect([...(await lines('2027-05')), ...(await lines('2027-07'))]).toEqual([
      ['2027-05-11', 'full', 4, 10000],
      ['2027-07-06', 'half', 8, 10000],
    ]);
  });

  it('the thresholds are settings: with INDEMNITY_FULL_DAY_HOURS=4, four hours are a full day; half above full is misconfigured', async () => {
    const { doctor, mission } = await missionDay({ date: '2027-05-05', start: '08:00', end: '16:00' });
    await work(mission.id, doctor.token, '2027-05-05T06:00:00Z', '2027-05-05T10:00:00Z');
    const shorter = api({
      now: new Date('2027-05-28T12:00:00Z'),
      env: { INDEMNITY_FULL_DAY_HOURS: '4', INDEMNITY_HALF_DAY_HOURS: '2' },
    });
    expect((await shorter.get('/v1/doctors/me/indemnities?month=2027-05', doctor.token)).body.totalCents).toBe(20000);
    const wrong = api({ env: { INDEMNITY_FULL_DAY_HOURS: '3', INDEMNITY_HALF_DAY_HOURS: '4' } });
    const refused = await wrong.get('/v1/doctors/me/indemnities?month=2027-05', doctor.token);
    expect(refused.status).toBe(503);
    expect(refused.body.code).toBe('misconfigured');
  });

  it('an ARS correction of a forgotten check-out pays the day, shows its reason in the export, and is audited', async () => {
    const { doctor, mission, site } = await missionDay({ date: '2027-06-08', start: '08:00', end: '16:00' });
    await work(mission.id, doctor.token, '2027-06-08T05:55:00Z');
    expect((await monthOf(doctor.token, '2027-06'))[0].amountCents).toBe(0);
    const reason = 'Départ à 16 h confirmé par la maison de santé ; pointage de sortie oublié.';
    const ars = await token('admin', { sub: 'ars-correcteur' });
    const correction = { checkedInAt: '2027-06-08T07:55:00+02:00', checkedOutAt: '2027-06-08T16:00:00+02:00', reason };
    const res = await at('2027-06-10T09:00:00Z').post(
      `/v1/missions/${mission.id}/attendance-corrections`,
      correction,
      ars,
    );
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toEqual({
      missionId: mission.id,
      checkedInAt: '2027-06-08T07:55:00+02:00',
      checkedOutAt: '2027-06-08T16:00:00+02:00',
      previous: { checkedInAt: '2027-06-08T07:55:00+02:00', checkedOutAt: null },
      reason,
      correctedAt: '2027-06-10T09:00:00.000Z',
      correctedBy: 'ars-correcteur',
    });
    expect((await monthOf(doctor.token, '2027-06'))[0].amountCents).toBe(20000);
    const later = at('2027-07-01T08:00:00Z');
    const line = (await later.get('/v1/indemnities?month=2027-06', ars)).body.items.find(
      (i: { rpps: string }) => i.rpps === doctor.rpps,
    );
    expect(line).toEqual({
      rpps: doctor.rpps,
      date: '2027-06-08',
      site: site.id,
      epciSiren: site.epci.siren,
      dayKind: 'full',
      presenceHours: 8.08,
      amountCents: 20000,
      correctionReason: reason,
    });
    const csv = parseCsv((await later.get('/v1/indemnities?month=2027-06&format=csv', ars)).body as string);
    expect(csv.find((r) => r[0] === doctor.rpps)).toEqual([
      doctor.rpps,
      '2027-06-08',
      site.id,
      site.epci.siren,
      'full',
      '8.08',
      '20000',
      reason,
    ]);
    const audit = await later.get(`/v1/audit?missionId=${mission.id}`, ars);
    expect(audit.body.items).toEqual([
      expect.objectContaining({
        actorRole: 'admin',
        actorSub: 'ars-correcteur',
        missionId: mission.id,
        bookingId: null,
        action: 'mission.attendance.correct',
        outcome: '200',
      }),
    ]);
  });

  it('refuses without a reason, with times off the day or backwards, for another region or role; nothing changes', async () => {
    const { doctor, mission } = await missionDay({ date: '2027-06-09', start: '08:00', end: '12:00' });
    await work(mission.id, doctor.token, '2027-06-09T05:55:00Z', '2027-06-09T06:00:00Z');
    const clock = at('2027-06-10T09:00:00Z');
    const post = (body: Record<string, unknown>, bearer: string) =>
      clock.post(`/v1/missions/${mission.id}/attendance-corrections`, body, bearer);
    const ok = {
      checkedInAt: '2027-06-09T07:55:00+02:00',
      checkedOutAt: '2027-06-09T12:00:00+02:00',
      reason: 'Pointage de sortie fait trop tôt par erreur.',
    };
    const ars = await admin();
    expect((await post({ ...ok, reason: undefined }, ars)).status).toBe(400);
    expect((await post({ ...ok, reason: '   court   ' }, ars)).status).toBe(400);
    expect((await post({ ...ok, checkedOutAt: '2027-06-09T07:00:00+02:00' }, ars)).body.code).toBe(
      'invalid_attendance',
    );
    expect((await post({ ...ok, checkedOutAt: '2027-06-10T00:30:00+02:00' }, ars)).body.code).toBe(
      'invalid_attendance',
    );
    const tooSoon = await at('2027-06-09T09:00:00Z').post(`/v1/missions/${mission.id}/attendance-corrections`, ok, ars);
    expect(tooSoon.body.code).toBe('invalid_attendance');
    const [{ region }] = await sql<{ region: string }>(
      `SELECT c.region FROM missions m JOIN sites s ON s.id = m.site_id JOIN communes c ON c.insee = s.commune_insee WHERE m.id = $1`,
      [mission.id],
    );
    const code = regionCode(region)!;
    const elsewhere = await token('admin', { sub: 'ars-ailleurs', regions: [code === '11' ? '75' : '11'] });
    expect((await post(ok, elsewhere)).status).toBe(404);
    expect((await post(ok, doctor.token)).status).toBe(403);
    expect((await post(ok, await token('agent'))).status).toBe(403);
    expect(await sql(`SELECT 1 FROM attendance_corrections WHERE mission_id = $1`, [mission.id])).toEqual([]);
    expect((await monthOf(doctor.token, '2027-06'))[0].amountCents).toBe(0);
    const own = await token('admin', { sub: 'ars-region', regions: [code] });
    expect((await post(ok, own)).status).toBe(200);
    expect((await monthOf(doctor.token, '2027-06'))[0].amountCents).toBe(10000);
    await expect(
      sql(`UPDATE attendance_corrections SET reason = 'effacé, effacé' WHERE mission_id = $1`, [mission.id]),
    ).rejects.toThrow(/append-only/);
  });
});
