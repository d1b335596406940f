import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { ReportError } from '../../src/util/errors.js';
import { messages } from '../../src/util/messages.js';
import { sources } from '../../src/data/sources.js';
import { DataReader } from '../../src/data/sources/data-files.js';
import { jeugdzorgNaturaIndicators, readJeugdzorgNatura } from '../../src/data/sources/jeugdzorg-natura.js';
import { gemeenteNamesOf2022, readJeugdzorgIndicatoren } from '../../src/data/sources/jeugdzorg-indicatoren.js';
import type { DataFiles, SourceObservation, SourceReading } from '../../src/data/sources/types.js';
import { dataDir } from '../helpers/data.js';

const fixtureDir = 'tests/fixtures/sources/jeugdzorg';

function find(reading: SourceReading, code: string, indicator: string, year: number): SourceObservation {
  const found = reading.observations.filter((o) => o.code === code && o.indicator === indicator && o.year === year);
  expect(found, `${code} ${indicator} ${year}`).toHaveLength(1);
  return found[0];
}

/** DataFiles over in-memory texts, for layouts the real files do not have. */
function memoryFiles(texts: Record<string, string>): DataFiles {
  return {
    dataDir: '/mem',
    text: async (file) => texts[file] ?? '',
    json: async () => {
      throw new Error('not used');
    },
  };
}

async function errorOf(run: () => Promise<unknown>): Promise<ReportError> {
  try {
    await run();
  } catch (e) {
    if (e instanceof ReportError) return e;
    throw e;
  }
  throw new Error('expected a ReportError');
}

