/**
 * Ctrl-C or a kill (SIGINT, SIGTERM, SIGHUP): the CLI installs the handlers
 * (installInterruptHandlers); the library registers what to undo or record
 * (onInterrupt) and asks isInterrupted() before it starts anything new, so work
 * that fails because the browser is being closed is never taken for a failure.
 *
 * The first signal marks the process as interrupted (synchronously, before any
 * clean-up runs), runs the clean-ups for at most CLEANUP_DEADLINE_MS, then exits
 * 130. A second signal exits 130 at once.
 */
import { ExitCode } from './errors.js';

type Cleanup = () => Promise<unknown> | unknown;
const cleanups = new Set<Cleanup>();
let interruptedBy: NodeJS.Signals | undefined;

export const INTERRUPT_EXIT_CODE = ExitCode.interrupted;
/** Clean-ups that take longer are abandoned: the user asked to stop. */
export const CLEANUP_DEADLINE_MS = 3000;
export const INTERRUPT_SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;

/** Registers a clean-up for an interrupt; returns a function that removes it again. */
export function onInterrupt(fn: Cleanup): () => void {
  cleanups.add(fn);
  return () => cleanups.delete(fn);
}

/** True once a signal arrived: start no new work, retry nothing, launch no browser. */
export function isInterrupted(): boolean {
  return interruptedBy !== undefined;
}

/** The signal that interrupted the process, if any. */
export function interruptSignal(): NodeJS.Signals | undefined {
  return interruptedBy;
}

/** Marks the process as interrupted; returns false when it already was. */
export function beginInterrupt(signal: NodeJS.Signals): boolean {
  if (interruptedBy) return false;
  interruptedBy = signal;
  return true;
}

/** Runs every registered clean-up at once; returns when all are done or after the deadline. */
export async function runInterruptCleanups(deadlineMs = CLEANUP_DEADLINE_MS): Promise<void> {
  const pending = [...cleanups].map(async (fn) => {
    try {
      await fn();
    } catch {
      // best effort: we are exiting anyway
    }
  });
  cleanups.clear();
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([Promise.all(pending), new Promise((r) => (timer = setTimeout(r, deadlineMs)))]);
  clearTimeout(timer);
}

export const interruptedMessage = (signal: NodeJS.Signals) =>
  `\ncontextkaart: interrupted (${signal}); finished files are kept, nothing half-written is left.\n`;

/**
 * The CLI's signal handlers, installed before anything else is loaded. They stay
 * installed (process.on, not once), so a signal is never left to the default action
 * or lost: the first stops the work and exits 130 after the clean-ups, a second exits 130 at once.
 */
export function installInterruptHandlers(write: (text: string) => void = (t) => process.stderr.write(t)): void {
  for (const signal of INTERRUPT_SIGNALS) {
    process.on(signal, () => {
      if (!beginInterrupt(signal)) {
        process.exit(INTERRUPT_EXIT_CODE);
      }
      try {
        write(interruptedMessage(signal));
      } catch {
        // stderr closed: exit all the same
      }
      void runInterruptCleanups().finally(() => process.exit(INTERRUPT_EXIT_CODE));
    });
  }
}
