// Bindings and vars, typed once: the zod schema below is the configuration, and the Env type is
// inferred from it. Code reads configuration through configOf() (c.var.config()), never from raw
// bindings. Secrets (DATABASE_URL) come from `wrangler secret` in production and from .dev.vars
// locally (written by `npm start`).
import { z } from 'zod';
import { ConfigurationError } from './lib/configuration-error';
import type { CallerRateLimiter } from './durable-objects/caller-rate-limiter';
import type { EventMessage } from './core/outbox/event';
import type { ZoneRateLimiter } from './durable-objects/zone-rate-limiter';

/** Per-zone budgets per minute, e.g. {"200035541": {"search": 2400, "booking": 600}}. */
/** Browser origins of partner apps, e.g. "https://app.example.fr,https://rdv.example.org". */
const Origins = z
  .string()
  .optional()
  .transform((list) =>
    (list ?? '')
      .split(',')
      .map((o) => o.trim())
      .filter(Boolean),
  )
  .pipe(z.array(z.string().regex(/^https:\/\/[a-z0-9.-]+(:\d+)?$/, 'an origin is https://host[:port]')));

const ZoneOverrides = z.record(
  z.string(),
  z.object({ search: z.number().positive().optional(), booking: z.number().positive().optional() }),
);

const EnvObject = z.object({
  CORS_ORIGINS: Origins,
  DATABASE_URL: z.string().min(1),
  /** host:port of the local WebSocket proxy; unset in production, where Neon speaks WebSocket itself. */
  DB_PROXY: z.string().optional(),
  JWT_ISSUER: z.string().min(1),
  JWT_AUDIENCE: z.string().min(1),
  /** Production key source. When set, JWT_DEV_JWKS is ignored. */
  JWT_JWKS_URL: z.url().optional(),
  /** A public JWK set as JSON, for local development and tests only; never trusted in production. */
  JWT_DEV_JWKS: z.string().optional(),
  /** Longest accepted token lifetime (exp - iat) and age (now - iat). See README, "Tokens". */
  JWT_MAX_TOKEN_AGE_SECONDS: z.coerce.number().int().min(60).max(43_200).default(3600),
  /**
   * Tokens are access tokens typed `at+jwt` (RFC 9068). `accept` also takes `typ: JWT` or no `typ`,
   * for an issuer that does not type its access tokens; any other type is refused either way.
   */
  JWT_UNTYPED_ACCESS_TOKENS: z.enum(['refuse', 'accept']).default('refuse'),
  /**
   * 'production' (wrangler.toml's, and the default: a deployment that forgets it fails closed)
   * refuses to serve with an unsafe setting (productionRules below) and never trusts JWT_DEV_JWKS.
   * Local runs (npm start, npm run dev, the tests, the bench) say they are local.
   */
  ENVIRONMENT: z.enum(['development', 'test', 'production']).default('production'),
  /** "1" adds an x-db-queries header (round trips of the request); for tests and benchmarks. */
  EXPOSE_DB_STATS: z.enum(['0', '1']).default('0'),
  HOLD_MINUTES: z.coerce.number().int().min(1).max(30).default(5),
  AGENT_HOLD_MINUTES: z.coerce.number().int().min(1).max(60).default(10),
  /** How often one hold may be extended: at least 10 (RGAA 13.1); 20 is the database's ceiling (holds_extensions_bounded). */
  HOLD_MAX_EXTENSIONS: z.coerce.number().int().min(10).max(20).default(10),
  /** The public origin of the patient pages: links in messages, FHIR deep links, OIDC redirects. */
  PUBLIC_URL: z.url().transform((u) => u.replace(/\/+$/, '')),
  /**
   * FranceConnect (patients' sign-in on the pages): the provider's discovery URL, e.g.
   * https://auth.franceconnect.gouv.fr/api/v2/.well-known/openid-configuration; its issuer is
   * that URL without the suffix. With FC_CLIENT_ID and FC_CLIENT_SECRET (a secret); if any is
   * missing (or, in production, not https), /connexion answers 503 and nobody can sign
   * in (never a bypass); the API itself is unaffected.
   */
  FC_DISCOVERY_URL: z
    .url()
    .regex(
      /^[^?#]+\/\.well-known\/openid-configuration$/,
      'an issuer URL followed by /.well-known/openid-configuration',
    )
    .optional(),
  FC_CLIENT_ID: z.string().min(1).max(200).optional(),
  FC_CLIENT_SECRET: z.string().min(1).max(500).optional(),
  /**
   * ProConnect (public agents: call centre, ARS) and Pro Santé Connect (doctors): each provider's
   * discovery URL and this service's client registration, as FC_* above; a provider with a missing
   * setting refuses every sign-in through it (503), never a bypass.
   */
  PROCONNECT_DISCOVERY_URL: z
    .url()
    .regex(
      /^[^?#]+\/\.well-known\/openid-configuration$/,
      'an issuer URL followed by /.well-known/openid-configuration',
    )
    .optional(),
  PROCONNECT_CLIENT_ID: z.string().min(1).max(200).optional(),
  PROCONNECT_CLIENT_SECRET: z.string().min(1).max(500).optional(),
  PSC_DISCOVERY_URL: z
    .url()
    .regex(
      /^[^?#]+\/\.well-known\/openid-configuration$/,
      'an issuer URL followed by /.well-known/openid-configuration',
    )
    .optional(),
  PSC_CLIENT_ID: z.string().min(1).max(200).optional(),
  PSC_CLIENT_SECRET: z.string().min(1).max(500).optional(),
  /**
   * Which ProConnect accounts are call-centre agents and which are ARS staff: comma-separated
   * email addresses, or `@domain` for every address of a domain. Nobody else gets a staff page.
   */
  AGENT_ACCOUNTS: z.string().max(20_000).optional(),
  ARS_ACCOUNTS: z.string().max(20_000).optional(),
  /** Which of the ARS accounts are data protection officers, who erase a person's data (/ars/effacement). Same form. */
  ARS_DPO_ACCOUNTS: z.string().max(20_000).optional(),
  /** Encrypts the pages' session and sign-in cookies (keys derived by HKDF); a secret of 32+ characters. */
  SESSION_SECRET: z.string().min(32).optional(),
  /** The call centre patients phone to book, move or cancel (E.164), printed in messages and FHIR. */
  CALL_CENTRE_PHONE: z.string().regex(/^\+\d{8,15}$/, 'an E.164 number, e.g. +33XXXXXXXXX'),
  /**
   * AES-256-GCM key (32 bytes, base64) sealing webhook signing secrets at rest. Required in
   * production (webhook operations answer 503 misconfigured without it); elsewhere, without it,
   * secrets are stored unsealed.
   */
  WEBHOOK_SECRETS_KEY: z
    .string()
    .optional()
    .refine((k) => k === undefined || /^[A-Za-z0-9+/]{43}=$/.test(k), 'a base64 32-byte key (openssl rand -base64 32)'),
  /**
   * Messages to patients (src/events/notifications/), sent through Brevo's HTTPS API: its base URL
   * (https://api.brevo.com/v3; locally the sink of scripts/twins/provider-sink.ts) and key (a
   * secret). Without them nothing is sent: messages stay scheduled and an error is logged.
   */
  MESSAGES_API_URL: z
    .url()
    .transform((u) => u.replace(/\/+$/, ''))
    .optional(),
  MESSAGES_API_KEY: z.string().min(1).optional(),
  /** The SMS sender name: up to 11 letters or digits (registered with the provider), or a number of up to 15 digits. */
  SMS_SENDER: z
    .string()
    .regex(/^([A-Za-z0-9]{1,11}|\d{1,15})$/, 'up to 11 letters or digits, or up to 15 digits')
    .optional(),
  /** The From address of emails (a sender the provider has verified). */
  EMAIL_SENDER: z.email().optional(),
  /** When the day-before reminder is sent, on the site's own clock (HH:MM). */
  REMINDER_LOCAL_TIME: z
    .string()
    .regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'HH:MM')
    .default('18:00'),
  /** A second, short reminder this many hours before the consultation; 0 (default) for none. */
  REMINDER_SOON_HOURS: z.coerce.number().int().min(0).max(12).default(0),
  /** How long one call to the provider may take before it counts as failed (and is retried). */
  MESSAGES_TIMEOUT_MS: z.coerce.number().int().min(100).max(30_000).default(10_000),
  /**
   * Where the Queue consumer reads "now" (src/lib/clock.ts): the wall clock, or each event's own
   * time for tests and replays whose requests ran on an injected clock. Production refuses `event`.
   */
  QUEUE_CLOCK: z.enum(['wall', 'event']).default('wall'),
  /**
   * Change notices one booking may send per channel in 24 hours: a reschedule loop must not turn
   * the official sender into an SMS cannon aimed at someone's phone. Beyond it the booking still
   * moves, and the notice is kept as `skipped`.
   */
  CHANGE_NOTICES_PER_DAY: z.coerce.number().int().min(1).max(20).default(3),
  /** How many days ahead the SMART Scheduling Links files publish slots. */
  BULK_SLOT_DAYS: z.coerce.number().int().min(1).max(366).default(62),
  /** Hours of presence (check-out − check-in) a mission day needs to be paid as a full day, and as a half-day. */
  INDEMNITY_FULL_DAY_HOURS: z.coerce.number().min(0.5).max(24).default(6),
  INDEMNITY_HALF_DAY_HOURS: z.coerce.number().min(0.5).max(24).default(3),
  /**
   * '1' on the sandbox deployment partners integrate against: no message ever reaches a patient's
   * phone or mailbox (each is recorded as sent, with a sandbox id), webhooks say `"sandbox": true`,
   * and tokens marked `sandbox: true` are accepted. Production refuses such tokens.
   */
  SANDBOX: z.enum(['0', '1']).default('0'),
  /** '0' turns the per-zone rate limiter off (benchmarks measure the API with and without it). */
  RATE_LIMIT_ENABLED: z.enum(['0', '1']).default('1'),
  /** JSON; a value that does not parse is a configuration error, not silently ignored. */
  RATE_LIMIT_OVERRIDES: z
    .string()
    .optional()
    .transform((json, ctx) => {
      if (!json) return {};
      try {
        const parsed = ZoneOverrides.safeParse(JSON.parse(json));
        if (parsed.success) return parsed.data;
      } catch {
        // reported below
      }
      ctx.addIssue({ code: 'custom', message: 'RATE_LIMIT_OVERRIDES is not a JSON object of per-zone budgets' });
      return z.NEVER;
    }),
});

export const EnvSchema = EnvObject.superRefine(
  (config, ctx) => {
    if (config.ENVIRONMENT === 'production') productionRules(config, ctx);
  },
  // Even when other settings are invalid: one log line (and npm run check:config) names them all.
  { when: () => true },
).superRefine((config, ctx) => {
  // One scale of presence: a half-day cannot need more hours than a full day.
  if (config.INDEMNITY_HALF_DAY_HOURS > config.INDEMNITY_FULL_DAY_HOURS) {
    ctx.addIssue({
      code: 'custom',
      path: ['INDEMNITY_HALF_DAY_HOURS'],
      message: 'INDEMNITY_HALF_DAY_HOURS may not exceed INDEMNITY_FULL_DAY_HOURS',
    });
  }
});

/**
 * Every address the worker sends people's data, tokens or credentials to, or takes keys and
 * identities from: in production over TLS or not at all. JWT_JWKS_URL is required besides (the only
 * key source production trusts); the others are optional, and a feature without them fails closed.
 */
export const HTTPS_IN_PRODUCTION = [
  'JWT_JWKS_URL',
  'FC_DISCOVERY_URL',
  'PROCONNECT_DISCOVERY_URL',
  'PSC_DISCOVERY_URL',
  'MESSAGES_API_URL',
  'PUBLIC_URL',
] as const;

/**
 * What production refuses to start with, whatever else is right: each issue names its setting. It
 * may see settings that failed their own parse (hence `unknown`), which their own issues report.
 */
function productionRules(config: Partial<Record<keyof z.infer<typeof EnvObject>, unknown>>, ctx: z.RefinementCtx) {
  if (!config.JWT_JWKS_URL)
    ctx.addIssue({ code: 'custom', path: ['JWT_JWKS_URL'], message: 'production requires an https JWT_JWKS_URL' });
  for (const name of HTTPS_IN_PRODUCTION) {
    const url = config[name];
    if (typeof url === 'string' && !/^https:\/\//i.test(url))
      ctx.addIssue({ code: 'custom', path: [name], message: `production requires an https ${name}` });
  }
  // The local WebSocket proxy speaks plain ws:// to a local Postgres; Neon is reached over wss:// itself.
  if (config.DB_PROXY)
    ctx.addIssue({
      code: 'custom',
      path: ['DB_PROXY'],
      message: 'production requires DB_PROXY unset (a local proxy, without TLS)',
    });
  // Messages and retries would be dated in the past: a test setting, never a deployment's.
  if (config.QUEUE_CLOCK !== 'wall')
    ctx.addIssue({ code: 'custom', path: ['QUEUE_CLOCK'], message: 'production requires QUEUE_CLOCK=wall' });
}

export type EnvVars = z.infer<typeof EnvSchema>;

/** What the Workers runtime hands over: the schema's vars and secrets as strings, plus bindings. */
export type Env = { [K in keyof EnvVars]?: string } & {
  ZONE_RATE_LIMITER?: DurableObjectNamespace<ZoneRateLimiter>;
  CALLER_RATE_LIMITER?: DurableObjectNamespace<CallerRateLimiter>;
  /** Workers rate limiting: anonymous reference reads per client address. */
  READ_RATE_LIMITER?: RateLimit;
  /** Workers rate limiting: the open SMART Scheduling Links files, per client address (their own budget). */
  BULK_RATE_LIMITER?: RateLimit;
  /** The SMART Scheduling Links files, written by the 5-minute Cron Trigger (src/fhir/bulk/generate.ts). */
  BULK?: R2Bucket;
  /** Manual webhook delivery retries per client (src/middleware/webhook-retry-limit.ts). */
  WEBHOOK_RETRY_LIMITER?: RateLimit;
  /** Finding a booking by reference and birth date (/rdv), per client address (src/middleware/booking-lookup-limit.ts). */
  BOOKING_LOOKUP_LIMITER?: RateLimit;
  /** Static files (public/, e.g. the /docs page's script); absent where only the app runs. */
  ASSETS?: Fetcher;
  /** The outbox's Queue (src/events/): event ids, published after the response and by the cron relay. */
  EVENTS?: Queue<EventMessage>;
  /** Workers Analytics Engine: counters per zone and door (src/lib/metrics.ts); absent, nothing is counted. */
  METRICS?: AnalyticsEngineDataset;
};

const parsed = new WeakMap<object, EnvVars>();

/** The validated configuration, parsed once per bindings object (i.e. once per isolate in production). */
export function configOf(env: Env): EnvVars {
  let config = parsed.get(env);
  if (!config) {
    const result = EnvSchema.safeParse(env);
    if (!result.success) {
      throw new ConfigurationError(issueLines(result.error.issues).join('; '));
    }
    parsed.set(env, (config = result.data));
  }
  return config;
}

/**
 * "SETTING: why" for each issue, for the operators (the log line, npm run check:config), never the
 * public answer. Zod's messages and ours name the rule broken, never the value: no secret is shown.
 */
export const issueLines = (issues: readonly z.core.$ZodIssue[]) =>
  issues.map((i) => `${i.path.join('.') || '(configuration)'}: ${i.message}`);
