#!/usr/bin/env node
// Ctrl-C or a kill: stop taking work, close the browser, remove temp files, exit 130. Finished PDFs stay.
// Installed before the CLI is loaded, so that no signal finds the process without a handler.
import { installInterruptHandlers, isInterrupted } from '../dist/util/interrupt.js';

installInterruptHandlers();

// Output piped into a reader that stops early (`contextkaart indicators | head`): stop quietly.
// After Ctrl-C the reader (`… | tee log`) or, after SIGHUP, the terminal is gone too: the clean-ups finish and exit 130.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error) => {
    if (isInterrupted()) return;
    if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw error;
  });
}

const { run } = await import('../dist/cli/main.js');
process.exitCode = await run(process.argv.slice(2));
