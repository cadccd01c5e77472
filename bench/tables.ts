// The bench's tables: API against its ceiling, the limiter's cost, where the time and the CPU go,
// the rushes, the round trips. Printed from the figures run.ts measured, nothing computed anew.
import os from 'node:os';
import type { CpuUse } from './cpu';
import { RUSH_SLOTS as rushSlots, type RushOutcome } from './db';
import type { LoadStats } from './load';
import { lat, rps, statuses, table, times } from './report';
import type { RushResult } from './rush';

export interface ServerTimes {
  requests: number;
  p50: number;
  p99: number;
}
export type Measured = LoadStats & { cpu: CpuUse; server?: ServerTimes };
export type RushMeasured = RushResult & { zone: string; sql: RushOutcome; cpu: CpuUse; server: ServerTimes };
type RoundTrip = { status: number; queries: number | null };

export interface Figures {
  concurrency: number;
  segments: number;
  limiterActive: boolean;
  roundTrips: { search: RoundTrip; hold: RoundTrip; booking: RoundTrip };
  searchOff: Measured;
  searchOn: Measured;
  searchSql: Measured;
  singleApi: Measured;
  singleSql: Measured;
  health: Measured;
  newConnection: Measured;
  viaProxy: Measured;
  bookingApi: Measured;
  bookingSql: Measured;
  control: RushMeasured;
  rushed: RushMeasured;
}

export function printTables(f: Figures) {
  const {
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
  } = f;
  table(
    'API vs ceiling (p50 / p99 / max in ms; throughput in requests/s)',
    ['measurement', 'API', 'ceiling', 'ratio'],
    [
      [
        `search latency, ${f.concurrency} clients`,
        lat(searchOff),
        lat(searchSql),
        `${times(searchOff.p50, searchSql.p50)} p50`,
      ],
      [
        `search throughput, ${f.concurrency} clients`,
        rps(searchOff),
        rps(searchSql),
        times(searchSql.rps, searchOff.rps),
      ],
      ['search latency, 1 client', lat(singleApi), lat(singleSql), `${times(singleApi.p50, singleSql.p50)} p50`],
      [
        `booking latency, ${f.concurrency} clients`,
        lat(bookingApi),
        lat(bookingSql),
        `${times(bookingApi.p50, bookingSql.p50)} p50`,
      ],
      [
        `booking throughput, ${f.concurrency} clients`,
        rps(bookingApi),
        rps(bookingSql),
        times(bookingSql.rps, bookingApi.rps),
      ],
    ],
  );
  table(
    `Limiter cost (same search load, distinct zones and callers, ${f.segments} alternating segments each)`,
    ['instance', 'p50 / p99 / max ms', 'req/s', 'statuses'],
    [
      ['limiter off', lat(searchOff), rps(searchOff), statuses(searchOff.statuses)],
      [`limiter on${limiterActive ? '' : ' (NOT active)'}`, lat(searchOn), rps(searchOn), statuses(searchOn.statuses)],
      ['difference', `${(searchOn.p50 - searchOff.p50).toFixed(2)} ms p50`, '', ''],
      [
        'limiter check in the worker',
        searchOn.limiter
          ? `${searchOn.limiter.p50} / ${searchOn.limiter.p99} ms p50 / p99 (Server-Timing, ${searchOn.limiter.n} requests)`
          : 'no Server-Timing',
        '',
        '',
      ],
    ],
  );
  table(
    'Where a search spends its time (5 s each unless noted)',
    ['path', 'p50 / p99 / max ms', 'req/s', 'server p50 ms'],
    [
      ['SQL, pooled connection', lat(searchSql), rps(searchSql), ''],
      ['SQL, new TCP connection per search', lat(newConnection), rps(newConnection), ''],
      ['SQL, Neon Pool per search via WS proxy', lat(viaProxy), rps(viaProxy), ''],
      ['GET /health (no SQL)', lat(health), rps(health), ''],
      ['GET /v1/slots (10 s)', lat(searchOff), rps(searchOff), String(searchOff.server?.p50 ?? '–')],
    ],
  );
  const cpuRow = (name: string, m: { requests: number; cpu: CpuUse }) => {
    const c = m.cpu.cpuSeconds;
    const sum = (...keys: string[]) => keys.reduce((a, k) => a + (c[k] ?? 0), 0);
    const per = (v: number) => (m.requests ? (v * 1000) / m.requests : 0).toFixed(2);
    const both = (role: string) => sum(`worker-off/${role}`, `worker-on/${role}`, `worker-bare/${role}`);
    return [
      name,
      `${(m.cpu.machineBusy * 100).toFixed(0)}%`,
      per(sum('bench')),
      per(sum('proxy')),
      per(sum('pgbouncer')),
      per(both('host')),
      per(both('workerd')),
      per(sum('postgres')),
      per(sum('others')),
    ];
  };
  const rushRequests = (r: RushResult) => r.bookingAttempts.requests + r.searches.requests;
  table(
    'CPU per request, ms (2 cores shared by everything; busy = share of all cores during the phase)',
    [
      'phase',
      'busy',
      'bench (wrk, pg)',
      'ws proxy',
      'pgbouncer',
      'worker host (node)',
      'workerd',
      'postgres',
      'others',
    ],
    [
      cpuRow('search API, limiter off', searchOff),
      cpuRow('search API, limiter on', searchOn),
      cpuRow('search SQL, pooled', searchSql),
      cpuRow('search API, 1 client', singleApi),
      cpuRow('search SQL, new connection', newConnection),
      cpuRow('search Neon Pool via proxy', viaProxy),
      cpuRow('GET /health', health),
      cpuRow('booking API', bookingApi),
      cpuRow('booking SQL', bookingSql),
      cpuRow(`rush ${control.clients}`, { requests: rushRequests(control), cpu: control.cpu }),
      cpuRow(`rush ${rushed.clients}`, { requests: rushRequests(rushed), cpu: rushed.cpu }),
    ],
  );
  const rushColumn = (r: RushMeasured) => [
    `${r.booked} / ${r.sql.bookings}${r.replayed ? ` (${r.replayed} replays)` : ''}`,
    String(r.sql.doubleBookedSlots),
    r.msToLastBooking === null
      ? '–'
      : `${(r.msToLastBooking / 1000).toFixed(2)} s${r.booked === rushSlots ? '' : ` (only ${r.booked})`}`,
    `${r.bookingAttempts.requests}: ${statuses(r.bookingAttempts.statuses)}`,
    `${lat(r.bookingAttempts)} ms`,
    `${r.searches.requests}: ${statuses(r.searches.statuses)}`,
    `${lat(r.searches)} ms`,
    `${r.server.p50} / ${r.server.p99} ms (${r.server.requests} logged)`,
    `${r.fiveXX} / ${r.failures}`,
    statuses(r.clientOutcomes),
    `${r.seconds.toFixed(1)} s`,
  ];
  const rc = rushColumn(control);
  const rr = rushColumn(rushed);
  const rushLabels = [
    'bookings 201 / in SQL',
    'double-booked slots (SQL)',
    `time to the ${rushSlots}th booking`,
    'booking attempts',
    'booking attempt p50 / p99 / max',
    'searches',
    'search p50 / p99 / max',
    'in-worker p50 / p99',
    '5xx / no response',
    'clients ended',
    'whole rush',
  ];
  table(
    `Rush: ${rushSlots} slots, limiter ${limiterActive ? 'on' : 'NOT active'}; each client: search, book a random slot, 409 → search again, 429 → wait Retry-After`,
    ['figure', `${control.clients} patients (control)`, `${rushed.clients} patients`],
    rushLabels.map((label, i) => [label, rc[i], rr[i]]),
  );
  table(
    'SQL round trips (x-db-queries)',
    ['request', 'status', 'round trips'],
    [
      ['GET /v1/slots', String(roundTrips.search.status), String(roundTrips.search.queries)],
      ['POST /v1/holds', String(roundTrips.hold.status), String(roundTrips.hold.queries)],
      ['POST /v1/bookings (holdId)', String(roundTrips.booking.status), String(roundTrips.booking.queries)],
      ['search load, all requests', '', statuses(searchOff.dbQueries)],
      ['booking load (slotId), all', '', statuses(bookingApi.dbQueries)],
    ],
  );
  const disturbed = [
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
  ]
    .map((m, i) => ({ i, share: m.cpu.cpuSeconds.others / Math.max(1e-9, m.cpu.seconds * os.cpus().length) }))
    .filter((d) => d.share > 0.15);
  if (disturbed.length) {
    console.log(
      `\nWARNING: other processes used up to ${(Math.max(...disturbed.map((d) => d.share)) * 100).toFixed(0)}% of the machine during ${disturbed.length} phase(s) (column "others"): rerun on a quiet machine for clean figures.`,
    );
  }
}

