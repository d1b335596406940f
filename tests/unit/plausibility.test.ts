/**
 * Plausibility, not only shape (issue 21, item 1): the value rules of validate.ts, which data
 * fetch (before the switch), data import's tables and data check all run through checkText. Each
 * case is one the issue found accepted: a duplicate row (the last won), text in a number column,
 * impossible values, wijken not adding up, coordinates shifted after the first, school points in
 * Paris or all at one point, a layer of another year, spreadsheet formulas.
 */
import { describe, expect, it } from 'vitest';
import { checkText, leaveOutStrayPoints } from '../../src/fetch/validate.js';
import { fetchTables, unavailableTables } from '../../src/fetch/catalogue.js';
import { count, density, gemeenteInwoners, share } from '../../src/data/sources/plausible.js';
import type { FileCheck } from '../../src/data/sources/types.js';

const csvCheck: FileCheck = {
  kind: 'csv',
  sep: ',',
  columns: ['code', 'inwoners'],
  values: { key: ['code'], numbers: [count(['inwoners']), gemeenteInwoners(['inwoners'], 'code'), share(['pct']), density(['dichtheid'])] },
};
const csv = (...rows: string[]) => `code,naam,inwoners,pct,dichtheid\n${rows.join('\n')}\n`;

describe('unique keys', () => {
  it('a second row with the same code is an error naming both rows (today the last won: Amsterdam with 9,312,981)', () => {
    const p = checkText(csvCheck, csv('GM0363,Amsterdam,931298,40,5300', 'GM0344,Utrecht,374238,38,3900', 'GM0363,Amsterdam,931298,40,5300'));
    expect(p).toEqual(['line 4 repeats line 2 (code "GM0363"): unique keys; a table has one row per code']);
  });

  it('a region twice in a KWB JSON object (JSON.parse keeps the last) is found in the text', () => {
    const check = fetchTables.find((t) => t.name === 'cbs-kwb-2024')!.check;
    const text = '{"GM0363":{"AantalInwoners_5":931298},"GM0363":{"AantalInwoners_5":9312981}}';
    expect(checkText({ ...check, minGemeenten: 1, minWijken: 0, variables: [] } as FileCheck, text)[0]).toBe(
      'region GM0363 appears twice (the first and a later entry; JSON keeps only the last): unique keys',
    );
  });
});

describe('numbers where numbers belong, within their band', () => {
  it('text in a number column is an error, not an empty value', () => {
    expect(checkText(csvCheck, csv('GM0363,Amsterdam,veel,40,5300'))).toEqual(['line 2, "inwoners": "veel" is not a number (numbers where numbers belong)']);
  });

  it('−5,000 inhabitants, a share of 500 %, a density of 10¹², a gemeente of 9 million: each named with row, column and rule', () => {
    const p = checkText(csvCheck, csv('GM0363,Amsterdam,-5000,500,1e12', 'GM0344,Utrecht,9312981,40,3900'));
    expect(p).toEqual([
      'line 2, "inwoners": -5000 is outside 0 to ∞ (a count, never below 0)',
      'line 2, "inwoners": -5000 is outside 500 to 1500000 (a gemeente\'s inhabitants, 500 to 1,500,000 (Schiermonnikoog about 950, Amsterdam about 930,000))',
      'line 3, "inwoners": 9312981 is outside 500 to 1500000 (a gemeente\'s inhabitants, 500 to 1,500,000 (Schiermonnikoog about 950, Amsterdam about 930,000))',
      'line 2, "pct": 500 is outside 0 to 100 (a share in %, 0 to 100)',
      'line 2, "dichtheid": 1000000000000 is outside 0 to 50000 (inhabitants per km², 0 to 50,000 (the densest wijk has about 28,000))',
    ]);
  });

  it('the gemeente band does not apply to wijken (a wijk may have no inhabitants), and "not published" tokens pass', () => {
    expect(checkText(csvCheck, csv('GM0363,Amsterdam,931298,40,5300', 'WK036399,Water,0,,'))).toEqual([]);
    const check: FileCheck = { kind: 'csv', sep: ';', columns: ['x'], values: { numbers: [count(['x'], ['<5', '.'])] } };
    expect(checkText(check, 'x\n<5\n.\n3\n83,3%\n')).toEqual([]);
  });

  it('wijken that do not add up to their gemeente are an error (KWB 2024 rule: 2 %)', () => {
    const check = fetchTables.find((t) => t.name === 'cbs-kwb-2024')!.check;
    const json = (wk: number) => JSON.stringify({ GM0363: { AantalInwoners_5: 931298 }, WK036300: { AantalInwoners_5: 500000 }, WK036301: { AantalInwoners_5: wk } });
    const c = { ...check, minGemeenten: 1, minWijken: 1, variables: [] } as FileCheck;
    expect(checkText(c, json(431300))).toEqual([]);
    expect(checkText(c, json(131300))).toEqual(['region GM0363: "AantalInwoners_5" is 931298, its 2 wijken add up to 631300 (32.2 % apart; at most 2.0 %): wijk totals against their gemeente']);
  });
});

