import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { codeIn2023 } from '../../src/data/indeling.js';
import { DataReader } from '../../src/data/sources/data-files.js';
import { readExamens } from '../../src/data/sources/duo-examens.js';
import {
  GemeenteNames,
  brinPlacement,
  duoGemeenteNames,
  formerGemeenten2020,
  readRegisters,
  readVoLeerlingen,
} from '../../src/data/sources/duo-register.js';
import { APPROXIMATE_NOTE, readSchooladviezen } from '../../src/data/sources/duo-schooladviezen.js';
import type { SourceObservation } from '../../src/data/sources/types.js';
import { dataDir } from '../helpers/data.js';

const fixtureDir = resolve(import.meta.dirname, '../fixtures/sources/duo-vo');

type Reading = { observations: SourceObservation[]; notes: string[] };
const find = (r: Reading, indicator: string, year: number, code: string) => r.observations.filter((o) => o.indicator === indicator && o.year === year && o.code === code);
const one = (r: Reading, indicator: string, year: number, code: string) => {
  const found = find(r, indicator, year, code);
  expect(found, `${indicator} ${year} ${code}`).toHaveLength(1);
  return found[0];
};

describe('DUO registers (fixture)', () => {
  it('maps vestigingen and BRINs to gemeente codes, Haaren by village', async () => {
    const reg = await readRegisters(new DataReader(fixtureDir));
    expect(reg.vestigingGemeente.get('99BA00')).toBe('GM0893');
    expect(reg.vestigingGemeente.get('99BB00')).toBe('GM0373');
    expect(reg.vestigingGemeente.get('99VN00')).toBe('GM0373');
    expect(reg.vestigingGemeente.get('99VL00')).toBe('GM0893');
    // Quoted name with doubled quotes: the columns after it are still read right.
    expect(reg.vestigingGemeente.get('99BF00')).toBe('GM0824');
    expect(reg.vestigingGemeente.get('99BE00')).toBe('GM0865');
    expect(reg.vestigingGemeente.get('99BH00')).toBe('GM0824');
    expect([...reg.haarenPlaced].sort()).toEqual(['99BE00', '99BH00']);
    expect(Object.fromEntries(reg.brinGemeenten.get('99BC')!)).toEqual({ GM0361: 1, GM0398: 2 });
    expect(reg.brinHoofdGemeente.get('99BC')).toBe('GM0361');
    expect(reg.brinHoofdGemeente.has('99BD')).toBe(false);
    expect(brinPlacement(reg, '99BC')).toEqual({ code: 'GM0361', indeling: 2020, via: 'hoofdvestiging' });
    expect(brinPlacement(reg, '99BD')).toEqual({ code: 'GM0109', indeling: 2020, via: 'meeste vestigingen' });
    expect(brinPlacement(reg, '99BE')).toEqual({ code: 'GM0865', indeling: 2023, via: 'hoofdvestiging' });
    expect([...reg.voVestigingen].sort()).toEqual(['99VE00', '99VE01', '99VL00', '99VN00']);
  });

  it('sums vo pupils per gemeente and notes vestigingen outside the register', async () => {
    const r = await readVoLeerlingen(new DataReader(fixtureDir));
    expect(one(r, 'leerlingen_vo', 2019, 'GM0373')).toMatchObject({ value: 60, indeling: 2020 });
    expect(one(r, 'leerlingen_vo', 2019, 'GM0114')).toMatchObject({ value: 36, indeling: 2020 });
    expect(r.observations).toHaveLength(2);
    expect(r.notes.join('\n')).toContain('1 vestigingen met 7 van de 103 leerlingen');
    expect(r.notes.join('\n')).toContain('99ZZ00');
  });
});

