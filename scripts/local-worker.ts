// The worker as production runs it, locally: the bundle `wrangler deploy` would upload, in workerd
// through Miniflare, with wrangler.toml's bindings (vars, Durable Objects, flags) plus local ones.
// Used by `npm start` and by the bench (bench/worker-process.ts).
//
// Not `wrangler dev`: its two dev-only layers (a live-reload proxy worker in a second workerd, and
// an inspector relay that copies every console line and subrequest to Node) cost 3.5× the worker's
// own CPU, and under a rush of 200 bookings they dropped connections without any HTTP answer or
// answered 503 "Your worker restarted mid-request". Production has neither. `npm run dev` keeps
// wrangler dev for live reload.
import { execFile } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Readable } from 'node:stream';
import { promisify } from 'node:util';
import { Miniflare } from 'miniflare';
import { wranglerEnv } from './wrangler-env';

const root = new URL('..', import.meta.url).pathname;

export interface WorkerBundle {
  /** A copy of wrangler.toml whose `main` is the bundle: bindings, Durable Objects, flags. */
  config: string;
  script: string;
}

/**
 * Bundles src/ as it is now into `dir` (`wrangler deploy --dry-run --outdir`), as a deploy would,
 * with a copy of wrangler.toml pointing at the bundle. ~2.5 s. `source`: another checkout of the
 * project (bench/compare.ts bundles an earlier commit); its static assets stay this one's.
 */
export async function bundleWorker(dir: string, source = root): Promise<WorkerBundle> {
  try {
    await promisify(execFile)(
      join(root, 'node_modules/.bin/wrangler'),
      ['deploy', '--dry-run', '--outdir', join(dir, 'dist')],
      {
        cwd: source,
        env: { ...wranglerEnv(), FORCE_COLOR: '0' },
      },
    );
  } catch (error) {
    // The build error (esbuild's, with file and line) is in wrangler's output: show it.
    const { stdout = '', stderr = '' } = error as { stdout?: string; stderr?: string };
    throw new Error(`wrangler deploy --dry-run failed:\n${stdout}${stderr}`);
  }
  const toml = readFileSync(join(source, 'wrangler.toml'), 'utf8');
  if (!/^main\s*=/m.test(toml)) throw new Error('wrangler.toml has no main entry');
  const config = join(dir, 'wrangler.toml');
  // The copy lives elsewhere: paths in it (main, the static assets' directory) must not move.
  const relocated = toml
    .replace(/^main\s*=.*$/m, 'main = "dist/index.js"')
    .replace(/^directory\s*=\s*"(.*)"$/m, (_, path: string) => `directory = ${JSON.stringify(join(root, path))}`);
  writeFileSync(config, relocated);
  return { config, script: join(dir, 'dist/index.js') };
}

export interface LocalWorkerOptions {
  /** Bindings added to (or replacing) wrangler.toml's vars: DATABASE_URL, DB_PROXY, JWT_DEV_JWKS… */
  vars: Record<string, string>;
  host?: string;
  /** 0 for any free port. */
  port: number;
  /** Directory for Durable Object state and the R2 bucket (the bulk files); in memory when absent. */
  persist?: string;
  /**
   * The caller handles SIGINT/SIGTERM and calls dispose() itself. Otherwise wrangler's module (on
   * import) and Miniflare (on start) add listeners that exit the process at once, before the
   * caller's own clean-up (the embedded PGlite's shutdown) can run. Miniflare's exit hook, which
   * kills workerd, stays.
   */
  callerHandlesSignals?: boolean;
  /**
   * Fire wrangler.toml's Cron Triggers (the outbox relay, the bulk files) as Cloudflare would:
   * Miniflare runs scheduled handlers but never on its own, so a timer calls them at each minute.
   */
  crons?: boolean;
  /** A V8 inspector (Chrome DevTools protocol) on this port, for CPU profiles (bench/profile.ts). */
  inspectorPort?: number;
}

export interface LocalWorker {
  url: URL;
  /** Runs the scheduled handler for `cron` now, as a Cron Trigger would; resolves to its outcome ('ok' or why not). */
  scheduled(cron: string): Promise<string>;
  dispose(): Promise<void>;
}

