import { describe, expect, it } from 'vitest';
import { spawn, execSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { WAIT_MS } from '../helpers/timeouts.js';

function chromiumChildrenOf(pid: number): number {
  try {
    return execSync(`pgrep -P ${pid} -f chrom`, { encoding: 'utf8' }).trim().split('\n').filter(Boolean).length;
  } catch {
    return 0;
  }
}

describe('Ctrl-C during a render', () => {
  it('exits 130, closes the browser and leaves no half-written file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'contextkaart-int-'));
    const child = spawn('node', ['bin/contextkaart.js', 'render', 'GM0363', 'GM0599', 'GM0344', '-o', dir], { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    // Wait until the browser runs, then interrupt.
    const started = Date.now();
    while (chromiumChildrenOf(child.pid!) === 0 && Date.now() - started < WAIT_MS) await new Promise((r) => setTimeout(r, 100));
    expect(chromiumChildrenOf(child.pid!)).toBeGreaterThan(0);
    child.kill('SIGINT');
    const code = await new Promise<number | null>((r) => child.on('exit', (c) => r(c)));
    expect(code).toBe(130);
    expect(stderr).toContain('interrupted');
    const files = existsSync(dir) ? readdirSync(dir) : [];
    expect(files.filter((f) => f.endsWith('.tmp'))).toEqual([]);
    // Whatever PDF is there is complete.
    for (const f of files.filter((x) => x.endsWith('.pdf'))) expect(execSync(`tail -c 1024 ${join(dir, f)}`).toString()).toContain('%%EOF');
    rmSync(dir, { recursive: true, force: true });
  });
});
