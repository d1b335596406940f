import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { parseRegionConfig, parseRegionDocument, repeatProblems, schemaProblems } from '../../src/config/load.js';
import { resolveRegionConfig } from '../../src/config/resolve.js';
import { messages } from '../../src/util/messages.js';
import { thrownReportError as errorOf, rejectedReportError as asyncErrorOf } from '../helpers/errors.js';

const file = join(process.cwd(), 'tests/fixtures/config/region.yaml');
const shown = 'tests/fixtures/config/region.yaml';

const valid = `id: regio-test
area:
  gemeente: GM0796
`;

describe('region config errors name the file, line, field and fix', () => {
  it('accepts a minimal config and fills defaults', () => {
    const { config } = parseRegionConfig(valid, file);
    expect(config.title).toBe('Contextkaart kansengelijkheid');
    expect(config.brand.primary).toBe('#1d5c96');
    expect(config.comparisons).toEqual({ province: true, similar: true });
  });

  it('reports YAML syntax errors with line and column', () => {
    const e = errorOf(() => parseRegionConfig('id: x\narea:\n  gemeente: [GM0796\n', file));
    expect(e.code).toBe('config');
    expect(e.exitCode).toBe(3);
    expect(e.message).toMatch(/^tests\/fixtures\/config\/region\.yaml:\d+:\d+: YAML syntax error: /);
  });

  it('reports an unknown top-level field with its line and a suggestion', () => {
    const e = errorOf(() => parseRegionConfig(`${valid}brnad:\n  primary: "#ff0000"\n`, file));
    expect(e.message).toBe(messages.configInvalid(shown, 4, 'brnad', 'is not a known field', 'Did you mean "brand"?'));
  });

  it('reports a missing required field', () => {
    const e = errorOf(() => parseRegionConfig('id: regio-test\n', file));
    expect(e.message).toBe(messages.configInvalid(shown, 1, 'area', 'is required', 'Add this field.'));
  });

  it('reports a bad colour at its line', () => {
    const e = errorOf(() => parseRegionConfig(`${valid}brand:\n  primary: red\n`, file));
    expect(e.message).toBe(messages.configInvalid(shown, 5, 'brand.primary', 'must be a colour like "#1f5fa8" (given: "red")', 'Correct the value (see `contextkaart schema`).'));
  });

  it('requires exactly one kind of area', () => {
    const e = errorOf(() => parseRegionConfig('id: x\narea:\n  gemeente: GM0796\n  gemeenten: [GM0363]\n  name: X\n', file));
    expect(e.message).toBe(messages.configInvalid(shown, 3, 'area', 'give exactly one of gemeente, gemeenten or wijken', 'Correct the value (see `contextkaart schema`).'));
  });

  it('requires a name for an area of several gemeenten', () => {
    const e = errorOf(() => parseRegionConfig('id: x\narea:\n  gemeenten: [GM0363, GM0599]\n', file));
    expect(e.message).toContain('area.name: is required for an area of several gemeenten or wijken');
  });

  it('reports an unknown domain with the allowed values', () => {
    const e = errorOf(() => parseRegionConfig(`${valid}sections:\n  - domain: zorg\n`, file));
    expect(e.message).toMatch(/:5: sections\[0\]\.domain: must be one of "demografie", "wijk", "armoede", "jeugdhulp", "onderwijs", "signalering", "verbanden" \(given: "zorg"\)\. Use one of the listed values\.$/);
  });

  it('suggests the value nearest a mistyped one, and still finds values given twice', () => {
    const parsed = parseRegionDocument(`${valid}sections:\n  - domain: armoede\n  - domain: onderwys\n  - domain: armoede\n`, file);
    const problems = [...schemaProblems(parsed).problems, ...repeatProblems(parsed, parsed.plain)].map((p) => p.message);
    expect(problems).toEqual([
      messages.configInvalid(shown, 6, 'sections[1].domain', 'must be one of "demografie", "wijk", "armoede", "jeugdhulp", "onderwijs", "signalering", "verbanden" (given: "onderwys")', 'Did you mean "onderwijs"?'),
      messages.configRepeated(shown, 7, 'sections[2].domain', 'armoede', 'sections[0].domain'),
    ]);
  });

  it('reports a missing text file relative to the config', async () => {
    const { config: _c, ...rest } = parseRegionConfig(`${valid}sections:\n  - domain: armoede\n    textFile: geen-bestand.md\n`, file);
    const loaded = parseRegionConfig(`${valid}sections:\n  - domain: armoede\n    textFile: geen-bestand.md\n`, file);
    void rest;
    const e = await asyncErrorOf(resolveRegionConfig(loaded));
    expect(e.message).toBe(messages.fileNotFound(`${shown}:6`, 'sections[0].textFile', 'geen-bestand.md'));
  });
});

describe('unknown nested fields', () => {
  it('suggests the field of the same object', () => {
    const e = errorOf(() => parseRegionConfig(`${valid}client:\n  name: Stichting X\n  logoo: logo.svg\n`, file));
    expect(e.message).toBe(messages.configInvalid(shown, 6, 'client.logoo', 'is not a known field', 'Did you mean "logo"?'));
  });
});

describe('JSON Schema for editors', () => {
  it('regions/region.schema.json is generated from the zod schema (run npm run schema)', async () => {
    const { readFileSync } = await import('node:fs');
    const { regionConfigJsonSchema } = await import('../../src/config/json-schema.js');
    const committed = JSON.parse(readFileSync('regions/region.schema.json', 'utf8'));
    expect(committed).toEqual(regionConfigJsonSchema());
    expect(committed.required).toEqual(['id', 'area']);
  });
  it('the example configs are valid', async () => {
    const { loadRegionConfig } = await import('../../src/config/load.js');
    for (const f of ['regions/voorbeeld-regio.yaml', 'regions/utrecht-wijken.yaml']) {
      const { config } = await loadRegionConfig(join(process.cwd(), f));
      expect(config.id).toMatch(/^[a-z]/);
    }
  });
});

describe('a misspelt required field', () => {
  it('is reported as unknown with the suggestion, not as missing', () => {
    const e = errorOf(() => parseRegionConfig('id: x\naera:\n  gemeente: GM0796\n', file));
    expect(e.message).toBe(messages.configInvalid(shown, 2, 'aera', 'is not a known field', 'Did you mean "area"?'));
  });
});
