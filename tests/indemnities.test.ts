import { describe, expect, it } from 'vitest';
import { adminToken, newMission } from './helpers/fixtures';
import { at, booked, checkIn, missionDay, planning } from './helpers/mission-day';
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
    const { site, doctor, mission, slotIds } = await missionDay({ date: '2027-01-12', start: '08:00', end: '16:00', site: { finess: '330781196' } });
    const half = await newMission(planning, doctor.token, site.id, { date: '2027-01-26', start: '09:00', end: '12:00' });
    const [fulfilled, absent] = [await booked(slotIds[0]), await booked(slotIds[1])];
    await booked(slotIds[2]);
    await work(mission.id, doctor.token, '2027-01-12T06:55:00Z', '2027-01-12T15:10:00Z');
    const day = at('2027-01-12T07:30:00Z');
    await day.post(`/v1/bookings/${fulfilled}/arrival`, {}, doctor.token);
    expect((await day.post(`/v1/bookings/${fulfilled}/complete`, { acts: [{ code: 'G' }], billedCents: 3000 }, doctor.token)).status).toBe(200);
    expect((await at('2027-01-12T07:21:00Z').post(`/v1/bookings/${absent}/no-show`, {}, doctor.token)).status).toBe(200);
    await work(half.id, doctor.token, '2027-01-26T07:50:00Z');

    const res = await at('2027-02-02T10:00:00Z').get('/v1/doctors/me/indemnities?month=2027-01', doctor.token);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      month: '2027-01',
      days: [
        {
          missionId: mission.id, date: '2027-01-12', site: { id: site.id, name: expect.any(String), finess: '330781196' }, epciSiren: site.epci.siren,
          dayKind: 'full', start: '08:00', end: '16:00', hours: 8, checkedInAt: '2027-01-12T07:55:00+01:00', checkedOutAt: '2027-01-12T16:10:00+01:00',
          amountCents: 20000, consultationsFulfilled: 1, noShows: 1,
        },
        expect.objectContaining({ missionId: half.id, dayKind: 'half', hours: 3, checkedOutAt: null, amountCents: 0, consultationsFulfilled: 0 }),
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
    expect(res.body.days.map((d: { missionId: string; amountCents: number }) => [d.missionId, d.amountCents])).toEqual([[mission.id, 10000], [missed.id, 0]]);
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
      Promise.all(['2027-01', '2027-02'].map(async (m) => (await later.get(`/v1/doctors/me/indemnities?month=${m}`, bearer)).body.days.map((d: { date: string }) => d.date)));
    expect(await months(cayenne.doctor.token)).toEqual([['2027-01-31'], []]);
    expect(await months(paris.doctor.token)).toEqual([[], ['2027-02-01']]);

    const admin = await adminToken();
    const ours = new Set([cayenne.doctor.rpps, paris.doctor.rpps]);
    const january = await later.get('/v1/indemnities?month=2027-01', admin);
    const lines = january.body.items.filter((i: { rpps: string }) => ours.has(i.rpps));
    expect(lines).toEqual([
      { rpps: cayenne.doctor.rpps, date: '2027-01-31', site: cayenne.site.id, epciSiren: cayenne.siren, dayKind: 'half', amountCents: 10000 },
    ]);

    const csv = await later.get('/v1/indemnities?month=2027-02&format=csv', admin);
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(csv.headers.get('content-disposition')).toBe('attachment; filename="indemnites-2027-02.csv"');
    const [header, ...rows] = parseCsv(csv.body as string);
    expect(header).toEqual(['rpps', 'date', 'site', 'epci_siren', 'day_kind', 'amount_cents']);
    expect(rows.every((r) => r.length === 6)).toBe(true);
    expect(rows.filter((r) => ours.has(r[0]))).toEqual([[paris.doctor.rpps, '2027-02-01', '2A0000012', paris.siren, 'half', '10000']]);
    const json = await later.get('/v1/indemnities?month=2027-02', admin);
    const asRows = json.body.items.map((i: Record<string, string | number>) => [i.rpps, i.date, i.site, i.epciSiren, i.dayKind, String(i.amountCents)]);
    expect(rows).toEqual(asRows);
    expect(json.body.totalCents).toBe(rows.reduce((sum, r) => sum + Number(r[5]), 0));
  });
});
