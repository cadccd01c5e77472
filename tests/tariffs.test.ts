// The tarif opposable by territory (issue 23 §1): the table as public reference data, the same rule
// run through TypeScript and Postgres, and the price an overseas site shows and bills.
import { describe, expect, it } from 'vitest';
import { territoryOf } from '../src/domain/public-holidays';
import { expectedConsultation, TARIFF_TERRITORIES, type TariffRate, type TariffTerritory } from '../src/domain/tariff';
import { ProblemError } from '../src/domain/problem';
import { api } from './helpers/api';
import { Browser, csrfOf } from './helpers/browser';
import { book, newZone, patientBody } from './helpers/fixtures';
import { at, booked, checkIn, missionDay, planning } from './helpers/mission-day';
import { letters } from './helpers/names';
import { sql } from './helpers/sql';
import { token } from './helpers/tokens';

const client = api();
const html = { accept: 'text/html,application/xhtml+xml' };

describe('GET /v1/tariffs', () => {
  it('lists every row with its territory, dates and source, to anyone', async () => {
    const res = await client.get('/v1/tariffs');
    expect(res.status).toBe(200);
    const rows = res.body.items as Array<TariffRate & { label: string; source: string }>;
    const g = (territory: TariffTerritory) =>
      rows
        .filter((r) => r.code === 'G' && r.territory === territory)
        .map(({ amountCents, effectiveFrom, effectiveTo }) => [amountCents, effectiveFrom, effectiveTo]);
    expect(g('metropole')).toEqual([
      [2650, '2023-11-01', '2024-12-21'],
      [3000, '2024-12-22', null],
    ]);
    for (const territory of TARIFF_TERRITORIES.filter((t) => t !== 'metropole'))
      expect(g(territory), territory).toEqual([[3600, '2024-12-22', null]]);
    expect(rows.find((r) => r.code === 'MEG' && r.territory === 'metropole')).toMatchObject({
      amountCents: 500,
      effectiveTo: null,
    });
    for (const row of rows) expect(row.source, `${row.code} ${row.territory}`).toMatch(/https:\/\//);
    const mayotte = await client.get('/v1/tariffs?territory=mayotte');
    expect(mayotte.body.items.map((r: TariffRate) => [r.code, r.territory, r.amountCents])).toEqual([
      ['G', 'mayotte', 3600],
    ]);
    expect((await client.get('/v1/tariffs?territory=corse')).status).toBe(400);
  });
});

describe('one rule in TypeScript and in Postgres', () => {
  it('a site’s territory follows from its département, as the holidays’ territories say (Alsace-Moselle is metropolitan here)', async () => {
    const departements = [
      '01',
      '2A',
      '2B',
      '57',
      '67',
      '75',
      '971',
      '972',
      '973',
      '974',
      '975',
      '976',
      '977',
      '978',
      '988',
    ];
    const rows = await sql<{ t: string }>(
      `SELECT tariff_territory(d) AS t FROM unnest($1::text[]) WITH ORDINALITY AS x(d, n) ORDER BY n`,
      [departements],
    );
    const expected = departements.map((d) => (territoryOf(d) === 'alsace-moselle' ? 'metropole' : territoryOf(d)));
    expect(rows.map((r) => r.t)).toEqual(expected);
    expect(expected.slice(6, 12)).toEqual(['guadeloupe', 'martinique', 'guyane', 'reunion', 'metropole', 'mayotte']);
  });

  it('prices the same cases the same way: each territory, the day of a change, the sixth birthday', async () => {
    const rates = (await client.get('/v1/tariffs')).body.items as TariffRate[];
    const dates = ['2023-10-31', '2023-11-01', '2024-12-21', '2024-12-22', '2026-12-15'];
    const births = ['1950-06-15', '2020-12-15', '2020-12-16', '2018-12-22', '2020-02-29'];
    const cases = TARIFF_TERRITORIES.flatMap((territory) =>
      dates.flatMap((date) => births.map((birthDate) => ({ territory, date, birthDate }))),
    );
    const rows = await sql<{ cents: number | null; majorations: string[] }>(
      `SELECT tariff_amount_cents(t, d::date, b::date) AS cents, tariff_majorations(d::date, b::date) AS majorations
       FROM unnest($1::text[], $2::text[], $3::text[]) WITH ORDINALITY AS x(t, d, b, n) ORDER BY n`,
      [cases.map((c) => c.territory), cases.map((c) => c.date), cases.map((c) => c.birthDate)],
    );
    const typescript = cases.map((visit) => {
      try {
        return expectedConsultation(rates, visit);
      } catch (error) {
        if (error instanceof ProblemError && error.code === 'tariff_unavailable') return null;
        throw error;
      }
    });
    expect(
      rows.map((r) => (r.cents === null ? null : { acts: ['G', ...r.majorations], amountCents: r.cents })),
    ).toEqual(typescript);
    // The cases cover what they claim to: both sides of each change, MEG until the 6th birthday.
    const at = (territory: TariffTerritory, date: string, birthDate: string) =>
      typescript[cases.findIndex((c) => c.territory === territory && c.date === date && c.birthDate === birthDate)];
    expect(at('metropole', '2023-10-31', '1950-06-15')).toBeNull();
    expect(at('metropole', '2024-12-21', '1950-06-15')).toEqual({ acts: ['G'], amountCents: 2650 });
    expect(at('metropole', '2024-12-22', '1950-06-15')).toEqual({ acts: ['G'], amountCents: 3000 });
    expect(at('metropole', '2026-12-15', '2020-12-16')).toEqual({ acts: ['G', 'MEG'], amountCents: 3500 });
    expect(at('metropole', '2026-12-15', '2020-12-15')).toEqual({ acts: ['G'], amountCents: 3000 });
    expect(at('reunion', '2024-12-21', '1950-06-15')).toBeNull();
    expect(at('mayotte', '2024-12-22', '1950-06-15')).toEqual({ acts: ['G'], amountCents: 3600 });
    expect(at('guyane', '2026-12-15', '2020-12-16')).toBeNull();
  });
});

/**
 * A new site with a mission on 10 December 2026, 09:00–12:00 local time, in a priority zone of
 * `departement`: an existing one (a département has only a few EPCI, soon all designated), else a new one.
 */
async function overseasDay(departement: string) {
  const [known] = await sql<{ insee: string }>(
    `SELECT c.insee FROM communes c JOIN priority_zones p ON p.siren = c.epci_siren WHERE c.departement = $1 ORDER BY c.insee LIMIT 1`,
    [departement],
  );
  const insee = known?.insee ?? (await newZone(planning, { departements: [departement] })).insee;
  return { insee, ...(await missionDay({ date: '2026-12-10', insee })) };
}

describe('an overseas site is priced at its territory’s rate', () => {
  it.each([
    ['974', 'Indian/Reunion', '2026-12-10T05:10:00Z'],
    ['976', 'Indian/Mayotte', '2026-12-10T06:10:00Z'],
  ])(
    'département %s: the slot search shows 36 €, booking and the consultation are billed 36 €; 30 € is refused',
    async (departement, timeZone, during) => {
      const d = await overseasDay(departement);
      expect(d.site.timeZone).toBe(timeZone);
      const search = await planning.get(`/v1/slots?epci=${d.siren}`);
      expect(search.body.items[0].tariff).toMatchObject({ amountCents: 3600 });
      const results = await planning.request('GET', `/recherche?commune=${d.insee}`, { headers: html });
      expect(String(results.body)).toMatch(/Consultation au tarif de la Sécurité sociale \(36\s€\)/);

      const id = await booked(d.slotIds[0]);
      const clock = at(during);
      expect((await clock.get(`/v1/bookings/${id}`, d.doctor.token)).body.tariff).toMatchObject({ amountCents: 3600 });
      expect((await checkIn(clock, d.mission.id, d.doctor.token)).status).toBe(200);
      expect((await clock.post(`/v1/bookings/${id}/arrival`, {}, d.doctor.token)).status).toBe(200);
      const metropolitan = await clock.post(
        `/v1/bookings/${id}/complete`,
        { acts: [{ code: 'G' }], billedCents: 3000 },
        d.doctor.token,
      );
      expect(metropolitan.status).toBe(422);
      expect(metropolitan.body.detail).toBe('billed 3000 cents; the tarif opposable for G on 2026-12-10 is 3600 cents');
      const done = await clock.post(
        `/v1/bookings/${id}/complete`,
        { acts: [{ code: 'G' }], billedCents: 3600 },
        d.doctor.token,
      );
      expect(done.status, JSON.stringify(done.body)).toBe(200);
      expect(done.body.billing).toEqual({ acts: ['G'], billedCents: 3600, overbillingCents: 0 });
    },
  );

  it('a child under 6 cannot be booked where no MEG is sourced: 422 tariff_unavailable, nothing booked', async () => {
    const d = await overseasDay('973');
    const res = await book(planning, await token('patient'), {
      slotId: d.slotIds[0],
      patient: patientBody({ birthDate: '2022-03-01', phone: '0694 12 34 56' }),
    });
    expect(res.status, JSON.stringify(res.body)).toBe(422);
    expect(res.body.code).toBe('tariff_unavailable');
    expect(await sql(`SELECT 1 FROM bookings WHERE slot_id = $1`, [d.slotIds[0]])).toEqual([]);
    expect((await sql<{ status: string }>(`SELECT status FROM slots WHERE id = $1`, [d.slotIds[0]]))[0].status).toBe(
      'open',
    );
  });

  it('the doctor’s day page prices and records the consultation at 36 € at La Réunion', async () => {
    const d = await overseasDay('974');
    const id = await booked(d.slotIds[0], {
      firstName: 'Jeanne',
      lastName: `Adulte-${letters()}`,
    });
    const clock = at('2026-12-10T05:10:00Z');
    expect((await checkIn(clock, d.mission.id, d.doctor.token)).status).toBe(200);
    expect((await clock.post(`/v1/bookings/${id}/arrival`, {}, d.doctor.token)).status).toBe(200);
    const browser = new Browser(api({ now: new Date('2026-12-10T05:10:00Z') }));
    expect((await browser.signIn('/medecin', `rpps-${d.doctor.rpps}`, 'psc')).status).toBe(303);
    const form = await browser.get(`/medecin/journees/${d.mission.id}/patients/${id}/consultation`);
    expect(form.body).toContain('Enregistrer la consultation (36 €)');
    expect(
      (
        await browser.post(`/medecin/journees/${d.mission.id}/patients/${id}/consultation`, {
          csrf: csrfOf(form.body)!,
        })
      ).status,
    ).toBe(303);
    expect(await sql(`SELECT billed_cents FROM bookings WHERE id = $1`, [id])).toEqual([{ billed_cents: 3600 }]);
  });

  it('a metropolitan site keeps 30 €', async () => {
    const d = await missionDay({ date: '2026-12-10' });
    expect((await planning.get(`/v1/slots?epci=${d.siren}`)).body.items[0].tariff.amountCents).toBe(3000);
  });
});
