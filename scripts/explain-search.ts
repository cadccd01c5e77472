// `npm run explain`: EXPLAIN ANALYZE of the slot search (the API's own SQL) on ≥ 1 million slots,
// on the Postgres server in DATABASE_URL (default: a local database it creates).
import { PgDialect } from 'drizzle-orm/pg-core';
import pg from 'pg';
import { freeSlotsQuery } from '../src/core/slots/slots.queries';
import { DEFAULT_RANGE_DAYS } from '../src/routes/slots/slots.schemas';
import { prepareDatabase } from './db/prepare';
import { NATIONAL_SITE_PREFIX, seedNationalDataset } from './db/seed-national';
import { ensureDatabase } from './db/ensure-database';

const url = await ensureDatabase(process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/mpdcv_bench');
await prepareDatabase(url, { seedIfMissing: true });
const client = new pg.Client({ connectionString: url });
await client.connect();
const started = Date.now();
const { created } = await seedNationalDataset(client, { firstDay: '2026-12-01' });
if (created) console.log(`national dataset seeded in ${((Date.now() - started) / 1000).toFixed(1)} s`);
const {
  rows: [counts],
} = await client.query<{ slots: number; sites: number }>(
  `SELECT (SELECT count(*) FROM slots)::int AS slots, (SELECT count(*) FROM sites)::int AS sites`,
);
const {
  rows: [zone],
} = await client.query<{ epci_siren: string }>(`SELECT epci_siren FROM sites WHERE name LIKE $1 ORDER BY id LIMIT 1`, [
  `${NATIONAL_SITE_PREFIX}%`,
]);
const now = new Date('2027-03-01T07:00:00Z');
const query = new PgDialect().sqlToQuery(
  freeSlotsQuery(
    { epci: zone.epci_siren },
    { from: now, to: new Date(now.getTime() + DEFAULT_RANGE_DAYS * 86_400_000) },
    now,
    undefined,
    21,
  ),
);
const { rows } = await client.query<{ 'QUERY PLAN': string }>(
  `EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) ${query.sql}`,
  query.params,
);
console.log(
  `${counts.slots.toLocaleString('en')} slots, ${counts.sites} sites; search of zone ${zone.epci_siren}, ${DEFAULT_RANGE_DAYS} days, first page:\n`,
);
console.log(rows.map((r) => r['QUERY PLAN']).join('\n'));
await client.end();
