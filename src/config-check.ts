// What a deployment's configuration lacks or gets wrong, before it is deployed: the worker's own
// schema (src/env.ts: the worker would answer 503 misconfigured), then what a production deployment
// needs although the worker runs without it, each feature then failing closed on its own (no sign-in,
// no messages, webhook operations refused). Used by `npm run check:config` (scripts/check-config.ts)
// before a deploy, and by /ready (src/routes/health/) on the running worker.
import { EnvSchema, issueLines } from './env';
import { accountEntries, scopeOfText } from './domain/region-scope';

/** Settings a production deployment needs, by what stops working without them. */
const NEEDED_IN_PRODUCTION: Record<string, readonly string[]> = {
  'every sign-in on the pages (their sessions)': ['SESSION_SECRET'],
  'webhook operations (503 misconfigured without it)': ['WEBHOOK_SECRETS_KEY'],
  'messages to patients (none is sent without it)': [
    'MESSAGES_API_URL',
    'MESSAGES_API_KEY',
    'SMS_SENDER',
    'EMAIL_SENDER',
  ],
  'patients’ sign-in (FranceConnect)': ['FC_DISCOVERY_URL', 'FC_CLIENT_ID', 'FC_CLIENT_SECRET'],
  'agents’ and ARS staff’s sign-in (ProConnect)': [
    'PROCONNECT_DISCOVERY_URL',
    'PROCONNECT_CLIENT_ID',
    'PROCONNECT_CLIENT_SECRET',
  ],
  'doctors’ sign-in (Pro Santé Connect)': ['PSC_DISCOVERY_URL', 'PSC_CLIENT_ID', 'PSC_CLIENT_SECRET'],
  'the staff spaces (nobody is admitted without it)': ['AGENT_ACCOUNTS', 'ARS_ACCOUNTS'],
};

/** Settings the worker accepts in production but that have no place in a deployment. */
const UNSAFE_IN_PRODUCTION: Record<string, (value: unknown) => string | undefined> = {
  JWT_DEV_JWKS: (v) =>
    v === undefined
      ? undefined
      : 'a development key set: remove it (production ignores it, and it has no place beside real keys)',
  EXPOSE_DB_STATS: (v) =>
    v === '1' ? 'tells every caller how many SQL statements its request cost: unset it' : undefined,
  RATE_LIMIT_ENABLED: (v) =>
    v === '0' ? 'turns every rate limiter off (a benchmark setting): set it to 1' : undefined,
  DATABASE_URL: (v) =>
    typeof v === 'string' && /@(localhost|127\.|\[::1\])/i.test(v)
      ? 'a database on this machine: use the Neon pooled URL'
      : undefined,
};

const isSet = (value: unknown) => value !== undefined && value !== '';

/** ARS accounts whose entry names no region (or an unknown one): they are admitted, then refused everything. */
function arsAccountsWithoutRegions(list: unknown): string[] {
  if (typeof list !== 'string') return [];
  return accountEntries(list)
    .filter(({ scope }) => scope === undefined || !scopeOfText(scope))
    .map(
      ({ who, scope }) =>
        `ARS_ACCOUNTS: ${who} ${scope === undefined ? 'names no region' : `names unknown regions "${scope}"`}: add =<INSEE codes joined by +> (e.g. =75+76) or =national`,
    );
}

/**
 * Every missing or unsafe setting of `vars` (wrangler.toml's [vars] with the deployment's own vars
 * and secrets over them) for a deployment running as `environment`, as "SETTING: why" lines.
 */
export function configurationProblems(
  vars: Record<string, unknown>,
  environment: 'production' | 'development' | 'test',
): string[] {
  const problems: string[] = [];
  const said = vars.ENVIRONMENT ?? 'production';
  if (said !== environment)
    problems.push(`ENVIRONMENT: the configuration says ${String(said)}, the deployment is ${environment}`);
  const parsed = EnvSchema.safeParse({ ...vars, ENVIRONMENT: environment });
  if (!parsed.success) problems.push(...issueLines(parsed.error.issues));
  if (environment !== 'production') return problems;
  for (const [feature, names] of Object.entries(NEEDED_IN_PRODUCTION)) {
    for (const name of names) if (!isSet(vars[name])) problems.push(`${name}: missing, needed for ${feature}`);
  }
  problems.push(...arsAccountsWithoutRegions(vars.ARS_ACCOUNTS));
  for (const [name, unsafe] of Object.entries(UNSAFE_IN_PRODUCTION)) {
    const why = unsafe(vars[name]);
    if (why) problems.push(`${name}: ${why}`);
  }
  return problems;
}
