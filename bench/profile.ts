// `npm run bench:profile`: where the worker's CPU goes per request. The bench's stack (proxy,
// PgBouncer, the deploy bundle in workerd, limiter on as in production), a V8 CPU profile of the
// worker's isolate through workerd's inspector while wrk sends one kind of request, and each
// sample charged to the module its code came from (the bundle's `// path` markers): the Neon
// driver, jose, zod, Hono, Drizzle, the limiter, JSON, our own code, and "(program)", the runtime
// outside JavaScript (HTTP, WebSockets, WebCrypto). Prints a table and writes bench/profile.json.
import { readFileSync, writeFileSync } from 'node:fs';
import pg from 'pg';
import WebSocket from 'ws';
import { findPgBouncer, startPgBouncer, type PgBouncer } from '../scripts/db/pgbouncer';
import { benchZones, pickFreeSlots, prepare } from './db';
import { table } from './report';
import { bookingBatches, searchRequests } from './tasks';
import { answerAtOnce, bundleWorker, freePort, startProxy, startWorker, runAndStop } from './stack';
import { newSigner } from './tokens';
import { ensureWrk, requestFile, runWrk, runWrkOn, type HttpRequestSpec } from './wrk';

const DATABASE_URL = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/mpdcv_bench';
const SECONDS = Number(process.env.PROFILE_SECONDS ?? 6);
const CONCURRENCY = 4;
const FLOOR = 'workerd and Miniflare (a worker answering at once)';
/** The bundle's script name in the profile's frames. */
const BUNDLE_NAME = 'index.js';

/** Module of each line of the bundle, from esbuild's `// node_modules/x/…` and `// src/…` markers. */
function moduleOfLine(script: string): (line: number) => string {
  const starts: Array<[number, string]> = [];
  script.split('\n').forEach((text, i) => {
    const m = /^\/\/ ((?:node_modules|src)\/\S+)$/.exec(text);
    if (m) starts.push([i, m[1]]);
  });
  return (line) => {
    let lo = 0;
    let hi = starts.length - 1;
    let found = '(bundle)';
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (starts[mid][0] <= line) {
        found = starts[mid][1];
        lo = mid + 1;
      } else hi = mid - 1;
    }
    return found;
  };
}

