/**
 * A child for the safe-switch test: switches `staging` in as `dir` (src/fetch/run-fetch.ts
 * switchDirectory) and kills itself with SIGKILL right after the step named (no handler runs).
 * Usage: node --import tsx switch-child.ts <dir> <staging> <step>
 */
import { switchDirectory, type SwitchStep } from '../../src/fetch/run-fetch.js';

const [dir, staging, at] = process.argv.slice(2) as [string, string, SwitchStep];
await switchDirectory(dir, staging, (step) => {
  if (step === at) process.kill(process.pid, 'SIGKILL');
});
