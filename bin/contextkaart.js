#!/usr/bin/env node
import { run } from '../dist/cli/main.js';
import { runInterruptCleanups } from '../dist/interrupt.js';

// Ctrl-C or a kill: close the browser, remove temp files, exit 130. Finished PDFs stay.
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.once(signal, async () => {
    process.stderr.write(`\ncontextkaart: interrupted (${signal}); finished files are kept, nothing half-written is left.\n`);
    await runInterruptCleanups();
    process.exit(130);
  });
}

process.exitCode = await run(process.argv.slice(2));
