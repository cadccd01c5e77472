// Counters for operators, per zone and door, written to Workers Analytics Engine (the METRICS
// binding; queries in docs/operating.md). A data point is ids and codes only, never personal data.
// Writing never fails the work it counts: no binding, or a binding that throws, is a no-op. An
// invocation may write at most 250 points: batch work writes one point per batch (or per zone).
import { AsyncLocalStorage } from 'node:async_hooks';
import { log } from './log';

/** Where a request came in; background work (the Queue consumer, the cron) is `background`. */
export type Door = 'api' | 'fhir' | 'pages' | 'agent' | 'background';

/** `request` is one per HTTP request (its status and duration); the others count what happened. */
export type MetricName = 'request' | 'booking' | 'webhook_failed' | 'message_failed' | 'offer_expired';

export interface MetricPoint {
  name: MetricName;
  door: Door;
  /** An EPCI SIREN, a département key (dep-75) or a limiter key; undefined when the work names none. */
  zone?: string;
  /** Requests: Hono's route pattern, never the URL. */
  route?: string;
  status?: number;
  ms?: number;
  count?: number;
}

/**
 * The columns, in the order the SQL API names them: blob1 name, blob2 zone, blob3 door, blob4 route;
 * double1 count, double2 status, double3 ms; the index (sampling key) is the name, so that rare
 * counters are never sampled away among requests.
 */
export function writeMetric(dataset: AnalyticsEngineDataset | undefined, point: MetricPoint): void {
  if (!dataset) return;
  try {
    dataset.writeDataPoint({
      indexes: [point.name],
      blobs: [point.name, point.zone ?? '', point.door, point.route ?? ''],
      doubles: [point.count ?? 1, point.status ?? 0, point.ms ?? 0],
    });
  } catch (error) {
    log('warn', 'metric_not_written', {
      metric: point.name,
      error: error instanceof Error ? error.message : String(error),
    });
  }
}

export function doorOf(path: string): Door {
  if (path === '/fhir' || path.startsWith('/fhir/')) return 'fhir';
  if (path === '/agent' || path.startsWith('/agent/')) return 'agent';
  if (/^\/(v1|health|ready|openapi\.json|problems|docs)(\/|$)/.test(path)) return 'api';
  return 'pages';
}

interface Scope {
  dataset: AnalyticsEngineDataset | undefined;
  door: Door;
  /** The request's zone once known (the rate limiter's), for counters that name none themselves. */
  zone: () => string | undefined;
}

// The work in progress (a request, a Queue batch, a cron run) carries its binding and door, so that
// core and events count with one line and never learn which door called them.
const scopes = new AsyncLocalStorage<Scope>();

export function withMetrics<T>(
  dataset: AnalyticsEngineDataset | undefined,
  door: Door,
  run: () => T,
  zone: () => string | undefined = () => undefined,
): T {
  return scopes.run({ dataset, door, zone }, run);
}

/** Counts `name` in the current request or job; outside one, nothing is written. */
export function countMetric(name: Exclude<MetricName, 'request'>, zone?: string, count = 1): void {
  const scope = scopes.getStore();
  if (!scope || count <= 0) return;
  writeMetric(scope.dataset, { name, door: scope.door, zone: zone ?? scope.zone(), count });
}

/** One point per zone for a batch's items (each item's zone, or undefined). */
export function countMetricByZone(name: Exclude<MetricName, 'request'>, zones: Array<string | undefined>): void {
  const counts = new Map<string | undefined, number>();
  for (const zone of zones) counts.set(zone, (counts.get(zone) ?? 0) + 1);
  for (const [zone, count] of counts) countMetric(name, zone, count);
}
