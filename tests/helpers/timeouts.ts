/**
 * Timeouts that survive a busy machine: on 2 cores at load ~15 a test runs ten times slower than
 * on an idle one (eight integration files once failed by timeout that way). A test that passes
 * never waits for these; they only bound how long a hung test takes to fail. Speed is measured by
 * `npm run bench`, never asserted by a test.
 */
export const TIMEOUT_MS = {
  /** No real data, no browser; a few tests start a child process. */
  unit: 120_000,
  /** Loads the real dataset (tens of seconds of CPU on an idle machine) and renders charts. */
  data: 300_000,
  /** Chromium, whole batches, child processes killed and restarted. */
  integration: 900_000,
};

/** How long a test polls for what a child process does (a lock file, a PDF, a browser, an event) before giving up. */
export const WAIT_MS = 300_000;