const CATEGORIES: Array<[RegExp, string]> = [
  [/node_modules\/@neondatabase\//, 'Neon driver (connection, protocol)'],
  [/node_modules\/jose\/|src\/auth\/|src\/middleware\/auth/, 'JWT verification'],
  [
    /src\/durable-objects\/|src\/middleware\/rate-limit|src\/domain\/token-bucket/,
    'rate limiter (worker and Durable Object)',
  ],
  [/node_modules\/drizzle-orm\//, 'Drizzle (SQL building, row mapping)'],
  [/node_modules\/(zod|@hono\/zod-openapi|@asteasolutions)\//, 'validation (zod)'],
  [/node_modules\/libphonenumber/, 'phone numbers (libphonenumber)'],
  [/node_modules\/hono\//, 'Hono (routing, middleware, responses)'],
  [/^src\//, 'application code'],
  [/node_modules\//, 'other libraries'],
];

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

/** Milliseconds sampled per category (and per module, in `modules`): each sample charged to its innermost frame that has a module. */
function breakdown(
  profile: Profile,
  moduleOf: (line: number) => string,
  modules: Record<string, number>,
): Record<string, number> {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const categoryOf = new Map<number, string>();
  const moduleOfNode = new Map<number, string>();
  const categorise = (id: number): string => {
    const cached = categoryOf.get(id);
    if (cached) return cached;
    const { functionName, url, lineNumber } = byId.get(id)!.callFrame;
    let category: string;
    if (functionName === '(idle)') category = '(idle)';
    else if (functionName === '(program)') category = '(program): runtime outside JavaScript';
    else if (functionName === '(garbage collector)') category = 'garbage collection';
    else if (!url && (functionName === 'stringify' || functionName === 'parse')) category = 'JSON (serialisation)';
    // Only the bundle's lines map to its modules. workerd's own Node.js polyfills (node:buffer and
    // the like, url "node-internal:…") count, like builtins, for the code that called them.
    else if (url === BUNDLE_NAME) {
      const module = moduleOf(lineNumber);
      moduleOfNode.set(id, module);
      category = CATEGORIES.find(([re]) => re.test(module))?.[1] ?? 'application code';
    } else {
      const up = parent.get(id);
      category =
        up === undefined || byId.get(up)!.callFrame.functionName === '(root)' ? 'runtime builtins' : categorise(up);
    }
    categoryOf.set(id, category);
    return category;
  };
  const out: Record<string, number> = {};
  profile.samples.forEach((id, i) => {
    const c = categorise(id);
    const ms = (profile.timeDeltas[i] ?? 0) / 1000;
    out[c] = (out[c] ?? 0) + ms;
    let up: number | undefined = id;
    while (up !== undefined && !moduleOfNode.has(up)) up = parent.get(up);
    const module = up === undefined ? c : moduleOfNode.get(up)!;
    if (c !== '(idle)') modules[module] = (modules[module] ?? 0) + ms;
  });
  return out;
}

/** The worker's isolate through the inspector: Profiler.start, the load, Profiler.stop. */
async function profiled<T>(inspectorPort: number, during: () => Promise<T>): Promise<{ result: T; profile: Profile }> {
  const targets = (await (await fetch(`http://127.0.0.1:${inspectorPort}/json/list`)).json()) as Array<{
    webSocketDebuggerUrl: string;
    title?: string;
  }>;
  const target = targets.find((t) => !/^core:/.test(t.title ?? '')) ?? targets[0];
  const ws = new WebSocket(target.webSocketDebuggerUrl);
  await new Promise((resolve, reject) => ws.once('open', resolve).once('error', reject));
  let next = 1;
  const pending = new Map<number, (v: unknown) => void>();
  ws.on('message', (data: Buffer) => {
    const message = JSON.parse(data.toString('utf8')) as { id?: number; result?: unknown };
    if (message.id !== undefined) pending.get(message.id)?.(message.result);
  });
  const send = (method: string, params: Record<string, unknown> = {}) =>
    new Promise<unknown>((resolve) => {
      const id = next++;
      pending.set(id, resolve);
      ws.send(JSON.stringify({ id, method, params }));
    });
  await send('Profiler.enable');
  await send('Profiler.setSamplingInterval', { interval: 200 });
  await send('Profiler.start');
  const result = await during();
  const { profile } = (await send('Profiler.stop')) as { profile: Profile };
  ws.close();
  return { result, profile };
}

async function main() {
  await prepare(DATABASE_URL);
  const client = new pg.Client({ connectionString: DATABASE_URL });
  await client.connect();
  let pooler: PgBouncer | undefined;
  const files: Array<{ remove(): void }> = [];
  try {
    const zones = await benchZones(client);
    const signer = await newSigner();
    const wrk = ensureWrk();
    const bundle = await bundleWorker();
    const moduleOf = moduleOfLine(readFileSync(bundle.script, 'utf8'));
    const proxy = await startProxy(500);
    const binary = findPgBouncer();
    if (binary && process.env.BENCH_POOLER !== 'off') pooler = await startPgBouncer(DATABASE_URL, binary);
    const inspectorPort = await freePort();
    const vars = {
      DATABASE_URL: pooler?.url ?? DATABASE_URL,
      DB_PROXY: proxy.address,
      JWT_DEV_JWKS: JSON.stringify(signer.keys.publicJwks),
      RATE_LIMIT_ENABLED: '1',
    };
    const worker = await startWorker('profile', bundle, vars, inspectorPort);
    // The same configuration and requests, answered at once: workerd's and Miniflare's own cost.
    const floor = await startWorker('profile-floor', answerAtOnce(bundle), vars);
    const tokens = await signer.patients('p', 2_000);
    const slots = await pickFreeSlots(client, 4_000);
    const bookings = bookingBatches(slots, await signer.patients('pb', slots.length), 1_000, 500_000);
    // A new caller each request, as in a rush's first second: every token is verified cold.
    let fresh = 0;
    const newCallers = async () => searchRequests(zones, await signer.patients(`pn${(fresh += 1)}`, 1_500));
    const loads: Array<[string, () => HttpRequestSpec[] | Promise<HttpRequestSpec[]>, number]> = [
      ['GET /health', () => [{ method: 'GET', path: '/health' }], CONCURRENCY],
      ['GET /v1/slots (search)', () => searchRequests(zones, tokens), CONCURRENCY],
      ['GET /v1/slots, 1 client', () => searchRequests(zones, tokens), 1],
      ['GET /v1/slots, new callers', newCallers, CONCURRENCY],
      ['POST /v1/bookings', bookings, CONCURRENCY],
    ];
    const rows: Record<
      string,
      {
        requests: number;
        workerdCpuMsPerRequest: number;
        p50: number;
        p99: number;
        profiledMsPerRequest: Record<string, number>;
        topModules: Record<string, number>;
      }
    > = {};
    for (const [name, requestsFor, concurrency] of loads) {
      const fileFor = async () => {
        const file = requestFile(await requestsFor());
        files.push(file);
        return file;
      };
      const options = { concurrency, durationMs: SECONDS * 1000, maxRequests: 1_000_000 };
      // A new list for every run: the same tokens (known after the first run) or, for new callers and
      // bookings, new ones. 3 s of warm-up: the first loads otherwise pay for V8 still optimising.
      await runWrk(wrk, worker.url, await fileFor(), { ...options, durationMs: 3_000 });
      // Without the profiler first (its sampling costs CPU), for the workerd CPU per request.
      const plain = await runWrkOn(wrk, worker, await fileFor(), options);
      const floorMs = (await runWrkOn(wrk, floor, await fileFor(), options)).workerdMsPerRequest;
      const again = await fileFor();
      const { profile } = await profiled(inspectorPort, () => runWrk(wrk, worker.url, again, options));
      // The raw profile, for DevTools or a closer look than the modules (git-ignored).
      writeFileSync(
        new URL(`./profile-${name.replace(/[^A-Za-z0-9]+/g, '-').toLowerCase()}.cpuprofile`, import.meta.url),
        JSON.stringify(profile),
      );
      const modules: Record<string, number> = {};
      const per = breakdown(profile, moduleOf, modules);
      delete per['(idle)'];
      // V8 samples on a wall clock: on a busy machine a sample also counts time the thread waited
      // for a core. So the profile gives shares, and /proc the CPU they are shares of: the
      // process's CPU less what the same requests cost a worker that answers at once (Miniflare's
      // entry and asset-router workers, workerd's HTTP; they run in other isolates than the one
      // profiled). That floor is measured at its own, higher, rate: an approximation.
      const sampled = Object.values(per).reduce((a, b) => a + b, 0);
      const processMs = plain.workerdMsPerRequest;
      const msPerSampled = Math.max(0, processMs - floorMs) / sampled;
      const parts: Record<string, number> = { [FLOOR]: floorMs };
      for (const [part, ms] of Object.entries(per)) parts[part] = ms * msPerSampled;
      rows[name] = {
        requests: plain.requests,
        workerdCpuMsPerRequest: processMs,
        p50: plain.p50,
        p99: plain.p99,
        profiledMsPerRequest: Object.fromEntries(Object.entries(parts).sort(([, a], [, b]) => b - a)),
        topModules: Object.fromEntries(
          Object.entries(modules)
            .sort(([, a], [, b]) => b - a)
            .slice(0, 15)
            .map(([k, v]) => [k, v * msPerSampled]),
        ),
      };
      console.log(
        `${name}: ${plain.requests} requests, ${processMs.toFixed(2)} ms workerd CPU each (${floorMs.toFixed(2)} answering at once), p50 ${plain.p50.toFixed(2)} ms; ${JSON.stringify(plain.statuses)}`,
      );
    }
    const names = Object.keys(rows);
    const categories = [...new Set(names.flatMap((n) => Object.keys(rows[n].profiledMsPerRequest)))];
    const total = (n: string) => Object.values(rows[n].profiledMsPerRequest).reduce((a, b) => a + b, 0);
    table(
      "Worker CPU per request by part, ms: workerd's CPU per request (/proc, without the profiler) split by the shares of a V8 CPU profile of the isolate",
      ['part', ...names],
      [
        ...categories.map((c) => [c, ...names.map((n) => (rows[n].profiledMsPerRequest[c] ?? 0).toFixed(3))]),
        ['workerd process CPU (/proc)', ...names.map((n) => total(n).toFixed(3))],
        ['p50 / p99 latency ms', ...names.map((n) => `${rows[n].p50.toFixed(2)} / ${rows[n].p99.toFixed(2)}`)],
      ],
    );
    const out = new URL('./profile.json', import.meta.url);
    writeFileSync(
      out,
      `${JSON.stringify({ date: new Date().toISOString(), pooler: Boolean(pooler), seconds: SECONDS, concurrency: CONCURRENCY, rows }, null, 2)}\n`,
    );
    console.log(`\n${out.pathname}`);
  } finally {
    await client.end();
    await pooler?.stop();
    for (const f of files) f.remove();
  }
}

await runAndStop(main);
