import { defineConfig } from 'vitest/config';

// Two cores on the CI machine: run files in two forks, never more.
export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'simulators/**/*.test.ts', 'test/**/*.test.ts', 'test/**/*.e2e.ts'],
    pool: 'forks',
    poolOptions: { forks: { maxForks: 2, minForks: 1 } },
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // CI shows every test by name (e.g. the store suite on sqlite and on postgres).
    reporters: process.env.CI ? ['verbose'] : ['default'],
  },
});
