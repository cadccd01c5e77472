import { cloudflareTest } from '@cloudflare/vitest-pool-workers';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // One database stack for the whole run; both projects read its details through inject().
    globalSetup: ['./tests/setup/global-setup.ts'],
    // Request logs are for operators; keep them for failing tests only.
    silent: 'passed-only',
    projects: [
      {
        plugins: [
          cloudflareTest(({ inject }) => ({
            main: './src/index.ts',
            wrangler: { configPath: './wrangler.toml' },
            miniflare: {
              bindings: {
                DATABASE_URL: inject('databaseUrl'),
                DB_PROXY: inject('dbProxy'),
                JWT_DEV_JWKS: inject('publicJwks'),
                EXPOSE_DB_STATS: '1',
                // Test-only bindings: the signing half of the test key pair, and which database runs.
                TEST_PRIVATE_JWK: inject('privateJwk'),
                TEST_EMBEDDED_DB: inject('embeddedDb') ? '1' : '0',
              },
            },
          })),
        ],
        test: { name: 'api', include: ['tests/**/*.test.ts', 'src/**/*.test.ts'], testTimeout: 30_000 },
      },
      {
        // The Node side: database stack, seeding, data builders.
        test: { name: 'scripts', include: ['scripts/**/*.test.ts'], environment: 'node', testTimeout: 60_000 },
      },
    ],
  },
});
