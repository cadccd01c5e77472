// `npm run db:seed`: loads EPCI, communes and the default priority zones into DATABASE_URL. Idempotent.
import { prepareDatabase } from './db/prepare';

const url = process.env.DATABASE_URL;
if (!url) {
  console.error('db:seed: set DATABASE_URL');
  process.exit(2);
}
await prepareDatabase(url);
console.log('reference data seeded');
