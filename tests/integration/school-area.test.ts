/**
 * An area of wijken gets its schools: the onderwijs figures of the schools located in its wijken.
 * The area's achterstandsscore is recomputed here from the raw files (CBS tabel 1 and 2, the school
 * points and the 2024 wijk polygons) with a point-in-polygon of its own (planar ray casting, not the
 * product's d3-geo), and read back from the rendered PDF. A FIXTURE school point moved out of the
 * area is no longer counted.
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseRegionConfig } from '../../src/config/load.js';
import { resolveRegionConfig } from '../../src/config/resolve.js';
import { loadDataset } from '../../src/data/load-dataset.js';
import { selectReportData } from '../../src/data/select.js';
import { sources } from '../../src/data/sources.js';
import { dataDir } from '../helpers/data.js';
import { stagedDataWith } from '../helpers/linked-data.js';
import { readPdf } from '../helpers/pdf.js';
import { reportFor } from '../helpers/report.js';
import { runCli } from '../helpers/run-cli.js';

const CONFIG = resolve(import.meta.dirname, '../fixtures/regions/rotterdam-zuid.yaml');
/** Feijenoord, IJsselmonde and Charlois, as in the FIXTURE config. */
const AREA = ['WK059910', 'WK059912', 'WK059915'];
const SCHOOLS_FILE = sources['duo-scholen-2024'].file;

const dutch = (v: number, decimals: number) => new Intl.NumberFormat('nl-NL', { minimumFractionDigits: decimals, maximumFractionDigits: decimals }).format(v);
const flat = (s: string) => s.replace(/\s+/g, ' ');

// ── Raw files, read independently of the product ───────────────────────────────────────────────
type Ring = [number, number][];
interface RawSchool {
  type: 'Feature';
  properties: { vestigingscode: string; brin_nummer: string; naam: string; type: string; [k: string]: unknown };
  geometry: { type: 'Point'; coordinates: [number, number] };
}
const rawSchools = (): { type: string; features: RawSchool[] } => JSON.parse(readFileSync(join(dataDir, SCHOOLS_FILE), 'utf8'));

/** The polygons (outer ring + holes) of the area's wijken. */
function areaPolygons(): Ring[][] {
  const fc = JSON.parse(readFileSync(join(dataDir, 'geo/wijken_2024_pdok.geojson'), 'utf8')) as {
    features: { properties: { wijkcode: string }; geometry: { type: string; coordinates: unknown } }[];
  };
  return fc.features
    .filter((f) => AREA.includes(f.properties.wijkcode))
    .flatMap((f) => (f.geometry.type === 'Polygon' ? [f.geometry.coordinates as Ring[]] : (f.geometry.coordinates as Ring[][])));
}

/** Even-odd ray casting: inside the outer ring and not in a hole. */
function inRing([x, y]: [number, number], ring: Ring): boolean {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i];
    const [xj, yj] = ring[j];
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}
const inArea = (p: [number, number], polygons: Ring[][]) => polygons.some(([outer, ...holes]) => inRing(p, outer) && !holes.some((h) => inRing(p, h)));

function semicolonRows(file: string): Record<string, string>[] {
  const [header, ...lines] = readFileSync(join(dataDir, file), 'utf8').replace(/^\uFEFF/, '').trim().split(/\r?\n/);
  const cols = header.split(';');
  return lines.map((l) => Object.fromEntries(l.split(';').map((c, i) => [cols[i], c])));
}

/** Σ score without threshold / Σ pupils over the vestigingen whose every address lies in the area. */
function areaScore(features: RawSchool[]): { score: number; schools: string[] } {
  const polygons = areaPolygons();
  const where = new Map<string, boolean[]>();
  for (const f of features) where.set(f.properties.vestigingscode, [...(where.get(f.properties.vestigingscode) ?? []), inArea(f.geometry.coordinates, polygons)]);
  const located = new Set([...where].filter(([, w]) => w.every(Boolean)).map(([c]) => c));
  const pupils = new Map(semicolonRows('duo/po/achterstandsscores_basisscholen_2019_tabel1.csv').map((r) => [r.brin_vestiging, Number(r.aantal_bekostigde_leerlingen)]));
  let score = 0;
  let n = 0;
  const schools: string[] = [];
  for (const r of semicolonRows('duo/po/achterstandsscores_basisscholen_2019_tabel2.csv')) {
    const p = pupils.get(r.brin_vestiging);
    if (!located.has(r.brin_vestiging) || !p || r.achterstandsscore_zonder_drempel === '') continue;
    score += Number(r.achterstandsscore_zonder_drempel);
    n += p;
    schools.push(r.brin_vestiging);
  }
  return { score: score / n, schools };
}

let tmp: string;
beforeAll(async () => {
  tmp = await mkdtemp(join(tmpdir(), 'ck-school-area-'));
});
afterAll(async () => {
  await rm(tmp, { recursive: true, force: true });
});

