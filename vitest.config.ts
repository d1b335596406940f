import { defineConfig } from 'vitest/config';

/**
 * Three projects (README "Testing"):
 * - unit: no real data, no browser; the one a contributor runs often.
 * - data: reads the real data directory (tests/helpers/data.ts), starts no browser.
 * - integration: browser and CLI end to end, one file at a time.
 */

// Source and dataset tests another change may still add under tests/unit read the real data.
const dataInUnitDir = ['tests/unit/sources-*.test.ts', 'tests/unit/dataset.test.ts', 'tests/unit/fetch-*.test.ts'];

export default defineConfig({
  test: {
    env: { TZ: 'UTC', NO_COLOR: '1' },
    reporters: ['default', './tests/helpers/summary-reporter.ts'],
    projects: [
      {
        test: {
          name: 'unit',
          include: ['tests/unit/**/*.test.ts'],
          exclude: dataInUnitDir,
          env: { TZ: 'UTC', NO_COLOR: '1' },
          testTimeout: 30_000,
        },
      },
      {
        test: {
          name: 'data',
          include: ['tests/data/**/*.test.ts', ...dataInUnitDir],
          env: { TZ: 'UTC', NO_COLOR: '1' },
          testTimeout: 30_000,
        },
      },
      {
        test: {
          name: 'integration',
          include: ['tests/integration/**/*.test.ts'],
          env: { TZ: 'UTC', NO_COLOR: '1' },
          testTimeout: 120_000,
          hookTimeout: 120_000,
          // One Chromium at a time on a 2-core machine.
          fileParallelism: false,
        },
      },
    ],
  },
});
