// The workerd project with a real Queues binding: miniflare's local queue carries the write path's
// "fan out" message to the Worker's own consumer, which delivers to a local HTTP receiver (started in
// Node by the global setup). Its own project, so the other workerd tests keep running without a queue.
import { cloudflareTest, readD1Migrations } from '@cloudflare/vitest-pool-workers';
import { defineProject } from 'vitest/config';

const QUEUE = 'afterword-notify-test';

export default defineProject(async () => ({
  plugins: [
    cloudflareTest({
      wrangler: { configPath: './wrangler.toml' },
      miniflare: {
        bindings: {
          TEST_MIGRATIONS: await readD1Migrations('./drizzle'),
          AFTERWORD_ALLOW_PRIVATE_TARGETS: '1',
          AFTERWORD_WEBHOOK_SECRET: ['queue', 'test', 'secret'].join('-'),
        },
        // As wrangler.toml documents it for production: the Worker produces to and consumes from one queue.
        queueProducers: { NOTIFY_QUEUE: { queueName: QUEUE } },
        queueConsumers: { [QUEUE]: { maxBatchSize: 10, maxBatchTimeout: 1, maxRetries: 5 } },
      },
    }),
  ],
  test: {
    name: 'workerd-queues',
    include: ['test/workers/queue/**/*.test.ts'],
    setupFiles: ['./test/workers/apply-migrations.ts'],
    globalSetup: ['./test/workers/queue/receiver.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
}));
