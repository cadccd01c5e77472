// Measures the SMART Scheduling Links files as production makes and serves them: the 5-minute Cron
// Trigger's generation into R2 (its duration, the first time and again with nothing changed), then
// the Slot file of the largest region served from R2: time to first byte, total time, size, lines,
// and the worker's memory while it streams (workerd's resident set, sampled every 50 ms, against its
// level before the request; Miniflare's local R2 runs in the same workerd and is counted with it).
// `npm run bench:bulk` first makes the national dataset ready as `npm run bench` does (database
// mpdcv_bench: created, migrated, seeded if missing); BENCH_PREPARE=0 only reads, for a dataset that
// is ready elsewhere:
//   BENCH_PREPARE=0 DATABASE_URL=postgres://postgres@127.0.0.1:5432/<database> npm run bench:bulk
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { regionCode, regionName } from '../src/domain/regions';
import { BULK_CRON } from '../src/fhir/bulk/generate';
import { prepare } from './db';
import { bundleWorker, startProxy, startWorker, stopAll } from './stack';

const DATABASE_URL = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/mpdcv_bench';
const DAYS = 62;
const say = (text: string) => console.log(`[${new Date().toISOString().slice(11, 19)}] ${text}`);

/** The region with the most published slots in the window, by the file's own rule (or BENCH_REGION, an INSEE code). */
async function largestRegion() {
  const only = process.env.BENCH_REGION ? regionName(process.env.BENCH_REGION) : undefined;
  if (process.env.BENCH_REGION && !only)
    throw new Error(`BENCH_REGION ${process.env.BENCH_REGION} is not an INSEE region code`);
  const client = new pg.Client({ connectionString: DATABASE_URL });
  await client.connect();
  try {
    const { rows } = await client.query<{ region: string; slots: string }>(
      `
      SELECT c.region, count(*) AS slots FROM slots s JOIN sites si ON si.id = s.site_id JOIN communes c ON c.insee = si.commune_insee
      WHERE s.status <> 'withdrawn' AND s.starts_at > now() AND s.starts_at < now() + make_interval(days => $1)
        AND ($2::text IS NULL OR c.region = $2)
      GROUP BY c.region ORDER BY count(*) DESC LIMIT 1`,
      [DAYS, only ?? null],
    );
    if (!rows[0]) throw new Error('no slot in the window: seed the dataset first');
    return { name: rows[0].region, code: regionCode(rows[0].region)!, slots: Number(rows[0].slots) };
  } finally {
    await client.end();
  }
}

/** Resident set sizes (kB) of the workerd processes in this process group. */
function workerdRss(group: number): number {
  const pids = execFileSync('ps', ['-o', 'pid=,comm=', '-g', String(group)], { encoding: 'utf8' })
    .split('\n')
    .map((l) => l.trim().split(/\s+/))
    .filter(([, comm]) => comm === 'workerd')
    .map(([pid]) => pid);
  return pids.reduce((sum, pid) => {
    const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return sum + (match ? Number(match[1]) : 0);
  }, 0);
}

