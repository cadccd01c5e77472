// Migrate, then seed the reference data: what every fresh database needs before the API can serve.
import pg from 'pg';
import { migrateDatabase } from './migrate';
import { seedReferenceData } from './seed-reference';

export const PRIORITY_ZONES_CSV = new URL('../../data/priority-zones.csv', import.meta.url).pathname;

export async function prepareDatabase(url: string, options: { seedIfMissing?: boolean } = {}): Promise<void> {
  await migrateDatabase(url);
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    if (options.seedIfMissing) {
      const { rows } = await client.query<{ n: number }>('select count(*)::int as n from epci');
      if (rows[0].n > 0) return;
    }
    await seedReferenceData(client, PRIORITY_ZONES_CSV);
  } finally {
    await client.end();
  }
}
