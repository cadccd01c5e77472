// Applies migrations/ with drizzle-orm's migrator over a direct Postgres connection (pg).
// Used by `npm run db:migrate`, `npm start` and the test setup.
import pg from 'pg';
import { drizzle } from 'drizzle-orm/node-postgres';
import { migrate } from 'drizzle-orm/node-postgres/migrator';

export async function migrateDatabase(url: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query('SET client_min_messages = warning');
    await migrate(drizzle(client), { migrationsFolder: new URL('../../migrations', import.meta.url).pathname });
  } finally {
    await client.end();
  }
}