describe('gemeente names', () => {
  const names = new GemeenteNames()
    .add('BERGEN NH', 'GM0373', 2020, 'register')
    .add('BERGEN LB', 'GM0893', 2020, 'register')
    .add('HAAREN', 'GM0788', 2020, 'register')
    .add('HENGELO', 'GM0164', 2020, 'register')
    .add('Bergen (NH.)', 'GM0373', 2020, 'koppeltabel')
    .add('Bergen (L.)', 'GM0893', 2020, 'koppeltabel')
    .add('Hengelo (O.)', 'GM0164', 2020, 'koppeltabel')
    .add('Land van Cuijk', 'GM1982', 2023, 'koppeltabel');

  it('keeps the two Bergens apart and refuses plain "Bergen"', () => {
    expect(names.lookup('BERGEN (NH.)')).toMatchObject({ code: 'GM0373' });
    expect(names.lookup('Bergen (L.)')).toMatchObject({ code: 'GM0893' });
    expect(names.lookup('BERGEN LB')).toMatchObject({ code: 'GM0893' });
    expect(names.lookup('BERGEN')).toEqual({ reason: 'dubbelzinnig' });
    expect(names.lookup('Bergen')).toEqual({ reason: 'dubbelzinnig' });
    expect(names.lookup('Bergen (Limburg)')).toEqual({ reason: 'onbekend' });
  });

  it('matches an unqualified name by its base only when unique, and Haaren only with a village', () => {
    expect(names.lookup('Hengelo')).toMatchObject({ code: 'GM0164' });
    expect(names.lookup('Hengelo (Gld.)')).toEqual({ reason: 'onbekend' });
    expect(names.lookup('LAND VAN CUIJK')).toEqual({ code: 'GM1982', indeling: 2023, table: 'koppeltabel' });
    expect(names.lookup('HAAREN')).toEqual({ reason: 'opgesplitst' });
    expect(names.lookup('HAAREN', 'Helvoirt')).toMatchObject({ code: 'GM0865', indeling: 2023 });
    expect(names.lookup('NERGENSHUIZEN')).toEqual({ reason: 'onbekend' });
  });

  it('refuses a name one table gives two codes', () => {
    const t = new GemeenteNames().add('X', 'GM0001', 2020, 'a').add('X', 'GM0002', 2020, 'a');
    expect(t.lookup('X')).toEqual({ reason: 'dubbelzinnig' });
  });
});

