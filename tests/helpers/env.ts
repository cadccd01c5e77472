import { env as workerEnv } from 'cloudflare:workers';
import type { Env } from '../../src/env';

export type TestEnv = Env & {
  /** Set by wrangler.toml, so always present in tests. */
  JWT_ISSUER: string;
  JWT_AUDIENCE: string;
  TEST_PRIVATE_JWK: string;
  TEST_EMBEDDED_DB: string;
  /** The local webhook endpoint twin's origin. */
  TEST_WEBHOOK_RECEIVER: string;
  TEST_FHIR_VALIDATOR: string;
  /** PgBouncer's admin console URL, '' when the tests run without one. */
  TEST_POOLER_ADMIN_URL: string;
};

export const env = workerEnv as unknown as TestEnv;
/** Concurrency properties are proven on the Postgres server, not on single-backend PGlite. */
export const onPostgresServer = env.TEST_EMBEDDED_DB !== '1';

/**
 * A production configuration the worker accepts: every address https (on port 9, where nothing
 * answers) and no local proxy. It reaches no database: for what a request does before any SQL.
 */
export const productionEnv: Partial<Env> = {
  ENVIRONMENT: 'production',
  DB_PROXY: undefined,
  QUEUE_CLOCK: 'wall',
  JWT_JWKS_URL: 'https://127.0.0.1:9/jwks.json',
  MESSAGES_API_URL: 'https://127.0.0.1:9/v3',
  FC_DISCOVERY_URL: 'https://127.0.0.1:9/fc/.well-known/openid-configuration',
  PROCONNECT_DISCOVERY_URL: 'https://127.0.0.1:9/proconnect/.well-known/openid-configuration',
  PSC_DISCOVERY_URL: 'https://127.0.0.1:9/psc/.well-known/openid-configuration',
};
