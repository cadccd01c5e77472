// `npm run bench`: the API against its own SQL on a national-scale dataset, all in one run.
// Search and booking through the full local stack (workerd → Neon driver → WebSocket
// proxy → PgBouncer → Postgres, as Neon's pooled endpoint) against the same SQL on a persistent pg
// pool (the ceiling); a rush of 2,000 patients on 50 slots behind the rate limiter; SQL round trips
// per request; where the CPU goes. The HTTP load runs in wrk, so that the client costs little.
import pg from 'pg';
import { execFileSync } from 'node:child_process';
import os from 'node:os';
import { addCpu, busyBeforeStart, diff, snapshot } from './cpu';
import { benchZones, createRushZone, machine, pickFreeSlots, prepare, rushOutcome, RUSH_SLOTS } from './db';
import { combine, httpRequest, runLoad, summarise, type LoadOptions, type LoadStats, type Outcome } from './load';
import { lat, rps, statuses, writeResults } from './report';
import { rush, rushProblems } from './rush';
import { bareWorker, bundleWorker, root, startProxy, runAndStop, startWorker, stopAll, type Worker } from './stack';
import { printBareTable, printTables, workerdMs, type Measured, type ServerTimes } from './tables';
import {
  bareBookings,
  bareSearch,
  bareSearchRequests,
  bookingRequests,
  neonSearchViaProxy,
  searchRequests,
  sqlBooking,
  sqlSearch,
  sqlSearchNewConnection,
} from './tasks';
import { benchPatient, newSigner } from './tokens';
import { ensureWrk, requestFile, runWrk } from './wrk';
import { findPgBouncer, startPgBouncer, type PgBouncer } from '../scripts/db/pgbouncer';
import { measureWebhookDelay } from './webhooks';

const DATABASE_URL = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/mpdcv_bench';
// BENCH_POOLER=off: the worker straight to Postgres, a new backend per request (the old path).
const POOLER = process.env.BENCH_POOLER !== 'off';
// BENCH_SCALE=0.2 and the like: shorter phases and fewer bookings, for trying changes (not for figures).
const SCALE = Math.min(1, Math.max(0.05, Number(process.env.BENCH_SCALE ?? 1) || 1));
const scaled = (v: number) => Math.max(1, Math.round(v * SCALE));
const CONCURRENCY = 8;
// Upstream connections the proxy opens at most (the rest queue). Through PgBouncer they are its
// clients, which it queues itself onto its 20 server connections.
const PROXY_MAX_UPSTREAM = POOLER ? 500 : 60;
// wrk runs whole seconds.
const SEARCH: LoadOptions = {
  concurrency: CONCURRENCY,
  durationMs: Math.max(4_000, scaled(12_000)),
  maxRequests: 1_000_000,
};
const SHORT: LoadOptions = {
  concurrency: CONCURRENCY,
  durationMs: Math.max(1_000, scaled(5_000)),
  maxRequests: 1_000_000,
};
// One client: the path's own latency, without the queueing that 8 clients on 2 cores add.
const SINGLE: LoadOptions = { concurrency: 1, durationMs: Math.max(1_000, scaled(3_000)), maxRequests: 1_000_000 };
// Limiter off and on alternate in segments (ABBA), so that drift falls on both alike.
const SEGMENTS = 4;
const WARM_MS = 2_000;
// Bookings for a duration (wrk has no request count), each on a slot of its own: enough distinct
// slots for the SQL ceiling's rate; the API's list is the same length.
const BOOKING: LoadOptions = {
  concurrency: CONCURRENCY,
  durationMs: Math.max(2_000, scaled(6_000)),
  maxRequests: 1_000_000,
};
const BOOKING_SLOTS = Math.max(1_000, scaled(6_000));
// The API's and the bare Worker's bookings alternate like the searches: each run (a warm-up, then
// SEGMENTS) gets a list of slots of its own, since wrk starts its list again at every run.
const PAIR_BATCH = Math.max(200, scaled(600));
const PAIR_SLOTS = (SEGMENTS + 1) * PAIR_BATCH;
const BOOKING_WARMUP: LoadOptions = { concurrency: CONCURRENCY, durationMs: 1_000, maxRequests: 1_000_000 };
const RUSH_CLIENTS = Number(process.env.BENCH_RUSH_CLIENTS ?? scaled(2_000));
// One integrator booking every 100 ms beside the booking load, each followed to its webhook.
const WEBHOOK_INTERVAL_MS = 100;
const WEBHOOK_SLOTS = 300;
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