async function main() {
  if (process.env.BENCH_PREPARE !== '0') {
    const ready = await prepare(DATABASE_URL);
    say(ready.seeded ? `dataset seeded in ${ready.seedSeconds.toFixed(0)} s` : 'dataset ready');
  }
  const region = await largestRegion();
  say(
    `${process.env.BENCH_REGION ? 'region' : 'largest region'}: ${region.name} (${region.code}), ${region.slots.toLocaleString('en')} slots in the next ${DAYS} days`,
  );
  const proxy = await startProxy(8);
  const bundle = await bundleWorker();
  const vars = { DATABASE_URL, DB_PROXY: proxy.address, RATE_LIMIT_ENABLED: '0', BULK_SLOT_DAYS: String(DAYS) };
  // Two workers over one R2 directory: one generates, a fresh one serves, so that the file's
  // figure is not helped or hurt by what the generation left in the first one's memory.
  const persist = mkdtempSync(join(tmpdir(), 'bench-bulk-r2-'));
  try {
    // The generating worker's process runs a Cron Trigger when asked (bench/worker-process.ts).
    process.env.BENCH_WORKER_TRIGGERS = '1';
    const generator = await startWorker('bulk-generate', bundle, vars, undefined, persist);
    delete process.env.BENCH_WORKER_TRIGGERS;
    let trigger: string | undefined;
    for (
      const deadline = Date.now() + 10_000;
      !trigger && Date.now() < deadline;
      await new Promise((resolve) => setTimeout(resolve, 100))
    ) {
      trigger = generator
        .linesSince(0)
        .find((line) => line.startsWith('TRIGGER_URL='))
        ?.slice('TRIGGER_URL='.length);
    }
    if (!trigger) throw new Error('the worker process printed no TRIGGER_URL');
    for (const run of ['first, every file written', 'again, nothing changed']) {
      const stop = sampling(generator.child.pid!);
      const started = performance.now();
      const res = await fetch(`${trigger}?cron=${encodeURIComponent(BULK_CRON)}`);
      await res.arrayBuffer();
      const memory = stop();
      if (res.status !== 200) throw new Error(`generation failed (${res.status}): see bench/worker-bulk-generate.log`);
      say(
        `generation (${run}): ${((performance.now() - started) / 1000).toFixed(1)} s; workerd resident memory ${growth(memory)}`,
      );
    }
    await generator.stop();

    const worker = await startWorker('bulk', bundle, vars, undefined, persist);
    // One small request first, so that start-up allocations are not counted as the file's.
    const manifest = await fetch(`${worker.url}/fhir/$bulk-publish`);
    if (manifest.status !== 200) throw new Error(`manifest: status ${manifest.status}`);
    await manifest.arrayBuffer();
    const stop = sampling(worker.child.pid!);
    const started = performance.now();
    const path = `/fhir/bulk/Slot/${region.code}.ndjson`;
    const response = await fetch(`${worker.url}${path}`);
    if (response.status !== 200) {
      stop();
      throw new Error(`status ${response.status}: ${await response.text()}`);
    }
    let firstByte = 0;
    let bytes = 0;
    let lines = 0;
    const reader = response.body!.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      if (!firstByte) firstByte = performance.now() - started;
      bytes += value.byteLength;
      for (const b of value) if (b === 10) lines += 1;
    }
    const total = performance.now() - started;
    const memory = stop();
    say(
      `Slot file ${region.code} from R2: ${lines.toLocaleString('en')} lines, ${(bytes / 1e6).toFixed(1)} MB, first byte ${firstByte.toFixed(0)} ms, total ${(total / 1000).toFixed(2)} s`,
    );
    say(`workerd resident memory while streaming: ${growth(memory)}`);
    const poll = await fetch(`${worker.url}${path}`, { headers: { 'if-none-match': response.headers.get('etag')! } });
    say(`a poll with its ETag: ${poll.status}`);
  } finally {
    await stopAll();
    rmSync(persist, { recursive: true, force: true });
  }
}

/** Samples the resident memory of the workerd processes in `group` every 50 ms until stopped. */
function sampling(group: number) {
  const before = workerdRss(group);
  let peak = before;
  const sampler = setInterval(() => (peak = Math.max(peak, workerdRss(group))), 50);
  return () => {
    clearInterval(sampler);
    return { before, peak: Math.max(peak, workerdRss(group)) };
  };
}

const mb = (kb: number) => (kb / 1024).toFixed(0);
const growth = ({ before, peak }: { before: number; peak: number }) =>
  `${mb(before)} MB before, ${mb(peak)} MB at most (+${((peak - before) / 1024).toFixed(1)} MB)`;

main()
  .catch((error) => {
    console.error(error);
    process.exitCode = 1;
  })
  .finally(() => stopAll());
