// `npm start`: the API on http://127.0.0.1:8787 (PORT to change it) over a local database —
// embedded PGlite in .data/ by default (kept across restarts), or the server in DATABASE_URL.
// The worker is the bundle `wrangler deploy` would upload, run in workerd through Miniflare with
// wrangler.toml's bindings (scripts/local-worker.ts), as production runs it: no dev-only layers
// to drop connections under a rush.
//
// Beside it, a local OpenID provider playing FranceConnect (scripts/twins/oidc-provider.ts) on
// 127.0.0.1 (OIDC_PORT, default a free port) for the pages' sign-in, with a demo identity to pick.
//
// `npm run dev` (this script with --dev): the same database, then `wrangler dev` with live reload;
// arguments after --dev go to wrangler.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startDbStack, type DbStack } from './db/stack';
import { prepareDatabase } from './db/prepare';
import { seedDemoData } from './db/seed-demo';
import { loadOrCreateDevKeys } from './dev-keys';
import { bundleWorker, startLocalWorker, type LocalWorker } from './local-worker';
import { startProviderSink, type ProviderSink } from './twins/provider-sink';
import { wranglerEnv } from './wrangler-env';
import { startIdentityTwins, type IdentityTwins } from './twins/identity-twins';

const root = new URL('..', import.meta.url).pathname;
const dev = process.argv[2] === '--dev';
const host = '127.0.0.1';
const port = process.env.PORT ?? '8787';
const started = Date.now();

let stack: DbStack | undefined;
let identityTwins: IdentityTwins | undefined;
let sink: ProviderSink | undefined;
let worker: LocalWorker | undefined;
let scratch: string | undefined;
let stopping = false;
async function stop(code: number) {
  if (stopping) return;
  stopping = true;
  // Bounded: a clean-up that hangs must not keep the port or the terminal.
  setTimeout(() => process.exit(code || 1), 10_000).unref();
  await worker?.dispose().catch(() => {});
  await identityTwins?.close().catch(() => {});
  await stack?.stop().catch(() => {});
  await sink?.stop().catch(() => {});
  if (scratch) rmSync(scratch, { recursive: true, force: true });
  process.exit(code);
}

// Where the database is, without a password.
const describeDb = (url: string) => {
  const u = new URL(url);
  u.password = '';
  return u.toString();
};

const keys = await loadOrCreateDevKeys();
// Messages to patients go to a local twin of the provider, which prints them: never to Brevo.
const sinkVars = async () => {
  sink = await startProviderSink({ apiKey: 'local-sink-key' });
  return { MESSAGES_API_URL: `${sink.url}/v3`, MESSAGES_API_KEY: sink.apiKey };
};
const databaseUrl = process.env.DATABASE_URL || undefined;
const publicUrl = `http://${host}:${port}`;

/**
 * The identity federations' twins (FranceConnect, ProConnect, Pro Santé Connect), registered with
 * this worker as its client; the worker's settings to reach them. OIDC_PORT, when set, fixes
 * FranceConnect's port and the next two.
 */
async function startSignIn(): Promise<Record<string, string>> {
  const first = Number(process.env.OIDC_PORT ?? 0);
  identityTwins = await startIdentityTwins(publicUrl, {
    clientPrefix: 'mpdcv-local',
    ports: first ? [first, first + 1, first + 2] : undefined,
  });
  // Sessions last as long as this run: a new secret each start.
  return { ...identityTwins.vars, SESSION_SECRET: randomBytes(32).toString('base64url') };
}

const signInLine = (vars: Record<string, string>) =>
  `FranceConnect, ProConnect and Pro Santé Connect twins at ${['FC', 'PROCONNECT', 'PSC'].map((p) => vars[`${p}_DISCOVERY_URL`].replace('/.well-known/openid-configuration', '')).join(', ')}`;

