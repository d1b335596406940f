/**
 * The CLI run from the TypeScript source in a child process (node --import tsx), so
 * tests that kill the process test the code as it is, not a build of it in dist/.
 * Same signal handling as bin/contextkaart.js.
 */
import { installInterruptHandlers } from '../../src/util/interrupt.js';

installInterruptHandlers();
const { run } = await import('../../src/cli/main.js');
process.exitCode = await run(process.argv.slice(2));
