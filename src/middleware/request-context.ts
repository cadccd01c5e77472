// Per request: the clock reading every rule uses, and a database pool that is ended after the
// response (Workers cannot share I/O objects between requests).
import type { MiddlewareHandler } from 'hono';
import { createRequestDb } from '../db/client';
import type { AppEnv } from '../app-env';
import { configOf, type EnvVars } from '../env';
import { log } from '../lib/log';

// A misconfigured deployment still answers /health; it just never exposes the statistics.
function exposeDbStats(config: () => EnvVars): boolean {
  try {
    return config().EXPOSE_DB_STATS === '1';
  } catch {
    return false;
  }
}

export function requestContext(clock: () => Date): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    c.set('now', clock());
    const config = () => configOf(c.env);
    c.set('config', config);
    const requestDb = createRequestDb(config, (error) =>
      log('warn', 'db_pool_error', { requestId: c.var.requestId, error: error.message }),
    );
    c.set('db', requestDb.db);
    try {
      await next();
    } finally {
      if (exposeDbStats(config)) c.header('x-db-queries', String(requestDb.queries()));
      const ended = requestDb.end();
      try {
        c.executionCtx.waitUntil(ended);
      } catch {
        await ended; // no execution context (e.g. a plain Node call): end it now
      }
    }
  };
}