describe('DUO exams (fixture)', () => {
  let r: Awaited<ReturnType<typeof readExamens>>;
  beforeAll(async () => {
    r = await readExamens(new DataReader(fixtureDir));
  });

  it('reads the 2014-2019 file ("100,0%", BRIN + vestigingsnummer), Bergen by register', () => {
    expect(one(r, 'examenkandidaten', 2014, 'GM0373')).toMatchObject({ value: 40, indeling: 2020 });
    expect(one(r, 'slaagpct_vo', 2014, 'GM0373')).toMatchObject({ value: 90, numerator: 36, denominator: 40 });
    expect(one(r, 'slaagpct_vwo', 2014, 'GM0373')).toMatchObject({ value: 90, numerator: 36, denominator: 40 });
    expect(one(r, 'examenkandidaten', 2014, 'GM0893')).toMatchObject({ value: 12, indeling: 2020 });
    expect(one(r, 'slaagpct_vmbo', 2014, 'GM0893')).toMatchObject({ numerator: 11, denominator: 12 });
    expect(one(r, 'examenkandidaten', 2014, 'GM0114').value).toBe(55);
    expect(one(r, 'vo_vestigingen', 2014, 'GM0114').value).toBe(2);
    expect(one(r, 'slaagpct_havo', 2014, 'GM0114')).toMatchObject({ value: 80, numerator: 20, denominator: 25 });
    expect(one(r, 'slaagpct_vo', 2014, 'GM0114')).toMatchObject({ numerator: 49, denominator: 55 });
    // No candidates in 2016: nothing for Bergen (NH.) that year.
    expect(r.observations.filter((o) => o.year === 2016 && o.code === 'GM0373')).toEqual([]);
    expect(one(r, 'examenkandidaten', 2016, 'GM0893').value).toBe(10);
  });

  it('places a closed school by its old gemeente name (CUIJK, register name of 2020)', () => {
    expect(one(r, 'examenkandidaten', 2014, 'GM1684')).toMatchObject({ value: 20, indeling: 2020 });
    expect(one(r, 'slaagpct_vo', 2014, 'GM1684').value).toBe(100);
  });

  it('handles "<5": left out of numerator and denominator, passed recovered from the pass rate', () => {
    expect(one(r, 'examenkandidaten', 2019, 'GM0373').value).toBe(30);
    expect(one(r, 'slaagpct_havo', 2019, 'GM0373')).toMatchObject({ value: 90, numerator: 9, denominator: 10 });
    // 2020: the HAVO programme has "<5" candidates.
    expect(one(r, 'examenkandidaten', 2020, 'GM0373').value).toBe(18);
    expect(one(r, 'slaagpct_vo', 2020, 'GM0373')).toMatchObject({ value: 100, numerator: 18, denominator: 18 });
    expect(find(r, 'slaagpct_havo', 2020, 'GM0373')).toEqual([]);
    expect(one(r, 'vo_vestigingen', 2020, 'GM0373').value).toBe(1);
    // 2021: 5 candidates, "<5" passed at 60 % → 3.
    expect(one(r, 'slaagpct_havo', 2021, 'GM0373')).toMatchObject({ value: 60, numerator: 3, denominator: 5 });
    expect(one(r, 'slaagpct_vo', 2021, 'GM0373')).toMatchObject({ value: 85, numerator: 17, denominator: 20 });
    // Only a "<5" programme: the school counts, the numbers are unknown.
    expect(one(r, 'examenkandidaten', 2021, 'GM0893')).toMatchObject({ value: null });
    expect(one(r, 'examenkandidaten', 2021, 'GM0893').note).toContain('<5');
    expect(one(r, 'slaagpct_vo', 2021, 'GM0893').value).toBeNull();
    expect(one(r, 'vo_vestigingen', 2021, 'GM0893').value).toBe(1);
    expect(one(r, 'slaagpct_vmbo', 2023, 'GM0893')).toMatchObject({ numerator: 5, denominator: 6 });
    expect(one(r, 'slaagpct_vo', 2023, 'GM0373')).toMatchObject({ numerator: 30, denominator: 32 });
  });

  it('uses the 2023 indeling for a name that exists only there, and leaves out ambiguous and unknown names', () => {
    expect(one(r, 'examenkandidaten', 2023, 'GM1982')).toMatchObject({ value: 7, indeling: 2023 });
    expect(r.coverage.find((c) => c.year === 2014)).toEqual({ year: 2014, candidates: 153, matched: 127 });
    expect(r.coverage.find((c) => c.year === 2023)).toEqual({ year: 2023, candidates: 54, matched: 45 });
    const notes = r.notes.join('\n');
    expect(notes).toContain('5 rijen (35 kandidaten, alle jaren samen) niet meegeteld');
    expect(notes).toContain('BERGEN (naam van meer dan één gemeente, 2 rijen)');
    expect(notes).toContain('HAAREN (opgesplitste gemeente zonder plaatsnaam, 1 rijen)');
    expect(notes).toContain('NERGENSHUIZEN (onbekende naam, 2 rijen)');
    expect(notes).toMatch(/2020-2021: 1; 2021-2022: 1; 2023-2024: 1\); bij 1 opleidingen met "<5" geslaagden/);
  });

  it('never suppresses and keeps one observation per indicator, year and code', () => {
    expect(r.observations.some((o) => o.suppressed)).toBe(false);
    const keys = r.observations.map((o) => `${o.indicator}|${o.year}|${o.code}`);
    expect(new Set(keys).size).toBe(keys.length);
  });
});

