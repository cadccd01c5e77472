import { createRouter } from '../router';
import { problem } from '../../domain/problem';
import { referenceRead } from '../../middleware/reference-read';
import { readinessFailures } from './readiness';
import { health, ready } from './health.routes';

export const healthRouter = createRouter();
// A probe must see the database now, never a cached answer; still limited per address, since each
// call costs a database round trip.
healthRouter.use('/ready', referenceRead({ cacheControl: 'no-store' }));
healthRouter
  .openapi(health, (c) => c.json({ status: 'ok' as const }, 200))
  .openapi(ready, async (c) => {
    const failed = await readinessFailures(c);
    if (failed.length) {
      // The database alone down is what every other route answers then (tests/db-faults.test.ts).
      const code = failed.length === 1 && failed[0].check === 'database' ? 'database_unavailable' : 'not_ready';
      const detail = `Failing: ${failed.map((f) => f.check).join(', ')}.`;
      throw problem(code, detail, { extensions: { failed }, headers: { 'retry-after': '5' } });
    }
    return c.json({ status: 'ok' as const }, 200);
  });
