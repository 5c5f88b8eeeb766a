// Two projects in one `vitest run`: Node (better-sqlite3) and workerd (D1).
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'node',
          include: ['test/**/*.test.{ts,tsx}'],
          exclude: ['test/workers/**', 'node_modules/**'],
          environment: 'node',
          globalSetup: ['test/build-dist.ts'],
          testTimeout: 20_000,
          hookTimeout: 60_000,
        },
      },
      './vitest.workers.config.ts',
      './vitest.queues.config.ts',
    ],
  },
});
