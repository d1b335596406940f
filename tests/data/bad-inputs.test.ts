/**
 * The corpus of bad and hostile input (tests/fixtures/bad-inputs/, issue 12): each case a
 * folder with a region config, its files and expect.json. Every case is copied to a temp
 * folder (so ".." and symlinks point at files the test controls), run through `validate`,
 * and, when it must fail, through `render -o` too: the exit code, the message naming the
 * file and field, no raw control character in the output, and no file written.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, renameSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { runCli } from '../helpers/run-cli.js';
import { dataDir, realDataset } from '../helpers/data.js';

interface CaseExpectation {
  /** Exit code of validate and render. */
  exit: number;
  /** Substrings stderr must contain: the file (with line), the field and the problem. */
  messages: string[];
  /** A warning is printed (exit 0). */
  warning?: boolean;
  why?: string;
  /** Extra command-line arguments. */
  args?: string[];
  env?: Record<string, string>;
  /** Rename region.yaml to this name (e.g. with control characters). */
  configName?: string;
  /** Large files made at run time instead of committed. */
  generate?: { file: string; kind: 'png-padded' | 'yaml-padded' | 'text'; bytes: number }[];
  /** Symlinks in the case folder: name → target. */
  symlinks?: Record<string, string>;
  /** Files beside the case folder (outside it), for ".." and symlinks out. */
  outside?: Record<string, string>;
}

const corpus = join(import.meta.dirname, '..', 'fixtures', 'bad-inputs');
const cases = readdirSync(corpus).sort();
const expectationOf = (name: string): CaseExpectation => JSON.parse(readFileSync(join(corpus, name, 'expect.json'), 'utf8'));
// Control characters other than the newline that ends each line.
const rawControl = /[\x00-\x09\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]/;

let tmp: string;
beforeAll(async () => {
  tmp = mkdtempSync(join(tmpdir(), 'contextkaart-bad-inputs-'));
  await realDataset();
});
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function generated(kind: 'png-padded' | 'yaml-padded' | 'text', bytes: number): Buffer {
  if (kind === 'png-padded') {
    // A valid PNG signature and header, then filler: only the size matters.
    const head = Buffer.from('89504e470d0a1a0a0000000d49484452000000640000003208020000000000000049454e44ae426082', 'hex');
    return Buffer.concat([head, Buffer.alloc(bytes - head.length)]);
  }
  if (kind === 'yaml-padded') {
    const config = 'id: bad-case\narea:\n  gemeente: GM0796\n';
    return Buffer.from(config + '# opvulling\n'.repeat(Math.ceil((bytes - config.length) / 12)));
  }
  return Buffer.from('Een regel tekst voor de contextkaart.\n'.repeat(Math.ceil(bytes / 38))).subarray(0, bytes);
}

/** The case in its own temp folder: <root>/case/… with the outside files in <root>. */
function setUp(name: string, e: CaseExpectation): { config: string; root: string } {
  const root = join(tmp, name);
  const dir = join(root, 'case');
  cpSync(join(corpus, name), dir, { recursive: true });
  rmSync(join(dir, 'expect.json'));
  for (const [file, text] of Object.entries(e.outside ?? {})) {
    mkdirSync(dirname(join(root, file)), { recursive: true });
    writeFileSync(join(root, file), text);
  }
  for (const [link, target] of Object.entries(e.symlinks ?? {})) symlinkSync(target, join(dir, link));
  for (const g of e.generate ?? []) writeFileSync(join(dir, g.file), generated(g.kind, g.bytes));
  let config = join(dir, 'region.yaml');
  if (e.configName) {
    renameSync(config, join(dir, e.configName));
    config = join(dir, e.configName);
  }
  return { config, root };
}

function listTree(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' }).sort();
}

async function runWithEnv(args: string[], env: Record<string, string> = {}) {
  const before = Object.fromEntries(Object.keys(env).map((k) => [k, process.env[k]]));
  Object.assign(process.env, env);
  try {
    return await runCli(args);
  } finally {
    for (const [k, v] of Object.entries(before)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  }
}

describe('the bad-input corpus', () => {
  it('covers every class of issue 12 with several cases', () => {
    const byClass = new Map<string, number>();
    for (const c of cases) byClass.set(c.split('-')[0], (byClass.get(c.split('-')[0]) ?? 0) + 1);
    expect(cases.length).toBeGreaterThanOrEqual(30);
    for (const prefix of ['config', 'logo', 'yaml', 'files', 'extra', 'escape']) expect(byClass.get(prefix), prefix).toBeGreaterThanOrEqual(3);
    expect(cases.filter((c) => expectationOf(c).warning).length).toBeGreaterThanOrEqual(3);
  });

  it.each(cases)('%s', async (name) => {
    const e = expectationOf(name);
    const { config, root } = setUp(name, e);
    const before = listTree(root);

    const validate = await runWithEnv(['validate', config, '--data', dataDir, ...(e.args ?? [])], e.env);
    expect(validate.code, validate.stderr).toBe(e.exit);
    for (const m of e.messages) expect(validate.stderr).toContain(m);
    expect(validate.stderr).not.toMatch(rawControl);
    if (e.warning) expect(validate.stderr).toMatch(/^contextkaart: warning: /m);
    else expect(validate.stderr).not.toContain('warning');
    if (e.exit !== 0) {
      // The message names a file of the case (the config or the file it reads).
      expect(e.messages.some((m) => /\.(ya?ml|csv|md|svg|png|jpg)\b/.test(m)), 'expect.json names the file').toBe(true);
      expect(validate.stderr).toMatch(/^contextkaart: /);

      // render stops with the same error before anything is written.
      const out = join(root, 'out');
      mkdirSync(out);
      const render = await runWithEnv(['render', config, '--data', dataDir, '-o', `${out}/`, ...(e.args ?? [])], e.env);
      expect(render.code, render.stderr).toBe(e.exit);
      for (const m of e.messages) expect(render.stderr).toContain(m);
      expect(render.stderr).not.toMatch(rawControl);
      expect(readdirSync(out)).toEqual([]);
      rmSync(out, { recursive: true });
    }
    expect(listTree(root)).toEqual(before);
  });
});
