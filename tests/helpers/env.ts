import { env as workerEnv } from 'cloudflare:workers';
import type { Env } from '../../src/env';

export interface TestEnv extends Env {
  TEST_PRIVATE_JWK: string;
  TEST_EMBEDDED_DB: string;
}

export const env = workerEnv as unknown as TestEnv;
/** Concurrency properties are proven on the Postgres server, not on single-backend PGlite. */
export const onPostgresServer = env.TEST_EMBEDDED_DB !== '1';
