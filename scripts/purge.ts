// `npm run purge -- --as-of <ISO date> [--dry-run]`: the daily purge (src/core/retention/purge.ts)
// at a date of your choosing, on DATABASE_URL (the direct URL, as for db:migrate). The Cron Trigger
// runs the same function with its own time. --dry-run shows the counts and rolls everything back.
import { parseArgs } from 'node:util';
import { drizzle } from 'drizzle-orm/node-postgres';
import pg from 'pg';
import type { Db } from '../src/db/client';
import { purge } from '../src/core/retention/purge';
import { retentionCutoffs } from '../src/domain/retention';

const { values } = parseArgs({
  options: { 'as-of': { type: 'string' }, 'dry-run': { type: 'boolean', default: false } },
});
const fail = (message: string) => {
  console.error(`purge: ${message}\nusage: DATABASE_URL=… npm run purge -- --as-of 2027-01-31T03:00:00Z [--dry-run]`);
  process.exit(2);
};
const url = process.env.DATABASE_URL;
if (!url) fail('set DATABASE_URL');
const asOf = new Date(values['as-of'] ?? '');
if (!values['as-of'] || Number.isNaN(asOf.getTime())) fail('--as-of takes an ISO date or instant');

const client = new pg.Client({ connectionString: url });
await client.connect();
try {
  await client.query('BEGIN');
  // Both drivers answer execute() with pg's result shape ({ rows }), all the purge reads.
  const counts = await purge(drizzle(client) as unknown as Db, asOf);
  await client.query(values['dry-run'] ? 'ROLLBACK' : 'COMMIT');
  // The audit trail is the owner's to trim (scripts/db/production-roles/3-audit-retention.sql): its cut-off.
  const auditBefore = retentionCutoffs(asOf).audit.toISOString();
  console.log(JSON.stringify({ asOf: asOf.toISOString(), dryRun: values['dry-run'], ...counts, auditBefore }));
} catch (error) {
  await client.query('ROLLBACK').catch(() => {});
  throw error;
} finally {
  await client.end();
}
