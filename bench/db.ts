// The bench's database work: make the dataset ready, undo what earlier bench runs left, pick inputs,
// build the rush zone, and check the rush's outcome in SQL (the API's word is not proof).
import os from 'node:os';
import pg from 'pg';
import { ensureDatabase } from '../scripts/db/ensure-database';
import { prepareDatabase } from '../scripts/db/prepare';
import { NATIONAL_SITE_PREFIX, seedNationalDataset } from '../scripts/db/seed-national';

/** Every caller the bench creates is a patient `bench-…`: bookings, holds and keys are found by it. */
const BENCH_SUB = 'bench-%';
const BENCH_CALLER = 'patient:bench-%';
const RUSH_SOURCE = 'bench rush';
/** One bench doctor per rush zone: a doctor has one mission a day (unique index). */
const rushRpps = (k: number) => `8000000${String(5000 + k).padStart(4, '0')}`;
export const RUSH_SLOTS = 50;

export async function prepare(url: string) {
  await ensureDatabase(url);
  await prepareDatabase(url, { seedIfMissing: true });
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    // Clean before seeding: the seed rebuilds an incomplete dataset, and bench bookings would block it.
    const cleaned = await cleanUp(client);
    const t0 = Date.now();
    const { created } = await seedNationalDataset(client, { firstDay: new Date().toISOString().slice(0, 10) });
    return { cleaned, seeded: created, seedSeconds: (Date.now() - t0) / 1000 };
  } finally {
    await client.end();
  }
}

/** Removes what previous runs left: their bookings, holds and keys (slots reopened), the rush zone. */
async function cleanUp(client: pg.Client) {
  await client.query('BEGIN');
  try {
    const { rows } = await client.query<{ id: string }>(
      `SELECT slot_id AS id FROM bookings WHERE owner_sub LIKE $1 UNION SELECT slot_id FROM holds WHERE caller_key LIKE $2`,
      [BENCH_SUB, BENCH_CALLER],
    );
    const slotIds = rows.map((r) => r.id);
    await client.query(
      `DELETE FROM idempotency_keys WHERE owner LIKE $2 OR booking_id IN (SELECT id FROM bookings WHERE owner_sub LIKE $1)`,
      [BENCH_SUB, BENCH_CALLER],
    );
    // Messages and call-list entries the bench's bookings scheduled go with them (their foreign keys).
    for (const table of ['notifications', 'call_list']) {
      await client.query(`DELETE FROM ${table} WHERE booking_id IN (SELECT id FROM bookings WHERE owner_sub LIKE $1)`, [
        BENCH_SUB,
      ]);
    }
    const bookings = await client.query(`DELETE FROM bookings WHERE owner_sub LIKE $1`, [BENCH_SUB]);
    await client.query(`DELETE FROM holds WHERE caller_key LIKE $1`, [BENCH_CALLER]);
    await client.query(
      `UPDATE slots SET status = 'open', hold_id = NULL, hold_owner = NULL, hold_expires_at = NULL WHERE id = ANY($1::uuid[])`,
      [slotIds],
    );
    const rushSites = `SELECT id FROM sites WHERE epci_siren IN (SELECT siren FROM priority_zones WHERE source = '${RUSH_SOURCE}')`;
    await client.query(`DELETE FROM slots WHERE site_id IN (${rushSites})`);
    await client.query(`DELETE FROM missions WHERE site_id IN (${rushSites})`);
    await client.query(`DELETE FROM sites WHERE id IN (${rushSites})`);
    const zones = await client.query(`DELETE FROM priority_zones WHERE source = $1`, [RUSH_SOURCE]);
    await client.query('COMMIT');
    return { bookings: bookings.rowCount ?? 0, slotsReopened: slotIds.length, rushZones: zones.rowCount ?? 0 };
  } catch (error) {
    await client.query('ROLLBACK');
    throw error;
  }
}

export async function benchZones(client: pg.Client) {
  const { rows } = await client.query<{ epci_siren: string }>(
    `SELECT DISTINCT epci_siren FROM sites WHERE name LIKE $1 ORDER BY epci_siren`,
    [`${NATIONAL_SITE_PREFIX}%`],
  );
  return rows.map((r) => r.epci_siren);
}

/** Distinct free slots spread over every bench zone, at least two days ahead (never in the past mid-run). */
export async function pickFreeSlots(client: pg.Client, n: number) {
  const { rows } = await client.query<{ id: string; epci_siren: string }>(
    `SELECT s.id, s.epci_siren FROM slots s JOIN sites si ON si.id = s.site_id AND si.name LIKE $1
     WHERE s.status = 'open' AND s.hold_id IS NULL AND s.starts_at > now() + interval '2 days'
     ORDER BY random() LIMIT $2`,
    [`${NATIONAL_SITE_PREFIX}%`, n],
  );
  if (rows.length < n) throw new Error(`only ${rows.length} free slots found, ${n} needed`);
  return rows;
}

/**
 * A zone of its own for the rush: the first metropolitan EPCI (by SIREN) that is not a priority zone
 * yet, designated with source 'bench rush', one site, one mission tomorrow of exactly 50 slots.
 */