describe('readJeugdzorgNatura (fixtures)', () => {
  it('emits the count and the age and referrer shares with numerator and denominator', async () => {
    const r = await readJeugdzorgNatura(new DataReader(fixtureDir));
    expect(find(r, 'GM0014', 'jongeren_jeugdzorg', 2021)).toEqual({ code: 'GM0014', indicator: 'jongeren_jeugdzorg', year: 2021, value: 5465, indeling: 2021 });
    expect(find(r, 'GM0014', 'jongeren_jeugdzorg', 2022)).toMatchObject({ value: 5535, indeling: 2022 });
    expect(find(r, 'WK001400', 'jeugdzorg_leeftijd_0_4', 2021)).toEqual({
      code: 'WK001400',
      indicator: 'jeugdzorg_leeftijd_0_4',
      year: 2021,
      value: (10 / 110) * 100,
      numerator: 10,
      denominator: 110,
      indeling: 2021,
    });
    expect(find(r, 'WK001400', 'jeugdzorg_verwijzer_gemeente', 2021)).toMatchObject({ value: (40 / 145) * 100, numerator: 40, denominator: 145 });
    expect(find(r, 'WK001400', 'jeugdzorg_verwijzer_huisarts', 2022)).toMatchObject({ value: 37.5, numerator: 60, denominator: 160, indeling: 2022 });
    // Every indicator once per row: 8 rows in the wijk file + NL00.
    expect(r.observations).toHaveLength(9 * jeugdzorgNaturaIndicators.length);
    expect(jeugdzorgNaturaIndicators).toHaveLength(13);
  });

  it('keeps empty cells as null: not published, or suppressed when the total is published', async () => {
    const r = await readJeugdzorgNatura(new DataReader(fixtureDir));
    // Suppressed: printed "afgeschermd", never replaced by an older year (issue 11).
    const suppressed = { value: null, suppressed: true, note: 'niet gepubliceerd door CBS (klein aantal)' };
    const notPublished = { value: null, note: 'niet gepubliceerd door CBS' };
    expect(find(r, 'WK001400', 'jeugdzorg_verwijzer_jeugdarts', 2021)).toEqual({ code: 'WK001400', indicator: 'jeugdzorg_verwijzer_jeugdarts', year: 2021, indeling: 2021, ...suppressed });
    expect(find(r, 'WK001405', 'jeugdzorg_leeftijd_0_4', 2021)).toMatchObject(suppressed);
    expect(find(r, 'WK001405', 'jeugdzorg_leeftijd_4_12', 2021)).toMatchObject({ value: (20 / 45) * 100, numerator: 20, denominator: 45 });
    // WK007407: no total of young people, but 10 trajecten with every referrer masked.
    expect(find(r, 'WK007407', 'jongeren_jeugdzorg', 2021)).toMatchObject(notPublished);
    expect(find(r, 'WK007407', 'jeugdzorg_leeftijd_12_18', 2021)).toMatchObject(notPublished);
    expect(find(r, 'WK007407', 'jeugdzorg_verwijzer_huisarts', 2021)).toMatchObject(suppressed);
    expect(find(r, 'WK001499', 'jeugdzorg_verwijzer_huisarts', 2021)).toMatchObject(notPublished);
    const nulls = r.observations.filter((o) => o.value === null);
    expect(nulls.every((o) => o.numerator === undefined && o.denominator === undefined)).toBe(true);
    expect(nulls.filter((o) => o.suppressed).every((o) => o.note === suppressed.note)).toBe(true);
    expect(nulls.filter((o) => !o.suppressed).every((o) => o.note === notPublished.note)).toBe(true);
  });

  it('reads Nederland from the 85335NED file, trimming the padded cells', async () => {
    const r = await readJeugdzorgNatura(new DataReader(fixtureDir));
    expect(find(r, 'NL00', 'jongeren_jeugdzorg', 2022)).toEqual({ code: 'NL00', indicator: 'jongeren_jeugdzorg', year: 2022, value: 461985, indeling: 2022 });
    expect(find(r, 'NL00', 'jeugdzorg_leeftijd_18_23', 2022)).toMatchObject({ numerator: 17440, denominator: 461985 });
    expect(find(r, 'NL00', 'jeugdzorg_verwijzer_rechter', 2022)).toMatchObject({ value: (2295 / 695095) * 100, numerator: 2295, denominator: 695095 });
    // Only the NL00 row of that file: its gemeente rows are in the wijk file.
    expect(r.observations.some((o) => o.code === 'GM1680')).toBe(false);
  });

  it('lists the wijken under their latest name, and notes per year', async () => {
    const r = await readJeugdzorgNatura(new DataReader(fixtureDir));
    expect(r.wijken).toEqual(
      new Map([
        ['WK001400', { name: 'Fixture Centrum 2022', gemeenteCode: 'GM0014', inwoners: null }],
        ['WK001405', { name: 'Fixture Zuidoost', gemeenteCode: 'GM0014', inwoners: null }],
        ['WK007407', { name: 'Fixture Skarsterlân', gemeenteCode: 'GM0074', inwoners: null }],
        ['WK001499', { name: 'Fixture alleen 2021', gemeenteCode: 'GM0014', inwoners: null }],
        ['WK001488', { name: 'Fixture alleen 2022', gemeenteCode: 'GM0014', inwoners: null }],
      ]),
    );
    expect(r.notes).toEqual([
      'Jeugdzorg in natura 2021: 1 gemeenten en 4 wijken (indeling 2021); het aantal jongeren met jeugdzorg is gepubliceerd voor 2 van de 4 wijken. Voor 1 wijken publiceert CBS wel het aantal trajecten, niet het aantal jongeren.',
      'Jeugdzorg in natura 2022: 1 gemeenten en 2 wijken (indeling 2022); het aantal jongeren met jeugdzorg is gepubliceerd voor 2 van de 2 wijken.',
      'Jeugdzorg in natura: CBS rondt de aantallen af op 5; de aandelen naar leeftijd en verwijzer zijn berekend uit die afgeronde aantallen.',
    ]);
  });

  it('names file and column when a column is missing', async () => {
    const file = sources['jeugdzorg-wijk-2022'].file;
    const e = await errorOf(() => readJeugdzorgNatura(memoryFiles({ [file]: 'year,gwb_code_10,regio,recs\n' })));
    expect(e.code).toBe('data');
    expect(e.message).toBe(messages.dataColumnMissing(join('/mem', file), 'TotaalJongerenMetJeugdzorgInNatura_1'));
  });
});

describe('gemeenteNamesOf2022', () => {
  it('maps exact names to codes and leaves out names used by two codes', () => {
    const map = gemeenteNamesOf2022('gemeentecode,gemeentenaam\nGM0893,Bergen (L.)\nGM0373,Bergen (NH.)\nGM0001,Dubbel\nGM0002,Dubbel\nGM0998,Buitenland\n');
    expect(map).toEqual(
      new Map([
        ['Bergen (L.)', 'GM0893'],
        ['Bergen (NH.)', 'GM0373'],
      ]),
    );
  });
  it('reads the KWB 2022 layout', async () => {
    const map = gemeenteNamesOf2022(await new DataReader(fixtureDir).text(sources['kwb-2022'].file));
    expect(map.get('Bergen (L.)')).toBe('GM0893');
    expect(map.get('Bergen (NH.)')).toBe('GM0373');
    expect(map.get('Utrecht')).toBe('GM0344');
    expect(map.has('Buitenland')).toBe(false);
    expect(map.has('Bergen')).toBe(false);
  });
});

