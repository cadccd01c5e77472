// `npm run bench`: the API against its own SQL on a national-scale dataset, all in one run.
// Search and booking through the full local stack (workerd → Neon driver → WebSocket
// proxy → Postgres) against the same SQL on a persistent pg pool (the ceiling); a rush of 2,000
// patients on 50 slots behind the rate limiter; SQL round trips per request; where the CPU goes.
import pg from 'pg';
import { execFileSync } from 'node:child_process';
import os from 'node:os';
import { addCpu, busyBeforeStart, diff, snapshot } from './cpu';
import { benchZones, createRushZone, machine, pickFreeSlots, prepare, rushOutcome, RUSH_SLOTS } from './db';
import { combine, httpRequest, runLoad, summarise, type LoadOptions, type Outcome } from './load';
import { lat, rps, statuses, writeResults } from './report';
import { rush, rushProblems } from './rush';
import { bundleWorker, root, startProxy, startWorker, stopAll, type Worker } from './stack';
import { printTables, type Measured, type ServerTimes } from './tables';
import { apiBooking, apiHealth, apiSearch, neonSearchViaProxy, sqlBooking, sqlSearch, sqlSearchNewConnection } from './tasks';
import { benchPatient, newSigner } from './tokens';
import { measureWebhookDelay } from './webhooks';

const DATABASE_URL = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/mpdcv_bench';
const CONCURRENCY = 8;
// Upstream connections the proxy opens at most (the rest queue), as a pooler's server pool would.
const PROXY_MAX_UPSTREAM = 60;
const SEARCH: LoadOptions = { concurrency: CONCURRENCY, durationMs: 10_000, maxRequests: 100_000 };
const SHORT: LoadOptions = { concurrency: CONCURRENCY, durationMs: 5_000, maxRequests: 50_000 };
// One client: the path's own latency, without the queueing that 8 clients on 2 cores add.
const SINGLE: LoadOptions = { concurrency: 1, durationMs: 3_000, maxRequests: 10_000 };
// Limiter off and on alternate in segments (ABBA), so that drift falls on both alike.
const SEGMENTS = 4;
const WARM_MS = 2_000;
const BOOKINGS = Number(process.env.BENCH_BOOKINGS ?? 500);
// One integrator booking every 100 ms beside the booking load, each followed to its webhook.
const WEBHOOK_INTERVAL_MS = 100;
const WEBHOOK_SLOTS = 300;
const BOOKING_WARMUP = 16;
// Bounded by count, and by time in case the stack stalls.
const BOOKING: LoadOptions = { concurrency: CONCURRENCY, durationMs: 60_000, maxRequests: BOOKINGS };
const RUSH_CLIENTS = Number(process.env.BENCH_RUSH_CLIENTS ?? 2_000);
// A rush this machine can absorb: separates "the rules hold under contention" from "enough capacity".
const CONTROL_RUSH_CLIENTS = 200;
const SEARCH_CALLERS = 2_000;

const say = (text: string) => console.log(`[${new Date().toISOString().slice(11, 19)}] ${text}`);

let stopping = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    say(`${signal}: stopping the workers and the proxy`);
    void stopAll().finally(() => process.exit(130));
  });
}

/** The worker's access log (one JSON line per request, with its own duration), for one phase. */
function serverTimes(w: Worker, from: number): ServerTimes {
  const ms: number[] = [];
  for (const line of w.linesSince(from)) {
    const at = line.indexOf('{"level"');
    if (at < 0) continue;
    try {
      const entry = JSON.parse(line.slice(at)) as { event?: string; ms?: number };
      if (entry.event === 'request' && typeof entry.ms === 'number') ms.push(entry.ms);
    } catch {
      // a line that only looks like JSON
    }
  }
  const s = summarise(ms, 1, {});
  return { requests: s.requests, p50: s.p50, p99: s.p99 };
}

/** Which code was measured: the commit, and how many files differed from it (others edit meanwhile). */
function codeVersion() {
  try {
    const git = (...args: string[]) => execFileSync('git', args, { cwd: root, encoding: 'utf8' }).trim();
    return { commit: git('rev-parse', '--short', 'HEAD'), changedFiles: git('--no-optional-locks', 'status', '--porcelain').split('\n').filter(Boolean).length };
  } catch {
    return { commit: 'unknown', changedFiles: -1 };
  }
}