describe('schooladviezen (fixture)', () => {
  let r: Awaited<ReturnType<typeof readSchooladviezen>>;
  beforeAll(async () => {
    r = await readSchooladviezen(new DataReader(fixtureDir));
  });

  it('sums the 12 categories and computes shares with numerator and denominator', () => {
    expect(one(r, 'leerlingen_advies', 2019, 'GM0893')).toMatchObject({ value: 24, indeling: 2020 });
    expect(one(r, 'pct_advies_havo_vwo', 2019, 'GM0893')).toMatchObject({ value: 50, numerator: 12, denominator: 24 });
    expect(one(r, 'pct_advies_vwo', 2019, 'GM0893')).toMatchObject({ value: 25, numerator: 6, denominator: 24 });
    expect(one(r, 'pct_advies_vmbo_bk', 2019, 'GM0893')).toMatchObject({ numerator: 5, denominator: 24 });
    expect(one(r, 'pct_advies_pro_vso', 2019, 'GM0893')).toMatchObject({ numerator: 1, denominator: 24 });
    // A 2 before 2022-2023 is an exact 2.
    expect(one(r, 'leerlingen_advies', 2019, 'GM0893').approximate).toBeUndefined();
    expect(one(r, 'leerlingen_advies', 2019, 'GM0373').value).toBe(36);
    expect(one(r, 'pct_advies_havo_vwo', 2019, 'GM0373')).toMatchObject({ numerator: 21, denominator: 36 });
  });

  it('marks 2022+ sums with a 2 ("<5") as approximate, and adds sbo outside the register by name', () => {
    const l = one(r, 'leerlingen_advies', 2023, 'GM0893');
    expect(l).toMatchObject({ value: 28, indeling: 2020, approximate: true, note: APPROXIMATE_NOTE });
    expect(one(r, 'pct_advies_havo_vwo', 2023, 'GM0893')).toMatchObject({ numerator: 13, denominator: 28, approximate: true });
    expect(one(r, 'pct_advies_pro_vso', 2023, 'GM0893')).toMatchObject({ numerator: 5, denominator: 28 });
    const nh = one(r, 'leerlingen_advies', 2023, 'GM0373');
    expect(nh.value).toBe(35);
    expect(nh.approximate).toBeUndefined();
    expect(one(r, 'leerlingen_advies', 2022, 'GM0865')).toMatchObject({ value: 5, indeling: 2023 });
    expect(one(r, 'leerlingen_advies', 2022, 'GM0865').approximate).toBeUndefined();
  });

  it('places instellingen by hoofdvestiging, else most vestigingen; Haaren by village', () => {
    expect(one(r, 'leerlingen_advies', 2019, 'GM0361').value).toBe(12);
    expect(find(r, 'leerlingen_advies', 2019, 'GM0398')).toEqual([]);
    expect(one(r, 'leerlingen_advies', 2019, 'GM0109').value).toBe(12);
    // Oisterwijk 2019: its own school (2020) plus the Haaren village school (2023) → one observation, indeling 2023.
    const o = one(r, 'leerlingen_advies', 2019, 'GM0824');
    expect(o).toMatchObject({ value: 19, indeling: 2023 });
    expect(o.note).toContain('Haaren');
    expect(one(r, 'pct_advies_havo_vwo', 2019, 'GM0824').numerator).toBe(16);
    expect(one(r, 'leerlingen_advies', 2020, 'GM0824')).toMatchObject({ value: 4, indeling: 2020 });
    // Not in the register, name "Haaren", place Esch → Boxtel.
    expect(one(r, 'leerlingen_advies', 2021, 'GM0757')).toMatchObject({ value: 1, indeling: 2023 });
    expect(one(r, 'leerlingen_advies', 2024, 'GM1982')).toMatchObject({ value: 3, indeling: 2023 });
    expect(one(r, 'leerlingen_advies', 2019, 'GM1900')).toMatchObject({ value: 1, indeling: 2020 });
  });

  it('counts every row in the totals and notes what was left out', () => {
    expect(Object.fromEntries(r.totals)).toEqual({ 2019: 113, 2020: 4, 2021: 1, 2022: 5, 2023: 63, 2024: 3 });
    const placed2019 = r.observations.filter((o) => o.indicator === 'leerlingen_advies' && o.year === 2019).reduce((a, o) => a + o.value!, 0);
    expect(placed2019).toBe(113 - 7 - 2);
    const notes = r.notes.join('\n');
    expect(notes).toContain('7 instellingen via het vestigingenregister van 2020 bij een gemeente ingedeeld (1 zonder hoofdvestiging');
    expect(notes).toContain('2 van hen hebben vestigingen in meer dan één gemeente');
    expect(notes).toContain('4 instellingen buiten het register');
    expect(notes).toContain('2 instellingen (9 leerlingen, alle jaren samen) niet meegeteld');
    expect(notes).toContain('Bergen: dubbelzinnig');
    expect(notes).toContain('Nergenshuizen: onbekend');
  });
});

