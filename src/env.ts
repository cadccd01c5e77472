// Bindings and vars, typed once. Secrets (DATABASE_URL) come from `wrangler secret` in production
// and from .dev.vars locally (written by `npm start`).
import { z } from 'zod';
import type { ZoneRateLimiter } from './durable-objects/zone-rate-limiter';

export const EnvSchema = z.object({
  DATABASE_URL: z.string().min(1),
  /** host:port of the local WebSocket proxy; unset in production, where Neon speaks WebSocket itself. */
  DB_PROXY: z.string().optional(),
  JWT_ISSUER: z.string().min(1),
  JWT_AUDIENCE: z.string().min(1),
  /** Production key source. When set, JWT_DEV_JWKS is ignored. */
  JWT_JWKS_URL: z.url().optional(),
  /** A public JWK set as JSON, for local development and tests only. */
  JWT_DEV_JWKS: z.string().optional(),
  /** "1" adds an x-db-queries header (round trips of the request); for tests and benchmarks. */
  EXPOSE_DB_STATS: z.string().optional(),
  HOLD_MINUTES: z.coerce.number().int().min(1).max(30).default(5),
  AGENT_HOLD_MINUTES: z.coerce.number().int().min(1).max(60).default(10),
  RATE_LIMIT_ENABLED: z.enum(['0', '1']).default('1'),
});

export type EnvVars = z.infer<typeof EnvSchema>;

const parsed = new WeakMap<object, EnvVars>();

/** The validated configuration, parsed once per bindings object (i.e. once per isolate in production). */
export function configOf(env: Env): EnvVars {
  let config = parsed.get(env);
  if (!config) {
    const result = EnvSchema.safeParse(env);
    if (!result.success) {
      throw new ConfigurationError(result.error.issues.map((i) => i.path.join('.')).join(', '));
    }
    parsed.set(env, (config = result.data));
  }
  return config;
}

export class ConfigurationError extends Error {}

export interface Env {
  DATABASE_URL: string;
  DB_PROXY?: string;
  JWT_ISSUER: string;
  JWT_AUDIENCE: string;
  JWT_JWKS_URL?: string;
  JWT_DEV_JWKS?: string;
  EXPOSE_DB_STATS?: string;
  HOLD_MINUTES?: string;
  AGENT_HOLD_MINUTES?: string;
  /** '0' turns the per-zone rate limiter off (benchmarks measure the API with and without it). */
  RATE_LIMIT_ENABLED?: string;
  /** Per-zone budgets per minute, JSON: {"<siren>": {"search": 2400, "booking": 600}}. */
  RATE_LIMIT_OVERRIDES?: string;
  ZONE_RATE_LIMITER?: DurableObjectNamespace<ZoneRateLimiter>;
}