export async function createRushZone(client: pg.Client, k: number) {
  await client.query('BEGIN');
  try {
    const {
      rows: [zone],
    } = await client.query<{ siren: string; time_zone: string }>(
      `INSERT INTO priority_zones (siren, source, designated_at)
       SELECT e.siren, $1, now() FROM epci e
       WHERE e.time_zone = 'Europe/Paris' AND NOT EXISTS (SELECT 1 FROM priority_zones p WHERE p.siren = e.siren)
         AND EXISTS (SELECT 1 FROM communes c WHERE c.epci_siren = e.siren)
       ORDER BY e.siren LIMIT 1
       RETURNING siren, (SELECT time_zone FROM epci WHERE siren = priority_zones.siren) AS time_zone`,
      [RUSH_SOURCE],
    );
    if (!zone) throw new Error('no metropolitan EPCI left that is not a priority zone');
    const {
      rows: [site],
    } = await client.query<{ id: string }>(
      `INSERT INTO sites (id, name, address, commune_insee, epci_siren, kind, phone, time_zone, created_at)
       SELECT gen_random_uuid(), 'Bench rush site', '1 place de la Mairie', min(insee), $1, 'maison_de_sante', '0500000000', $2, now()
       FROM communes WHERE epci_siren = $1
       RETURNING id`,
      [zone.siren, zone.time_zone],
    );
    // 50 × 20 minutes from 06:00 local tomorrow: 06:00–22:40, a full day by the missions CHECK.
    const {
      rows: [mission],
    } = await client.query<{ id: string }>(
      `INSERT INTO missions (id, doctor_rpps, site_id, epci_siren, local_date, start_local, end_local, starts_at, ends_at, slot_minutes, day_kind, created_at)
       SELECT gen_random_uuid(), $1, $2, $3, d, '06:00', '22:40', (d + time '06:00') AT TIME ZONE $4, (d + time '22:40') AT TIME ZONE $4, 20, 'full', now()
       FROM (SELECT ((now() AT TIME ZONE $4)::date + 1) AS d) day
       RETURNING id`,
      [rushRpps(k), site.id, zone.siren, zone.time_zone],
    );
    const slots = await client.query(
      `INSERT INTO slots (id, mission_id, site_id, epci_siren, starts_at, ends_at)
       SELECT gen_random_uuid(), m.id, m.site_id, m.epci_siren, m.starts_at + n * interval '20 minutes', m.starts_at + (n + 1) * interval '20 minutes'
       FROM missions m CROSS JOIN generate_series(0, $2 - 1) AS n WHERE m.id = $1`,
      [mission.id, RUSH_SLOTS],
    );
    await client.query('COMMIT');
    return { siren: zone.siren, slots: slots.rowCount ?? 0 };
  } catch (error) {
    await client.query('ROLLBACK');
    throw error;
  }
}

/** The truth about the rush zone after the rush, from the tables themselves. */
export interface RushOutcome {
  doubleBookedSlots: number;
  bookings: number;
  booked_slots: number;
  patients: number;
}

export async function rushOutcome(client: pg.Client, siren: string): Promise<RushOutcome> {
  const { rows: doubles } = await client.query<{ slot_id: string; n: number }>(
    `SELECT slot_id, count(*)::int AS n FROM bookings
     WHERE status <> 'cancelled' AND slot_id IN (SELECT id FROM slots WHERE epci_siren = $1)
     GROUP BY slot_id HAVING count(*) > 1`,
    [siren],
  );
  const {
    rows: [counts],
  } = await client.query<{ bookings: number; booked_slots: number; patients: number }>(
    `SELECT (SELECT count(*) FROM bookings b JOIN slots s ON s.id = b.slot_id WHERE s.epci_siren = $1 AND b.status <> 'cancelled')::int AS bookings,
            (SELECT count(*) FROM slots WHERE epci_siren = $1 AND status = 'booked')::int AS booked_slots,
            (SELECT count(DISTINCT b.owner_sub) FROM bookings b JOIN slots s ON s.id = b.slot_id WHERE s.epci_siren = $1 AND b.status <> 'cancelled')::int AS patients`,
    [siren],
  );
  return { doubleBookedSlots: doubles.length, ...counts };
}

export async function machine(client: pg.Client) {
  const {
    rows: [v],
  } = await client.query<{ version: string }>('SELECT version()');
  const {
    rows: [c],
  } = await client.query<{ slots: number; sites: number; zones: number }>(
    `SELECT (SELECT count(*) FROM slots)::int AS slots, (SELECT count(*) FROM sites WHERE name LIKE $1)::int AS sites,
            (SELECT count(*) FROM priority_zones)::int AS zones`,
    [`${NATIONAL_SITE_PREFIX}%`],
  );
  return {
    machine: {
      cpu: os.cpus()[0]?.model ?? 'unknown',
      cores: os.cpus().length,
      memoryGiB: +(os.totalmem() / 2 ** 30).toFixed(1),
      node: process.version,
      os: `${os.type()} ${os.release()}`,
      postgres: v.version,
    },
    dataset: c,
  };
}
