// A national-scale dataset for EXPLAIN and benchmarks: ~100 sites spread over the priority zones,
// one mission a day per site for a year (08:00–17:20 local, 20-minute slots): ≥ 1 million slots.
// Inserted with set-based SQL (the API path is measured elsewhere). Idempotent: a complete dataset
// is kept, a partial one (an interrupted run) is removed and made again.
import type pg from 'pg';

export const NATIONAL_SITE_PREFIX = 'Bench site';

export async function seedNationalDataset(
  client: pg.Client,
  options: { sites?: number; days?: number; firstDay: string },
) {
  const sites = options.sites ?? 100;
  const days = options.days ?? 366;
  const mine = `${NATIONAL_SITE_PREFIX}%`;
  const { rows } = await client.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM slots WHERE site_id IN (SELECT id FROM sites WHERE name LIKE $1)`,
    [mine],
  );
  if (rows[0].n >= sites * days * 28) return { created: false };
  for (const table of ['slots', 'missions']) {
    await client.query(`DELETE FROM ${table} WHERE site_id IN (SELECT id FROM sites WHERE name LIKE $1)`, [mine]);
  }
  await client.query(`DELETE FROM sites WHERE name LIKE $1`, [mine]);
  // Sites round-robin over the priority zones, each in one of its communes.
  await client.query(
    `INSERT INTO sites (id, name, address, commune_insee, epci_siren, kind, phone, time_zone, created_at)
       SELECT gen_random_uuid(), $1 || ' ' || i, i || ' rue de la Santé', c.insee, z.siren, 'maison_de_sante', '0500000000', e.time_zone, now()
       FROM generate_series(0, $2 - 1) AS i
       JOIN LATERAL (SELECT siren, row_number() OVER (ORDER BY siren) - 1 AS k, count(*) OVER () AS n FROM priority_zones) z ON z.k = i % z.n
       JOIN epci e ON e.siren = z.siren
       JOIN LATERAL (SELECT insee FROM communes WHERE epci_siren = z.siren ORDER BY insee
         OFFSET (i / z.n) % (SELECT count(*) FROM communes WHERE epci_siren = z.siren) LIMIT 1) c ON true`,
    [NATIONAL_SITE_PREFIX, sites],
  );
  // One doctor per site and pair of days: never more than two days in a month. In batches of ten
  // days: the monthly-cap trigger takes an advisory lock per mission, and the lock table is finite.
  for (let first = 0; first < days; first += 10)
    await client.query(
      `INSERT INTO missions (id, doctor_rpps, site_id, epci_siren, local_date, start_local, end_local, starts_at, ends_at, slot_minutes, day_kind, created_at)
       SELECT gen_random_uuid(), '9' || lpad((s.k * 1000 + d / 2)::text, 10, '0'), s.id, s.epci_siren, day, '08:00', '17:20',
              (day + time '08:00') AT TIME ZONE s.time_zone, (day + time '17:20') AT TIME ZONE s.time_zone, 20, 'full', now()
       FROM (SELECT id, epci_siren, time_zone, row_number() OVER (ORDER BY id) AS k FROM sites WHERE name LIKE $1 || '%') s
       CROSS JOIN generate_series($2::int, LEAST($2::int + 9, $3::int - 1)) AS d
       CROSS JOIN LATERAL (SELECT $4::date + d AS day) dd`,
      [NATIONAL_SITE_PREFIX, first, days, options.firstDay],
    );
  await client.query(
    `INSERT INTO slots (id, mission_id, site_id, epci_siren, starts_at, ends_at)
       SELECT zoned_uuid(m.epci_siren), m.id, m.site_id, m.epci_siren, m.starts_at + n * interval '20 minutes', m.starts_at + (n + 1) * interval '20 minutes'
       FROM missions m JOIN sites s ON s.id = m.site_id AND s.name LIKE $1 || '%'
       CROSS JOIN generate_series(0, 27) AS n`,
    [NATIONAL_SITE_PREFIX],
  );
  await client.query('ANALYZE');
  return { created: true };
}
