import { defineConfig } from 'vitest/config';

export default defineConfig({
  resolve: {
    // Workspace packages resolve to their TypeScript sources in tests (see each package's "exports").
    conditions: ['spanlight-source'],
  },
  test: {
    include: ['collector/src/**/*.test.ts', 'backend/src/**/*.test.ts', '*/test/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // Integration suites start real engines (chdb binds one data dir per process): isolate files in forks.
    pool: 'forks',
    fileParallelism: true,
    maxWorkers: 2,
  },
});
