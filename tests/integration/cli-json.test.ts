/**
 * --json on the commands that report (issue 23): results on stdout, one JSON object per line,
 * logs on stderr. And preview --open running the opener with the address it serves.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { chmodSync, existsSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../helpers/run-cli.js';
import { dataDir } from '../helpers/data.js';
import { readPdf } from '../helpers/pdf.js';
import { WAIT_MS } from '../helpers/timeouts.js';
import { OPENER_ENV } from '../../src/cli/open-url.js';

let tmp: string;
beforeEach(() => {
  tmp = mkdtempSync(join(tmpdir(), 'contextkaart-cli-json-'));
});
const lines = (stdout: string) => stdout.trim().split('\n').map((l) => JSON.parse(l));

describe('render --json', () => {
  it('one object per region written, a failed region as an error object; logs stay on stderr', async () => {
    const r = await runCli(['render', 'GM0088', 'GM9999', '-o', tmp, '--json', '--data', dataDir]);
    expect(r.code).toBe(1);
    const [ok, failed, ...rest] = lines(r.stdout);
    expect(rest).toEqual([]);
    expect(ok).toMatchObject({ id: 'gm0088', name: 'Schiermonnikoog', pdf: join(tmp, 'gm0088.pdf') });
    expect(ok.pages).toBeGreaterThan(0);
    expect(ok.bytes).toBe(statSync(ok.pdf).size);
    expect(ok.ms).toBeGreaterThan(0);
    const pdf = await readPdf(ok.pdf);
    expect(pdf.pages).toBe(ok.pages);
    expect(pdf.text).toContain('Schiermonnikoog');
    expect(failed).toMatchObject({ region: 'GM9999', code: 'usage', exitCode: 2 });
    expect(failed.error).toContain('GM9999');
    // The human lines: English numbers ("1,234 kB", "1.2 s").
    expect(r.stderr).toMatch(/✓ Schiermonnikoog: .*gm0088\.pdf \(\d+ pages, [\d,]+ kB, \d+\.\d s\)/);
  });
});

describe('send --json', () => {
  it('a dry run: the plan, each message with its .eml, the summary', async () => {
    const reports = [
      ['GM0363', 'Amsterdam'],
      ['GM0088', 'Schiermonnikoog'],
    ].map(([code, name]) => {
      const file = `${code.toLowerCase()}.pdf`;
      const content = Buffer.from(`%PDF-1.7 fixture ${code}\n${'x'.repeat(2000)}`);
      writeFileSync(join(tmp, file), content);
      return { code, name, file, pages: 1, bytes: content.length, sha256: createHash('sha256').update(content).digest('hex'), ms: 1, status: 'ok', error: null, inputsHash: 'x', attempts: 1, finishedAt: '' };
    });
    writeFileSync(join(tmp, 'manifest.json'), JSON.stringify({ tool: 'contextkaart', version: '0.1.0', updatedAt: '', set: 'fixture', shard: null, reports }));
    writeFileSync(join(tmp, 'besturen.csv'), 'bestuur,bevoegd_gezag,email,gemeenten\nStichting Noord,41001,noord@fixture.test,Amsterdam\nStichting Wad,41002,wad@fixture.test,GM0088\n');
    const r = await runCli(['send', '--manifest', join(tmp, 'manifest.json'), '--recipients', join(tmp, 'besturen.csv'), '--from', 'Programma <gka@fixture.test>', '--json', '--data', dataDir]);
    expect(r.code).toBe(0);
    const [plan, ...rest] = lines(r.stdout);
    expect(plan).toMatchObject({ type: 'plan', messages: 2, upToDate: 0 });
    const messagesOut = rest.filter((l) => l.type === 'message');
    expect(messagesOut.map((m) => [m.status, m.bestuur, m.gemeenten])).toEqual([
      ['dry-run', 'Stichting Noord', ['Amsterdam']],
      ['dry-run', 'Stichting Wad', ['Schiermonnikoog']],
    ]);
    for (const m of messagesOut) expect(readFileSync(m.eml, 'utf8')).toContain('From: Programma <gka@fixture.test>');
    expect(rest.at(-1)).toMatchObject({ type: 'summary', dryRun: true, planned: 2, sent: 0, failed: 0 });
    expect(r.stderr).toContain('would send to Stichting Noord');
    expect(r.stderr).not.toContain('no sender given');
  });
});

describe('preview --open', () => {
  it(`runs $${OPENER_ENV} with the address it serves`, async () => {
    const seen = join(tmp, 'seen.txt');
    const opener = join(tmp, 'opener.sh');
    writeFileSync(opener, `#!/bin/sh\nprintf '%s\\n' "$@" > '${seen}'\n`);
    chmodSync(opener, 0o755);
    const child = spawn(process.execPath, ['--import', 'tsx', join(import.meta.dirname, '../helpers/cli-source.ts'), 'preview', 'GM0088', '--port', '0', '--open', '--data', dataDir], {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, [OPENER_ENV]: opener },
    });
    try {
      const url = await new Promise<string>((resolve, reject) => {
        let out = '';
        child.stdout.on('data', (d) => {
          out += d;
          const m = /http:\/\/127\.0\.0\.1:\d+\//.exec(out);
          if (m) resolve(m[0]);
        });
        child.on('exit', (c) => reject(new Error(`exited ${c}`)));
      });
      const deadline = Date.now() + WAIT_MS;
      while (!existsSync(seen) || !readFileSync(seen, 'utf8')) {
        if (Date.now() > deadline) throw new Error('the opener was not run');
        await new Promise((r) => setTimeout(r, 100));
      }
      expect(readFileSync(seen, 'utf8')).toBe(`${url}\n`);
    } finally {
      child.kill('SIGINT');
      await new Promise((r) => child.on('exit', r));
    }
  });
});
