// `npm run purge -- --as-of` on a copy of the demo data: the demo supply (scripts/db/seed-demo.ts)
// of October 2025 with bookings of every status and channel, purged at two dates. It anonymises
// exactly the bookings past retention at each date, and the statistics, coverage and indemnities,
// computed by the app's own queries, stay the same. On the Postgres server, in a database of its own.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { drizzle } from 'drizzle-orm/node-postgres';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { indemnityLines } from '../src/core/indemnities/indemnities.operations';
import { coverageByRegion, coverageByZone } from '../src/core/zone-stats/coverage';
import { zoneFigures } from '../src/core/zone-stats/zone-stats';
import type { Db } from '../src/db/client';
import { prepareDatabase } from './db/prepare';
import { seedDemoData } from './db/seed-demo';

const run = promisify(execFile);
const adminUrl = inject('databaseUrl');
const database = `purge_t${crypto.randomUUID().slice(0, 8)}`;
const url = (() => {
  const u = new URL(adminUrl);
  u.pathname = `/${database}`;
  return u.toString();
})();

/** Bookings on four slots in five, by row number: fulfilled, no-show, cancelled the day before, or never marked; web, phone or partner. */
const BOOKINGS = `
WITH s AS (
  SELECT s.*, m.local_date, tariff_territory(co.departement) AS territory, row_number() OVER (ORDER BY s.starts_at, s.id) AS rn
  FROM slots s JOIN missions m ON m.id = s.mission_id JOIN sites si ON si.id = s.site_id JOIN communes co ON co.insee = si.commune_insee
), p AS (
  SELECT s.*, rn % 5 AS kind, (ARRAY['web','phone','partner'])[1 + rn % 3] AS channel,
         CASE WHEN rn % 7 = 0 THEN date '2022-03-01' ELSE date '1960-01-01' + (rn * 37 % 20000)::int END AS birth
  FROM s WHERE rn % 5 <> 0
)
INSERT INTO bookings (id, slot_id, mission_id, starts_at, status, channel, owner_role, owner_sub, client_id, call_reference,
  patient_first_name, patient_last_name, patient_birth_date, patient_phone, patient_phone_mobile, patient_email, patient_key,
  notify_sms, notify_email, tariff_code, tariff_majorations, amount_cents, no_overbilling, overbilling_cents, created_at,
  cancelled_at, cancelled_by, arrived_at, completed_at, noshow_at, billed_acts, billed_cents)
SELECT gen_random_uuid(), p.id, p.mission_id, p.starts_at,
  CASE kind WHEN 1 THEN 'fulfilled' WHEN 2 THEN 'noshow' WHEN 3 THEN 'cancelled' ELSE 'booked' END,
  channel, CASE channel WHEN 'web' THEN 'patient' WHEN 'phone' THEN 'agent' ELSE 'integrator' END,
  'demo-owner-' || rn, CASE WHEN channel = 'partner' THEN 'demo-client-' || (rn % 4) END, CASE WHEN channel = 'phone' THEN 'CALL-' || rn END,
  'Prénom' || rn, 'Nom' || rn, birth, '+3361' || lpad(rn::text, 7, '0'), true, CASE WHEN rn % 2 = 0 THEN 'p' || rn || '@example.org' END, 'key-' || rn,
  true, rn % 2 = 0, 'G', tariff_majorations(p.local_date, birth), tariff_amount_cents(p.territory, p.local_date, birth), true, 0, '2025-10-01T08:00:00Z',
  CASE WHEN kind = 3 THEN p.starts_at - interval '1 day' END, CASE WHEN kind = 3 THEN 'patient' END,
  CASE WHEN kind = 1 THEN p.starts_at END, CASE WHEN kind = 1 THEN p.starts_at + interval '20 minutes' END,
  CASE WHEN kind = 2 THEN p.starts_at + interval '10 minutes' END,
  CASE WHEN kind = 1 THEN ARRAY['G'] || tariff_majorations(p.local_date, birth) END,
  CASE WHEN kind = 1 THEN tariff_amount_cents(p.territory, p.local_date, birth) END
FROM p;
UPDATE slots SET status = 'booked' WHERE id IN (SELECT slot_id FROM bookings WHERE status <> 'cancelled');
UPDATE missions SET checked_in_at = starts_at, checked_out_at = ends_at WHERE local_date < '2025-10-10';`;