async function main(): Promise<number> {
  const begun = Date.now();
  const othersBusy = await busyBeforeStart(1_000);
  say(`machine busy before start: ${(othersBusy * 100).toFixed(0)}% of ${os.cpus().length} cores, load average ${os.loadavg()[0].toFixed(1)}${othersBusy > 0.2 ? ' (WARNING: other work is running; figures will be disturbed)' : ''}`);
  say(`database ${DATABASE_URL.replace(/\/\/[^@]*@/, '//')}: migrate, clean previous bench runs, seed if needed (~40 s the first time)`);
  const prepared = await prepare(DATABASE_URL);
  say(`  cleaned ${JSON.stringify(prepared.cleaned)}; ${prepared.seeded ? `seeded in ${prepared.seedSeconds.toFixed(1)} s` : 'dataset already there'}`);
  const client = new pg.Client({ connectionString: DATABASE_URL });
  await client.connect();
  const pool = new pg.Pool({ connectionString: DATABASE_URL, max: CONCURRENCY });
  try {
    const info = await machine(client);
    const zones = await benchZones(client);
    say(`  ${info.dataset.slots.toLocaleString('en')} slots, ${info.dataset.sites} bench sites over ${zones.length} zones`);

    const signer = await newSigner();
    const code = codeVersion();
    const bundle = await bundleWorker();
    say(`worker bundled once from the working tree (commit ${code.commit}, ${code.changedFiles} files changed): both instances run this copy`);
    const proxy = await startProxy(PROXY_MAX_UPSTREAM);
    const vars = { DATABASE_URL, DB_PROXY: proxy.address, JWT_DEV_JWKS: JSON.stringify(signer.keys.publicJwks), EXPOSE_DB_STATS: '1' };
    say(`proxy on ${proxy.address}; starting two workers in workerd (limiter off / on)`);
    const [off, on] = await Promise.all([
      startWorker('off', bundle, { ...vars, RATE_LIMIT_ENABLED: '0' }),
      startWorker('on', bundle, { ...vars, RATE_LIMIT_ENABLED: '1' }),
    ]);
    say(`  off ${off.url}, on ${on.url} (${((Date.now() - begun) / 1000).toFixed(0)} s so far)`);
    const groups = () => ({ proxy: proxy.child.pid, 'worker-off': off.child.pid, 'worker-on': on.child.pid });

    const measure = async (name: string, task: () => Promise<Outcome>, options: LoadOptions, warm: LoadOptions | undefined, server?: Worker, print = true): Promise<Measured> => {
      if (warm) await runLoad(task, warm, false);
      const from = server?.mark() ?? 0;
      const before = snapshot(groups());
      const stats = await runLoad(task, options);
      // The same object, not a copy: combine() finds a result's raw samples by identity.
      const result: Measured = Object.assign(stats, { cpu: diff(before, snapshot(groups())), server: server ? serverTimes(server, from) : undefined });
      if (print) say(`  ${name}: ${stats.requests} req, ${rps(stats)}/s, p50/p99/max ${lat(stats)} ms, ${statuses(stats.statuses)}`);
      return result;
    };
    /** The same load on two instances, alternating A B B A… so that neither gets the warmer half. */
    const alternate = async (a: { name: string; task: () => Promise<Outcome>; server: Worker }, b: typeof a, options: LoadOptions): Promise<[Measured, Measured]> => {
      await runLoad(a.task, warmFor(options), false);
      await runLoad(b.task, warmFor(options), false);
      const from = [a.server.mark(), b.server.mark()];
      const segment = { ...options, durationMs: options.durationMs / SEGMENTS };
      const parts: [Measured[], Measured[]] = [[], []];
      for (let k = 0; k < SEGMENTS; k += 1) {
        const order = k % 2 === 0 ? [0, 1] : [1, 0];
        for (const i of order) parts[i].push(await measure('', [a, b][i].task, segment, undefined, undefined, false));
      }
      return [a, b].map((x, i) => {
        const stats = combine(parts[i]);
        say(`  ${x.name}: ${stats.requests} req, ${rps(stats)}/s, p50/p99/max ${lat(stats)} ms, ${statuses(stats.statuses)}`);
        return Object.assign(stats, { cpu: addCpu(parts[i].map((m) => m.cpu)), server: serverTimes(x.server, from[i]) });
      }) as [Measured, Measured];
    };
    const warmFor = (o: LoadOptions): LoadOptions => ({ ...o, durationMs: WARM_MS });

    // Tokens signed up front: signing must not run inside a timed loop.
    const searchTokens = await signer.patients('s', SEARCH_CALLERS);
    const probe = await httpRequest(`${on.url}/v1/slots?epci=${zones[0]}&limit=1`, { headers: { authorization: `Bearer ${searchTokens[0]}` } });
    const limiterActive = probe.headers.has('ratelimit-policy') || /ratelimit/i.test(probe.headers.get('server-timing') ?? '');
    say(`limiter on the ON instance: ${limiterActive ? 'active (RateLimit headers present)' : 'NOT active (no RateLimit headers: RATE_LIMIT_ENABLED not wired yet?)'}`);

    // d. Round trips of one search, one hold, one booking (x-db-queries).
    const [rtSlot] = await pickFreeSlots(client, 1);
    const rtAuth = { authorization: `Bearer ${await signer.sign('patient', 'bench-rt0')}` };
    const rtSearch = await httpRequest(`${off.url}/v1/slots?epci=${zones[0]}&limit=20`, { headers: rtAuth });
    const rtHold = await httpRequest(`${off.url}/v1/holds`, { method: 'POST', headers: { ...rtAuth, 'content-type': 'application/json' }, body: JSON.stringify({ slotId: rtSlot.id }) });
    const holdId = rtHold.status === 201 ? (JSON.parse(rtHold.text) as { id: string }).id : undefined;
    const rtBooking = await httpRequest(`${off.url}/v1/bookings`, {
      method: 'POST',
      headers: { ...rtAuth, 'content-type': 'application/json', 'idempotency-key': crypto.randomUUID() },
      body: JSON.stringify({ holdId, noOverbilling: true, patient: benchPatient(300_000) }),
    });
    const roundTrips = {
      search: { status: rtSearch.status, queries: rtSearch.dbQueries ?? null },
      hold: { status: rtHold.status, queries: rtHold.dbQueries ?? null },
      booking: { status: rtBooking.status, queries: rtBooking.dbQueries ?? null },
    };
    say(`round trips: ${JSON.stringify(roundTrips)}`);

    // a. Search: API (limiter off, then on: the limiter's cost) vs the same SQL on a pooled connection.
    say(`search, ${CONCURRENCY} concurrent, ${SEARCH.durationMs / 1000} s each after ${WARM_MS / 1000} s warm-up, round-robin over ${zones.length} zones and ${SEARCH_CALLERS} patients; limiter off/on in ${SEGMENTS} alternating segments`);
    const [searchOff, searchOn] = await alternate(
      { name: 'API, limiter off', task: apiSearch(off.url, zones, searchTokens), server: off },
      { name: 'API, limiter on', task: apiSearch(on.url, zones, searchTokens), server: on },
      SEARCH,
    );
    const searchSql = await measure('SQL, pg pool (ceiling)', sqlSearch(pool, zones), SEARCH, warmFor(SEARCH));
    const singleApi = await measure('API, limiter off, 1 client', apiSearch(off.url, zones, searchTokens), SINGLE, { ...SINGLE, durationMs: 500 }, off);
    const singleSql = await measure('SQL, pg pool, 1 client', sqlSearch(pool, zones), SINGLE, { ...SINGLE, durationMs: 500 });
    say('where the time goes (5 s each)');
    const health = await measure('GET /health (no SQL)', apiHealth(off.url), SHORT, { ...SHORT, durationMs: 1_000 });
    const newConnection = await measure('SQL, new TCP connection per search', sqlSearchNewConnection(DATABASE_URL, zones), SHORT, { ...SHORT, durationMs: 1_000 });
    const viaProxy = await measure('SQL, Neon Pool per search via WS proxy (Node)', neonSearchViaProxy(DATABASE_URL, proxy.address, zones), SHORT, { ...SHORT, durationMs: 1_000 });

    // b. Booking: distinct free slots across zones, one patient, token and key each.
    const picked = await pickFreeSlots(client, 2 * (BOOKINGS + BOOKING_WARMUP) + WEBHOOK_SLOTS);
    const apiSlots = picked.slice(0, BOOKINGS + BOOKING_WARMUP);
    const sqlSlots = picked.slice(BOOKINGS + BOOKING_WARMUP, 2 * (BOOKINGS + BOOKING_WARMUP));
    const webhookSlots = picked.slice(2 * (BOOKINGS + BOOKING_WARMUP));
    say(`booking, ${BOOKINGS} distinct slots over ${new Set(picked.map((s) => s.epci_siren)).size} zones, ${CONCURRENCY} concurrent (after ${BOOKING_WARMUP} unrecorded)`);
    const bookingTokens = await signer.patients('b', BOOKINGS + BOOKING_WARMUP);
    const bookApi = apiBooking(off.url, apiSlots, bookingTokens, 0);
    const bookingPhase = measure('API, limiter off', bookApi, BOOKING, { ...BOOKING, maxRequests: BOOKING_WARMUP }, off);
    const webhookDelay = await measureWebhookDelay({ url: off.url, signer, slots: webhookSlots, intervalMs: WEBHOOK_INTERVAL_MS, patientBase: 500_000, until: bookingPhase });
    const bookingApi = await bookingPhase;
    say(`  webhook delay, booking's 201 → receiver, under that load: ${webhookDelay.received}/${webhookDelay.booked} received, p50/p99/max ${webhookDelay.p50}/${webhookDelay.p99}/${webhookDelay.max} ms (${webhookDelay.note})`);
    const bookSql = sqlBooking(pool, sqlSlots, 100_000, 'c');
    const bookingSql = await measure('SQL, pg pool (ceiling)', bookSql, BOOKING, { ...BOOKING, maxRequests: BOOKING_WARMUP });

    // c. The rush, on the limiter-on instance: first a small control rush, then the real one.
    const rushOn = async (k: number, clients: number, prefix: string, patientBase: number) => {
      const zone = await createRushZone(client, k);
      const tokens = await signer.patients(prefix, clients);
      say(`rush: ${clients} patients at once on zone ${zone.siren} (${zone.slots} free slots), limiter-on instance`);
      const from = on.mark();
      const before = snapshot(groups());
      const result = await rush({ url: on.url, zone: zone.siren, tokens, patientBase, maxAttempts: 20, maxRequestsPerClient: 60, maxMs: 90_000, retryCapMs: 60_000, timeoutMs: 30_000 });
      const cpu = diff(before, snapshot(groups()));
      const truth = await rushOutcome(client, zone.siren);
      say(`  ${result.booked} booked (${result.replayed} replays) in ${result.seconds.toFixed(1)} s; SQL: ${JSON.stringify(truth)}`);
      return { zone: zone.siren, ...result, sql: truth, cpu, server: serverTimes(on, from) };
    };
    const control = await rushOn(0, CONTROL_RUSH_CLIENTS, 'k', 400_000);
    const rushed = await rushOn(1, RUSH_CLIENTS, 'r', 200_000);

    const problems = [...rushProblems(`rush ${CONTROL_RUSH_CLIENTS}`, control), ...rushProblems(`rush ${RUSH_CLIENTS}`, rushed)];

    printTables({ concurrency: CONCURRENCY, segments: SEGMENTS, limiterActive, roundTrips, searchOff, searchOn, searchSql, singleApi, singleSql,
      health, newConnection, viaProxy, bookingApi, bookingSql, control, rushed });

    const file = writeResults({
      date: new Date().toISOString(),
      code,
      ...info,
      config: {
        concurrency: CONCURRENCY, searchSeconds: SEARCH.durationMs / 1000, warmupSeconds: WARM_MS / 1000, bookings: BOOKINGS,
        rushClients: RUSH_CLIENTS, controlRushClients: CONTROL_RUSH_CLIENTS, rushSlots: RUSH_SLOTS, proxyMaxUpstream: PROXY_MAX_UPSTREAM, zones: zones.length,
        client: 'Node global fetch (undici keep-alive)', worker: 'the wrangler bundle in workerd via Miniflare (bench/worker-process.ts), output to bench/worker-*.log',
      },
      prepared,
      limiterActive,
      roundTrips,
      search: {
        api: searchOff, apiLimiterOn: searchOn, ceiling: searchSql, ratioP50: searchOff.p50 / searchSql.p50, ratioRps: searchSql.rps / searchOff.rps,
        oneClient: { api: singleApi, ceiling: singleSql, ratioP50: singleApi.p50 / singleSql.p50 },
      },
      limiterCostP50Ms: searchOn.p50 - searchOff.p50,
      limiterCheckInWorker: searchOn.limiter ?? null,
      decomposition: { health, sqlNewConnection: newConnection, neonPoolViaProxy: viaProxy },
      webhookDelay,
      booking: { api: bookingApi, ceiling: bookingSql, ratioP50: bookingApi.p50 / bookingSql.p50, ratioRps: bookingSql.rps / bookingApi.rps },
      rushControl: control,
      rush: rushed,
      busyBeforeStart: othersBusy,
      loadAverage: os.loadavg(),
      problems,
      totalSeconds: (Date.now() - begun) / 1000,
    });
    console.log(`\nresults: ${file} (${((Date.now() - begun) / 1000).toFixed(0)} s in all)`);
    if (problems.length) {
      console.error(`\nFAILED: ${problems.join('; ')}`);
      return 1;
    }
    return 0;
  } finally {
    await pool.end();
    await client.end();
  }
}

let code = 1;
try {
  code = await main();
} catch (error) {
  console.error(error instanceof Error ? error.stack ?? error.message : error);
} finally {
  await stopAll();
}
process.exit(code);
