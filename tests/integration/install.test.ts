/**
 * Issue 23, item 6: `npm pack` gives a package that works installed globally, from any folder:
 * templates, fonts, assets, schema and version come from the package, not from a clone.
 * The install uses the npm cache first (--prefer-offline) and skips Puppeteer's browser download.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { readPdf, type PdfReadBack } from '../helpers/pdf.js';
import { dataDir } from '../helpers/data.js';

const projectRoot = resolve(import.meta.dirname, '../..');
const version: string = JSON.parse(readFileSync(join(projectRoot, 'package.json'), 'utf8')).version;

/** The environment without what `npm test` or the caller set for npm and contextkaart. */
function cleanEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^npm_/i.test(k) && k !== 'CONTEXTKAART_DATA' && k !== 'XDG_CACHE_HOME'));
  return { ...env, ...extra };
}

function npm(args: string[], cwd: string): SpawnSyncReturns<string> {
  const r = spawnSync('npm', args, { cwd, encoding: 'utf8', env: cleanEnv({ PUPPETEER_SKIP_DOWNLOAD: '1' }) });
  if (r.status !== 0) throw new Error(`npm ${args.join(' ')} exited ${r.status}:\n${r.stdout}\n${r.stderr}`);
  return r;
}

let work: string;
let prefix: string;
let elsewhere: string;
let home: string;
let tarball: string;
let bin: string;

const contextkaart = (args: string[]) => spawnSync(bin, args, { cwd: elsewhere, encoding: 'utf8', env: cleanEnv({ HOME: home }) });

beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'contextkaart-install-'));
  prefix = join(work, 'prefix');
  elsewhere = join(work, 'elsewhere');
  home = join(work, 'home');
  for (const d of [elsewhere, home]) mkdirSync(d);
  // prepack builds dist/ first.
  npm(['pack', '--pack-destination', work], projectRoot);
  const packed = readdirSync(work).filter((f) => f.endsWith('.tgz'));
  expect(packed).toEqual([`contextkaart-${version}.tgz`]);
  tarball = join(work, packed[0]);
  npm(['install', '--global', '--prefix', prefix, '--prefer-offline', '--no-audit', '--no-fund', tarball], work);
  bin = join(prefix, 'bin', 'contextkaart');
});
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('the packed package', () => {
  it('holds the build, the bin, the templates, the assets and the schema, and no tests, sources or outputs', () => {
    const files = spawnSync('tar', ['-tzf', tarball], { encoding: 'utf8' }).stdout.split('\n').filter(Boolean);
    for (const f of [
      'package/package.json',
      'package/bin/contextkaart.js',
      'package/dist/cli/main.js',
      'package/dist/paths.js',
      'package/templates/layouts/report.hbs',
      'package/templates/print.css',
      'package/templates/mail/contextkaart.hbs',
      'package/assets/preview/client.js',
      'package/regions/region.schema.json',
      'package/README.md',
    ])
      expect(files).toContain(f);
    for (const f of files) expect(f).not.toMatch(/^package\/(tests|src|out|node_modules|scripts|\.ci)\/|\.map$|\.tgz$/);
  });
});

describe('installed globally in a temporary prefix, run from another folder', () => {
  it('puts contextkaart on the prefix bin', () => {
    expect(existsSync(bin)).toBe(true);
    expect(existsSync(join(prefix, 'lib', 'node_modules', 'contextkaart', 'templates', 'layouts', 'report.hbs'))).toBe(true);
  });

  it('prints its version and its help', () => {
    const v = contextkaart(['--version']);
    expect(v.status).toBe(0);
    expect(v.stdout.trim()).toBe(version);
    const h = contextkaart(['--help']);
    expect(h.status).toBe(0);
    expect(h.stdout).toContain('contextkaart render <region..>');
    expect(h.stdout).toContain('~/.cache/contextkaart/data');
  });

  it('prints the region schema and writes a starter config from its own files', () => {
    const s = contextkaart(['schema']);
    expect(s.status).toBe(0);
    expect(JSON.parse(s.stdout)).toHaveProperty('properties.client');
    const i = contextkaart(['init', 'mijn-regio', '--data', dataDir]);
    expect(i.status, i.stderr).toBe(0);
    expect(readFileSync(join(elsewhere, 'mijn-regio', 'regio.yaml'), 'utf8')).toContain('client:');
  });

  it('without --data reads ~/.cache/contextkaart/data, not a data folder beside the installed package, and says so', () => {
    const r = contextkaart(['render', 'GM0796', '-o', join(elsewhere, 'nodata.pdf')]);
    expect(r.status).toBe(3);
    expect(r.stderr).toContain(join(home, '.cache', 'contextkaart', 'data'));
    expect(r.stderr).toContain('data fetch');
    expect(existsSync(join(elsewhere, 'nodata.pdf'))).toBe(false);
  });

  describe('renders a gemeente with --data', () => {
    let pdf: PdfReadBack;
    beforeAll(async () => {
      const r = contextkaart(['render', 'GM0796', '--data', dataDir]);
      expect(r.stderr).toContain("✓ 's-Hertogenbosch");
      expect(r.status).toBe(0);
      // The default output folder is out/ below the current folder, not below the package.
      pdf = await readPdf(join(elsewhere, 'out', 'gm0796.pdf'));
    });

    it('with the name on the cover and a figure from the data', () => {
      expect(pdf.pageText[0]).toContain("'s-Hertogenbosch");
      expect(pdf.pageText[0]).toContain('Contextkaart kansengelijkheid');
      const [header, ...lines] = readFileSync(join(dataDir, 'cbs/kwb_2022_gemeenten_pdok_indicatoren.csv'), 'utf8').trim().split('\n');
      const row = lines.find((l) => l.startsWith('GM0796,'))!.split(',');
      const jeugdzorg = Number(row[header.split(',').indexOf('pct_jeugdzorg')]);
      expect(pdf.text).toContain(`${jeugdzorg.toFixed(1).replace('.', ',')}%`);
    });

    it('says which version made it', () => {
      expect(pdf.info.Creator).toBe(`contextkaart ${version}`);
    });
  });
});
