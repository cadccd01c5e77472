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
