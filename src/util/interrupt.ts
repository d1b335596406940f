/**
 * Clean-up on Ctrl-C or a kill: close the browser, remove temp files. The CLI
 * installs the signal handlers; the library only registers what to undo.
 */
type Cleanup = () => Promise<unknown> | unknown;
const cleanups = new Set<Cleanup>();

export function onInterrupt(fn: Cleanup): () => void {
  cleanups.add(fn);
  return () => cleanups.delete(fn);
}

export async function runInterruptCleanups(): Promise<void> {
  const pending = [...cleanups].map(async (fn) => {
    try {
      await fn();
    } catch {
      // best effort: we are exiting anyway
    }
  });
  cleanups.clear();
  await Promise.race([Promise.all(pending), new Promise((r) => setTimeout(r, 3000))]);
}
