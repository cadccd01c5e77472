// Runs in Node before the workerd test pool: a real Postgres (the server named by
// TEST_DATABASE_URL, or embedded PGlite), migrated and seeded, behind the WebSocket proxy.
import type { TestProject } from 'vitest/node';
import { startDbStack, type DbStack } from '../../scripts/db/stack';
import { prepareDatabase } from '../../scripts/db/prepare';
import { newKeyPair } from '../../scripts/dev-keys';
import { copyDocsAssets } from '../../scripts/docs-assets';
import { startProviderSink, type ProviderSink } from '../../scripts/twins/provider-sink';

let stack: DbStack | undefined;
let sink: ProviderSink | undefined;

export async function setup(project: TestProject) {
  copyDocsAssets();
  stack = await startDbStack({ databaseUrl: process.env.TEST_DATABASE_URL, faults: true });
  await prepareDatabase(stack.databaseUrl, { seedIfMissing: true });
  const keys = await newKeyPair('test');
  // The SMS and email provider's twin: every message tests cause goes there, never to Brevo.
  sink = await startProviderSink({ apiKey: 'test-provider-key', quiet: true, hangMs: 5000 });
  project.provide('providerSink', sink.url);
  project.provide('databaseUrl', stack.databaseUrl);
  project.provide('dbProxy', stack.proxy);
  project.provide('embeddedDb', stack.embedded);
  project.provide('publicJwks', JSON.stringify(keys.publicJwks));
  project.provide('privateJwk', JSON.stringify(keys.privateJwk));
}

export async function teardown() {
  await sink?.stop();
  await stack?.stop();
}

declare module 'vitest' {
  export interface ProvidedContext {
    databaseUrl: string;
    dbProxy: string;
    embeddedDb: boolean;
    publicJwks: string;
    privateJwk: string;
    /** http://127.0.0.1:PORT of scripts/twins/provider-sink.ts. */
    providerSink: string;
  }
}
