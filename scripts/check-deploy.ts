// npm run check:deploy
// Proves the production configuration (wrangler.toml as `npm run deploy` reads it) builds and would
// be accepted: `wrangler deploy --dry-run` bundles the Worker without a Cloudflare account, then the
// bundle's gzipped size and the time its global scope takes to evaluate are held under budgets with
// headroom below Workers' limits (docs/operating.md, "The build proves it can ship"). Prints the
// figures; exit code 1 when a budget is exceeded or the dry run fails.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { wranglerEnv } from './wrangler-env';

/** Gzipped bundle. Workers' limit: 3 MB on the Free plan, 10 MB on Paid; today ~0.56 MiB. */
const GZIP_BUDGET_BYTES = 1024 * 1024;
/**
 * CPU time of the global scope's evaluation (CPU, not wall time: a busy CI machine must not fail it),
 * median of STARTUP_RUNS fresh processes. Workers' limit: 1 s; today ~0.13 s here.
 */
const STARTUP_BUDGET_MS = 400;
const STARTUP_RUNS = 5;

const outdir = mkdtempSync(join(tmpdir(), 'check-deploy-'));
try {
  execFileSync('npx', ['wrangler', 'deploy', '--dry-run', '--outdir', outdir], {
    env: wranglerEnv(),
    stdio: ['ignore', 'ignore', 'inherit'],
  });

  // Every module wrangler would upload (source maps and its README stay behind).
  const modules = readdirSync(outdir).filter((name) => /\.(m?js|wasm)$/.test(name));
  const raw = modules.reduce((sum, name) => sum + readFileSync(join(outdir, name)).length, 0);
  const gzipped = modules.reduce(
    (sum, name) => sum + gzipSync(readFileSync(join(outdir, name)), { level: 9 }).length,
    0,
  );

  // The bundle in Node, as workerd would evaluate it: only `cloudflare:workers` is missing there, and
  // its classes are only extended at start-up, so empty ones stand in for them.
  const probe = join(outdir, 'startup-probe.mjs');
  const source = readFileSync(join(outdir, 'index.js'), 'utf8').replace(
    /import\s*\{([^}]*)\}\s*from\s*"cloudflare:workers";?/g,
    (_, names: string) =>
      names
        .split(',')
        .map((name) =>
          name
            .trim()
            .split(/\s+as\s+/)
            .at(-1),
        )
        .filter(Boolean)
        .map((local) => `const ${local} = class {};`)
        .join(' '),
  );
  writeFileSync(probe, source);
  const timeImport = `const t = process.cpuUsage(); await import(${JSON.stringify(probe)}); const d = process.cpuUsage(t); console.log((d.user + d.system) / 1000);`;
  const runs = Array.from({ length: STARTUP_RUNS }, () =>
    Number(execFileSync(process.execPath, ['--input-type=module', '-e', timeImport], { encoding: 'utf8' })),
  );
  const startup = runs.sort((a, b) => a - b)[Math.floor(STARTUP_RUNS / 2)];

  const kib = (bytes: number) => `${(bytes / 1024).toFixed(1)} KiB`;
  const failures: string[] = [];
  console.log(`bundle: ${modules.join(', ')}: ${kib(raw)}, gzip ${kib(gzipped)} (budget ${kib(GZIP_BUDGET_BYTES)})`);
  if (gzipped > GZIP_BUDGET_BYTES)
    failures.push(`the gzipped bundle is ${kib(gzipped)}, over its budget of ${kib(GZIP_BUDGET_BYTES)}`);
  console.log(
    `start-up (global scope, CPU): median ${startup.toFixed(0)} ms of ${runs.map((ms) => ms.toFixed(0)).join(', ')} (budget ${STARTUP_BUDGET_MS} ms)`,
  );
  if (startup > STARTUP_BUDGET_MS)
    failures.push(`start-up takes ${startup.toFixed(0)} ms, over its budget of ${STARTUP_BUDGET_MS} ms`);
  if (failures.length) {
    console.error(failures.map((f) => `  - ${f}`).join('\n'));
    process.exitCode = 1;
  }
} finally {
  rmSync(outdir, { recursive: true, force: true });
}