/** workerd's CPU per request, ms, over a phase, from the processes of one worker (`worker-on`…). */
export const workerdMs = (m: { requests: number; cpu: CpuUse }, group: string) =>
  m.requests ? ((m.cpu.cpuSeconds[`${group}/workerd`] ?? 0) * 1000) / m.requests : Number.NaN;

export interface BareFigures {
  searchBare: Measured;
  searchOn: Measured;
  bookingBare: Measured;
  bookingOff: Measured;
  health: Measured;
}

/** The API against the bare worker (bench/bare.worker.js) of the same run: the floor of this architecture. */
export function printBareTable(f: BareFigures) {
  const { searchBare, searchOn, bookingBare, bookingOff, health } = f;
  const healthMs = workerdMs(health, 'worker-off');
  const ratio = (a: number, b: number) =>
    Number.isFinite(a) && Number.isFinite(b) && b > 0 ? (a / b).toFixed(2) : '–';
  const cpu = (v: number) => v.toFixed(2);
  const row = (name: string, api: Measured, apiGroup: string, bare: Measured) => {
    const apiCpu = workerdMs(api, apiGroup);
    const bareCpu = workerdMs(bare, 'worker-bare');
    return [
      [`${name}: throughput, req/s`, rps(api), rps(bare), ratio(api.rps, bare.rps)],
      [`${name}: p50 / p99 / max ms`, lat(api), lat(bare), `${ratio(api.p50, bare.p50)} p50`],
      [`${name}: workerd CPU ms per request`, cpu(apiCpu), cpu(bareCpu), ratio(apiCpu, bareCpu)],
      [
        `${name}: the same, minus GET /health (${cpu(healthMs)})`,
        cpu(apiCpu - healthMs),
        cpu(bareCpu - healthMs),
        ratio(apiCpu - healthMs, bareCpu - healthMs),
      ],
    ];
  };
  table(
    'API against the bare worker (same SQL, Neon driver, proxy and PgBouncer in workerd, no app), same run',
    ['measurement', 'API', 'bare worker', 'API ÷ bare'],
    [
      ...row('search, limiter on, alternated', searchOn, 'worker-on', searchBare),
      ...row('booking, limiter off, alternated', bookingOff, 'worker-off', bookingBare),
    ],
  );
}
