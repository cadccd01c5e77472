// `npm run bench:compare -- <commit>`: the worker as it is now against the worker of an earlier
// commit (default HEAD), side by side in one run, so that a cut is measured against its own
// baseline on the same machine at the same moment. Both bundles run behind the same proxy and
// PgBouncer, limiter on as in production; each kind of request alternates between them in ABBA
// rounds, so that the machine's drift falls on both alike. Reports workerd's CPU per request
// (/proc) and wrk's latencies and throughput, the median of the rounds, and the ratio now/then.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { findPgBouncer, startPgBouncer, type PgBouncer } from '../scripts/db/pgbouncer';
import { benchZones, pickFreeSlots, prepare } from './db';
import { table } from './report';
import { bundleWorker, root, startProxy, startWorker, runAndStop, type Worker } from './stack';
import { bookingBatches, searchRequests } from './tasks';
import { newSigner } from './tokens';
import { ensureWrk, requestFile, runWrkOn, type HttpRequestSpec } from './wrk';

const DATABASE_URL = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/mpdcv_bench';
const BASE = process.argv[2] ?? 'HEAD';
const SECONDS = Number(process.env.COMPARE_SECONDS ?? 4);
const ROUNDS = Number(process.env.COMPARE_ROUNDS ?? 4);
// More than 4 clients book in a run of SECONDS on two cores, so that wrk never starts the list again.
const BOOKINGS_PER_RUN = 250 * SECONDS;

interface Round {
  cpuMs: number;
  p50: number;
  p99: number;
  rps: number;
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

/** The commit's tree in a temporary worktree, sharing this checkout's node_modules. */
function checkout(rev: string): { dir: string; commit: string; remove(): void } {
  const commit = execFileSync('git', ['rev-parse', '--short', rev], { cwd: root, encoding: 'utf8' }).trim();
  const dir = mkdtempSync(join(tmpdir(), 'bench-compare-'));
  execFileSync('git', ['worktree', 'add', '--detach', dir, commit], { cwd: root, stdio: 'ignore' });
  symlinkSync(join(root, 'node_modules'), join(dir, 'node_modules'));
  return {
    dir,
    commit,
    remove: () => execFileSync('git', ['worktree', 'remove', '--force', dir], { cwd: root, stdio: 'ignore' }),
  };
}

async function main() {
  await prepare(DATABASE_URL);
  const client = new pg.Client({ connectionString: DATABASE_URL });
  await client.connect();
  let pooler: PgBouncer | undefined;
  const base = checkout(BASE);
  const files: Array<{ remove(): void }> = [];
  try {
    const zones = await benchZones(client);
    const signer = await newSigner();
    const wrk = ensureWrk();
    const [then, now] = await Promise.all([bundleWorker(base.dir), bundleWorker()]);
    const proxy = await startProxy(500);
    const binary = findPgBouncer();
    if (binary && process.env.BENCH_POOLER !== 'off') pooler = await startPgBouncer(DATABASE_URL, binary);
    const vars = {
      DATABASE_URL: pooler?.url ?? DATABASE_URL,
      DB_PROXY: proxy.address,
      JWT_DEV_JWKS: JSON.stringify(signer.keys.publicJwks),
      RATE_LIMIT_ENABLED: '1',
    };
    const workers: Record<'then' | 'now', Worker> = {
      then: await startWorker('compare-then', then, vars),
      now: await startWorker('compare-now', now, vars),
    };
    const tokens = await signer.patients('c', 2_000);
    const health: HttpRequestSpec[] = [{ method: 'GET', path: '/health' }];
    const search = searchRequests(zones, tokens);
    const slots = await pickFreeSlots(client, BOOKINGS_PER_RUN * 2 * (ROUNDS + 1));
    const bookings = bookingBatches(slots, await signer.patients('cb', slots.length), BOOKINGS_PER_RUN, 600_000);
    const loads: Array<[string, () => HttpRequestSpec[], number]> = [
      ['GET /health, 4 clients', () => health, 4],
      ['search, 4 clients', () => search, 4],
      ['search, 1 client', () => search, 1],
      ['booking, 4 clients', bookings, 4],
    ];
    const rows: string[][] = [];
    for (const [name, requests, concurrency] of loads) {
      const rounds: Record<'then' | 'now', Round[]> = { then: [], now: [] };
      const load = async (side: 'then' | 'now', seconds: number) => {
        const file = requestFile(requests());
        files.push(file);
        const stats = await runWrkOn(wrk, workers[side], file, {
          concurrency,
          durationMs: seconds * 1000,
          maxRequests: 1_000_000,
        });
        const bad = Object.keys(stats.statuses).filter((s) => !/^2/.test(s));
        if (bad.length) throw new Error(`${name} (${side}): answers ${JSON.stringify(stats.statuses)}`);
        return { cpuMs: stats.workerdMsPerRequest, p50: stats.p50, p99: stats.p99, rps: stats.rps };
      };
      for (const side of ['then', 'now'] as const) await load(side, 1);
      for (let i = 0; i < ROUNDS; i++)
        for (const side of i % 2 ? (['now', 'then'] as const) : (['then', 'now'] as const))
          rounds[side].push(await load(side, SECONDS));
      const m = (side: 'then' | 'now', k: keyof Round) => median(rounds[side].map((r) => r[k]));
      const cell = (k: keyof Round, digits: number) =>
        `${m('then', k).toFixed(digits)} → ${m('now', k).toFixed(digits)} (${(m('now', k) / m('then', k)).toFixed(2)}×)`;
      rows.push([name, cell('cpuMs', 2), cell('p50', 2), cell('p99', 1), cell('rps', 0)]);
      console.log(`${name}: workerd CPU per request ${cell('cpuMs', 2)}`);
    }
    table(
      `${base.commit} → working tree, medians of ${ROUNDS} rounds of ${SECONDS} s each (ABBA)`,
      ['load', 'workerd CPU ms / request', 'p50 ms', 'p99 ms', 'requests/s'],
      rows,
    );
  } finally {
    await client.end();
    await pooler?.stop();
    for (const f of files) f.remove();
    base.remove();
  }
}

await runAndStop(main);