/** A phase's figures for decomposition.bareWorker: workerd's CPU per request from `group`'s processes. */
const bareFigures = (m: Measured, group: string) => ({
  requests: m.requests,
  rps: m.rps,
  p50: m.p50,
  p99: m.p99,
  statuses: m.statuses,
  workerdCpuMs: workerdMs(m, group),
});

/** Load through wrk or through a Node function: both give stats, wrk also its own CPU. */
type Load = (options: LoadOptions, record: boolean) => Promise<LoadStats & { clientCpuSeconds?: number }>;
const nodeLoad =
  (task: () => Promise<Outcome>): Load =>
  (options, record) =>
    runLoad(task, options, record);

/** The pooler, when asked for: PgBouncer installed from Debian's archive if missing and we are root. */
async function startPooler(): Promise<PgBouncer | undefined> {
  if (!POOLER) return undefined;
  let binary = findPgBouncer();
  if (!binary && process.getuid?.() === 0) {
    say('PgBouncer is missing: installing the Debian package');
    execFileSync(
      'sh',
      [
        '-c',
        'apt-get install -y -q pgbouncer >/dev/null || (apt-get update -q >/dev/null && apt-get install -y -q pgbouncer >/dev/null)',
      ],
      { stdio: 'inherit' },
    );
    binary = findPgBouncer();
  }
  if (!binary) throw new Error('PgBouncer is missing (apt-get install -y pgbouncer), or run with BENCH_POOLER=off');
  return startPgBouncer(DATABASE_URL, binary);
}

/** Which code was measured: the commit, and how many files differed from it (others edit meanwhile). */
function codeVersion() {
  try {
    const git = (...args: string[]) => execFileSync('git', args, { cwd: root, encoding: 'utf8' }).trim();
    return {
      commit: git('rev-parse', '--short', 'HEAD'),
      changedFiles: git('--no-optional-locks', 'status', '--porcelain').split('\n').filter(Boolean).length,
    };
  } catch {
    return { commit: 'unknown', changedFiles: -1 };
  }
}