describe('readJeugdzorgIndicatoren (fixtures)', () => {
  const read = async (aliases?: Record<string, string>) => {
    const files = new DataReader(fixtureDir);
    const names = gemeenteNamesOf2022(await files.text(sources['kwb-2022'].file));
    return readJeugdzorgIndicatoren(files, names, aliases);
  };

  it('joins on the exact name, keeps Bergen (L.) and Bergen (NH.) apart and marks values provisional', async () => {
    const r = await read();
    expect(find(r, 'NL00', 'pct_jeugdhulp', 2022)).toEqual({ code: 'NL00', indicator: 'pct_jeugdhulp', year: 2022, value: 13.2, indeling: 2022, note: 'voorlopig cijfer' });
    expect(find(r, 'GM1680', 'pct_jeugdhulp', 2022)).toMatchObject({ value: 13, note: 'voorlopig cijfer' });
    expect(find(r, 'GM1680', 'pct_jeugdhulp_verblijf', 2022).value).toBe(11.5);
    expect(find(r, 'GM1680', 'pct_jeugdbescherming', 2022).value).toBe(1.4);
    expect(find(r, 'GM1680', 'pct_jeugdbescherming_verblijf', 2022).value).toBe(56.9);
    expect(find(r, 'GM0893', 'pct_jeugdhulp', 2022).value).toBe(14);
    expect(find(r, 'GM0373', 'pct_jeugdhulp', 2022).value).toBe(12.7);
    expect(find(r, 'GM0373', 'pct_jeugdbescherming_verblijf', 2022).value).toBe(27.8);
    // StatLine's "Utrecht (gemeente)" is KWB's "Utrecht".
    expect(find(r, 'GM0344', 'pct_jeugdreclassering', 2022).value).toBe(0.3);
    expect(r.observations.every((o) => o.numerator === undefined && o.denominator === undefined && o.indeling === 2022)).toBe(true);
    expect(new Set(r.observations.map((o) => o.code))).toEqual(new Set(['NL00', 'GM1680', 'GM0893', 'GM0373', 'GM0344', 'GM0638']));
    expect(r.observations).toHaveLength(6 * 5);
  });

  it('keeps empty cells as null', async () => {
    const r = await read();
    expect(find(r, 'GM1680', 'pct_jeugdreclassering', 2022)).toEqual({
      code: 'GM1680',
      indicator: 'pct_jeugdreclassering',
      year: 2022,
      value: null,
      indeling: 2022,
      note: 'niet gepubliceerd door CBS',
    });
    expect(find(r, 'GM0638', 'pct_jeugdbescherming_verblijf', 2022).value).toBeNull();
    expect(find(r, 'GM0638', 'pct_jeugdbescherming', 2022).value).toBe(0.6);
  });

  it('lists the names it could not join', async () => {
    const r = await read();
    expect(r.notes).toEqual([
      'Indicatoren jeugdzorg: de cijfers over 2022 zijn voorlopig; CBS kan ze nog herzien.',
      'Indicatoren jeugdzorg: 1 gemeentenamen gekoppeld via de schrijfwijze van StatLine (Utrecht (gemeente) → Utrecht).',
      'Indicatoren jeugdzorg: 2 gemeentenamen niet gekoppeld (Beemster, Fixtureveen); 1 daarvan met cijfers, die ontbreken in het rapport.',
    ]);
    const strict = await read({});
    expect(strict.observations.some((o) => o.code === 'GM0344')).toBe(false);
    expect(strict.notes).toContain(
      'Indicatoren jeugdzorg: 3 gemeentenamen niet gekoppeld (Beemster, Fixtureveen, Utrecht (gemeente)); 2 daarvan met cijfers, die ontbreken in het rapport.',
    );
  });

  it('does not match names case-insensitively or without the qualifier', async () => {
    const file = sources['jeugdzorg-indicatoren'].file;
    const header = '\ufeff"Regio\'s";"Perioden";"Jongeren met jeugdhulp in natura (% (zie toelichting))";"Jongeren met jeugdh. met verbl. in nat. (% (zie toelichting))";"Jongeren met jeugdbescherming (% (zie toelichting))";"Jeugdbesch. en jeugdh. met verbl. in nat (% (zie toelichting))";"Jongeren met jeugdreclassering (% (zie toelichting))"';
    const text = `${header}\n"Bergen";"2022*";1;2;3;4;5\n"bergen (L.)";"2022*";1;2;3;4;5\n" Bergen (L.) ";"2022*";1;2;3;4;5\n`;
    const names = new Map([
      ['Bergen (L.)', 'GM0893'],
      ['Bergen (NH.)', 'GM0373'],
    ]);
    const r = await readJeugdzorgIndicatoren(memoryFiles({ [file]: text }), names);
    expect(new Set(r.observations.map((o) => o.code))).toEqual(new Set(['GM0893']));
    expect(find(r, 'GM0893', 'pct_jeugdreclassering', 2022).value).toBe(5);
    expect(r.notes.at(-1)).toBe('Indicatoren jeugdzorg: 2 gemeentenamen niet gekoppeld (Bergen, bergen (L.)); 2 daarvan met cijfers, die ontbreken in het rapport.');
  });

  it('names file and column when a column is missing', async () => {
    const file = sources['jeugdzorg-indicatoren'].file;
    const e = await errorOf(() => readJeugdzorgIndicatoren(memoryFiles({ [file]: '"Regio\'s";"Perioden";"Jongeren met jeugdhulp in natura (%)"\n' }), new Map()));
    expect(e.code).toBe('data');
    expect(e.message).toBe(messages.dataColumnMissing(join('/mem', file), 'Jongeren met jeugdh. met verbl. in nat.'));
  });
});

