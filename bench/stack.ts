// The processes the bench starts: the WebSocket proxy and two workers. Each runs in its own process
// group so that stopping it also stops what it spawned (workerd).
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import {
  closeSync,
  copyFileSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { bundleWorker as bundleWorkerInto, type WorkerBundle } from '../scripts/local-worker';
import { wranglerEnv } from '../scripts/wrangler-env';
import { freePort } from '../scripts/free-port';
// bench/profile.ts takes it from here with the rest of the stack.
export { freePort };

export type { WorkerBundle };

export const root = new URL('..', import.meta.url).pathname;

interface Started {
  name: string;
  child: ChildProcess;
  stop(): Promise<void>;
}

const started = new Set<Started>();
const scratch: string[] = [];

function track(name: string, child: ChildProcess): Started {
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const entry: Started = {
    name,
    child,
    stop: async () => {
      started.delete(entry);
      if (child.exitCode !== null || child.signalCode !== null || child.pid === undefined) return;
      const group = -child.pid;
      const kill = (signal: NodeJS.Signals) => {
        try {
          process.kill(group, signal);
        } catch {
          // already gone
        }
      };
      kill('SIGTERM');
      const timer = setTimeout(() => kill('SIGKILL'), 5_000);
      await exited;
      clearTimeout(timer);
      kill('SIGKILL'); // workerd may outlive wrangler for a moment; the group is ours
    },
  };
  started.add(entry);
  return entry;
}

/**
 * Runs a bench command's `main`, then stops what it started whatever happened, and exits with
 * main's code (0 when it returns nothing), or 1 when it threw.
 */
export async function runAndStop(main: () => Promise<number | void>): Promise<never> {
  let code = 1;
  try {
    code = (await main()) ?? 0;
  } catch (error) {
    console.error(error instanceof Error ? (error.stack ?? error.message) : error);
  } finally {
    await stopAll();
  }
  process.exit(code);
}

/** Stops everything this module started and removes its temporary files. Safe to call twice. */
export async function stopAll() {
  await Promise.all([...started].map((s) => s.stop()));
  for (const dir of scratch.splice(0)) rmSync(dir, { recursive: true, force: true });
}

function tempDir(prefix: string) {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  scratch.push(dir);
  return dir;
}

export async function startProxy(maxUpstream: number): Promise<Started & { address: string }> {
  const child = spawn(join(root, 'node_modules/.bin/tsx'), [join(root, 'bench/proxy-process.ts')], {
    cwd: root,
    detached: true,
    stdio: ['pipe', 'pipe', 'inherit'],
    env: { ...process.env, BENCH_PROXY_MAX_UPSTREAM: String(maxUpstream) },
  });
  const proxy = track('ws-proxy', child);
  let output = '';
  const port = new Promise<number>((resolve, reject) => {
    child.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString('utf8');
      const match = /PROXY_PORT=(\d+)/.exec(output);
      if (match) resolve(Number(match[1]));
    });
    child.once('exit', (code) => reject(new Error(`proxy exited (${code}): ${output}`)));
    setTimeout(() => reject(new Error('proxy did not start in 20 s')), 20_000).unref();
  });
  return { ...proxy, address: `127.0.0.1:${await port}` };
}

const env = () => ({ ...wranglerEnv(), FORCE_COLOR: '0' });

/**
 * The worker as it is now, bundled once, as a deploy would bundle it (scripts/local-worker.ts).
 * Others may edit src/ while the bench runs; every figure of a run is about this copy. `source`:
 * another checkout (an earlier commit, for bench/compare.ts).
 */
export const bundleWorker = (source?: string): Promise<WorkerBundle> =>
  bundleWorkerInto(tempDir('bench-worker-'), source);

/** bench/answer-at-once.worker.js with `bundle`'s configuration: the floor of workerd and Miniflare. */
export function answerAtOnce(bundle: WorkerBundle): WorkerBundle {
  const dir = tempDir('bench-floor-');
  mkdirSync(join(dir, 'dist'));
  copyFileSync(join(root, 'bench/answer-at-once.worker.js'), join(dir, 'dist/index.js'));
  copyFileSync(bundle.config, join(dir, 'wrangler.toml'));
  return { config: join(dir, 'wrangler.toml'), script: join(dir, 'dist/index.js') };
}

/**
 * bench/bare.worker.js bundled with the Neon driver by wrangler, as a deploy would, with `bundle`'s
 * configuration: the app's SQL through the same driver and path, without the app.
 */
export async function bareWorker(bundle: WorkerBundle): Promise<WorkerBundle> {
  const dir = tempDir('bench-bare-');
  const config = join(dir, 'wrangler.toml');
  const toml = readFileSync(bundle.config, 'utf8');
  writeFileSync(config, toml.replace(/^main\s*=.*$/m, `main = ${JSON.stringify(join(root, 'bench/bare.worker.js'))}`));
  try {
    await promisify(execFile)(
      join(root, 'node_modules/.bin/wrangler'),
      ['deploy', '--dry-run', '--config', config, '--outdir', join(dir, 'dist')],
      { cwd: root, env: env() },
    );
  } catch (error) {
    const { stdout = '', stderr = '' } = error as { stdout?: string; stderr?: string };
    throw new Error(`bundling bench/bare.worker.js failed:\n${stdout}${stderr}`);
  }
  writeFileSync(config, toml);
  return { config, script: join(dir, 'dist/bare.worker.js') };
}

export interface Worker extends Started {
  url: string;
  /** Current end of the log, to read one phase's lines later. */
  mark(): number;
  linesSince(offset: number): string[];
}

/** The bundle in workerd (bench/worker-process.ts), with `vars` added to wrangler.toml's; local, so not production. */
/** `persist`: where its Durable Object and R2 state live (a fresh temporary directory by default; bench/bulk-publish.ts shares one between two workers). */
export async function startWorker(
  name: string,
  bundle: WorkerBundle,
  vars: Record<string, string>,
  inspectorPort?: number,
  persist?: string,
): Promise<Worker> {
  const port = await freePort();
  // Its output goes to a file (git-ignored *.log), not through us: reading it costs no CPU mid-phase.
  const logFile = join(root, `bench/worker-${name}.log`);
  const fd = openSync(logFile, 'w');
  const child = spawn(
    join(root, 'node_modules/.bin/tsx'),
    [
      join(root, 'bench/worker-process.ts'),
      bundle.config,
      bundle.script,
      String(port),
      persist ?? tempDir(`bench-${name}-`),
    ],
    {
      cwd: root,
      detached: true,
      stdio: ['ignore', fd, fd],
      env: {
        ...env(),
        BENCH_WORKER_VARS: JSON.stringify({ ENVIRONMENT: 'development', ...vars }),
        ...(inspectorPort ? { BENCH_WORKER_INSPECTOR: String(inspectorPort) } : {}),
      },
    },
  );
  closeSync(fd);
  const entry = track(`worker ${name}`, child);
  const read = (from = 0) => readFileSync(logFile).subarray(from).toString('utf8');
  const url = `http://127.0.0.1:${port}`;
  const worker: Worker = {
    ...entry,
    url,
    mark: () => statSync(logFile).size,
    linesSince: (offset) => read(offset).split('\n'),
  };
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`${entry.name} exited (${child.exitCode}):\n${read().slice(-4_000)}`);
    try {
      const response = await fetch(`${url}/health`, { signal: AbortSignal.timeout(2_000) });
      await response.arrayBuffer();
      if (response.status === 200) return worker;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`${entry.name} did not answer GET /health in 60 s:\n${read().slice(-4_000)}`);
}
