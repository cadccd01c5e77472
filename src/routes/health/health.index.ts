import { sql } from 'drizzle-orm';
import { createRouter } from '../router';
import { problem } from '../../lib/problem';
import { referenceRead } from '../../middleware/reference-read';
import { health, ready } from './health.routes';

export const healthRouter = createRouter();
// A probe must see the database now, never a cached answer; still limited per address, since each
// call costs a database round trip.
healthRouter.use('/ready', referenceRead({ cacheControl: 'no-store' }));
healthRouter
  .openapi(health, (c) => c.json({ status: 'ok' as const }, 200))
  .openapi(ready, async (c) => {
    try {
      await c.var.db.execute(sql`select 1`);
    } catch {
      throw problem('database_unavailable', 'The database does not answer.', { headers: { 'retry-after': '5' } });
    }
    return c.json({ status: 'ok' as const }, 200);
  });
