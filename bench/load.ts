// A bounded closed-loop load generator: N workers, each issuing one request after the other until
// the duration or the request count runs out, whichever comes first. Latency is taken around the
// whole request (performance.now), so it is what a client sees.
import { Agent, fetch } from 'undici';

/**
 * workerd closes a keep-alive connection after 5 s idle (measured: the server's FIN at 5,004 ms).
 * A client that picks such a socket as the server closes it sends its request into a closing
 * connection and is reset. Keeping idle sockets 1 s at most leaves a 4 s margin; a real client
 * behind Cloudflare's edge never talks to workerd's own socket.
 */
const dispatcher = new Agent({ keepAliveTimeout: 1_000, keepAliveMaxTimeout: 1_000 });

/**
 * A connection per request (`Connection: close`), for the rush. The 1 s margin above was not enough
 * on a slower machine: under the rush's opening burst workerd's event loop fell more than 5 s
 * behind, so a request sent 1–2 s after the previous answer on the same connection was still unread
 * when that connection's idle timer fired, and workerd closed it with the request in its buffer
 * (reset ~5.2 s after it was sent; TcpExtTCPAbortOnData counts them). The worker sees requests, not
 * connections: in production the edge holds the clients' connections.
 */
const connectionPerRequest = new Agent().compose(
  (dispatch) => (options, handler) => dispatch({ ...options, reset: true }, handler),
);

export interface Outcome {
  /** HTTP status as text ('200', '429'), or 'error:<what>' for a failure without a response. */
  status: string;
  /** SQL round trips the server reported (x-db-queries), when it did. */
  dbQueries?: number;
  /** The limiter's own time in the worker (Server-Timing: ratelimit;dur=N), when it reported one. */
  limiterMs?: number;
}

export interface LoadStats {
  requests: number;
  seconds: number;
  rps: number;
  p50: number;
  p90: number;
  p99: number;
  max: number;
  mean: number;
  statuses: Record<string, number>;
  dbQueries: Record<string, number>;
  /** Server-Timing ratelimit durations: how long the Durable Object check took inside the worker. */
  limiter?: { n: number; p50: number; p99: number };
}

export interface LoadOptions {
  concurrency: number;
  durationMs: number;
  /** Upper bound on requests, whatever the duration. */
  maxRequests: number;
}

/** Nearest-rank percentile of an ascending array. */
export function percentile(sorted: ArrayLike<number>, p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

export function summarise(
  latencies: number[],
  seconds: number,
  statuses: Record<string, number>,
  dbQueries: Record<string, number> = {},
): LoadStats {
  const sorted = Float64Array.from(latencies).sort();
  const sum = latencies.reduce((a, b) => a + b, 0);
  return {
    requests: latencies.length,
    seconds,
    rps: latencies.length / seconds,
    p50: percentile(sorted, 50),
    p90: percentile(sorted, 90),
    p99: percentile(sorted, 99),
    max: sorted.length ? sorted[sorted.length - 1] : Number.NaN,
    mean: latencies.length ? sum / latencies.length : Number.NaN,
    statuses,
    dbQueries,
  };
}

export const count = (histogram: Record<string, number>, key: string) => {
  histogram[key] = (histogram[key] ?? 0) + 1;
};

/** Runs the load; `record: false` is a warm-up (connections, JIT, caches) whose numbers are dropped. */
export async function runLoad(task: () => Promise<Outcome>, options: LoadOptions, record = true): Promise<LoadStats> {
  const latencies: number[] = [];
  const statuses: Record<string, number> = {};
  const dbQueries: Record<string, number> = {};
  const limiter: number[] = [];
  let issued = 0;
  const started = performance.now();
  const deadline = started + options.durationMs;
  const worker = async () => {
    while (issued < options.maxRequests && performance.now() < deadline) {
      issued += 1;
      const t0 = performance.now();
      let outcome: Outcome;
      try {
        outcome = await task();
      } catch (error) {
        outcome = { status: errorStatus(error) };
      }
      if (!record) continue;
      latencies.push(performance.now() - t0);
      count(statuses, outcome.status);
      if (outcome.dbQueries !== undefined) count(dbQueries, String(outcome.dbQueries));
      if (outcome.limiterMs !== undefined) limiter.push(outcome.limiterMs);
    }
  };
  await Promise.all(Array.from({ length: options.concurrency }, worker));
  return withLimiter(
    summarise(latencies, (performance.now() - started) / 1000, statuses, dbQueries),
    latencies,
    limiter,
  );
}

// The raw samples behind each result, kept out of results.json, so that segments can be combined.
const samples = new WeakMap<LoadStats, { latencies: number[]; limiter: number[] }>();

function withLimiter(stats: LoadStats, latencies: number[], limiter: number[]) {
  samples.set(stats, { latencies, limiter });
  if (limiter.length) {
    const sorted = Float64Array.from(limiter).sort();
    stats.limiter = { n: sorted.length, p50: percentile(sorted, 50), p99: percentile(sorted, 99) };
  }
  return stats;
}

/** A result from raw samples measured elsewhere (wrk's histogram), combinable like runLoad's. */
export function fromSamples(
  latencies: number[],
  seconds: number,
  statuses: Record<string, number>,
  dbQueries: Record<string, number>,
  limiter: number[],
): LoadStats {
  return withLimiter(summarise(latencies, seconds, statuses, dbQueries), latencies, limiter);
}

/** One result from several runs of the same load (e.g. segments alternated between two targets). */
export function combine(parts: LoadStats[]): LoadStats {
  const latencies = parts.flatMap((p) => samples.get(p)?.latencies ?? []);
  const limiter = parts.flatMap((p) => samples.get(p)?.limiter ?? []);
  const merge = (pick: (p: LoadStats) => Record<string, number>) => {
    const out: Record<string, number> = {};
    for (const p of parts) for (const [k, v] of Object.entries(pick(p))) out[k] = (out[k] ?? 0) + v;
    return out;
  };
  const seconds = parts.reduce((a, p) => a + p.seconds, 0);
  return withLimiter(
    summarise(
      latencies,
      seconds,
      merge((p) => p.statuses),
      merge((p) => p.dbQueries),
    ),
    latencies,
    limiter,
  );
}

/** One HTTP request, body read to the end (so the keep-alive connection is reusable). */
export async function httpRequest(
  url: string,
  init: {
    method?: string;
    headers?: Record<string, string>;
    body?: string;
    timeoutMs?: number;
    newConnection?: boolean;
  } = {},
) {
  const response = await fetch(url, {
    dispatcher: init.newConnection ? connectionPerRequest : dispatcher,
    method: init.method ?? 'GET',
    headers: init.headers,
    body: init.body,
    signal: AbortSignal.timeout(init.timeoutMs ?? 15_000),
  });
  const text = await response.text();
  const queries = response.headers.get('x-db-queries');
  const limiter = /ratelimit;dur=(\d+(?:\.\d+)?)/.exec(response.headers.get('server-timing') ?? '');
  return {
    status: response.status,
    headers: response.headers,
    text,
    dbQueries: queries === null ? undefined : Number(queries),
    limiterMs: limiter ? Number(limiter[1]) : undefined,
  };
}

/** A failure without a response, named briefly for the histogram (timeout, connection refused…). */
export function errorStatus(error: unknown): string {
  if (!(error instanceof Error)) return 'error:unknown';
  const cause = (error as { cause?: { code?: string } }).cause;
  return `error:${error.name === 'TimeoutError' ? 'timeout' : (cause?.code ?? error.name)}`;
}
