// `npm run db:migrate`: applies migrations to DATABASE_URL (e.g. Neon's direct URL in production).
import { migrateDatabase } from './db/migrate';

const url = process.env.DATABASE_URL;
if (!url) {
  console.error('db:migrate: set DATABASE_URL (npm start migrates the embedded database itself)');
  process.exit(2);
}
await migrateDatabase(url);
console.log('migrations applied');
