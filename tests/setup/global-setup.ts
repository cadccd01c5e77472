// Runs in Node before the workerd test pool: a real Postgres (the server named by
// TEST_DATABASE_URL, or embedded PGlite), migrated and seeded, behind the WebSocket proxy.
import type { TestProject } from 'vitest/node';
import { startDbStack, type DbStack } from '../../scripts/db/stack';
import { prepareDatabase } from '../../scripts/db/prepare';
import { newKeyPair } from '../../scripts/dev-keys';
import { copyDocsAssets } from '../../scripts/docs-assets';
import { startWebhookReceiver, type WebhookReceiver } from '../../scripts/twins/webhook-receiver';

let stack: DbStack | undefined;
let receiver: WebhookReceiver | undefined;

export async function setup(project: TestProject) {
  copyDocsAssets();
  stack = await startDbStack({ databaseUrl: process.env.TEST_DATABASE_URL, faults: true });
  await prepareDatabase(stack.databaseUrl, { seedIfMissing: true });
  const keys = await newKeyPair('test');
  project.provide('databaseUrl', stack.databaseUrl);
  project.provide('dbProxy', stack.proxy);
  project.provide('embeddedDb', stack.embedded);
  project.provide('publicJwks', JSON.stringify(keys.publicJwks));
  project.provide('privateJwk', JSON.stringify(keys.privateJwk));
  receiver = await startWebhookReceiver();
  project.provide('webhookReceiver', receiver.url);
  // Fixed, and for tests only: secrets sealed by an earlier run on the same database still open.
  project.provide('webhookSecretsKey', Buffer.from('mpdcv test key for webhook secrets').subarray(0, 32).toString('base64'));
}

export async function teardown() {
  await receiver?.stop();
  await stack?.stop();
}

declare module 'vitest' {
  export interface ProvidedContext {
    databaseUrl: string;
    dbProxy: string;
    embeddedDb: boolean;
    publicJwks: string;
    privateJwk: string;
    /** The local webhook endpoint twin (scripts/twins/webhook-receiver.ts). */
    webhookReceiver: string;
    webhookSecretsKey: string;
  }
}