describe('spreadsheet formulas', () => {
  it('a cell starting with = + - @ is refused in any column of any file; plain numbers (-0.100, +31) pass', () => {
    const p = checkText(csvCheck, csv('GM0363,"=cmd|\' /C calc\'!A0",931298,40,5300', 'GM0344,@SUM(1+1)*cmd,374238,38,3900', 'GM0014,-0.100,240000,+31,3000'));
    expect(p).toEqual([
      'line 2, "naam": "=cmd|\' /C calc\'!A0" starts like a spreadsheet formula (= + - @): refused',
      'line 3, "naam": "@SUM(1+1)*cmd" starts like a spreadsheet formula (= + - @): refused',
    ]);
  });
});

const square = (x: number, y: number, d = 0.01) => ({ type: 'Polygon', coordinates: [[[x, y], [x + d, y], [x + d, y + d], [x, y + d], [x, y]]] });

describe('coordinates and years of GeoJSON layers', () => {
  const wijken = fetchTables.find((t) => t.name === 'pdok-wijken-2024')!.check as Extract<FileCheck, { kind: 'geojson' }>;
  const check = { ...wijken, min: 1 };
  const feature = (code: string, x: number, y: number) => ({ type: 'Feature', properties: { wijkcode: code, wijknaam: code, gemeentecode: 'GM0363', aantal_inwoners: 10, huishoudens: 5 }, geometry: square(x, y) });

  it('every coordinate of every feature is checked, not only the first (3,470 of 3,475 wijken shifted 30° east were accepted)', () => {
    const fc = { type: 'FeatureCollection', features: [feature('WK036300', 4.9, 52.37), feature('WK036301', 34.9, 52.37), feature('WK036302', 34.91, 52.37)] };
    expect(checkText(check, JSON.stringify(fc))).toEqual([
      'coordinates [34.9, 52.37] are not longitude/latitude in the Netherlands (axis order swapped, or not EPSG:4326?); 2 of 3 features have coordinates outside the Netherlands (the first: feature 2 (WK036301))',
    ]);
    // One vertex far off, in a feature whose first vertex is fine.
    const bent = feature('WK036303', 4.9, 52.37);
    (bent.geometry.coordinates[0][2] as number[])[0] = 14.9;
    expect(checkText(check, JSON.stringify({ type: 'FeatureCollection', features: [feature('WK036300', 4.9, 52.37), bent] }))[0]).toContain('the first: feature 2 (WK036303)');
  });

  it('a gemeenten layer asked for 2023 and answered with 2021 is refused (every feature must say 2023)', () => {
    const gemeenten = fetchTables.find((t) => t.name === 'pdok-gemeenten-2023-kwb')!.check as Extract<FileCheck, { kind: 'geojson' }>;
    expect(gemeenten.year).toEqual({ property: 'jaar', expect: 2023 });
    const f = (jaar: number) => ({ type: 'Feature', properties: { gemeentecode: 'GM0363', gemeentenaam: 'Amsterdam', aantalInwoners: 931298, aantalHuishoudens: 500000, jaar }, geometry: square(4.9, 52.37) });
    expect(checkText({ ...gemeenten, min: 1 }, JSON.stringify({ type: 'FeatureCollection', features: [f(2021)] }))).toEqual(['feature 1 (GM0363): "jaar" is 2021, expected 2023 (year asked ≠ year answered)']);
    expect(checkText({ ...gemeenten, min: 1 }, JSON.stringify({ type: 'FeatureCollection', features: [f(2023)] }))).toEqual([]);
  });

  it('a year column with a row of another year is refused (not only "the year occurs somewhere")', () => {
    const check: FileCheck = { kind: 'csv', sep: ',', columns: ['year'], years: { column: 'year', expect: [2022] } };
    expect(checkText(check, 'year,code\n2022,GM0363\n2021,GM0344\n')).toEqual(['line 3: "year" is "2021", not 2022 (year asked ≠ year answered)']);
  });

  it('a table that takes what the publisher published since (school advice) accepts later years, never earlier ones', () => {
    const check: FileCheck = { kind: 'csv', sep: ',', columns: ['schooljaar'], years: { column: 'schooljaar', expect: [2023, 2024], later: true } };
    expect(checkText(check, 'schooljaar,code\n2023-2024,GM0363\n2024-2025,GM0363\n2025-2026,GM0363\n')).toEqual([]);
    expect(checkText(check, 'schooljaar,code\n2023-2024,GM0363\n2024-2025,GM0363\n2018-2019,GM0344\n')).toEqual(['line 4: "schooljaar" is "2018-2019", not 2023 or 2024 or later (year asked ≠ year answered)']);
  });
});

