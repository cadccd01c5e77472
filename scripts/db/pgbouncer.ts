// PgBouncer in transaction mode in front of a Postgres server, as Neon's pooled connection string
// puts it in front of production's: a request reuses a warm backend instead of starting one.
// One PgBouncer per stack, on a free port, with the configuration kept in ./pgbouncer/.
import { spawn, type ChildProcess } from 'node:child_process';
import { accessSync, chmodSync, constants, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { freePort } from '../free-port';

export interface PgBouncer {
  /** The server URL with PgBouncer's address instead: what the worker connects to. */
  url: string;
  port: number;
  /** The admin console (SHOW POOLS, SHOW STATS, SHOW SERVERS), simple query protocol only. */
  adminUrl: string;
  /** Its process group (the shell that holds it, and PgBouncer). */
  pid: number;
  stop(): Promise<void>;
}

const TEMPLATE_DIR = new URL('./pgbouncer/', import.meta.url).pathname;
const CANDIDATES = [
  '/usr/sbin/pgbouncer',
  '/usr/bin/pgbouncer',
  '/usr/local/bin/pgbouncer',
  '/usr/local/sbin/pgbouncer',
];

/**
 * PGBOUNCER=off: none. PGBOUNCER=<path>: that binary, an error if it is not there (CI sets it, so a
 * missing package fails the run instead of silently testing another path). Otherwise the Debian
 * package's binary or one on PATH, undefined if there is none.
 */
export function findPgBouncer(): string | undefined {
  const wanted = process.env.PGBOUNCER;
  if (wanted === 'off') return undefined;
  const executable = (p: string) => {
    try {
      accessSync(p, constants.X_OK);
      return true;
    } catch {
      return false;
    }
  };
  if (wanted) {
    if (!executable(wanted)) throw new Error(`PGBOUNCER=${wanted} is not an executable (apt-get install -y pgbouncer)`);
    return wanted;
  }
  return [
    ...CANDIDATES,
    ...(process.env.PATH ?? '')
      .split(':')
      .filter(Boolean)
      .map((d) => join(d, 'pgbouncer')),
  ].find(executable);
}

function fill(template: string, values: Record<string, string>) {
  return template.replace(/@([A-Z_]+)@/g, (_, key: string) => values[key] ?? '');
}

/** Polls a trivial query through PgBouncer until it answers: bound and reaching the server. */
async function ready(url: string, child: ChildProcess, log: () => string): Promise<void> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`pgbouncer exited (${child.exitCode}): ${log().slice(-2_000)}`);
    const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 1_000 });
    client.on('error', () => undefined);
    try {
      await client.connect();
      await client.query('SELECT 1');
      return;
    } catch (error) {
      if (Date.now() > deadline)
        throw new Error(`pgbouncer did not answer in 10 s: ${String(error)}\n${log().slice(-2_000)}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    } finally {
      await client.end().catch(() => undefined);
    }
  }
}

async function startOnce(binary: string, server: URL, port: number): Promise<PgBouncer> {
  const dir = mkdtempSync(join(tmpdir(), 'mpdcv-pgbouncer-'));
  // PgBouncer refuses to run as root: it then switches to the server's user, who must read these.
  const asRoot = process.getuid?.() === 0;
  if (asRoot) chmodSync(dir, 0o755);
  const user = decodeURIComponent(server.username || 'postgres');
  const values = {
    PORT: String(port),
    SERVER_HOST: server.hostname,
    SERVER_PORT: server.port || '5432',
    DIR: dir,
    USER: user.replace(/"/g, ''),
  };
  let ini = fill(readFileSync(join(TEMPLATE_DIR, 'pgbouncer.ini'), 'utf8'), values);
  if (asRoot) ini += 'user = postgres\n';
  writeFileSync(join(dir, 'pgbouncer.ini'), ini, { mode: 0o644 });
  writeFileSync(join(dir, 'userlist.txt'), fill(readFileSync(join(TEMPLATE_DIR, 'userlist.txt'), 'utf8'), values), {
    mode: 0o644,
  });
  // Through a shell that waits on its stdin: if this Node process dies without stopping it, the
  // pipe closes and the shell stops PgBouncer, so no orphan keeps the port or server connections.
  const child = spawn(
    'sh',
    [
      '-c',
      '"$0" "$1" & pid=$!; trap \'kill $pid 2>/dev/null\' EXIT; read _ || true; kill $pid 2>/dev/null; wait $pid',
      binary,
      join(dir, 'pgbouncer.ini'),
    ],
    {
      stdio: ['pipe', 'ignore', 'pipe'],
      // Its own process group: the terminal's Ctrl-C is for us (we stop it), and the bench can
      // account its CPU apart.
      detached: true,
    },
  );
  let log = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    log = (log + chunk.toString('utf8')).slice(-8_000);
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const url = new URL(server);
  url.hostname = '127.0.0.1';
  url.port = String(port);
  const adminUrl = new URL(url);
  adminUrl.pathname = '/pgbouncer';
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.stdin?.end();
      const timer = setTimeout(() => child.kill('SIGKILL'), 3_000);
      await exited;
      clearTimeout(timer);
    }
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    await ready(url.toString(), child, () => log);
  } catch (error) {
    await stop();
    throw error;
  }
  return { url: url.toString(), port, adminUrl: adminUrl.toString(), pid: child.pid!, stop };
}

/**
 * Starts PgBouncer for the server at `serverUrl`. A port taken between choosing and binding (another
 * PgBouncer, another helper's stack) is retried on a new port.
 */
export async function startPgBouncer(serverUrl: string, binary: string): Promise<PgBouncer> {
  let last: unknown;
  for (let attempt = 0; attempt < 3; attempt += 1) {
    try {
      return await startOnce(binary, new URL(serverUrl), await freePort());
    } catch (error) {
      last = error;
    }
  }
  throw last;
}
