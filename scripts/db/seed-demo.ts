// Demo supply for a newcomer's first requests: on a database without any site, sites in communes
// where the scheme's consultations were reported, two demo doctors each, and mission days on working
// days of the next two weeks — slots computed by the same domain function as the API.
import pg from 'pg';
import { planMission } from '../../src/domain/missions';
import { publicHolidays, territoryOf } from '../../src/domain/public-holidays';
import { localDate } from '../../src/domain/time';

const DEMO_COMMUNES: Array<[name: string, departement: string, kind: string]> = [
  ['Pissos', '40', 'maison_de_sante'],
  ['Riscle', '32', 'centre_de_sante'],
  ['Marciac', '32', 'maison_de_sante'],
  ['Castelnau-Magnoac', '65', 'maison_de_sante'],
  ['Montaigu-de-Quercy', '82', 'local_communal'],
  ['Le Vigan', '30', 'hopital_de_proximite'],
  ['Sancergues', '18', 'maison_de_sante'],
  ['Gourin', '56', 'cabinet'],
];

const addDays = (date: string, n: number) =>
  new Date(Date.parse(`${date}T12:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

/** The n-th working day after `today` (n ≥ 1): the scheme's doctors consult on weekdays that are not public holidays. */
export function workingDayAfter(today: string, n: number, departement: string): string {
  const holidays = (year: string) => new Set(publicHolidays(Number(year), territoryOf(departement)).map((h) => h.date));
  let date = today;
  for (let found = 0; found < n; ) {
    date = addDays(date, 1);
    const weekday = new Date(`${date}T12:00:00Z`).getUTCDay();
    if (weekday !== 0 && weekday !== 6 && !holidays(date.slice(0, 4)).has(date)) found++;
  }
  return date;
}

export async function seedDemoData(url: string, now: Date): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows: existing } = await client.query('SELECT 1 FROM sites LIMIT 1');
    if (existing.length > 0) return;
    let doctor = 0;
    for (const [name, departement, kind] of DEMO_COMMUNES) {
      const { rows } = await client.query<{ id: string; epci_siren: string; time_zone: string }>(
        `INSERT INTO sites (id, name, address, commune_insee, epci_siren, kind, phone, time_zone, created_at)
         SELECT gen_random_uuid(), 'Démo — ' || c.name, '1 place de la Mairie, ' || c.postcodes[1] || ' ' || c.name, c.insee, c.epci_siren, $3, '05 00 00 00 00', e.time_zone, $4
         FROM communes c JOIN priority_zones p ON p.siren = c.epci_siren JOIN epci e ON e.siren = c.epci_siren
         WHERE c.name = $1 AND c.departement = $2
         RETURNING id, epci_siren, time_zone`,
        [name, departement, kind, now],
      );
      const site = rows[0];
      if (!site) continue; // not in a priority zone of this database: no demo site there
      const today = localDate(now, site.time_zone);
      // Two doctors a site, two working days each: within the scheme's cap of two days a month.
      for (const days of [
        [1, 4],
        [2, 8],
      ]) {
        const rpps = `10${String(100_000 + doctor++).padStart(9, '0')}`;
        for (const n of days) {
          const date = workingDayAfter(today, n, departement);
          const plan = planMission(
            { date, start: '09:00', end: '16:00', slotMinutes: 20, timeZone: site.time_zone },
            now,
          );
          await client.query(
            `WITH m AS (
               INSERT INTO missions (id, doctor_rpps, site_id, epci_siren, local_date, start_local, end_local, starts_at, ends_at, slot_minutes, day_kind, created_at)
               VALUES (gen_random_uuid(), $1, $2, $3, $4, '09:00', '16:00', $5, $6, 20, $7, $8) RETURNING id)
             INSERT INTO slots (id, mission_id, site_id, epci_siren, starts_at, ends_at)
             SELECT zoned_uuid($3), m.id, $2, $3, t, t + interval '20 minutes' FROM m, unnest($9::timestamptz[]) AS t`,
            [
              rpps,
              site.id,
              site.epci_siren,
              date,
              plan.startsAt,
              plan.endsAt,
              plan.dayKind,
              now,
              plan.slots.map((s) => s.startsAt.toISOString()),
            ],
          );
        }
      }
    }
    console.log(
      `demo data: ${doctor / 2} sites with mission days over the next 14 days (demo doctors' RPPS start at 10000100000)`,
    );
  } finally {
    await client.end();
  }
}
