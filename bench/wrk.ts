// The HTTP load through wrk (Debian's package: C, epoll, one thread), so that the client costs a
// fraction of what Node's fetch did (~2 ms of CPU per request) and the ratios measure the API.
// As runLoad: `concurrency` connections, each one request after the other, for a duration (whole
// seconds; wrk has no request count: `maxRequests` is ignored). Installs wrk with apt-get when it
// is missing and we are root.
import { execFileSync, spawn } from 'node:child_process';
import { accessSync, constants, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ChildProcess } from 'node:child_process';
import { diff, snapshot } from './cpu';
import { fromSamples, type LoadOptions, type LoadStats } from './load';

export interface HttpRequestSpec {
  method: string;
  path: string;
  headers?: Record<string, string>;
  body?: string;
}

export type WrkStats = LoadStats & {
  /** CPU seconds wrk itself used (user + system), from the shell's `times`. */
  clientCpuSeconds: number;
};

const SCRIPT = new URL('./wrk.lua', import.meta.url).pathname;

function executable(path: string) {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** The wrk binary, installed from Debian's archive when missing (as CI installs PgBouncer). */
export function ensureWrk(): string {
  const found = ['/usr/bin/wrk', '/usr/local/bin/wrk'].find(executable);
  if (found) return found;
  if (process.getuid?.() !== 0) throw new Error('wrk is missing: apt-get install -y wrk');
  console.log('wrk is missing: installing the Debian package');
  execFileSync(
    'sh',
    [
      '-c',
      'apt-get install -y -q wrk >/dev/null || (apt-get update -q >/dev/null && apt-get install -y -q wrk >/dev/null)',
    ],
    { stdio: 'inherit' },
  );
  return '/usr/bin/wrk';
}

const lua = (v: unknown): string => {
  if (typeof v === 'string') return JSON.stringify(v);
  if (v === undefined || v === null) return 'nil';
  if (Array.isArray(v)) return `{${v.map(lua).join(',')}}`;
  if (typeof v === 'object')
    return `{${Object.entries(v)
      .map(([k, x]) => `[${JSON.stringify(k)}]=${lua(x)}`)
      .join(',')}}`;
  return String(v);
};

/** The request list, written once as a Lua file wrk loads in each thread. */
export function requestFile(requests: HttpRequestSpec[]): { path: string; count: number; remove(): void } {
  const dir = mkdtempSync(join(tmpdir(), 'bench-wrk-'));
  const path = join(dir, 'requests.lua');
  writeFileSync(
    path,
    `return {\n${requests.map((r) => lua([r.method, r.path, r.headers ?? {}, r.body])).join(',\n')}\n}\n`,
  );
  return { path, count: requests.length, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

const seconds = (text: string) => {
  const m = /(\d+)m([\d.]+)s/.exec(text);
  return m ? Number(m[1]) * 60 + Number(m[2]) : 0;
};

/**
 * wrk 4.1 adds synthetic samples to its histogram after the run (coordinated-omission correction,
 * stats_correct: every latency n ≥ 2e also counts at n − e, n − 2e, … while > e, with e the mean
 * time per request of one connection). This closed-loop bench compares with a closed-loop Node
 * client that adds nothing, so the measured samples are recovered: from the top down, each value's
 * own count is its total minus what the values above it in the same residue class added.
 */
export function measuredOnly(
  histogram: Map<number, number>,
  durationUs: number,
  requests: number,
  connections: number,
): Map<number, number> {
  const perConnection = Math.floor(requests / connections);
  if (perConnection === 0) return histogram;
  const e = Math.floor(durationUs / perConnection);
  const added = new Map<number, number>();
  const out = new Map<number, number>();
  for (const us of [...histogram.keys()].sort((a, b) => b - a)) {
    const own = us > e ? histogram.get(us)! - (added.get(us % e) ?? 0) : histogram.get(us)!;
    if (own > 0) out.set(us, own);
    if (us >= 2 * e) added.set(us % e, (added.get(us % e) ?? 0) + Math.max(0, own));
  }
  return out;
}

export async function runWrk(
  binary: string,
  base: string,
  requests: { path: string },
  options: LoadOptions,
): Promise<WrkStats> {
  const durationS = Math.max(1, Math.ceil(options.durationMs / 1000));
  const args = ['-t1', `-c${options.concurrency}`, `-d${durationS}s`, '--timeout', '30s', '-s', SCRIPT, base];
  // `times` after wrk: the second line is the CPU of the shell's children, i.e. wrk's.
  const child = spawn('sh', ['-c', '"$@"; status=$?; times; exit $status', 'wrk', binary, ...args], {
    env: { ...process.env, WRK_REQUESTS: requests.path },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stdout.on('data', (c: Buffer) => (out += c.toString('utf8')));
  child.stderr.on('data', (c: Buffer) => (err += c.toString('utf8')));
  const code = await new Promise<number>((resolve) => child.once('exit', (c) => resolve(c ?? 1)));
  const line = /WRK_RESULT (.*)/.exec(out);
  if (code !== 0 || !line) throw new Error(`wrk failed (${code}): ${err.slice(-2_000)}${out.slice(-2_000)}`);
  const r = JSON.parse(line[1]) as {
    durationUs: number;
    requests: number;
    hist: string;
    statuses: Record<string, number>;
    dbQueries: Record<string, number>;
    limiter: number[];
  };
  const histogram = new Map<number, number>();
  for (const pair of r.hist ? r.hist.split(',') : []) {
    const [us, n] = pair.split(':').map(Number);
    histogram.set(us, n);
  }
  const latencies: number[] = [];
  for (const [us, n] of measuredOnly(histogram, r.durationUs, r.requests, options.concurrency))
    for (let i = 0; i < n; i += 1) latencies.push(us / 1000);
  const children = out.trim().split('\n').slice(-1)[0].trim().split(/\s+/);
  return Object.assign(fromSamples(latencies, r.durationUs / 1e6, r.statuses, r.dbQueries, r.limiter), {
    clientCpuSeconds: seconds(children[0] ?? '') + seconds(children[1] ?? ''),
  });
}

/** A wrk run against one worker, with workerd's CPU per request over the run (/proc). */
export async function runWrkOn(
  binary: string,
  worker: { url: string; child: ChildProcess },
  requests: { path: string },
  options: LoadOptions,
) {
  const before = snapshot({ worker: worker.child.pid });
  const stats = await runWrk(binary, worker.url, requests, options);
  const cpu = diff(before, snapshot({ worker: worker.child.pid }));
  return { ...stats, workerdMsPerRequest: ((cpu.cpuSeconds['worker/workerd'] ?? 0) * 1000) / stats.requests };
}
