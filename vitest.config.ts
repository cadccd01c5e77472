import { availableParallelism } from 'node:os';
import { cloudflareTest } from '@cloudflare/vitest-pool-workers';
import { defineConfig } from 'vitest/config';

// Test files mostly wait (on Postgres, the worker, Chromium, the twins): run at least 3 at once even
// on 2 cores, where vitest's default (cores - 1) ran one file after the other.
const maxWorkers = Math.max(3, availableParallelism() - 1);

// The worker under test, in workerd, with the database stack the global setup started.
const workers = () =>
  cloudflareTest(({ inject }) => ({
    main: './src/index.ts',
    wrangler: { configPath: './wrangler.toml' },
    miniflare: {
      bindings: {
        ENVIRONMENT: 'test',
        DATABASE_URL: inject('workerDatabaseUrl'),
        DB_PROXY: inject('dbProxy'),
        JWT_DEV_JWKS: inject('publicJwks'),
        EXPOSE_DB_STATS: '1',
        ...(JSON.parse(inject('identityVars')) as Record<string, string>),
        SESSION_SECRET: inject('sessionSecret'),
        WEBHOOK_SECRETS_KEY: inject('webhookSecretsKey'),
        // Messages go to the provider's twin; a hung call fails fast.
        MESSAGES_API_URL: `${inject('providerSink')}/v3`,
        MESSAGES_API_KEY: 'test-provider-key',
        MESSAGES_TIMEOUT_MS: '1000',
        // The requests run on injected clocks: the Queue consumer dates each event's work at the
        // event's own time, so that no test depends on the day it runs (src/lib/clock.ts).
        QUEUE_CLOCK: 'event',
        // Test-only bindings: the signing half of the test key pair, and which database runs.
        TEST_PRIVATE_JWK: inject('privateJwk'),
        TEST_EMBEDDED_DB: inject('embeddedDb') ? '1' : '0',
        TEST_WEBHOOK_RECEIVER: inject('webhookReceiver'),
        TEST_FHIR_VALIDATOR: inject('fhirValidator'),
        TEST_POOLER_ADMIN_URL: inject('poolerAdminUrl'),
      },
    },
  }));

// Files that run alone, one after the other, after the rest (project api-serial, one workerd):
// - they run the cron's jobs (webhook retries, message sending, the outbox relay, waitlist offers,
//   the purge) at injected instants, and those jobs act on every test's rows: a file's cron run
//   days ahead sent another file's webhook retry early;
// - rushes of hundreds of requests whose limiter calls must answer within 250 ms.
const serialFiles = [
  'tests/events-delivery.test.ts',
  'tests/notifications-delivery.test.ts',
  'tests/pages-waitlist.test.ts',
  'tests/retention.test.ts',
  'tests/shared-database.test.ts',
  'tests/waitlist.test.ts',
  'tests/webhooks-retries.test.ts',
  'tests/rate-limit.test.ts',
  'tests/concurrency.test.ts',
  'tests/mission-day-concurrency.test.ts',
  'tests/metrics.test.ts',
  'tests/webhooks-first-attempt.test.ts',
];
// Files that check answers computed from the whole database (the bulk publication's version: any
// test's new site or hold, even one a previous file's queued work makes in a reused workerd, is a
// new version): alone, in a workerd of their own, right after the parallel files (project api-alone).
const aloneFiles = ['tests/fhir-bulk.test.ts'];

export default defineConfig({
  test: {
    // One database stack for the whole run; every project reads its details through inject().
    globalSetup: ['./tests/setup/global-setup.ts'],
    // Request logs are for operators; keep them for failing tests only.
    silent: 'passed-only',
    maxWorkers,
    projects: [
      {
        plugins: [workers()],
        test: {
          name: 'api',
          include: ['tests/**/*.test.ts', 'src/**/*.test.ts'],
          exclude: ['tests/fuzz/**', 'tests/browser/**', 'tests/architecture/**', ...serialFiles, ...aloneFiles],
          setupFiles: ['./tests/setup/shifted-clock.ts'],
          testTimeout: 30_000,
          // One workerd per vitest worker, reused from file to file, instead of a workerd started
          // and the app's modules imported again for each file (about 2 s a file). Every file
          // makes its own data, so nothing it relies on is left over by the one before.
          isolate: false,
        },
      },
      {
        plugins: [workers()],
        test: {
          name: 'api-alone',
          include: aloneFiles,
          setupFiles: ['./tests/setup/shifted-clock.ts'],
          testTimeout: 30_000,
          maxWorkers: 1,
          sequence: { groupOrder: 1 },
        },
      },
      {
        plugins: [workers()],
        test: {
          name: 'api-serial',
          include: serialFiles,
          setupFiles: ['./tests/setup/shifted-clock.ts'],
          testTimeout: 30_000,
          isolate: false,
          maxWorkers: 1,
          sequence: { groupOrder: 2 },
        },
      },
      {
        // Tens of thousands of generated requests: run after the other groups, so that they do not
        // starve the concurrency tests' connections on a 2-core machine, and so that no cron job of
        // api-serial changes a fuzzed zone's rows between a request and its check.
        plugins: [workers()],
        test: {
          name: 'fuzz',
          include: ['tests/fuzz/**/*.test.ts'],
          testTimeout: 30_000,
          sequence: { groupOrder: 3 },
          isolate: false,
        },
      },
      {
        // The patient pages in Debian's Chromium (playwright-core) against the bundled worker in
        // workerd; without Chromium they say loudly that they did not run (tests/browser/harness.ts).
        // The worker is bundled once for all of them (tests/setup/browser-bundle.ts).
        test: {
          name: 'browser',
          include: ['tests/browser/**/*.test.ts'],
          environment: 'node',
          // A journey takes 5 to 30 s, and up to 2.5 times that on a slower 2-core machine (seen:
          // 86 s). The limit catches a stuck test, not a slow machine; a run that prints nothing at
          // all is stopped by .ci/run's stall guard.
          testTimeout: 240_000,
          hookTimeout: 240_000,
          globalSetup: ['./tests/setup/browser-bundle.ts'],
        },
      },
      {
        // Rules about the source itself, read with the TypeScript compiler (no worker, no database).
        test: { name: 'architecture', include: ['tests/architecture/**/*.test.ts'], environment: 'node' },
      },
      {
        // The Node side: database stack, seeding, data builders.
        // The contract-change check runs a diff tool several times: up to 50 s on a slower 2-core machine.
        test: { name: 'scripts', include: ['scripts/**/*.test.ts'], environment: 'node', testTimeout: 180_000 },
      },
    ],
  },
});