if (!dev) {
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    // One Ctrl-C may arrive several times (the terminal signals npm, tsx and us; they relay it):
    // repeats are ignored, and stop() is bounded.
    process.on(signal, () => {
      if (stopping) return;
      console.log('\nstopping…');
      void stop(0);
    });
  }
  try {
    // Bundling (~2.5 s) runs while the database starts and migrates.
    scratch = mkdtempSync(join(tmpdir(), 'mpdcv-start-'));
    const bundling = bundleWorker(scratch);
    bundling.catch(() => {}); // awaited below; not an unhandled rejection meanwhile
    stack = await startDbStack({ databaseUrl, dataDir: `${root}.data/pglite` });
    await prepareDatabase(stack.databaseUrl, { seedIfMissing: true });
    await seedDemoData(stack.databaseUrl, new Date());
    const db = stack.embedded
      ? 'embedded PGlite in .data/pglite'
      : `${describeDb(stack.databaseUrl)} (DATABASE_URL)${stack.pooler ? `, through PgBouncer (transaction mode) on port ${stack.pooler.port}` : ', direct (no PgBouncer)'}`;
    console.log(`database ready in ${Date.now() - started} ms: ${db}`);
    const signIn = await startSignIn();
    const bundle = await bundling;
    const messages = await sinkVars();
    worker = await startLocalWorker(bundle, {
      vars: {
        ENVIRONMENT: 'development',
        DATABASE_URL: stack.workerDatabaseUrl,
        DB_PROXY: stack.proxy,
        JWT_DEV_JWKS: JSON.stringify(keys.publicJwks),
        PUBLIC_URL: publicUrl,
        ...signIn,
        ...messages,
      },
      host,
      port: Number(port),
      callerHandlesSignals: true,
      crons: true,
    });
    console.log(
      [
        `API listening on http://${host}:${worker.url.port} (ready in ${Date.now() - started} ms)`,
        `  database: ${db}`,
        `  sign-in:  ${signInLine(signIn)} (demo identities; patients at ${publicUrl}/connexion, staff at ${publicUrl}/agent, /medecin, /ars)`,
        `  messages: SMS and emails go to the local provider sink on ${sink!.url} and are printed here`,
        '  worker:   the deploy bundle of src/ in workerd (no live reload: restart, or use `npm run dev`)',
        'DEVELOPMENT MODE: tokens signed by the local key in .dev/keys.json are trusted (get one with `npm run -s token -- --role patient --sub me`).',
        'Ctrl-C to stop.',
      ].join('\n'),
    );
  } catch (error) {
    console.error(`npm start failed: ${error instanceof Error ? error.message : String(error)}`);
    await stop(1);
  }
} else {
  stack = await startDbStack({ databaseUrl, dataDir: `${root}.data/pglite` });
  await prepareDatabase(stack.databaseUrl, { seedIfMissing: true });
  await seedDemoData(stack.databaseUrl, new Date());
  console.log(
    `database ready in ${Date.now() - started} ms (${stack.embedded ? 'embedded PGlite in .data/pglite' : describeDb(stack.databaseUrl)})`,
  );

  // wrangler dev reads local secrets and vars from .dev.vars (dotenv: single quotes keep JSON as is).
  const vars = {
    ENVIRONMENT: 'development',
    DATABASE_URL: stack.workerDatabaseUrl,
    DB_PROXY: stack.proxy,
    JWT_DEV_JWKS: JSON.stringify(keys.publicJwks),
    PUBLIC_URL: publicUrl,
    ...(await startSignIn()),
    ...(await sinkVars()),
  };
  console.log(`sign-in: ${signInLine(vars)}`);
  writeFileSync(
    `${root}.dev.vars`,
    `${Object.entries(vars)
      .map(([k, v]) => `${k}='${v}'`)
      .join('\n')}\n`,
    { mode: 0o600 },
  );
  console.log(
    'DEVELOPMENT MODE: tokens signed by the local key in .dev/keys.json are trusted (get one with `npm run -s token -- --role patient --sub me`).',
  );
  console.log(
    'wrangler dev with live reload: fine for editing, not for load (its dev-only layers drop connections under a rush; `npm start` does not).',
  );

  const wrangler = spawn(
    `${root}node_modules/.bin/wrangler`,
    ['dev', '--ip', host, '--port', port, ...process.argv.slice(3)],
    {
      cwd: root,
      stdio: 'inherit',
      env: wranglerEnv(),
    },
  );
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => wrangler.kill(signal));
  wrangler.on('exit', (code) => void stop(code ?? 0));
}
