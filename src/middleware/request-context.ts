// Per request: the clock reading every rule uses, and a database pool that is ended after the
// response (Workers cannot share I/O objects between requests).
import type { MiddlewareHandler } from 'hono';
import { createRequestDb } from '../db/client';
import type { AppEnv } from '../lib/types';
import { configOf } from '../env';
import { log } from '../lib/log';

export function requestContext(clock: () => Date): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    c.set('now', clock());
    c.set('config', () => configOf(c.env));
    const requestDb = createRequestDb(c.env, (error) => log('warn', 'db_pool_error', { requestId: c.var.requestId, error: error.message }));
    c.set('db', requestDb);
    try {
      await next();
    } finally {
      if (c.env.EXPOSE_DB_STATS === '1') c.header('x-db-queries', String(requestDb.queries()));
      const ended = requestDb.end();
      try {
        c.executionCtx.waitUntil(ended);
      } catch {
        await ended; // no execution context (e.g. a plain Node call): end it now
      }
    }
  };
}
