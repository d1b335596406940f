/**
 * Unit tests of each check against bad and hostile input (issue 12): control characters in
 * messages, the logo's bytes, the files a config may read, YAML size and aliases, and values
 * given twice. The checks that need the real dataset are in tests/data/input-checks.test.ts; the
 * corpus test (tests/data/bad-inputs.test.ts) runs the same checks through the command line.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { escapeControlChars, quote } from '../../src/util/escape.js';
import { ReportError } from '../../src/util/errors.js';
import { messages } from '../../src/util/messages.js';
import { checkLogo, MAX_LOGO_BYTES } from '../../src/config/logo.js';
import { outsideFilesAllowed, resolveConfigFile, setOutsideFilesAllowed } from '../../src/config/files.js';
import { MAX_CONFIG_BYTES, parseRegionConfig } from '../../src/config/load.js';
import { configInputsHash } from '../../src/pipeline/inputs-hash.js';
import { createProgress } from '../../src/cli/progress.js';
import { thrownReportError as thrown, rejectedReportError as rejected } from '../helpers/errors.js';

let tmp: string;
beforeAll(() => {
  tmp = mkdtempSync(join(tmpdir(), 'contextkaart-checks-'));
});
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('control characters in messages', () => {
  it('quote() escapes every control character of a value, including newlines and bidi overrides', () => {
    expect(quote('a\x1b[2Jb\x07\r\n\t\u202e\u0085')).toBe('"a\\x1b[2Jb\\x07\\r\\n\\t\\u202e\\x85"');
    expect(quote('Súdwest-Fryslân')).toBe('"Súdwest-Fryslân"');
  });

  it('a whole message keeps its own line breaks and tabs', () => {
    expect(escapeControlChars('regel 1\n\tregel 2 \x1b]0;titel\x07')).toBe('regel 1\n\tregel 2 \\x1b]0;titel\\x07');
  });

  it('every ReportError is escaped, whatever message function made it', () => {
    const e = new ReportError(messages.unknownGemeente('\x1b[2JAmsterdam', []), 'unknown-region', { detail: 'x\x1b[31my' });
    expect(e.message).toContain('unknown gemeente "\\x1b[2JAmsterdam"');
    expect(e.message).not.toMatch(/\x1b/);
    expect(e.detail).toBe('x\\x1b[31my');
  });
});

describe('batch progress', () => {
  it('shows names and errors from configs with control characters escaped, in every mode that prints them', () => {
    for (const mode of ['lines', 'tty', 'quiet'] as const) {
      let err = '';
      const p = createProgress({ mode, stderr: (s) => void (err += s), stdout: () => undefined });
      const entry = { code: 'x', name: 'regio\x1b]0;titel\x07', file: 'x.pdf', status: 'failed', error: 'internal error: \x1b[2Jweg', attempts: 2 };
      p.onEvent({ type: 'start', total: 1, toRender: 1, skipped: 0 } as never);
      p.onEvent({ type: 'retry', key: 'sleutel\x1b[31m', error: 'fout\x1b[0m' } as never);
      p.onEvent({ type: 'region', entry, done: 1, total: 1, retried: true } as never);
      p.finish({ total: 1, ok: 0, failed: 1, skipped: 0, ms: 1000, entries: [entry] } as never, 'manifest.json');
      // The bar's own cursor codes (\r ESC[2K) stay; nothing from the input passes raw.
      const withoutBar = err.replaceAll('\r\x1b[2K', '');
      expect(withoutBar, mode).not.toMatch(/[\x00-\x09\x0b-\x1f\x7f]/);
      expect(withoutBar, mode).toContain('regio\\x1b]0;titel\\x07');
      expect(withoutBar, mode).toContain('internal error: \\x1b[2Jweg');
    }
  });
});

describe('logos are checked from their bytes', () => {
  const png = (w: number, h: number) => {
    const b = Buffer.alloc(45);
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]).copy(b, 0);
    b.writeUInt32BE(13, 8);
    b.write('IHDR', 12, 'latin1');
    b.writeUInt32BE(w, 16);
    b.writeUInt32BE(h, 20);
    b.write('IEND', 37, 'latin1');
    return b;
  };
  const jpeg = (w: number, h: number, sof = 0xc0) =>
    Buffer.from([0xff, 0xd8, 0xff, 0xe1, 0x00, 0x04, 0x00, 0x00, 0xff, 0xff, sof, 0x00, 0x11, 0x08, h >> 8, h & 255, w >> 8, w & 255, 0x03, 0xff, 0xd9]);
  const svg = (attrs: string, body = '') => Buffer.from(`<svg xmlns="http://www.w3.org/2000/svg" ${attrs}>${body}</svg>`);
  const check = (bytes: Buffer, ext = '.svg') => checkLogo(bytes, 'regio.yaml:6', 'logo' + ext, ext);

  it('reads the size of a PNG (IHDR) and a JPEG (SOF, also progressive and after fill bytes)', () => {
    expect(check(png(600, 200), '.png')).toEqual({ mime: 'image/png', width: 600, height: 200 });
    expect(check(jpeg(640, 480), '.jpg')).toEqual({ mime: 'image/jpeg', width: 640, height: 480 });
    expect(check(jpeg(800, 300, 0xc2), '.jpg')).toEqual({ mime: 'image/jpeg', width: 800, height: 300 });
  });

  it('refuses absurd pixel dimensions with the limit', () => {
    expect(thrown(() => check(png(4001, 10), '.png')).message).toBe(messages.logoTooManyPixels('regio.yaml:6', 'logo.png', 4001, 10, 4000));
    expect(thrown(() => check(jpeg(100, 65535), '.jpg')).message).toContain('100×65535 pixels; a logo may be at most 4000×4000');
    expect(check(png(4000, 4000), '.png').width).toBe(4000);
  });

  it('refuses a file larger than the limit before looking inside', () => {
    const big = Buffer.concat([png(10, 10), Buffer.alloc(MAX_LOGO_BYTES)]);
    expect(thrown(() => check(big, '.png')).message).toBe(messages.logoTooLarge('regio.yaml:6', 'logo.png', big.length, MAX_LOGO_BYTES));
  });

  it('takes an SVG size from width/height in absolute units, else from the viewBox', () => {
    expect(check(svg('width="240" height="80"'))).toMatchObject({ mime: 'image/svg+xml', width: 240, height: 80 });
    expect(check(svg('width="10in" height="2in"'))).toMatchObject({ width: 960, height: 192 });
    expect(check(svg('viewBox="0 0 300 100"'))).toMatchObject({ width: 300, height: 100 });
    expect(check(svg('width="100%" viewBox="0,0,300,100"'))).toMatchObject({ width: 300, height: 100 });
    expect(check(svg('width="600" viewBox="0 0 300 100"'))).toMatchObject({ width: 600, height: 200 });
    expect(check(svg(''))).toEqual({ mime: 'image/svg+xml', width: undefined, height: undefined });
    expect(thrown(() => check(svg('width="2000mm" height="10mm"'))).message).toContain('7559×38 pixels');
    expect(thrown(() => check(svg('viewBox="0 0 -5 10"'))).message).toContain('is not four numbers with a positive width and height');
  });

  it('accepts the plain entities of an old Illustrator export', () => {
    const text = `<?xml version="1.0" encoding="utf-8"?>
<!-- Generator: Adobe Illustrator 15.0.0, SVG Export Plug-In  -->
<!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" "http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd" [
	<!ENTITY ns_extend "http://ns.adobe.com/Extensibility/1.0/">
	<!ENTITY ns_ai "http://ns.adobe.com/AdobeIllustrator/10.0/">
	<!ENTITY ns_graphs "http://ns.adobe.com/Graphs/1.0/">
]>
<svg version="1.1" id="Laag_1" xmlns:x="&ns_extend;" xmlns:i="&ns_ai;" xmlns:graph="&ns_graphs;"
	 xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" x="0px" y="0px" width="283.5px" height="85px"
	 viewBox="0 0 283.5 85" enable-background="new 0 0 283.5 85" xml:space="preserve">
<rect width="10" height="10"/>
</svg>
`;
    expect(check(Buffer.from(text))).toEqual({ mime: 'image/svg+xml', width: 283.5, height: 85 });
  });

  it('accepts an XML prolog, comments and a DOCTYPE without entities', () => {
    const text = '\uFEFF<?xml version="1.0" encoding="UTF-8"?>\n<!-- Illustrator -->\n<!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" "http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd">\n<svg version="1.1" xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="120" height="40"><g/></svg>\n';
    expect(check(Buffer.from(text))).toMatchObject({ width: 120, height: 40 });
  });

  it('refuses what is not an SVG image: text, HTML, another root, no namespace, entities, cut off', () => {
    expect(thrown(() => check(Buffer.from('gewoon tekst'), '.png')).message).toBe(messages.logoNotImage('regio.yaml:6', 'logo.png', 'a PNG image'));
    expect(thrown(() => check(Buffer.from('<!doctype html><html><svg xmlns="http://www.w3.org/2000/svg"></svg></html>'))).message).toContain('it is an HTML page, not an SVG image');
    expect(thrown(() => check(Buffer.from('<html xmlns="http://www.w3.org/1999/xhtml"></html>'))).message).toContain('HTML page');
    expect(thrown(() => check(Buffer.from('<svgx xmlns="http://www.w3.org/2000/svg"/>'))).message).toContain('root element is <svgx>');
    expect(thrown(() => check(Buffer.from('<svg width="10" height="10"></svg>'))).message).toContain('lacks xmlns');
    expect(thrown(() => check(Buffer.from('<!DOCTYPE svg [<!ENTITY x "y"><!ENTITY z "&x;&x;">]><svg xmlns="http://www.w3.org/2000/svg">&z;</svg>'))).message).toContain('its entity z (<!ENTITY) refers to other entities');
    expect(thrown(() => check(Buffer.from('<!DOCTYPE svg [<!ENTITY x SYSTEM "file:///etc/passwd">]><svg xmlns="http://www.w3.org/2000/svg">&x;</svg>'))).message).toContain('external entity');
    expect(thrown(() => check(Buffer.from('<!DOCTYPE svg [<!ENTITY % p "x">]><svg xmlns="http://www.w3.org/2000/svg"/>'))).message).toContain('parameter entity');
    const quadratic = `<!DOCTYPE svg [<!ENTITY big "${'x'.repeat(20_000)}">]><svg xmlns="http://www.w3.org/2000/svg"><text>${'&big;'.repeat(60)}</text></svg>`;
    expect(thrown(() => check(Buffer.from(quadratic))).message).toContain('would expand to more than 1 MB of text');
    expect(thrown(() => check(Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><rect'))).message).toContain('never closed');
    expect(thrown(() => check(png(10, 10).subarray(0, 30), '.png')).message).toContain('no IHDR header');
    expect(thrown(() => check(png(10, 10).subarray(0, 36), '.png')).message).toContain('no IEND chunk');
    expect(thrown(() => check(jpeg(10, 10).subarray(0, 8), '.jpg')).message).toContain('no frame header');
    expect(thrown(() => check(Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x41]), '.jpg')).message).toContain('no frame header');
  });
});

describe('files a config may read', () => {
  let configDir: string;
  beforeAll(() => {
    configDir = join(tmp, 'files', 'regio');
    mkdirSync(join(configDir, 'teksten'), { recursive: true });
    writeFileSync(join(configDir, 'teksten', 'armoede.md'), 'Tekst.');
    writeFileSync(join(tmp, 'files', 'buiten.md'), 'Geheim.');
    symlinkSync('teksten/armoede.md', join(configDir, 'binnen.md'));
    symlinkSync('../buiten.md', join(configDir, 'naar-buiten.md'));
  });
  const ref = (path: string) => ({ configDir, where: 'regio.yaml:7', field: 'sections[0].textFile', path });
  const outside = (path: string) => messages.fileOutsideConfig('regio.yaml:7', 'sections[0].textFile', path, configDir);

  it('reads files inside the folder, also through ".." or a symlink that stays inside', async () => {
    const real = join(configDir, 'teksten', 'armoede.md');
    expect((await resolveConfigFile(ref('teksten/armoede.md'), { allowOutside: false })).path).toBe(real);
    expect((await resolveConfigFile(ref('teksten/../teksten/armoede.md'), { allowOutside: false })).path).toBe(real);
    expect((await resolveConfigFile(ref('binnen.md'), { allowOutside: false })).path).toBe(real);
  });

  it('refuses absolute paths, ".." out of the folder and symlinks out, whether the file exists or not', async () => {
    expect((await rejected(resolveConfigFile(ref('/etc/passwd'), { allowOutside: false }))).message).toBe(outside('/etc/passwd'));
    expect((await rejected(resolveConfigFile(ref(join(configDir, 'teksten', 'armoede.md')), { allowOutside: false }))).message).toContain('is outside');
    expect((await rejected(resolveConfigFile(ref('../buiten.md'), { allowOutside: false }))).message).toBe(outside('../buiten.md'));
    expect((await rejected(resolveConfigFile(ref('../bestaat-niet.md'), { allowOutside: false }))).message).toBe(outside('../bestaat-niet.md'));
    expect((await rejected(resolveConfigFile(ref('naar-buiten.md'), { allowOutside: false }))).message).toBe(outside('naar-buiten.md'));
  });

  it('with the opt-in reads outside, but never a folder or a device, and never past the size limit', async () => {
    expect((await resolveConfigFile(ref('../buiten.md'), { allowOutside: true })).path).toBe(join(tmp, 'files', 'buiten.md'));
    expect((await rejected(resolveConfigFile(ref('/dev/zero'), { allowOutside: true }))).message).toBe(messages.fileNotRegular('regio.yaml:7', 'sections[0].textFile', '/dev/zero'));
    expect((await rejected(resolveConfigFile(ref('teksten'), { allowOutside: false }))).message).toContain('is not a regular file');
    expect((await rejected(resolveConfigFile(ref('.'), { allowOutside: false }))).message).toContain('"." is not a regular file');
    expect((await rejected(resolveConfigFile(ref('teksten/armoede.md'), { allowOutside: false, maxBytes: 3 }))).message).toBe(
      messages.fileTooLarge('regio.yaml:7', 'sections[0].textFile', 'teksten/armoede.md', 6, 3),
    );
    expect((await rejected(resolveConfigFile(ref('weg.md'), { allowOutside: false }))).message).toBe(messages.fileNotFound('regio.yaml:7', 'sections[0].textFile', 'weg.md'));
  });

  it('the opt-in comes from the command line or CONTEXTKAART_ALLOW_OUTSIDE_FILES', () => {
    const before = process.env.CONTEXTKAART_ALLOW_OUTSIDE_FILES;
    try {
      delete process.env.CONTEXTKAART_ALLOW_OUTSIDE_FILES;
      setOutsideFilesAllowed(false);
      expect(outsideFilesAllowed()).toBe(false);
      setOutsideFilesAllowed(true);
      expect(outsideFilesAllowed()).toBe(true);
      setOutsideFilesAllowed(false);
      process.env.CONTEXTKAART_ALLOW_OUTSIDE_FILES = '1';
      expect(outsideFilesAllowed()).toBe(true);
      process.env.CONTEXTKAART_ALLOW_OUTSIDE_FILES = '0';
      expect(outsideFilesAllowed()).toBe(false);
    } finally {
      if (before === undefined) delete process.env.CONTEXTKAART_ALLOW_OUTSIDE_FILES;
      else process.env.CONTEXTKAART_ALLOW_OUTSIDE_FILES = before;
    }
  });

  it('a Markdown text must be UTF-8 text', async () => {
    const { resolveRegionConfig } = await import('../../src/config/resolve.js');
    const yaml = 'id: x\narea:\n  gemeente: GM0796\nsections:\n  - domain: armoede\n    textFile: teksten/tekst.md\n';
    const config = join(configDir, 'tekst.yaml');
    const withText = (bytes: Buffer) => {
      writeFileSync(join(configDir, 'teksten', 'tekst.md'), bytes);
      return resolveRegionConfig(parseRegionConfig(yaml, config), { allowOutsideFiles: false });
    };
    expect((await withText(Buffer.from('\uFEFFCafé en crèche.'))).sections![0].markdown).toBe('Café en crèche.');
    expect((await rejected(withText(Buffer.from('Caf\xe9', 'latin1')))).message).toMatch(/tekst\.yaml:6: sections\[0\]\.textFile: "teksten\/tekst\.md" is not a text file: its bytes are not UTF-8/);
    expect((await rejected(withText(Buffer.from([0x41, 0x00, 0x42])))).message).toContain('is not a text file: it holds NUL bytes');
  });

  it('a batch never reads a device a config names when it hashes the inputs', () => {
    const config = join(tmp, 'files', 'device.yaml');
    writeFileSync(config, 'id: x\narea: { gemeente: GM0796 }\nsections:\n  - domain: armoede\n    textFile: /dev/zero\n');
    expect(configInputsHash(config)).toMatch(/^[0-9a-f]{64}$/);
  });
});

describe('the YAML of a config', () => {
  const file = join(process.cwd(), 'regio.yaml');
  const valid = 'id: x\narea:\n  gemeente: GM0796\n';

  it('refuses a document above the size limit before parsing it', () => {
    const text = valid + '#'.repeat(MAX_CONFIG_BYTES);
    expect(thrown(() => parseRegionConfig(text, file)).message).toBe(messages.configTooLarge('regio.yaml', Buffer.byteLength(text), MAX_CONFIG_BYTES, 4));
  });

  it('refuses alias expansion ("billion laughs") and unresolved aliases with a clear error', () => {
    const laughs = `${valid}a: &a [x, x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]\n`;
    const e = thrown(() => parseRegionConfig(laughs, file));
    expect(e.exitCode).toBe(3);
    expect(e.message).toMatch(/^regio\.yaml: YAML aliases \(\*name\) expand too far .*at most 100 alias uses/);
    expect(thrown(() => parseRegionConfig(`${valid}title: *nergens\n`, file)).message).toContain('Unresolved alias');
  });

  it('still accepts a few aliases', () => {
    const { config } = parseRegionConfig(`id: x\narea:\n  gemeente: &g GM0796\ncomparisons:\n  peers: [GM0363, *g]\n`, file);
    expect(config.comparisons.peers).toEqual(['GM0363', 'GM0796']);
  });

  it('refuses a value given twice where it may occur once, at its line', () => {
    const twice = (yaml: string) => thrown(() => parseRegionConfig(valid + yaml, file)).message;
    expect(twice('sections:\n  - domain: armoede\n  - domain: armoede\n')).toBe(messages.configRepeated('regio.yaml', 6, 'sections[1].domain', 'armoede', 'sections[0].domain'));
    expect(twice('sections:\n  - domain: armoede\n    indicators: [pct_hh_laag_inkomen, pct_hh_laag_inkomen]\n')).toContain('sections[0].indicators[1]: "pct_hh_laag_inkomen" is given twice');
    expect(twice('interpretation:\n  exclude: [a, a]\n')).toContain('interpretation.exclude[1]');
    expect(twice('comparisons:\n  peers: [Emmen, emmen]\n')).toContain('comparisons.peers[1]: "emmen" is given twice');
    expect(thrown(() => parseRegionConfig('id: x\narea:\n  wijken: [WK079601, wk079601]\n  name: W\n', file)).message).toContain('area.wijken[1]');
  });
});