// ---------------------------------------------------------------------------
// The real data

/** Semicolon file without quoted separators: rows as objects. */
function rawRows(file: string): Record<string, string>[] {
  const lines = readFileSync(join(dataDir, file), 'utf8').replace(/^\uFEFF/, '').split(/\r?\n/).filter(Boolean);
  const split = (l: string) => (l.startsWith('"') ? l.slice(1, -1).split('";"') : l.split(';'));
  const header = split(lines[0]);
  return lines.slice(1).map((l) => {
    const cells = split(l);
    return Object.fromEntries(header.map((h, i) => [h, cells[i] ?? '']));
  });
}

describe('DUO vo readers on the real data', () => {
  let files: DataReader;
  let exams: Awaited<ReturnType<typeof readExamens>>;
  let advice: Awaited<ReturnType<typeof readSchooladviezen>>;
  beforeAll(async () => {
    files = new DataReader(dataDir);
    exams = await readExamens(files);
    advice = await readSchooladviezen(files);
  }, 60_000);

  it('keeps Bergen (NH.) and Bergen (L.) apart', () => {
    const nh = exams.observations.filter((o) => o.code === 'GM0373' && o.indicator === 'examenkandidaten');
    expect(nh.map((o) => o.year).sort()).toEqual([2014, 2015, 2016, 2017, 2018, 2019, 2020, 2021, 2022, 2023]);
    expect(nh.every((o) => (o.value ?? 0) > 200)).toBe(true);
    // Bergen (L.) has no vo school: no exam figures at all (the name bug put Bergen NH there).
    expect(exams.observations.filter((o) => o.code === 'GM0893')).toEqual([]);
    // Schooladviezen: both Bergens, each equal to the raw rows under its own name.
    const raw = rawRows('duo/derived/schooladviezen_po_2019-2025_per_instelling.csv').filter((v) => v.schooljaar === '2019-2020');
    const sum = (name: string) => raw.filter((v) => v.gemeentenaam === name).reduce((a, v) => a + Number(v.n_totaal), 0);
    expect(one(advice, 'leerlingen_advies', 2019, 'GM0893').value).toBe(sum('Bergen (L.)'));
    expect(one(advice, 'leerlingen_advies', 2019, 'GM0373').value).toBe(sum('Bergen (NH.)'));
    expect(sum('Bergen (L.)')).not.toBe(sum('Bergen (NH.)'));
  });

  it('sums Limburg exam candidates 2023 as an independent recomputation via the register', () => {
    const limburg = new Set(rawRows('cbs/gemeente_vr_provincie_koppeling.csv').filter((v) => v.provincieCode === 'PV31').map((v) => v.gemeentCode));
    const byName = new Map(rawRows('cbs/gemeente_vr_provincie_koppeling.csv').map((v) => [v.gemeenteNaam.toUpperCase(), v.gemeentCode]));
    const register = new Map(rawRows('duo/register/vestigingen_vo_duo_2020.csv').map((v) => [v.VESTIGINGSNUMMER, `GM${v.GEMEENTENUMMER}`]));
    let expected = 0;
    for (const v of rawRows('duo/examen_vo_2019-2024_per_vestiging_opleiding.csv')) {
      const code = register.get(v.VESTIGINGSCODE) ?? byName.get(v.GEMEENTENAAM);
      const k = v['EXAMENKANDIDATEN SCHOOLJAAR 2023-2024 - TOTAAL'];
      if (code && limburg.has(code) && /^\d+$/.test(k)) expected += Number(k);
    }
    const actual = exams.observations
      .filter((o) => o.indicator === 'examenkandidaten' && o.year === 2023 && limburg.has(codeIn2023(o.code, o.indeling)))
      .reduce((a, o) => a + (o.value ?? 0), 0);
    expect(expected).toBeGreaterThan(5_000);
    expect(actual).toBe(expected);
  });

  it('places ≥ 99.5 % of the candidates each year; 2014-2015 has 193,336 in total', () => {
    expect(exams.coverage.map((c) => c.year)).toEqual([2014, 2015, 2016, 2017, 2018, 2019, 2020, 2021, 2022, 2023]);
    for (const c of exams.coverage) expect(c.matched / c.candidates).toBeGreaterThanOrEqual(0.995);
    expect(exams.coverage[0].candidates).toBe(193_336);
    expect(exams.coverage.find((c) => c.year === 2016)!.candidates).toBe(200_946);
    expect(exams.coverage.find((c) => c.year === 2018)!.candidates).toBe(196_552);
    const national2014 = exams.observations.filter((o) => o.indicator === 'examenkandidaten' && o.year === 2014).reduce((a, o) => a + (o.value ?? 0), 0);
    expect(national2014).toBe(exams.coverage[0].matched);
    expect(national2014 / 193_336).toBeGreaterThanOrEqual(0.995);
  });

  it('resolves every gemeente name in both exam files without a table of former gemeenten', async () => {
    expect(Object.keys(formerGemeenten2020)).toEqual([]);
    const names = await duoGemeenteNames(files, await readRegisters(files));
    const all = new Set([
      ...rawRows('duo/vo/examen_vo_2014-2019_per_vestiging_opleiding.csv').map((v) => v.GEMEENTENAAM),
      ...rawRows('duo/examen_vo_2019-2024_per_vestiging_opleiding.csv').map((v) => v.GEMEENTENAAM),
    ]);
    expect(all.size).toBeGreaterThan(290);
    expect([...all].filter((n) => names.lookup(n).code === undefined)).toEqual([]);
    expect(names.lookup('BERGEN (NH.)')).toMatchObject({ code: 'GM0373' });
  });

  it('emits valid, unique gemeente observations and never suppresses', async () => {
    const vo = await readVoLeerlingen(files);
    for (const r of [exams, advice, vo]) {
      const keys = r.observations.map((o) => `${o.indicator}|${o.year}|${o.code}`);
      expect(new Set(keys).size).toBe(keys.length);
      for (const o of r.observations) {
        expect(o.code).toMatch(/^GM\d{4}$/);
        expect([2020, 2023]).toContain(o.indeling);
        expect(o.suppressed).toBeUndefined();
      }
    }
    // Small numbers are emitted as they are.
    expect(exams.observations.some((o) => o.indicator === 'slaagpct_vo' && (o.denominator ?? 99) < 10)).toBe(true);
    expect(vo.observations.reduce((a, o) => a + o.value!, 0)).toBe(956_857 - 3_241);
    expect(vo.notes.join('\n')).toContain('11 vestigingen met 3.241 van de 956.857 leerlingen');
  });

  it('reproduces the national schooladviezen totals and marks 2022+ as approximate', () => {
    expect(Object.fromEntries(advice.totals)).toEqual({ 2019: 178_882, 2020: 181_089, 2021: 178_097, 2022: 175_121, 2023: 172_477, 2024: 170_693 });
    for (const [year, total] of advice.totals) {
      const placed = advice.observations.filter((o) => o.indicator === 'leerlingen_advies' && o.year === year).reduce((a, o) => a + o.value!, 0);
      expect(placed / total).toBeGreaterThanOrEqual(0.995);
      const approx = advice.observations.filter((o) => o.indicator === 'leerlingen_advies' && o.year === year && o.approximate).length;
      if (year < 2022) expect(approx).toBe(0);
      else expect(approx).toBeGreaterThan(300);
    }
  });
});