async function purge(...args: string[]) {
  const { stdout } = await run('npm', ['run', '-s', 'purge', '--', ...args], {
    env: { ...process.env, DATABASE_URL: url },
  });
  return JSON.parse(stdout) as Record<string, number | string | boolean>;
}

describe.skipIf(inject('embeddedDb'))('npm run purge on a copy of the demo data', () => {
  let client: pg.Client;
  const figures = async () => {
    const db = drizzle(client) as unknown as Db;
    const now = new Date('2025-11-15T12:00:00Z');
    const { rows: zones } = await client.query<{ siren: string }>(
      'SELECT DISTINCT epci_siren AS siren FROM sites ORDER BY 1',
    );
    return {
      stats: await Promise.all(zones.map((z) => zoneFigures(db, z.siren, '2025-10-01', '2025-10-31', now, 'national'))),
      coverage: await coverageByZone(db, '2025-10', now, 'national'),
      regions: await coverageByRegion(db, '2025-10', now, 'national'),
      indemnities: await indemnityLines(db, '2025-10', 'national', { fullDayHours: 6, halfDayHours: 3 }),
    };
  };
  const count = async (where: string) =>
    (await client.query<{ n: number }>(`SELECT count(*)::int AS n FROM bookings WHERE ${where}`)).rows[0].n;

  beforeAll(async () => {
    const admin = new pg.Client({ connectionString: adminUrl });
    await admin.connect();
    await admin.query(`CREATE DATABASE "${database}"`).finally(() => admin.end());
    await prepareDatabase(url);
    await seedDemoData(url, new Date('2025-10-01T08:00:00Z'));
    client = new pg.Client({ connectionString: url });
    await client.connect();
    await client.query(BOOKINGS);
  }, 120_000);

  afterAll(async () => {
    await client?.end();
    const admin = new pg.Client({ connectionString: adminUrl });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`).finally(() => admin.end());
  });

  it('anonymises exactly the bookings past retention at each date; the figures stay the same', async () => {
    const before = await figures();
    const total = await count('true');
    expect(total).toBeGreaterThan(400);
    const partial = '2026-10-08T03:00:00Z';
    const due = await count(`coalesce(cancelled_at, starts_at) < timestamptz '2025-10-08T03:00:00Z'`);
    expect(due).toBeGreaterThan(0);
    expect(due).toBeLessThan(total);

    const dry = await purge('--as-of', partial, '--dry-run');
    expect(dry).toMatchObject({ dryRun: true, bookingsAnonymised: due, auditBefore: '2025-10-08T03:00:00.000Z' });
    expect(await count('anonymised_at IS NOT NULL')).toBe(0);

    expect(await purge('--as-of', partial)).toMatchObject({ dryRun: false, bookingsAnonymised: due });
    expect(
      await count(
        'patient_phone IS NULL AND patient_first_name IS NULL AND patient_birth_date IS NULL AND patient_key IS NULL',
      ),
    ).toBe(due);
    expect(
      await count(`anonymised_at IS NULL AND coalesce(cancelled_at, starts_at) < timestamptz '2025-10-08T03:00:00Z'`),
    ).toBe(0);
    expect(await figures()).toEqual(before);

    expect(await purge('--as-of', '2026-11-15T03:17:00Z')).toMatchObject({ bookingsAnonymised: total - due });
    expect(await count('patient_phone IS NOT NULL OR patient_email IS NOT NULL')).toBe(0);
    expect(await count(`owner_role = 'patient' AND owner_sub <> 'anonymised'`)).toBe(0);
    expect(await figures()).toEqual(before);
    expect(await purge('--as-of', '2026-11-15T03:17:00Z')).toMatchObject({ bookingsAnonymised: 0 });
  }, 60_000);

  it('refuses to run without a date', async () => {
    await expect(purge()).rejects.toThrow(/--as-of/);
  });
});
