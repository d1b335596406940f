#!/usr/bin/env node
import { run } from '../dist/cli/main.js';
import { runInterruptCleanups } from '../dist/util/interrupt.js';

// Ctrl-C or a kill: close the browser, remove temp files, exit 130. Finished PDFs stay.
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.once(signal, async () => {
    process.stderr.write(`\ncontextkaart: interrupted (${signal}); finished files are kept, nothing half-written is left.\n`);
    await runInterruptCleanups();
    process.exit(130);
  });
}

// Output piped into a reader that stops early (`contextkaart indicators | head`): stop quietly.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error) => {
    if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw error;
  });
}

process.exitCode = await run(process.argv.slice(2));