/** Starts the bundle in workerd; resolves once it listens. workerd's output goes to ours. */
export async function startLocalWorker(bundle: WorkerBundle, options: LocalWorkerOptions): Promise<LocalWorker> {
  const signals = ['SIGINT', 'SIGTERM'] as const;
  const before = new Map(signals.map((s) => [s, new Set(process.listeners(s))]));
  // Imported here, inside the window above: importing wrangler registers its signal listeners.
  const { unstable_getMiniflareWorkerOptions, unstable_readConfig } = await import('wrangler');
  const { workerOptions } = unstable_getMiniflareWorkerOptions(bundle.config);
  const worker = new Miniflare({
    ...workerOptions,
    modules: true,
    scriptPath: bundle.script,
    // Module names are paths relative to this root; workerd refuses any that climb out with '..'.
    modulesRoot: dirname(bundle.script),
    bindings: { ...workerOptions.bindings, ...options.vars },
    host: options.host ?? '127.0.0.1',
    port: options.port,
    durableObjectsPersist: options.persist ?? false,
    r2Persist: options.persist ?? false,
    ...(options.inspectorPort ? { inspectorPort: options.inspectorPort } : {}),
    handleRuntimeStdio: (stdout: Readable, stderr: Readable) => {
      stdout.pipe(process.stdout);
      stderr.pipe(process.stderr);
    },
  });
  const url = await worker.ready;
  if (options.callerHandlesSignals) {
    for (const signal of signals) {
      for (const listener of process.listeners(signal))
        if (!before.get(signal)!.has(listener)) process.removeListener(signal, listener);
    }
  }
  const stopCrons = options.crons
    ? await fireCrons(worker, unstable_readConfig({ config: join(root, 'wrangler.toml') }).triggers.crons ?? [])
    : () => {};
  return {
    url,
    scheduled: async (cron) =>
      (await (await worker.getWorker()).scheduled({ cron, scheduledTime: new Date() })).outcome,
    dispose: () => {
      stopCrons();
      return worker.dispose();
    },
  };
}

// Every how many minutes a schedule fires: `* * * * *` is 1, `*/5 * * * *` is 5; undefined for any other form.
export function everyMinutes(cron: string): number | undefined {
  if (cron.trim() === '* * * * *') return 1;
  const match = /^\*\/(\d+) \* \* \* \*$/.exec(cron.trim());
  const minutes = match ? Number(match[1]) : 0;
  return minutes >= 1 && minutes <= 59 && 60 % minutes === 0 ? minutes : undefined;
}

// Calls the worker's scheduled handler at the start of every minute its schedule names, through
// Miniflare's own API (no HTTP trigger route to expose). Only `* * * * *` and `*/N * * * *` (N
// dividing 60) are supported: refusing another one beats silently firing it at the wrong times.
// The less frequent ones (the bulk files) also fire once at start, so that a local run serves the
// files at once instead of answering 503 until their first turn.
async function fireCrons(worker: Miniflare, crons: string[]): Promise<() => void> {
  const unsupported = crons.filter((cron) => everyMinutes(cron) === undefined);
  if (unsupported.length)
    throw new Error(
      `local crons fire every N minutes only (* * * * * or */N * * * *); wrangler.toml has ${unsupported.join(', ')}`,
    );
  if (!crons.length) return () => {};
  const fetcher = await worker.getWorker();
  const fire = (cron: string, scheduledTime: Date) =>
    fetcher
      .scheduled({ cron, scheduledTime })
      .catch((error: unknown) => console.error(`cron ${cron} failed: ${String(error)}`));
  for (const cron of crons) if (everyMinutes(cron)! > 1) void fire(cron, new Date());
  let timer: ReturnType<typeof setTimeout>;
  const next = () => {
    timer = setTimeout(
      () => {
        const scheduledTime = new Date(Math.round(Date.now() / 60_000) * 60_000);
        const minute = scheduledTime.getUTCMinutes();
        for (const cron of crons) if (minute % everyMinutes(cron)! === 0) void fire(cron, scheduledTime);
        next();
      },
      60_000 - (Date.now() % 60_000),
    );
  };
  next();
  return () => clearTimeout(timer);
}
