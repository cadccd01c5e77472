// Runs in Node before the workerd test pool: a real Postgres (the server named by
// TEST_DATABASE_URL, or embedded PGlite), migrated and seeded, behind the WebSocket proxy (and,
// for the server, PgBouncer in transaction mode: the tests run through the pooled path).
import type { TestProject } from 'vitest/node';
import { startDbStack, type DbStack } from '../../scripts/db/stack';
import { prepareDatabase } from '../../scripts/db/prepare';
import { newKeyPair } from '../../scripts/dev-keys';
import { copyDocsAssets } from '../../scripts/docs-assets';

let stack: DbStack | undefined;

export async function setup(project: TestProject) {
  copyDocsAssets();
  stack = await startDbStack({ databaseUrl: process.env.TEST_DATABASE_URL, faults: true });
  await prepareDatabase(stack.databaseUrl, { seedIfMissing: true });
  const keys = await newKeyPair('test');
  project.provide('databaseUrl', stack.databaseUrl);
  project.provide('workerDatabaseUrl', stack.workerDatabaseUrl);
  project.provide('poolerAdminUrl', stack.pooler?.adminUrl ?? '');
  project.provide('dbProxy', stack.proxy);
  project.provide('embeddedDb', stack.embedded);
  project.provide('publicJwks', JSON.stringify(keys.publicJwks));
  project.provide('privateJwk', JSON.stringify(keys.privateJwk));
}

export async function teardown() {
  await stack?.stop();
}

declare module 'vitest' {
  export interface ProvidedContext {
    /** Direct to Postgres: migrations and Node-side checks. */
    databaseUrl: string;
    /** The worker's DATABASE_URL: through PgBouncer on a server. */
    workerDatabaseUrl: string;
    /** PgBouncer's admin console, '' when there is none (PGlite). */
    poolerAdminUrl: string;
    dbProxy: string;
    embeddedDb: boolean;
    publicJwks: string;
    privateJwk: string;
  }
}
