/** The batch's tool hash changes with the packages it runs on, in a clone (the lock) and in an installed package (no lock). */
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { installedDependencies, toolInputsHash } from '../../src/pipeline/inputs-hash.js';

const root = mkdtempSync(join(tmpdir(), 'contextkaart-inputs-hash-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

// FIXTURE: a package installed without package-lock.json, one dependency beside it and one in a parent node_modules.
const pkg = join(root, 'lib', 'node_modules', 'contextkaart');
const templates = join(pkg, 'templates');
mkdirSync(templates, { recursive: true });
writeFileSync(join(templates, 'report.hbs'), '<p>{{x}}</p>');
writeFileSync(join(pkg, 'package.json'), JSON.stringify({ name: 'contextkaart', dependencies: { vega: '^6', yaml: '^2', gone: '^1' } }));
const dep = (dir: string, name: string, version: string) => {
  mkdirSync(join(dir, 'node_modules', name), { recursive: true });
  writeFileSync(join(dir, 'node_modules', name, 'package.json'), JSON.stringify({ name, version }));
};
dep(pkg, 'vega', '6.4.0');
dep(join(root, 'lib'), 'yaml', '2.9.1');

describe('toolInputsHash', () => {
  it('reads the installed versions when there is no lock, as Node finds them', () => {
    expect(installedDependencies(pkg)).toBe('gone@missing\nvega@6.4.0\nyaml@2.9.1');
  });

  it('changes when an installed dependency changes, and with a lock follows the lock', () => {
    const before = toolInputsHash(pkg, '0.1.0', templates);
    dep(pkg, 'vega', '6.5.0');
    const after = toolInputsHash(pkg, '0.1.0', templates);
    expect(after).not.toBe(before);
    expect(toolInputsHash(pkg, '0.1.0', templates)).toBe(after);
    writeFileSync(join(pkg, 'package-lock.json'), '{"lockfileVersion":3}');
    const locked = toolInputsHash(pkg, '0.1.0', templates);
    dep(pkg, 'vega', '6.6.0');
    expect(toolInputsHash(pkg, '0.1.0', templates)).toBe(locked);
  });
});
