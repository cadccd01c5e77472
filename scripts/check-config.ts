// npm run check:config -- --env production --vars deploy/production.vars
// Checks a deployment's configuration before it is deployed: wrangler.toml's [vars] (read by
// wrangler itself, as a deploy reads them) with a vars-and-secrets file over them (.env format, as
// `wrangler deploy --secrets-file` takes), against the worker's schema and what production needs
// (src/config-check.ts). Prints every problem; exit code 1 when there is any, 2 on bad usage.
import { readFileSync } from 'node:fs';
import { parseArgs, parseEnv } from 'node:util';
import { configurationProblems } from '../src/config-check';

const ENVIRONMENTS = ['production', 'development', 'test'] as const;
type Environment = (typeof ENVIRONMENTS)[number];

function usage(message: string): never {
  console.error(`${message}\nusage: npm run check:config -- --env production --vars <file> [--config wrangler.toml]`);
  process.exit(2);
}

const { values } = parseArgs({
  options: { env: { type: 'string' }, vars: { type: 'string' }, config: { type: 'string', default: 'wrangler.toml' } },
});
const environment = values.env as Environment | undefined;
if (!environment || !ENVIRONMENTS.includes(environment)) usage(`--env must be one of ${ENVIRONMENTS.join(', ')}`);
if (!values.vars) usage('--vars names the file of the deployment’s own vars and secrets');

let fileVars: Record<string, string>;
try {
  fileVars = parseEnv(readFileSync(values.vars, 'utf8')) as Record<string, string>;
} catch (error) {
  usage(`cannot read ${values.vars}: ${(error as Error).message}`);
}
// Imported here, not at the top: loading wrangler takes seconds, not worth it for a usage error.
const { unstable_readConfig } = await import('wrangler');
const tomlVars = unstable_readConfig({ config: values.config }).vars as Record<string, unknown>;

const problems = configurationProblems({ ...tomlVars, ...fileVars }, environment);
const checked = `${values.config} [vars] + ${values.vars}, as ${environment}`;
if (problems.length) {
  console.error(
    `${problems.length} problem${problems.length > 1 ? 's' : ''} in ${checked}:\n${problems.map((p) => `  - ${p}`).join('\n')}`,
  );
  process.exit(1);
}
console.log(`configuration ok: ${checked}`);
