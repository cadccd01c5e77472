// Runs in Node before the workerd test pool: a real Postgres (the server named by
// TEST_DATABASE_URL, or embedded PGlite), migrated and seeded, behind the WebSocket proxy.
import type { TestProject } from 'vitest/node';
import { startDbStack, type DbStack } from '../../scripts/db/stack';
import { prepareDatabase } from '../../scripts/db/prepare';
import { newKeyPair } from '../../scripts/dev-keys';
import { copyDocsAssets } from '../../scripts/docs-assets';
import { copyDsfrAssets } from '../../scripts/dsfr-assets';

let stack: DbStack | undefined;

export async function setup(project: TestProject) {
  copyDocsAssets();
  copyDsfrAssets();
  stack = await startDbStack({ databaseUrl: process.env.TEST_DATABASE_URL, faults: true });
  await prepareDatabase(stack.databaseUrl, { seedIfMissing: true });
  const keys = await newKeyPair('test');
  project.provide('databaseUrl', stack.databaseUrl);
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
    databaseUrl: string;
    dbProxy: string;
    embeddedDb: boolean;
    publicJwks: string;
    privateJwk: string;
  }
}
