// The processes the bench starts: the WebSocket proxy and two `wrangler dev` instances. Each runs
// in its own process group so that stopping it also stops what it spawned (workerd, esbuild).
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

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

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (address && typeof address === 'object' ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
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

const wranglerEnv = () => ({ ...process.env, WRANGLER_SEND_METRICS: 'false', XDG_CONFIG_HOME: join(root, '.wrangler/config'), FORCE_COLOR: '0' });

/**
 * The worker as it is now, bundled once (`wrangler deploy --dry-run --outdir`), with a copy of
 * wrangler.toml pointing at the bundle. `wrangler dev` watches its sources and restarts workerd when
 * one changes; others edit src/ while the bench runs (4 restarts in one minute were seen), so both
 * instances run this frozen copy instead: every figure of a run is about the same code.
 */
export async function snapshotWorker(): Promise<string> {
  const dir = tempDir('bench-worker-');
  await promisify(execFile)(join(root, 'node_modules/.bin/wrangler'), ['deploy', '--dry-run', '--outdir', join(dir, 'dist')], { cwd: root, env: wranglerEnv() });
  const toml = readFileSync(join(root, 'wrangler.toml'), 'utf8');
  if (!/^main\s*=/m.test(toml)) throw new Error('wrangler.toml has no main entry');
  const config = join(dir, 'wrangler.toml');
  writeFileSync(config, toml.replace(/^main\s*=.*$/m, 'main = "dist/index.js"'));
  return config;
}

export interface Wrangler extends Started {
  url: string;
  /** Its output goes to this file (git-ignored *.log), not through us: reading it costs no CPU mid-phase. */
  logFile: string;
  /** Current end of the log, to read one phase's lines later. */
  mark(): number;
  linesSince(offset: number): string[];
  /** Times it rebuilt because a source file changed while we ran (others edit src/ concurrently). */
  reloads(): number;
}

/**
 * `wrangler dev` with its vars on the command line. `--var` splits on the first colon only (checked
 * in wrangler 4.86: key, then the rest joined back), so a JSON key set passes intact. An empty
 * --env-file makes wrangler skip the repository's .dev.vars, which belongs to `npm start`.
 * Each instance persists to its own directory: two workerd processes must not share Durable Object
 * storage, and the limiter's buckets of one must not leak into the other.
 */
export async function startWrangler(name: string, config: string, vars: Record<string, string>, extraArgs: string[] = []): Promise<Wrangler> {
  const [port, inspectorPort] = [await freePort(), await freePort()];
  const dir = tempDir(`bench-${name}-`);
  const envFile = join(dir, 'empty.env');
  writeFileSync(envFile, '', { mode: 0o600 });
  const logFile = join(root, `bench/wrangler-${name}.log`);
  const fd = openSync(logFile, 'w');
  const args = [
    'dev', '--config', config, '--ip', '127.0.0.1', '--port', String(port), '--inspector-port', String(inspectorPort),
    '--persist-to', join(dir, 'state'), '--env-file', envFile, '--show-interactive-dev-session=false',
    ...Object.entries(vars).map(([k, v]) => `--var=${k}:${v}`),
    ...extraArgs,
  ];
  const child = spawn(join(root, 'node_modules/.bin/wrangler'), args, {
    cwd: root,
    detached: true,
    stdio: ['ignore', fd, fd],
    env: wranglerEnv(),
  });
  closeSync(fd);
  const entry = track(`wrangler ${name}`, child);
  const read = (from = 0) => readFileSync(logFile).subarray(from).toString('utf8');
  const tail = () => read().split('\n').slice(-40).join('\n');
  const url = `http://127.0.0.1:${port}`;
  const wrangler: Wrangler = {
    ...entry,
    url,
    logFile,
    mark: () => statSync(logFile).size,
    linesSince: (offset) => read(offset).split('\n'),
    reloads: () => (read().match(/Reloading local server|Detected changes/gi) ?? []).length,
  };
  const deadline = Date.now() + 90_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`${entry.name} exited (${child.exitCode}):\n${tail()}`);
    try {
      const response = await fetch(`${url}/health`, { signal: AbortSignal.timeout(2_000) });
      await response.arrayBuffer();
      if (response.status === 200) return wrangler;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`${entry.name} did not answer GET /health in 90 s:\n${tail()}`);
}