async function main(): Promise<number> {
  const begun = Date.now();
  const othersBusy = await busyBeforeStart(1_000);
  say(
    `machine busy before start: ${(othersBusy * 100).toFixed(0)}% of ${os.cpus().length} cores, load average ${os.loadavg()[0].toFixed(1)}${othersBusy > 0.2 ? ' (WARNING: other work is running; figures will be disturbed)' : ''}`,
  );
  say(
    `database ${DATABASE_URL.replace(/\/\/[^@]*@/, '//')}: migrate, clean previous bench runs, seed if needed (~40 s the first time)`,
  );
  const prepared = await prepare(DATABASE_URL);
  say(
    `  cleaned ${JSON.stringify(prepared.cleaned)}; ${prepared.seeded ? `seeded in ${prepared.seedSeconds.toFixed(1)} s` : 'dataset already there'}`,
  );
  const client = new pg.Client({ connectionString: DATABASE_URL });
  await client.connect();
  const pool = new pg.Pool({ connectionString: DATABASE_URL, max: CONCURRENCY });
  let pooler: PgBouncer | undefined;
  const files: Array<{ remove(): void }> = [];
  try {
    const info = await machine(client);
    const zones = await benchZones(client);
    say(
      `  ${info.dataset.slots.toLocaleString('en')} slots, ${info.dataset.sites} bench sites over ${zones.length} zones`,
    );

    const signer = await newSigner();
    const code = codeVersion();
    const bundle = await bundleWorker();
    const bare = await bareWorker(bundle);
    say(
      `worker bundled once from the working tree (commit ${code.commit}, ${code.changedFiles} files changed): both instances run this copy`,
    );
    // Every slot a phase books, picked at once so that no two phases share one: the round trips'
    // one, then warm-up, API, SQL, the webhook integrator, and the API and bare Worker alternated.
    const picked = await pickFreeSlots(client, 1 + 3 * BOOKING_SLOTS + WEBHOOK_SLOTS + 2 * PAIR_SLOTS);
    const rtSlot = picked[0];
    const [warmSlots, apiSlots, sqlSlots] = [0, 1, 2].map((k) =>
      picked.slice(1 + k * BOOKING_SLOTS, 1 + (k + 1) * BOOKING_SLOTS),
    );
    let rest = picked.slice(1 + 3 * BOOKING_SLOTS);
    const webhookSlots = rest.slice(0, WEBHOOK_SLOTS);
    rest = rest.slice(WEBHOOK_SLOTS);
    const [pairApiSlots, bareSlots] = [rest.slice(0, PAIR_SLOTS), rest.slice(PAIR_SLOTS, 2 * PAIR_SLOTS)];
    const bareBook = await bareBookings(bareSlots, 4 * BOOKING_SLOTS, 'bare');
    const wrk = ensureWrk();
    const proxy = await startProxy(PROXY_MAX_UPSTREAM);
    pooler = await startPooler();
    const vars = {
      DATABASE_URL: pooler?.url ?? DATABASE_URL,
      DB_PROXY: proxy.address,
      JWT_DEV_JWKS: JSON.stringify(signer.keys.publicJwks),
      EXPOSE_DB_STATS: '1',
    };
    say(
      `proxy on ${proxy.address}; ${pooler ? `PgBouncer (transaction mode) on port ${pooler.port}` : 'NO pooler (BENCH_POOLER=off): a new backend per request'}; starting three workers in workerd (limiter off / on, and the bare worker)`,
    );
    const [off, on, bareOne] = await Promise.all([
      startWorker('off', bundle, { ...vars, RATE_LIMIT_ENABLED: '0' }),
      startWorker('on', bundle, { ...vars, RATE_LIMIT_ENABLED: '1' }),
      startWorker('bare', bare, {
        DATABASE_URL: vars.DATABASE_URL,
        DB_PROXY: vars.DB_PROXY,
        BARE_SEARCH: bareSearch(),
        BARE_BOOKING_SQL: bareBook.sql,
      }),
    ]);
    say(`  off ${off.url}, on ${on.url}, bare ${bareOne.url} (${((Date.now() - begun) / 1000).toFixed(0)} s so far)`);
    const groups = () => ({
      proxy: proxy.child.pid,
      pgbouncer: pooler?.pid,
      'worker-off': off.child.pid,
      'worker-on': on.child.pid,
      'worker-bare': bareOne.child.pid,
    });
    /** HTTP load on `base` in wrk, from a request list written once. */
    const wrkLoad = (base: string, requests: Parameters<typeof requestFile>[0]): Load => {
      const file = requestFile(requests);
      files.push(file);
      return (options) => runWrk(wrk, base, file, options);
    };

    const measure = async (
      name: string,
      load: Load,
      options: LoadOptions,
      warm: LoadOptions | undefined,
      server?: Worker,
      print = true,
    ): Promise<Measured> => {
      if (warm) await load(warm, false);
      const from = server?.mark() ?? 0;
      const before = snapshot(groups());
      const stats = await load(options, true);
      const clientCpuSeconds = stats.clientCpuSeconds;
      delete stats.clientCpuSeconds;
      const cpu = diff(before, snapshot(groups()));
      // wrk is a child that exited: its CPU is the client's ("bench"), not the rest of the machine's.
      if (clientCpuSeconds !== undefined) {
        cpu.cpuSeconds.bench += clientCpuSeconds;
        cpu.cpuSeconds.others = Math.max(0, cpu.cpuSeconds.others - clientCpuSeconds);
      }
      // The same object, not a copy: combine() finds a result's raw samples by identity.
      const result: Measured = Object.assign(stats, { cpu, server: server ? serverTimes(server, from) : undefined });
      if (print)
        say(
          `  ${name}: ${stats.requests} req, ${rps(stats)}/s, p50/p99/max ${lat(stats)} ms, ${statuses(stats.statuses)}`,
        );
      return result;
    };
    /** The same load on two instances, alternating A B B A… so that neither gets the warmer half. */
    const alternate = async (
      a: { name: string; load: Load; server: Worker },
      b: typeof a,
      options: LoadOptions,
    ): Promise<[Measured, Measured]> => {
      await a.load(warmFor(options), false);
      await b.load(warmFor(options), false);
      const from = [a.server.mark(), b.server.mark()];
      const segment = { ...options, durationMs: options.durationMs / SEGMENTS };
      const parts: [Measured[], Measured[]] = [[], []];
      for (let k = 0; k < SEGMENTS; k += 1) {
        const order = k % 2 === 0 ? [0, 1] : [1, 0];
        for (const i of order) parts[i].push(await measure('', [a, b][i].load, segment, undefined, undefined, false));
      }
      return [a, b].map((x, i) => {
        const stats = combine(parts[i]);
        say(
          `  ${x.name}: ${stats.requests} req, ${rps(stats)}/s, p50/p99/max ${lat(stats)} ms, ${statuses(stats.statuses)}`,
        );
        return Object.assign(stats, {
          cpu: addCpu(parts[i].map((m) => m.cpu)),
          server: serverTimes(x.server, from[i]),
        });
      }) as [Measured, Measured];
    };
    const warmFor = (o: LoadOptions): LoadOptions => ({ ...o, durationMs: WARM_MS });
    /** HTTP load on `base` in wrk, each run from the next list of `batches` (bookings never replayed). */
    const batchLoad = (base: string, batches: Array<Parameters<typeof requestFile>[0]>): Load => {
      let next = 0;
      return (options) => {
        if (next >= batches.length) throw new Error('booking batches exhausted');
        const file = requestFile(batches[next++]);
        files.push(file);
        return runWrk(wrk, base, file, options);
      };
    };
    const inBatches = <T>(list: T[]) =>
      Array.from({ length: Math.ceil(list.length / PAIR_BATCH) }, (_, k) =>
        list.slice(k * PAIR_BATCH, (k + 1) * PAIR_BATCH),
      );

    // Tokens signed up front: signing must not run inside a timed loop.
    const searchTokens = await signer.patients('s', SEARCH_CALLERS);
    const probe = await httpRequest(`${on.url}/v1/slots?epci=${zones[0]}&limit=1`, {
      headers: { authorization: `Bearer ${searchTokens[0]}` },
    });
    const limiterActive =
      probe.headers.has('ratelimit-policy') || /ratelimit/i.test(probe.headers.get('server-timing') ?? '');
    say(
      `limiter on the ON instance: ${limiterActive ? 'active (RateLimit headers present)' : 'NOT active (no RateLimit headers: RATE_LIMIT_ENABLED not wired yet?)'}`,
    );

    // d. Round trips of one search, one hold, one booking (x-db-queries).
    const rtAuth = { authorization: `Bearer ${await signer.sign('patient', 'bench-rt0')}` };
    const rtSearch = await httpRequest(`${off.url}/v1/slots?epci=${zones[0]}&limit=20`, { headers: rtAuth });
    const rtHold = await httpRequest(`${off.url}/v1/holds`, {
      method: 'POST',
      headers: { ...rtAuth, 'content-type': 'application/json' },
      body: JSON.stringify({ slotId: rtSlot.id }),
    });
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
    say(
      `search, ${CONCURRENCY} concurrent, ${SEARCH.durationMs / 1000} s each after ${WARM_MS / 1000} s warm-up, round-robin over ${zones.length} zones and ${SEARCH_CALLERS} patients; limiter off/on in ${SEGMENTS} alternating segments`,
    );
    const searches = searchRequests(zones, searchTokens);
    const [searchOff, searchOn] = await alternate(
      { name: 'API, limiter off', load: wrkLoad(off.url, searches), server: off },
      { name: 'API, limiter on', load: wrkLoad(on.url, searches), server: on },
      SEARCH,
    );
    // The yardstick: the same searches through the bare worker, alternated with the API as in production (limiter on).
    const [searchBare, searchOnVsBare] = await alternate(
      {
        name: 'bare worker (same SQL, driver and path, no app)',
        load: wrkLoad(bareOne.url, bareSearchRequests(zones)),
        server: bareOne,
      },
      { name: 'API, limiter on (against the bare worker)', load: wrkLoad(on.url, searches), server: on },
      SEARCH,
    );
    const searchSql = await measure(
      'SQL, pg pool (ceiling)',
      nodeLoad(sqlSearch(pool, zones)),
      SEARCH,
      warmFor(SEARCH),
    );
    const singleApi = await measure(
      'API, limiter off, 1 client',
      wrkLoad(off.url, searches),
      SINGLE,
      { ...SINGLE, durationMs: 1_000 },
      off,
    );
    const singleSql = await measure('SQL, pg pool, 1 client', nodeLoad(sqlSearch(pool, zones)), SINGLE, {
      ...SINGLE,
      durationMs: 500,
    });
    say(`where the time goes (${SHORT.durationMs / 1000} s each)`);
    const health = await measure(
      'GET /health (no SQL)',
      wrkLoad(off.url, [{ method: 'GET', path: '/health' }]),
      SHORT,
      { ...SHORT, durationMs: 1_000 },
    );
    const workerUrl = pooler?.url ?? DATABASE_URL;
    const newConnection = await measure(
      `SQL, new TCP connection per search${pooler ? ' (PgBouncer)' : ''}`,
      nodeLoad(sqlSearchNewConnection(workerUrl, zones)),
      SHORT,
      { ...SHORT, durationMs: 1_000 },
    );
    const viaProxy = await measure(
      `SQL, Neon Pool per search via WS proxy${pooler ? ' and PgBouncer' : ''} (Node)`,
      nodeLoad(neonSearchViaProxy(workerUrl, proxy.address, zones)),
      SHORT,
      { ...SHORT, durationMs: 1_000 },
    );

    // b. Booking: distinct free slots across zones, one patient, token and key each (a request sent
    // twice would be a replay, not a booking): warm-up, API, SQL and the webhook integrator each
    // have their own slots.
    say(
      `booking, distinct slots over ${new Set(picked.map((s) => s.epci_siren)).size} zones, ${CONCURRENCY} concurrent, ${BOOKING.durationMs / 1000} s (after ${BOOKING_WARMUP.durationMs / 1000} s unrecorded)`,
    );
    const bookingTokens = await signer.patients('b', 2 * BOOKING_SLOTS);
    const bookWarm = wrkLoad(off.url, bookingRequests(warmSlots, bookingTokens.slice(0, BOOKING_SLOTS), 0));
    const bookApi = wrkLoad(off.url, bookingRequests(apiSlots, bookingTokens.slice(BOOKING_SLOTS), BOOKING_SLOTS));
    await bookWarm(BOOKING_WARMUP, false);
    // The webhook integrator books beside wrk's load for as long as it runs.
    const bookingPhase = measure('API, limiter off', bookApi, BOOKING, undefined, off);
    const webhookDelay = await measureWebhookDelay({
      url: off.url,
      signer,
      slots: webhookSlots,
      intervalMs: WEBHOOK_INTERVAL_MS,
      patientBase: 500_000,
      until: bookingPhase,
    });
    const bookingApi = await bookingPhase;
    say(
      `  webhook delay, booking's 201 → receiver, under that load: ${webhookDelay.received}/${webhookDelay.booked} received, p50/p99/max ${webhookDelay.p50}/${webhookDelay.p99}/${webhookDelay.max} ms (${webhookDelay.note})`,
    );
    const bookSql = nodeLoad(sqlBooking(pool, sqlSlots, 3 * BOOKING_SLOTS, 'c'));
    const bookingSql = await measure('SQL, pg pool (ceiling)', bookSql, BOOKING, undefined);

    // c. The rush, on the limiter-on instance: first a small control rush, then the real one.
    const rushOn = async (k: number, clients: number, prefix: string, patientBase: number) => {
      const zone = await createRushZone(client, k);
      const tokens = await signer.patients(prefix, clients);
      say(`rush: ${clients} patients at once on zone ${zone.siren} (${zone.slots} free slots), limiter-on instance`);
      const from = on.mark();
      const before = snapshot(groups());
      const result = await rush({
        url: on.url,
        zone: zone.siren,
        tokens,
        patientBase,
        maxAttempts: 20,
        maxRequestsPerClient: 60,
        maxMs: 90_000,
        retryCapMs: 60_000,
        timeoutMs: 30_000,
      });
      const cpu = diff(before, snapshot(groups()));
      const truth = await rushOutcome(client, zone.siren);
      say(
        `  ${result.booked} booked (${result.replayed} replays) in ${result.seconds.toFixed(1)} s; SQL: ${JSON.stringify(truth)}`,
      );
      say(
        `  client event-loop delay p99 / max ${result.clientLagMs.p99.toFixed(0)} / ${result.clientLagMs.max.toFixed(0)} ms${result.failedAtMs.length ? `; failures without an answer at ${result.failedAtMs.join(', ')} ms` : ''}`,
      );
      return { zone: zone.siren, ...result, sql: truth, cpu, server: serverTimes(on, from) };
    };
    const control = await rushOn(0, CONTROL_RUSH_CLIENTS, 'k', 400_000);
    const rushed = await rushOn(1, RUSH_CLIENTS, 'r', 200_000);

    // The yardstick for bookings: the bare Worker alternated with the API, without the webhook
    // integrator beside them; limiter off, as the booking phase (and the issue's figure). After the
    // rushes, so that the Queue consumer still working through these bookings' events does not
    // compete with the rush for the machine and PgBouncer's connections.
    const pairTokens = await signer.patients('p', PAIR_SLOTS);
    const [bookingBare, bookingOffVsBare] = await alternate(
      {
        name: 'bare worker (the same statement)',
        load: batchLoad(bareOne.url, inBatches(bareBook.requests)),
        server: bareOne,
      },
      {
        name: 'API, limiter off (against the bare worker)',
        load: batchLoad(off.url, inBatches(bookingRequests(pairApiSlots, pairTokens, 5 * BOOKING_SLOTS))),
        server: off,
      },
      BOOKING,
    );
    printBareTable({ searchBare, searchOn: searchOnVsBare, bookingBare, bookingOff: bookingOffVsBare, health });
    const problems = [
      ...rushProblems(`rush ${CONTROL_RUSH_CLIENTS}`, control),
      ...rushProblems(`rush ${RUSH_CLIENTS}`, rushed),
    ];

    printTables({
      concurrency: CONCURRENCY,
      segments: SEGMENTS,
      limiterActive,
      roundTrips,
      searchOff,
      searchOn,
      searchSql,
      singleApi,
      singleSql,
      health,
      newConnection,
      viaProxy,
      bookingApi,
      bookingSql,
      control,
      rushed,
    });

    const file = writeResults({
      date: new Date().toISOString(),
      code,
      ...info,
      config: {
        concurrency: CONCURRENCY,
        searchSeconds: SEARCH.durationMs / 1000,
        warmupSeconds: WARM_MS / 1000,
        bookingSeconds: BOOKING.durationMs / 1000,
        rushClients: RUSH_CLIENTS,
        controlRushClients: CONTROL_RUSH_CLIENTS,
        rushSlots: RUSH_SLOTS,
        proxyMaxUpstream: PROXY_MAX_UPSTREAM,
        zones: zones.length,
        pooler: POOLER
          ? 'PgBouncer 1.18, transaction mode, 20 server connections (scripts/db/pgbouncer/pgbouncer.ini)'
          : 'none: a new backend per request',
        scale: SCALE,
        client: 'wrk, 1 thread, keep-alive (bench/wrk.lua); the SQL ceiling and the rush in Node',
        worker: 'the wrangler bundle in workerd via Miniflare (bench/worker-process.ts), output to bench/worker-*.log',
      },
      prepared,
      limiterActive,
      roundTrips,
      search: {
        api: searchOff,
        apiLimiterOn: searchOn,
        ceiling: searchSql,
        ratioP50: searchOff.p50 / searchSql.p50,
        ratioRps: searchSql.rps / searchOff.rps,
        oneClient: { api: singleApi, ceiling: singleSql, ratioP50: singleApi.p50 / singleSql.p50 },
      },
      limiterCostP50Ms: searchOn.p50 - searchOff.p50,
      limiterCheckInWorker: searchOn.limiter ?? null,
      decomposition: {
        health,
        sqlNewConnection: newConnection,
        neonPoolViaProxy: viaProxy,
        bareWorker: {
          search: bareFigures(searchBare, 'worker-bare'),
          booking: bareFigures(bookingBare, 'worker-bare'),
          // The API against it, same run, alternated with it: searches limiter on, bookings limiter off.
          api: {
            search: bareFigures(searchOnVsBare, 'worker-on'),
            booking: bareFigures(bookingOffVsBare, 'worker-off'),
            health: bareFigures(health, 'worker-off'),
          },
          ratios: {
            searchThroughput: searchOnVsBare.rps / searchBare.rps,
            searchP50: searchOnVsBare.p50 / searchBare.p50,
            searchCpu: workerdMs(searchOnVsBare, 'worker-on') / workerdMs(searchBare, 'worker-bare'),
            bookingThroughput: bookingOffVsBare.rps / bookingBare.rps,
            bookingP50: bookingOffVsBare.p50 / bookingBare.p50,
            bookingCpu: workerdMs(bookingOffVsBare, 'worker-off') / workerdMs(bookingBare, 'worker-bare'),
          },
        },
      },
      webhookDelay,
      booking: {
        api: bookingApi,
        ceiling: bookingSql,
        ratioP50: bookingApi.p50 / bookingSql.p50,
        ratioRps: bookingSql.rps / bookingApi.rps,
      },
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
    await pooler?.stop();
    for (const file of files) file.remove();
  }
}

await runAndStop(main);
