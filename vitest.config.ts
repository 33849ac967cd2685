import { defineConfig } from 'vitest/config';

// Two projects: `unit` is pure code and needs no network; `integration` talks to the
// real local Kafka and schema registry, which its global setup finds or starts.
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['test/unit/**/*.test.ts'],
          environment: 'node',
          // Property and fuzz tests run thousands of cases; on a loaded 2-core CI box the 5 s
          // default fails them for time, not for behaviour.
          testTimeout: 30_000,
        },
      },
      {
        test: {
          name: 'integration',
          include: ['test/integration/**/*.test.ts'],
          environment: 'node',
          globalSetup: ['test/helpers/globalSetup.ts'],
          testTimeout: 120_000,
          hookTimeout: 180_000,
        },
      },
    ],
  },
});
