/**
 * The CLI run from the TypeScript source in a child process (node --import tsx), so
 * tests that kill the process test the code as it is, not a build of it in dist/.
 * Same signal handling as bin/contextkaart.js.
 */
import { run } from '../../src/cli/main.js';
import { runInterruptCleanups } from '../../src/util/interrupt.js';

for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
  process.once(signal, async () => {
    process.stderr.write(`\ncontextkaart: interrupted (${signal}); finished files are kept, nothing half-written is left.\n`);
    await runInterruptCleanups();
    process.exit(130);
  });
}

process.exitCode = await run(process.argv.slice(2));
