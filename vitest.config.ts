import { defineConfig } from 'vitest/config';

// Two cores on the CI machine: run files in two forks, never more (one pool
// for both tiers below).
//
// The limits stop a hung run; they are no timing assertions. Tests wait on
// conditions, each wait with its own generous limit (test/support/eventually.ts),
// and the test's limit sits above those so a failure names what it waited for.
// End-to-end tests drive whole flows through real sockets, processes and
// Chromium, which a busy shared machine slows down many times over
// (`npm run test:loaded`, docs/testing.md).
export default defineConfig({
  test: {
    pool: 'forks',
    poolOptions: { forks: { maxForks: 2, minForks: 1 } },
    // CI shows every test by name (e.g. the store suite on sqlite and on postgres).
    reporters: process.env.CI ? ['verbose'] : ['default'],
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['src/**/*.test.ts', 'simulators/**/*.test.ts', 'test/**/*.test.ts'],
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      {
        extends: true,
        test: {
          name: 'e2e',
          include: ['test/**/*.e2e.ts'],
          testTimeout: 300_000,
          hookTimeout: 300_000,
        },
      },
    ],
  },
});
