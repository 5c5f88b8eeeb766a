// Two projects in one `vitest run`: Node (better-sqlite3) and workerd (D1).
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // Two test files at a time. Vitest's default is one fewer than the CPUs, which on a 2-core CI
    // machine runs every file in turn while most of the wall time is spent waiting on processes
    // (the server, the CLI, wrangler dev, Chromium) rather than computing.
    maxWorkers: 2,
    projects: [
      {
        test: {
          name: 'node',
          include: ['test/**/*.test.{ts,tsx}'],
          exclude: ['test/workers/**', 'node_modules/**'],
          environment: 'node',
          globalSetup: ['test/build-dist.ts'],
          // Generous: with two files at a time on a loaded 2-core machine, a browser test that loads
          // and audits a dozen pages takes 15-20 s. No test depends on wall-clock margins.
          testTimeout: 60_000,
          hookTimeout: 60_000,
        },
      },
      './vitest.workers.config.ts',
      './vitest.queues.config.ts',
    ],
  },
});
