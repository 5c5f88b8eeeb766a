// The workerd test project: the Worker entry with a local D1, migrated from drizzle/ before each file.
import { cloudflareTest, readD1Migrations } from '@cloudflare/vitest-pool-workers';
import { defineProject } from 'vitest/config';

export default defineProject(async () => ({
  plugins: [
    cloudflareTest({
      wrangler: { configPath: './wrangler.toml' },
      miniflare: {
        // Tests' receivers are local: the Worker opts in to private targets, as local development does.
        bindings: { TEST_MIGRATIONS: await readD1Migrations('./drizzle'), AFTERWORD_ALLOW_PRIVATE_TARGETS: '1' },
        // Miniflare's own send_email simulator (it parses each message as Cloudflare does and refuses
        // senders and recipients outside these lists), under a name the Worker does not read: the SLA
        // email test hands it to the Worker as SLA_EMAIL; every other test runs without email.
        email: {
          send_email: [
            {
              name: 'TEST_SLA_EMAIL',
              allowed_sender_addresses: ['status@example.test'],
              allowed_destination_addresses: ['dana@example.test'],
            },
          ],
        },
      },
    }),
  ],
  test: {
    name: 'workerd',
    include: ['test/workers/**/*.test.ts'],
    // The real Queues binding has its own project (vitest.queues.config.ts).
    exclude: ['test/workers/queue/**'],
    setupFiles: ['./test/workers/apply-migrations.ts'],
    // Generous bounds for a loaded 2-core CI machine; no test depends on wall-clock margins.
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
}));
