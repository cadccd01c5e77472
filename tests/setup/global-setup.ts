// Runs in Node before the workerd test pool: a real Postgres (the server named by
// TEST_DATABASE_URL, or embedded PGlite), migrated and seeded, behind the WebSocket proxy (and,
// for the server, PgBouncer in transaction mode: the tests run through the pooled path).
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { TestProject } from 'vitest/node';
import { startDbStack, type DbStack } from '../../scripts/db/stack';
import { prepareDatabase } from '../../scripts/db/prepare';
import { newKeyPair } from '../../scripts/dev-keys';
import { copyDocsAssets } from '../../scripts/docs-assets';
import { startFhirValidator, type FhirValidator } from './fhir-validator';
import { startWebhookReceiver, type WebhookReceiver } from '../../scripts/twins/webhook-receiver';
import { startProviderSink, type ProviderSink } from '../../scripts/twins/provider-sink';
import { copyDsfrAssets } from '../../scripts/dsfr-assets';
import { startIdentityTwins, type IdentityTwins } from '../../scripts/twins/identity-twins';

let stack: DbStack | undefined;
let identityTwins: IdentityTwins | undefined;
let receiver: WebhookReceiver | undefined;
let sink: ProviderSink | undefined;
let validator: FhirValidator | undefined;

/** The worker's PUBLIC_URL in tests is wrangler.toml's: the twin accepts its callback. */
const publicUrl = () =>
  /^PUBLIC_URL\s*=\s*"([^"]+)"/m
    .exec(readFileSync(new URL('../../wrangler.toml', import.meta.url), 'utf8'))![1]
    .replace(/\/+$/, '');

export async function setup(project: TestProject) {
  copyDocsAssets();
  copyDsfrAssets();
  stack = await startDbStack({ databaseUrl: process.env.TEST_DATABASE_URL, faults: true });
  await prepareDatabase(stack.databaseUrl, { seedIfMissing: true });
  const keys = await newKeyPair('test');
  identityTwins = await startIdentityTwins(publicUrl(), { clientPrefix: 'mpdcv-test' });
  // The SMS and email provider's twin: every message tests cause goes there, never to Brevo.
  sink = await startProviderSink({ apiKey: 'test-provider-key', quiet: true, hangMs: 5000 });
  project.provide('providerSink', sink.url);
  project.provide('databaseUrl', stack.databaseUrl);
  project.provide('workerDatabaseUrl', stack.workerDatabaseUrl);
  project.provide('poolerAdminUrl', stack.pooler?.adminUrl ?? '');
  project.provide('dbProxy', stack.proxy);
  project.provide('embeddedDb', stack.embedded);
  project.provide('publicJwks', JSON.stringify(keys.publicJwks));
  project.provide('privateJwk', JSON.stringify(keys.privateJwk));
  project.provide('identityVars', JSON.stringify(identityTwins.vars));
  project.provide('sessionSecret', randomBytes(32).toString('base64url'));
  receiver = await startWebhookReceiver();
  project.provide('webhookReceiver', receiver.url);
  // Fixed, and for tests only: secrets sealed by an earlier run on the same database still open.
  project.provide(
    'webhookSecretsKey',
    Buffer.from('mpdcv test key for webhook secrets').subarray(0, 32).toString('base64'),
  );
  validator = await startFhirValidator();
  project.provide('fhirValidator', validator.url);
}

export async function teardown() {
  await identityTwins?.close();
  await receiver?.stop();
  await sink?.stop();
  await validator?.stop();
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
    /** The identity federations' twins: the worker's FC_*, PROCONNECT_*, PSC_* and staff allow-list settings (JSON). */
    identityVars: string;
    sessionSecret: string;
    /** The local webhook endpoint twin (scripts/twins/webhook-receiver.ts). */
    webhookReceiver: string;
    webhookSecretsKey: string;
    /** http://127.0.0.1:PORT of scripts/twins/provider-sink.ts. */
    providerSink: string;
    /** POST a FHIR resource: 200 when valid R4, 422 with the problems otherwise. */
    fhirValidator: string;
  }
}
