import type { MiddlewareHandler } from 'hono';
import { log } from '../lib/log';
import type { AppEnv } from '../app-env';

/** One line per request: route pattern (never the raw URL with its query), status, duration. */
export const accessLog: MiddlewareHandler<AppEnv> = async (c, next) => {
  const started = performance.now();
  await next();
  log(c.res.status >= 500 ? 'error' : 'info', 'request', {
    requestId: c.var.requestId,
    method: c.req.method,
    route: c.req.routePath,
    status: c.res.status,
    ms: Math.round(performance.now() - started),
    role: c.var.caller?.role,
  });
};
