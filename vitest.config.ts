import { defineConfig } from 'vitest/config';
import { TIMEOUT_MS } from './tests/helpers/timeouts.js';

/**
 * Three projects (README, "Testing"):
 * - unit: no real data and no browser; the one to run often.
 * - data: reads the real data directory (tests/helpers/data.ts), starts no browser; also the
 *   golden files of tests/golden/.
 * - integration: the browser and the CLI end to end, one file at a time.
 */

const env = { TZ: 'UTC', NO_COLOR: '1' };

export default defineConfig({
  test: {
    env,
    reporters: ['default', './tests/helpers/summary-reporter.ts'],
    projects: [
      {
        test: {
          name: 'unit',
          include: ['tests/unit/**/*.test.ts'],
          // A unit test that reaches for the real data fails at once instead of reading it.
          env: { ...env, CONTEXTKAART_DATA: '/nonexistent/unit-tests-read-no-real-data' },
          testTimeout: TIMEOUT_MS.unit,
          hookTimeout: TIMEOUT_MS.unit,
        },
      },
      {
        test: {
          name: 'data',
          include: ['tests/data/**/*.test.ts'],
          env,
          testTimeout: TIMEOUT_MS.data,
          hookTimeout: TIMEOUT_MS.data,
        },
      },
      {
        test: {
          name: 'integration',
          include: ['tests/integration/**/*.test.ts'],
          env,
          testTimeout: TIMEOUT_MS.integration,
          hookTimeout: TIMEOUT_MS.integration,
          // One Chromium at a time on a 2-core machine.
          fileParallelism: false,
        },
      },
    ],
  },
});
