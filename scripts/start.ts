// `npm start`: the API on http://127.0.0.1:8787 (wrangler dev) over a local database.
// Embedded PGlite in .data/ by default (kept across restarts), or the server in DATABASE_URL.
import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { startDbStack } from './db/stack';
import { prepareDatabase } from './db/prepare';
import { seedDemoData } from './db/seed-demo';
import { loadOrCreateDevKeys } from './dev-keys';
import { wranglerEnv } from './wrangler-env';

const root = new URL('..', import.meta.url).pathname;
const started = Date.now();
const keys = await loadOrCreateDevKeys();
const stack = await startDbStack({ databaseUrl: process.env.DATABASE_URL, dataDir: `${root}.data/pglite` });
await prepareDatabase(stack.databaseUrl, { seedIfMissing: true });
await seedDemoData(stack.databaseUrl, new Date());
console.log(`database ready in ${Date.now() - started} ms (${stack.embedded ? 'embedded PGlite in .data/pglite' : 'DATABASE_URL'})`);

// wrangler dev reads local secrets and vars from .dev.vars (dotenv: single quotes keep JSON as is).
const vars = {
  DATABASE_URL: stack.databaseUrl,
  DB_PROXY: stack.proxy,
  JWT_DEV_JWKS: JSON.stringify(keys.publicJwks),
};
writeFileSync(`${root}.dev.vars`, Object.entries(vars).map(([k, v]) => `${k}='${v}'`).join('\n') + '\n', { mode: 0o600 });
console.log('DEVELOPMENT MODE: tokens signed by the local key in .dev/keys.json are trusted (get one with `npm run -s token -- --role patient --sub me`).');

const wrangler = spawn(`${root}node_modules/.bin/wrangler`, ['dev', '--ip', '127.0.0.1', '--port', process.env.PORT ?? '8787', ...process.argv.slice(2)], {
  cwd: root,
  stdio: 'inherit',
  env: wranglerEnv(),
});
const stop = async (code: number) => {
  await stack.stop();
  process.exit(code);
};
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => wrangler.kill(signal));
wrangler.on('exit', (code) => void stop(code ?? 0));