describe('geocoded school points', () => {
  const schools = fetchTables.find((t) => t.name === 'duo-pdok-schoolpunten')!.check as Extract<FileCheck, { kind: 'geojson' }>;
  const check = { ...schools, min: 1 };
  // Two gemeenten side by side (0.1° squares, about 7 by 11 km).
  const boundaries = JSON.stringify({
    type: 'FeatureCollection',
    features: [
      { type: 'Feature', properties: { gemeenteCode: 'GM0363', gemeenteNaam: 'Amsterdam' }, geometry: square(4.8, 52.3, 0.1) },
      { type: 'Feature', properties: { gemeenteCode: 'GM0361', gemeenteNaam: 'Bergen (NH.)' }, geometry: square(4.6, 52.6, 0.1) },
    ],
  });
  const other = (file: string) => (file === 'geo/gemeenten_simplified_342.geojson' ? boundaries : null);
  const school = (i: number, gemeente: string, x: number, y: number) => ({
    type: 'Feature',
    properties: { naam: `School ${i}`, type: 'basisschool', gemeente, vestigingscode: `${String(i).padStart(4, '0').replace(/^/, '').slice(0, 4)}00`.replace(/^(\d{4})/, (m) => `${m.slice(0, 2)}AA`.slice(0, 4)), leerlingen: 100 },
    geometry: { type: 'Point', coordinates: [x, y] },
  });
  const fc = (features: unknown[]) => JSON.stringify({ type: 'FeatureCollection', metadata: { generator: 'contextkaart data fetch' }, features });
  const good = Array.from({ length: 100 }, (_, i) => (i % 2 ? school(i, 'AMSTERDAM', 4.81 + i * 0.0008, 52.31 + i * 0.0007) : school(i, 'BERGEN NH', 4.61 + i * 0.0008, 52.61 + i * 0.0007)));

  it('points inside their gemeente pass (DUO names such as "BERGEN NH" are matched to "Bergen (NH.)")', () => {
    expect(checkText(check, fc(good), other)).toEqual([]);
  });

  it('schools geocoded to Paris fail (outside the Netherlands)', () => {
    const paris = good.map((f, i) => ({ ...f, geometry: { type: 'Point', coordinates: [2.35 + i * 0.001, 48.85] } }));
    expect(checkText(check, fc(paris), other)[0]).toMatch(/^coordinates \[2\.35, 48\.85\] are not longitude\/latitude in the Netherlands .*100 of 100 features/);
  });

  it('every school at one point fails', () => {
    const one = good.map((f) => ({ ...f, geometry: { type: 'Point', coordinates: [4.85, 52.35] } }));
    const p = checkText(check, fc(one), other);
    expect(p[0]).toBe('100 points at only 1 places (at least 50 % distinct expected): a geocoder answered one place for many addresses');
    expect(p[1]).toMatch(/^50 of 100 points lie more than 1.5 km outside the gemeente they belong to/);
  });

  it('a few points outside their gemeente are left out by the fetch with a count; many fail the table', () => {
    const few = good.map((f, i) => (i === 1 ? { ...f, geometry: { type: 'Point', coordinates: [4.65, 52.65] } } : f));
    expect(checkText(check, fc(few), other)[0]).toMatch(/^1 of 100 points lie more than 1.5 km outside the gemeente they belong to \(e.g. feature 2 .* in AMSTERDAM/);
    const r = leaveOutStrayPoints(check, fc(few), other)!;
    expect(r.leftOut).toBe(1);
    expect(r.of).toBe(100);
    expect(checkText(check, r.text, other)).toEqual([]);
    expect(JSON.parse(r.text).metadata.leftOutOutsideGemeente).toBe(1);
    const many = good.map((f, i) => (i % 5 === 1 ? { ...f, geometry: { type: 'Point', coordinates: [4.65, 52.65 + i * 0.0001] } } : f));
    expect(leaveOutStrayPoints(check, fc(many), other)!.leftOut).toBe(0);
    expect(checkText(check, fc(many), other)[0]).toMatch(/^10 of 100 points lie more than 1.5 km outside/);
  });
});

describe('the rules are declared per table in the source modules', () => {
  it('every fetched table and every importable table carries value rules (keys, bands or both)', () => {
    const without = [...fetchTables, ...unavailableTables].filter((t) => t.check && t.check.kind !== 'rows' && !t.check.values).map((t) => t.file);
    expect(without).toEqual([]);
  });
});