describe('an area of wijken gets its schools: Rotterdam-Zuid', () => {
  it('has the achterstandsscore of the schools located in its wijken, with their number', async () => {
    const expected = areaScore(rawSchools().features);
    expect(expected.schools.length).toBeGreaterThan(20);
    const report = await reportFor(readFileSync(CONFIG, 'utf8'), CONFIG);
    const v = report.value('achterstandsscore', report.region);
    expect(v.year).toBe(2019);
    expect(v.value).toBeCloseTo(expected.score, 10);
    expect(v.schools).toEqual({ count: expected.schools.length, per: 'vestiging' });
    expect(v.note).toBe(`${expected.schools.length} scholen in het gebied`);
    expect(report.areaSchools!.vestigingen).toEqual(expect.arrayContaining(expected.schools));
    // The comparison areas stay as they were: the gemeente is all of Rotterdam's schools.
    const rotterdam = report.comparisons.find((c) => c.role === 'gemeente')!;
    expect(report.value('achterstandsscore', rotterdam).value).toBe(report.dataset.series.value('achterstandsscore', 2019, 'GM0599'));
    // The onderwijs chapter has school figures, no longer "niet beschikbaar op wijkniveau".
    const onderwijs = report.sections.find((s) => s.domain === 'onderwijs')!;
    for (const id of ['achterstandsscore', 'speciaal-onderwijs', 'schooladvies']) expect(onderwijs.figures.map((f) => f.id)).toContain(id);
    for (const id of ['pct_sbo', 'pct_advies_havo_vwo', 'basisscholen']) expect(onderwijs.indicators.map((d) => d.id)).toContain(id);
    expect(report.value('basisscholen', report.region).value).toBe(expected.schools.length);
  });

  it('renders an onderwijs chapter with the area’s achterstandsscore and "scholen in het gebied"', async () => {
    const { score, schools } = areaScore(rawSchools().features);
    const pdf = join(tmp, 'rz.pdf');
    const r = await runCli(['render', CONFIG, '-o', pdf, '--data', dataDir, '-q']);
    expect(r.code, r.stderr).toBe(0);
    const text = flat((await readPdf(pdf)).text);
    const chart = text.indexOf('Gemiddelde achterstandsscore per leerling (basisonderwijs), 2019');
    expect(chart).toBeGreaterThan(-1);
    const after = text.slice(chart, chart + 400);
    // The bar labels come first, then the values in the same order: the area's first.
    expect(after).toMatch(/^Gemiddelde achterstandsscore per leerling \(basisonderwijs\), 2019 Rotterdam-Zuid Rotterdam .*? Nederland \d+,\d\d /);
    expect(/ Nederland (\d+,\d\d) /.exec(after)![1]).toBe(dutch(score, 2));
    expect(after).toContain(`Rotterdam-Zuid: ${schools.length} scholen in het gebied.`);
  });

  it('does not count a FIXTURE school point moved out of the area, and counts one moved into it', async () => {
    const fc = rawSchools();
    const before = areaScore(fc.features);
    const pupils = new Map(semicolonRows('duo/po/achterstandsscores_basisscholen_2019_tabel1.csv').map((r) => [r.brin_vestiging, Number(r.aantal_bekostigde_leerlingen)]));
    // The largest school of the area leaves it (to a point in Amsterdam); one school of Amsterdam comes in.
    const out = [...before.schools].sort((a, b) => pupils.get(b)! - pupils.get(a)!)[0];
    const polygons = areaPolygons();
    const amsterdam: [number, number] = [4.9, 52.37];
    expect(inArea(amsterdam, polygons)).toBe(false);
    const inside = fc.features.find((f) => f.properties.vestigingscode === out)!.geometry.coordinates;
    const incoming = fc.features.find((f) => f.properties.gemeente === 'AMSTERDAM' && f.properties.type === 'basisschool' && pupils.has(f.properties.vestigingscode) && fc.features.filter((g) => g.properties.vestigingscode === f.properties.vestigingscode).length === 1)!;
    const FIXTURE = {
      ...fc,
      features: fc.features.map((f) =>
        f.properties.vestigingscode === out
          ? { ...f, geometry: { type: 'Point', coordinates: amsterdam } }
          : f === incoming
            ? { ...f, geometry: { type: 'Point', coordinates: inside } }
            : f,
      ),
    };
    const fixtureFile = join(tmp, 'FIXTURE-schools-moved.geojson');
    await writeFile(fixtureFile, JSON.stringify(FIXTURE));
    const data = await stagedDataWith(join(tmp, 'data'), { [SCHOOLS_FILE]: fixtureFile });
    const after = areaScore(JSON.parse(await readFile(fixtureFile, 'utf8')).features as RawSchool[]);
    expect(after.schools).not.toContain(out);
    expect(after.schools).toContain(incoming.properties.vestigingscode);

    const dataset = await loadDataset(data);
    const report = await selectReportData(await resolveRegionConfig(parseRegionConfig(readFileSync(CONFIG, 'utf8'), CONFIG)), dataset);
    expect(report.areaSchools!.vestigingen).not.toContain(out);
    expect(report.areaSchools!.vestigingen).toContain(incoming.properties.vestigingscode);
    const v = report.value('achterstandsscore', report.region);
    expect(v.value).toBeCloseTo(after.score, 10);
    expect(v.value).not.toBeCloseTo(before.score, 3);
    expect(v.schools?.count).toBe(before.schools.length);
  });
});