describe('jeugdzorg readers on the real data', () => {
  it('reads the published figures', async () => {
    const files = new DataReader(dataDir);
    const natura = await readJeugdzorgNatura(files);
    expect(find(natura, 'GM0363', 'jongeren_jeugdzorg', 2022).value).toBe(21520);
    expect(find(natura, 'GM0363', 'jongeren_jeugdzorg', 2021)).toMatchObject({ value: 21075, indeling: 2021 });
    expect(find(natura, 'GM0344', 'jongeren_jeugdzorg', 2021).value).toBe(13140);
    expect(find(natura, 'GM0344', 'jongeren_jeugdzorg', 2022).value).toBe(11980);
    expect(find(natura, 'NL00', 'jongeren_jeugdzorg', 2022).value).toBe(461985);
    expect(find(natura, 'NL00', 'jeugdzorg_leeftijd_0_4', 2022)).toMatchObject({ numerator: 31040, denominator: 461985 });
    // 7,285 rows in the wijk file + NL00, 13 indicators each.
    expect(natura.observations).toHaveLength(7286 * 13);
    expect(natura.wijken?.size).toBe(3248 + 159);
    expect(natura.notes[0]).toContain('gepubliceerd voor 2779 van de 3248 wijken');
    expect(natura.notes[1]).toContain('gepubliceerd voor 2838 van de 3340 wijken');

    const names = gemeenteNamesOf2022(await files.text(sources['kwb-2022'].file));
    expect(names.size).toBe(345);
    const ind = await readJeugdzorgIndicatoren(files, names);
    expect(find(ind, 'NL00', 'pct_jeugdhulp', 2022).value).toBe(13.2);
    expect(find(ind, 'GM1680', 'pct_jeugdhulp', 2022).value).toBe(13);
    expect(find(ind, 'GM0893', 'pct_jeugdhulp', 2022).value).toBe(14);
    expect(find(ind, 'GM0373', 'pct_jeugdhulp', 2022).value).toBe(12.7);
    // NL + all 345 gemeenten of 2022; only the 10 empty rows of gemeenten merged before 2022 stay unjoined.
    expect(new Set(ind.observations.map((o) => o.code)).size).toBe(346);
    expect(ind.notes).toContain(
      'Indicatoren jeugdzorg: 10 gemeentenamen niet gekoppeld (Beemster, Boxmeer, Cuijk, Grave, Heerhugowaard, Landerd, Langedijk, Mill en Sint Hubert, Sint Anthonis, Uden); geen van deze rijen heeft cijfers.',
    );
  });
});
