import type { MiddlewareHandler } from 'hono';
import { log } from '../lib/log';
import { doorOf, withMetrics, writeMetric } from '../lib/metrics';
import type { AppEnv } from '../app-env';

/**
 * One JSON line per request, and one `request` data point (src/lib/metrics.ts): the request id, the
 * route pattern (never the raw URL with its query), status, duration, the caller's role and the zone
 * when the request names one. Never a body, a header value or anything a person typed.
 */
export const accessLog: MiddlewareHandler<AppEnv> = async (c, next) => {
  const started = performance.now();
  const door = doorOf(c.req.path);
  await withMetrics(c.env?.METRICS, door, next, () => c.var.zone);
  // A problem thrown before any response existed (a validation failure, a 404) is a fresh Response:
  // the caller still gets the id its log line carries.
  if (!c.res.headers.has('x-request-id')) c.header('X-Request-Id', c.var.requestId);
  const fields = {
    route: c.req.routePath,
    status: c.res.status,
    ms: Math.round(performance.now() - started),
    zone: c.var.zone,
  };
  log(c.res.status >= 500 ? 'error' : 'info', 'request', {
    requestId: c.var.requestId,
    method: c.req.method,
    ...fields,
    role: c.var.caller?.role,
    door,
  });
  writeMetric(c.env?.METRICS, { name: 'request', door, ...fields });
};
