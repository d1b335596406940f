/**
 * A child process that takes a folder lock, with the CLI's signal handling
 * (clean-ups, then exit 130). Prints one JSON line: {"acquired":true,"pid":…} or
 * {"acquired":false,"exitCode":…,"message":…}; a stale lock taken over adds {"note":…}.
 *
 *   node --import tsx tests/helpers/hold-lock.ts <lock file> <ms to hold | forever> [command]
 */
import { acquireLock } from '../../src/util/folder-lock.js';
import { ReportError } from '../../src/util/errors.js';
import { runInterruptCleanups } from '../../src/util/interrupt.js';

for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
  process.once(signal, async () => {
    await runInterruptCleanups();
    process.exit(130);
  });
}

const [lockFile, hold, command = 'hold-lock test'] = process.argv.slice(2);
const say = (o: object) => process.stdout.write(`${JSON.stringify(o)}\n`);
try {
  const lock = await acquireLock(lockFile, { command, log: (note) => say({ note }) });
  say({ acquired: true, pid: process.pid });
  if (hold === 'forever') setInterval(() => undefined, 60_000);
  else {
    await new Promise((r) => setTimeout(r, Number(hold)));
    await lock.release();
  }
} catch (e) {
  if (!(e instanceof ReportError)) throw e;
  say({ acquired: false, exitCode: e.exitCode, message: e.message });
  process.exitCode = e.exitCode;
}
