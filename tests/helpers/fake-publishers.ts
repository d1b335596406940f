/**
 * A local stand-in for the three publishers on 127.0.0.1, answering in the formats of
 * their documented interfaces, with the content of the staged files in ../shared/data:
 *   /cbs  CBS StatLine OData v3 (ODataFeed and ODataApi): <table>/DataProperties, /TypedDataSet (pages with
 *         odata.nextLink, $select, $filter "X eq 'v' and …"), one collection per
 *         dimension (Key padded with spaces, Title), ODataCatalog/Tables;
 *   /duo  DUO CKAN: api/3/action/package_show?id=adressen_bo|adressen_vo|adressen_so with
 *         resources[].url …/dataset/<id>/resource/<id>/download/vestigingenbo.csv (and an
 *         instellingen… resource beside it), the registers in DUO's current layout: ',', every
 *         field quoted, UTF-8 with BOM, INSTELLINGSCODE/VESTIGINGSCODE (public code, issue 14);
 *   /duo-files  DUO's per-year files as on duo.nl/open_onderwijsdata/images/<file>.csv: the
 *         2019-2020 CSVs in Windows-1252 as DUO published them; the school advice as DUO's
 *         per-year, per-vestiging files, built back from the staged per-instelling file;
 *   /pdok PDOK WFS 2.0 GetFeature, outputFormat=application/json, count/startIndex paging,
 *         CBS figures PDOK lacks as -99997.
 * Faults for tests: `fail` answers a status for matching paths, `rename` renames a column
 * of a DUO file, `dropPeriod` removes a period from a CBS table.
 */
import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { parseCsv, parseCsvRecords } from '../../src/util/csv.js';
import { jeugdzorgCounts, kwb2022Columns, kwb2022Shares, kwbBasisVariables, kwbShortNames } from '../../src/fetch/cbs-tables.js';
import { duoDatasets, duoPageFiles, GEBIEDEN_2023, JEUGDZORG_INDICATOREN } from '../../src/fetch/catalogue.js';
import { adviceColumns, MASKED_FROM } from '../../src/data/sources/duo-schooladviezen.js';
import { schooladviesFile, schooladviesYears, schooljaarOf } from '../../src/fetch/duo-schooladviezen.js';
import { wijkFieldsPdok } from '../../src/fetch/pdok-tables.js';
import type { FetchContext } from '../../src/fetch/types.js';
import { dataDir as stagedDataDir } from './data.js';

type Row = Record<string, string | number | null>;
interface Prop {
  ID: number;
  ParentID: number | null;
  Type: string;
  Key: string;
  Title: string;
  Unit?: string | null;
  Decimals?: number | null;
}
interface CbsTable {
  props: Prop[];
  rows: Row[];
  dims: Record<string, { Key: string; Title: string; Status?: string }[]>;
  title: string;
}

export interface FakeOptions {
  /** Rows per OData page (CBS: 10,000). */
  pageSize?: number;
  /** Features per WFS page at most (PDOK: 1,000). */
  wfsMax?: number;
  fail?: (path: string) => number | undefined;
  rename?: { file: string; from: string; to: string };
  dropPeriod?: { table: string; period: string };
  /** More tables in the CBS catalogue (ODataCatalog/Tables) than the fake serves. */
  catalogue?: { Identifier: string; Title: string }[];
  /** A FIXTURE school year of advice beyond the catalogue's (e.g. 2025): 2024-2025's rows served again under that year's file name. */
  laterAdviceYear?: number;
  /** Serve a FIXTURE exam file of 2020-2025: the staged 2019-2024 file without 2019-2020, and 2023-2024's columns again as 2024-2025. */
  examWindow2020?: boolean;
  /**
   * A hostile or broken publisher: answer a request before the fake does (return true when this
   * handler wrote the response). `origin` is the fake's own base URL.
   */
  intercept?: (req: IncomingMessage, res: ServerResponse, url: URL, origin: string) => boolean;
  /** A publisher that serves wrong content: change a body the fake would send (JSON text, CSV text) before it goes out. */
  transform?: (path: string, body: string, url: URL) => string;
  /**
   * KWB 2023 (85618NED) and 2024 (85984NED) in a newer edition's layout, with FIXTURE social figures
   * for Amsterdam and its wijken (`newerKwbFixture`): other key numbers, the new education stems,
   * in 2024 PersonenInArmoede / PersonenTot25BovenArmoedegrens and GemGestandaardiseerdInkomen, and
   * no HuishoudensMetEenLaagInkomen / HuishOnderOfRondSociaalMinimum. Made-up numbers: tests only.
   */
  newerKwb?: boolean;
}

/**
 * The FIXTURE figures the fake's newer KWB editions serve (made up, for tests only): Amsterdam and
 * its wijken of 2024 with their real 2024 inhabitants; 2023 lacks `missingIn2023` (a wijk that
 * edition does not have). Per wijk i (in file order): p_hh_lkk 4.5 + (i % 9), p_ink_ar 2.5 + (i % 7).
 */
export const newerKwbFixture = {
  gemeente: 'GM0363',
  missingIn2023: 'WK0363AB',
  lkk: (i: number) => 4.5 + (i % 9),
  osm: (i: number) => 3.5 + (i % 5),
  armoede: (i: number) => 2.5 + (i % 7),
  bovenArmoede: (i: number) => 1.5 + (i % 3),
  gemeenteLkk: 9.9,
  gemeenteArmoede: 6.6,
};

/** The staged exam file 2019-2024 shifted to a FIXTURE window 2020-2025 (made-up 2024-2025 figures: for tests only). */
export function fixtureExamWindow2020(): string {
  const rows = parseCsv(staged('duo/examen_vo_2019-2024_per_vestiging_opleiding.csv'), ';');
  const header = rows[0];
  const keep = header.map((h, i) => (h.includes('SCHOOLJAAR 2019-2020') ? -1 : i)).filter((i) => i >= 0);
  const copy = header.map((h, i) => (h.includes('SCHOOLJAAR 2023-2024') ? i : -1)).filter((i) => i >= 0);
  const out = rows.map((r, n) => [...keep.map((i) => r[i] ?? ''), ...copy.map((i) => (n === 0 ? header[i].replace('2023-2024', '2024-2025') : (r[i] ?? '')))]);
  const cell = (x: string) => (/[;"\n]/.test(x) ? `"${x.replace(/"/g, '""')}"` : x);
  return `${out.map((r) => r.map(cell).join(';')).join('\n')}\n`;
}

export interface FakePublishers {
  url: string;
  requests: string[];
  options: FakeOptions;
  close(): Promise<void>;
}

const pad = (s: string, n: number) => s.padEnd(n, ' ');
const staged = (file: string) => readFileSync(join(stagedDataDir, file), 'utf8');
const numOrNull = (v: string | undefined): number | null => {
  if (v === undefined) return null;
  const s = v.trim().replace(',', '.');
  if (s === '' || s === '.') return null;
  const n = Number(s);
  return Number.isFinite(n) ? n : null;
};

/**
 * Topic properties numbered from `first`, on purpose unlike the staged numbering: the client must match stems.
 * `edition` picks the name of a column CBS renamed ("A|B": 0 = A, 1 = B where there is one).
 */
function topics(stems: string[], first: number, edition = 0): Prop[] {
  return stems.map((s, i) => {
    const names = s.split('|');
    return { ID: 100 + i, ParentID: null, Type: 'Topic', Key: `${names[Math.min(edition, names.length - 1)]}_${first + i}`, Title: s, Unit: null, Decimals: 0 };
  });
}
const keyOf = (props: Prop[], stem: string) => props.find((p) => stem.split('|').includes(p.Key.replace(/_\d+$/, '')))!.Key;
const dims = (): Prop[] => [{ ID: 0, ParentID: null, Type: 'GeoDimension', Key: 'WijkenEnBuurten', Title: 'Wijken en buurten' }];

/** Amsterdam and its populated wijken of 2024 (code, name, inhabitants), for the newer-KWB fixture. */
function fixtureRegions(): { code: string; name: string; inwoners: number | null }[] {
  const basis = JSON.parse(staged('cbs/kwb_2024_85984NED_gm_wk_basis.json')) as Record<string, Record<string, number | null>>;
  const fc = JSON.parse(staged('geo/wijken_2024_pdok.geojson')) as { features: { properties: Record<string, unknown> }[] };
  const g = newerKwbFixture.gemeente;
  const wijken = fc.features.map((f) => f.properties).filter((p) => p.gemeentecode === g && basis[String(p.wijkcode)]);
  return [
    { code: g, name: 'Amsterdam', inwoners: basis[g].AantalInwoners_5 ?? null },
    ...wijken.map((p) => ({ code: String(p.wijkcode), name: String(p.wijknaam), inwoners: basis[String(p.wijkcode)].AantalInwoners_5 ?? null })),
  ];
}

/** FIXTURE social values of a region of the newer-KWB fixture, by stem (i: the wijk's index, -1 the gemeente). */
function fixtureValues(i: number, inwoners: number | null, edition: 2023 | 2024): Record<string, number | null> {
  const f = newerKwbFixture;
  const gm = i < 0;
  const n = inwoners ?? 0;
  const common = {
    AantalInwoners: inwoners,
    BasisonderwijsVmboMbo1: Math.round(n * 0.2),
    HavoVwoMbo24: Math.round(n * 0.3),
    HboWo: Math.round(n * 0.3),
    PersonenPerSoortUitkeringBijstand: Math.round(n * 0.03),
    GemiddeldInkomenPerInwoner: 30 + (gm ? 0 : i % 10),
    k_40HuishoudensMetLaagsteInkomen: 40 + (gm ? 0 : i % 20),
  };
  return edition === 2023
    ? { ...common, HuishoudensMetEenLaagInkomen: gm ? f.gemeenteLkk : f.lkk(i), HuishOnderOfRondSociaalMinimum: gm ? 8.8 : f.osm(i) }
    : { ...common, PersonenInArmoede: gm ? f.gemeenteArmoede : f.armoede(i), PersonenTot25BovenArmoedegrens: gm ? 3.3 : f.bovenArmoede(i), GemGestandaardiseerdInkomen: 35 };
}

/** The newer-KWB fixture: 85618NED gets Amsterdam's rows beside Utrecht's (keys renumbered), 85984NED its 2024 social topics. */
function addNewerKwb(tables: Map<string, CbsTable>, regionRow: (code: string, soort: string, gemeente: string) => Row): void {
  const regions = fixtureRegions();
  const rowsOf = (props: Prop[], edition: 2023 | 2024, keep: (code: string) => boolean) =>
    regions
      .filter((r) => keep(r.code))
      .map((r, n) => {
        const i = r.code.startsWith('GM') ? -1 : regions.filter((x) => x.code.startsWith('WK')).findIndex((x) => x.code === r.code);
        const base = regionRow(r.code, i < 0 ? 'Gemeente' : 'Wijk', 'Amsterdam');
        const row: Row = { ID: 10_000 + n };
        for (const p of props) if (p.Type === 'Topic') row[p.Key] = null;
        Object.assign(row, { WijkenEnBuurten: base.WijkenEnBuurten, [keyOf(props, 'Gemeentenaam')]: base.Gemeentenaam, [keyOf(props, 'SoortRegio')]: base.SoortRegio });
        // The gemeente's inhabitants are those of its wijken in the table (2023 lacks one): the wijken add up.
        const inwoners = i < 0 ? regions.filter((x) => x.code.startsWith('WK') && keep(x.code)).reduce((a, x) => a + (x.inwoners ?? 0), 0) : r.inwoners;
        for (const [stem, v] of Object.entries(fixtureValues(i, inwoners, edition))) {
          const key = props.find((p) => p.Key.replace(/_\d+$/, '') === stem)?.Key;
          if (key) row[key] = v;
        }
        return row;
      });
  const dimsOf = (t: CbsTable, rows: Row[]) => [...t.dims.WijkenEnBuurten, ...rows.map((r) => ({ Key: String(r.WijkenEnBuurten), Title: regions.find((x) => x.code === String(r.WijkenEnBuurten).trim())!.name }))];
  // 2023: Utrecht's staged rows under keys numbered from 11, and Amsterdam without one wijk.
  {
    const t = tables.get('85618NED')!;
    const props = [...dims(), ...topics([...kwbShortNames.map(([, s]) => s), 'Gemeentenaam', 'SoortRegio'], 11, 1)];
    const renamed = t.rows.map((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k === 'WijkenEnBuurten' || k === 'ID' ? k : props[t.props.findIndex((p) => p.Key === k)].Key, v])));
    const added = rowsOf(props, 2023, (c) => c !== newerKwbFixture.missingIn2023);
    tables.set('85618NED', { ...t, props, rows: [...renamed.map((r) => ({ ...Object.fromEntries(props.filter((p) => p.Type === 'Topic').map((p) => [p.Key, null])), ...r })), ...added], dims: { WijkenEnBuurten: dimsOf(t, added) } });
  }
  // 2024: the basis topics numbered from 60, then the 2024 social topics; Amsterdam's rows replaced by the fixture's.
  {
    const t = tables.get('85984NED')!;
    const basisStems = t.props.filter((p) => p.Type === 'Topic').map((p) => p.Key.replace(/_\d+$/, ''));
    const social = ['PersonenInArmoede', 'PersonenTot25BovenArmoedegrens', 'GemGestandaardiseerdInkomen', 'GemiddeldInkomenPerInwoner', 'k_40HuishoudensMetLaagsteInkomen', 'BasisonderwijsVmboMbo1', 'HavoVwoMbo24', 'HboWo', 'PersonenPerSoortUitkeringBijstand'];
    const props = [...dims(), ...topics([...basisStems, ...social], 60)];
    const rename = (k: string) => {
      const old = t.props.find((p) => p.Key === k);
      return old && old.Type === 'Topic' ? keyOf(props, old.Key.replace(/_\d+$/, '')) : k;
    };
    const amsterdam = new Map(rowsOf(props, 2024, () => true).map((r) => [String(r.WijkenEnBuurten).trim(), r]));
    const rows = t.rows.map((r) => {
      const row: Row = Object.fromEntries([...props.filter((p) => p.Type === 'Topic').map((p) => [p.Key, null]), ...Object.entries(r).map(([k, v]) => [rename(k), v])]);
      const fixture = amsterdam.get(String(r.WijkenEnBuurten).trim());
      if (fixture) for (const s of social) row[keyOf(props, s)] = fixture[keyOf(props, s)];
      return row;
    });
    tables.set('85984NED', { ...t, props, rows });
  }
}

function buildCbs(options: FakeOptions = {}): Map<string, CbsTable> {
  const tables = new Map<string, CbsTable>();
  const koppel = parseCsvRecords(staged('cbs/gemeente_vr_provincie_koppeling.csv'), ';').records.map((r) => r.values);
  const gmName = new Map(koppel.map((k) => [k.gemeentCode, k.gemeenteNaam.replace(/\s*\(gemeente\)$/, '')]));
  const regionRow = (code: string, soort: string, gemeente: string) => ({ WijkenEnBuurten: pad(code, 10), Gemeentenaam: pad(gemeente, 40), SoortRegio: pad(soort, 10) });

  // KWB 2024 (85984NED)
  {
    const stems = [...kwbBasisVariables.map((v) => v.replace(/_\d+$/, '')), 'Gemeentenaam', 'SoortRegio'];
    const props = [...dims(), ...topics(stems, 7)];
    const json = JSON.parse(staged('cbs/kwb_2024_85984NED_gm_wk_basis.json')) as Record<string, Record<string, number | null>>;
    const rows = Object.entries(json).map(([code, v]) => {
      const base = regionRow(code, code.startsWith('GM') ? 'Gemeente' : 'Wijk', gmName.get(`GM${code.slice(2, 6)}`) ?? '');
      const row: Row = { ID: 0, WijkenEnBuurten: base.WijkenEnBuurten, [keyOf(props, 'Gemeentenaam')]: base.Gemeentenaam, [keyOf(props, 'SoortRegio')]: base.SoortRegio };
      for (const k of kwbBasisVariables) row[keyOf(props, k.replace(/_\d+$/, ''))] = v[k] ?? null;
      return row;
    });
    tables.set('85984NED', { props, rows, dims: { WijkenEnBuurten: Object.keys(json).map((c) => ({ Key: pad(c, 10), Title: c })) }, title: 'Kerncijfers wijken en buurten 2024' });
  }
  // KWB 2022 (85318NED): gemeenten, counts behind the PDOK percentages.
  {
    const stems = [...new Set([...kwb2022Columns.map(([, s]) => s), ...kwb2022Shares.flatMap(([, a, b]) => [a, b]), 'Gemeentenaam', 'SoortRegio'])];
    const props = [...dims(), ...topics(stems, 3)];
    const recs = parseCsvRecords(staged('cbs/kwb_2022_gemeenten_pdok_indicatoren.csv')).records.map((r) => r.values).filter((v) => v.gemeentecode !== 'GM0998');
    const rows = recs.map((v) => {
      const row: Row = { WijkenEnBuurten: pad(v.gemeentecode, 10), [keyOf(props, 'Gemeentenaam')]: pad(v.gemeentenaam, 40), [keyOf(props, 'SoortRegio')]: pad('Gemeente', 10) };
      for (const [col, stem] of kwb2022Columns) row[keyOf(props, stem)] = numOrNull(v[col]);
      for (const [col, part, whole] of kwb2022Shares) {
        const w = row[keyOf(props, whole)] as number | null;
        const p = numOrNull(v[col]);
        row[keyOf(props, part)] = w === null || p === null ? null : Math.round((p / 100) * w);
      }
      return row;
    });
    tables.set('85318NED', { props, rows, dims: { WijkenEnBuurten: recs.map((v) => ({ Key: pad(v.gemeentecode, 10), Title: v.gemeentenaam })) }, title: 'Kerncijfers wijken en buurten 2022' });
  }
  // KWB 2021 (85039NED) and 2023 (85618NED, only Utrecht staged): kwb short names back to OData keys.
  // 2023 has CBS's new education keys (BasisonderwijsVmboMbo1, HavoVwoMbo24, HboWo), as the real table.
  for (const [table, file, codeCol, title, edition] of [
    ['85039NED', 'cbs/kwb_2021_gm_wk_sociaal.csv', 'gwb_code_10', 'Kerncijfers wijken en buurten 2021', 0],
    ['85618NED', 'cbs/kwb_2023_gemeente_utrecht.csv', 'gwb_code', 'Kerncijfers wijken en buurten 2023', 1],
  ] as const) {
    const props = [...dims(), ...topics([...kwbShortNames.map(([, s]) => s), 'Gemeentenaam', 'SoortRegio'], 5, edition)];
    const recs = parseCsvRecords(staged(file)).records.map((r) => r.values);
    const rows = recs.map((v) => {
      const code = v[codeCol];
      const row: Row = { WijkenEnBuurten: pad(code, 10), [keyOf(props, 'Gemeentenaam')]: pad(v.gm_naam ?? 'Utrecht', 40), [keyOf(props, 'SoortRegio')]: pad(v.recs, 10) };
      for (const [short, stem] of kwbShortNames) row[keyOf(props, stem)] = short in v ? (v[short].trim() === '.' ? '.' : numOrNull(v[short])) : null;
      return row;
    });
    tables.set(table, { props, rows, dims: { WijkenEnBuurten: recs.map((v) => ({ Key: pad(v[codeCol], 10), Title: v.regio })) }, title });
  }
  // Jeugdzorg in natura; wijken en buurten 2021 (85075NED) and 2022 (85335NED).
  {
    const wk = parseCsvRecords(staged('cbs/jeugdzorg_in_natura_gm_wk_2021_2022.csv')).records.map((r) => r.values);
    const nl = parseCsvRecords(staged('cbs/jeugdzorg_in_natura_nl_gm_2022_85335NED.csv')).records.map((r) => r.values);
    for (const [table, year] of [
      ['85075NED', 2021],
      ['85335NED', 2022],
    ] as const) {
      const props: Prop[] = [
        { ID: 0, ParentID: null, Type: 'Dimension', Key: 'VormenVanJeugdzorg', Title: 'Vormen van jeugdzorg' },
        { ID: 1, ParentID: null, Type: 'GeoDimension', Key: 'Wijken', Title: 'Wijken' },
        { ID: 2, ParentID: null, Type: 'TimeDimension', Key: 'Perioden', Title: 'Perioden' },
        ...jeugdzorgCounts.map((c, i) => ({ ID: 10 + i, ParentID: null, Type: 'Topic', Key: c, Title: c })),
      ];
      const src = [...(year === 2022 ? nl.filter((v) => v.Wijken === 'NL00') : []), ...wk.filter((v) => v.year === String(year))];
      const rows: Row[] = [];
      let id = 0;
      for (const v of src) {
        const code = v.gwb_code_10 ?? v.Wijken;
        for (const form of ['T001203', 'A028763']) {
          const row: Row = { ID: id++, VormenVanJeugdzorg: form, Wijken: pad(code, 10), Perioden: `${year}JJ00` };
          for (const c of jeugdzorgCounts) row[c] = form === 'T001203' ? (/_(18|19|20)$/.test(c) ? pad(v[c] ?? '', 10) : v[c] === '' || v[c] === undefined ? null : /^\d+$/.test(v[c]) ? Number(v[c]) : v[c]) : null;
          rows.push(row);
        }
      }
      tables.set(table, {
        props,
        rows,
        dims: {
          Wijken: src.map((v) => ({ Key: pad(v.gwb_code_10 ?? v.Wijken, 10), Title: v.regio ?? 'Nederland' })),
          Perioden: [{ Key: `${year}JJ00`, Title: String(year), Status: 'Definitief' }],
        },
        title: `Jeugdzorg in natura; wijken en buurten ${year}`,
      });
    }
  }
  // Indicatoren jeugdzorg; gemeenten (85098NED), from the StatLine export back to OData.
  {
    const { header, records } = parseCsvRecords(staged('cbs/indicatoren_jeugdzorg_gemeenten_2022v_85098NED.csv'), ';');
    const topicCols = header.slice(2);
    // The keys of 85098NED (cbsodataR maps vignette, rendered output).
    const keys85098 = ['JongerenMetJeugdhulpInNatura_1', 'JongerenMetJeugdhMetVerblInNat_2', 'JongerenMetJeugdbescherming_3', 'JeugdbeschEnJeugdhMetVerblInNat_4', 'JongerenMetJeugdreclassering_5'];
    const props: Prop[] = [
      { ID: 0, ParentID: null, Type: 'GeoDimension', Key: 'RegioS', Title: "Regio's" },
      { ID: 1, ParentID: null, Type: 'TimeDimension', Key: 'Perioden', Title: 'Perioden' },
      ...topicCols.map((h, i) => {
        const at = h.indexOf(' (');
        return { ID: 10 + i, ParentID: null, Type: 'Topic', Key: keys85098[i] ?? `Indicator${i}_${i + 1}`, Title: h.slice(0, at), Unit: h.slice(at + 2, -1), Decimals: 1 };
      }),
    ];
    const kwb22 = parseCsvRecords(staged('cbs/kwb_2022_gemeenten_pdok_indicatoren.csv')).records.map((r) => r.values);
    const codeByName = new Map(kwb22.map((v) => [v.gemeentenaam, v.gemeentecode]));
    let synthetic = 9000;
    const keys = records.map((r) => (r.values["Regio's"] === 'Nederland' ? 'NL01' : (codeByName.get(r.values["Regio's"]) ?? `GM${synthetic++}`)));
    const rows = records.map((r, i) => {
      const row: Row = { ID: i, RegioS: pad(keys[i], 6), Perioden: '2022JJ00' };
      topicCols.forEach((h, j) => (row[props[2 + j].Key] = numOrNull(r.values[h])));
      return row;
    });
    tables.set(JEUGDZORG_INDICATOREN, {
      props,
      rows,
      dims: { RegioS: records.map((r, i) => ({ Key: pad(keys[i], 6), Title: r.values["Regio's"] })), Perioden: [{ Key: '2022JJ00', Title: '2022*', Status: 'Voorlopig' }] },
      title: 'Jeugdzorg; indicatoren, gemeenten',
    });
  }
  // Gebieden in Nederland 2023 (85385NED): per gemeente its veiligheidsregio and provincie, in nested
  // topic groups as the real table ("Lokaliseringen van gemeenten|Provincies|Code" in quintel/etdataset-public).
  {
    const props: Prop[] = [
      { ID: 0, ParentID: null, Type: 'GeoDimension', Key: 'RegioS', Title: "Regio's" },
      { ID: 1, ParentID: null, Type: 'TopicGroup', Key: '', Title: 'Codes en namen van gemeenten' },
      { ID: 2, ParentID: 1, Type: 'Topic', Key: 'Code_1', Title: 'Code' },
      { ID: 3, ParentID: 1, Type: 'Topic', Key: 'Naam_2', Title: 'Naam' },
      { ID: 5, ParentID: null, Type: 'TopicGroup', Key: '', Title: 'Lokaliseringen van gemeenten' },
      { ID: 10, ParentID: 5, Type: 'TopicGroup', Key: '', Title: "Veiligheidsregio's" },
      { ID: 11, ParentID: 10, Type: 'Topic', Key: 'Code_40', Title: 'Code' },
      { ID: 12, ParentID: 10, Type: 'Topic', Key: 'Naam_41', Title: 'Naam' },
      { ID: 20, ParentID: 5, Type: 'TopicGroup', Key: '', Title: 'Provincies' },
      { ID: 21, ParentID: 20, Type: 'Topic', Key: 'Code_28', Title: 'Code' },
      { ID: 22, ParentID: 20, Type: 'Topic', Key: 'Naam_29', Title: 'Naam' },
    ];
    const rows = koppel.map((k, i) => ({
      ID: i,
      RegioS: pad(k.gemeentCode, 6),
      Code_1: pad(k.gemeentCode, 6),
      Naam_2: pad(k.gemeenteNaam, 40),
      Code_40: pad(k.veiligheidsRegioCode, 6),
      Naam_41: pad(k.veiligheidsRegioNaam, 40),
      Code_28: pad(k.provincieCode, 6),
      Naam_29: pad(k.Provincie, 40),
    }));
    tables.set(GEBIEDEN_2023, { props, rows, dims: { RegioS: koppel.map((k) => ({ Key: pad(k.gemeentCode, 6), Title: k.gemeenteNaam })) }, title: 'Gebieden in Nederland 2023' });
  }
  if (options.newerKwb) addNewerKwb(tables, regionRow);
  return tables;
}

/** "A eq 'x' and B eq 'y'" → a row predicate (what the client sends). */
function odataFilter(filter: string | null): (r: Row) => boolean {
  if (!filter) return () => true;
  const terms = filter.split(/\s+and\s+/).map((t) => {
    const m = /^(\w+) eq '(.*)'$/.exec(t.trim());
    if (!m) throw new Error(`unsupported $filter term: ${t}`);
    return [m[1], m[2]] as const;
  });
  return (r) => terms.every(([k, v]) => String(r[k] ?? '').trim() === v);
}

function json(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
  res.end(JSON.stringify(body));
}

/** Windows-1252 bytes of a text (the 2019-2020 DUO files were published so). */
function windows1252(text: string): Buffer {
  const special: Record<string, number> = { '€': 0x80, '‚': 0x82, 'ƒ': 0x83, '„': 0x84, '…': 0x85, '†': 0x86, '‡': 0x87, 'ˆ': 0x88, '‰': 0x89, 'Š': 0x8a, '‹': 0x8b, 'Œ': 0x8c, 'Ž': 0x8e, '‘': 0x91, '’': 0x92, '“': 0x93, '”': 0x94, '•': 0x95, '–': 0x96, '—': 0x97, '˜': 0x98, '™': 0x99, 'š': 0x9a, '›': 0x9b, 'œ': 0x9c, 'ž': 0x9e, 'Ÿ': 0x9f };
  const out = Buffer.alloc(text.length);
  let n = 0;
  for (const ch of text) {
    const c = ch.codePointAt(0)!;
    out[n++] = c < 0x80 || (c >= 0xa0 && c <= 0xff) ? c : (special[ch] ?? 0x3f);
  }
  return out.subarray(0, n);
}

/**
 * DUO's "04-leerlingen-bo-sbo-schooladviezen-<schooljaar>" of one school year, built back from the
 * staged per-instelling file: one row per vestiging, '<5' where the staged file has 2 from
 * 2022-2023 on (DUO publishes 1-4 so; a true 2 cannot occur there). Every 40th instelling is split
 * over two vestigingen in the unmasked years (the second with another name), so the fetch must sum
 * them and take the instelling's fields from vestiging 00. The 2019-2020 file has the old
 * identifier names BRIN_NUMMER/VESTIGINGSNUMMER (which years DUO still used them is not known: this
 * makes the fetch take both). The identifier columns DUO has beyond these are given plausible values.
 */
let stagedAdvice: ReturnType<typeof parseCsvRecords>['records'] | undefined;
export function duoSchooladviezenFile(year: number): string {
  const records = (stagedAdvice ??= parseCsvRecords(staged('duo/derived/schooladviezen_po_2019-2025_per_instelling.csv'), ';').records);
  const oldNames = year === 2019;
  const header = ['PEILDATUM_LEERLINGEN', oldNames ? 'BRIN_NUMMER' : 'INSTELLINGSCODE', oldNames ? 'VESTIGINGSNUMMER' : 'VESTIGINGSCODE', 'INSTELLINGSNAAM_VESTIGING', 'POSTCODE_VESTIGING', 'PLAATSNAAM', 'GEMEENTENUMMER', 'GEMEENTENAAM', 'PROVINCIE', 'SOORT_PO', 'DENOMINATIE_VESTIGING', 'BEVOEGD_GEZAG_NUMMER', ...adviceColumns];
  const cell = (s: string) => (s.includes(';') || s.includes('"') ? `"${s.replace(/"/g, '""')}"` : s);
  const lines = [header.join(';')];
  let n = 0;
  for (const { values: v } of records) {
    if (v.schooljaar !== schooljaarOf(year)) continue;
    const counts = adviceColumns.map((c) => Number(v[c]));
    const split = year < MASKED_FROM && n++ % 40 === 0;
    const parts = split ? [counts.map((c) => Math.floor(c / 2)), counts.map((c) => c - Math.floor(c / 2))] : [counts];
    parts.forEach((part, i) => {
      const shown = part.map((c) => (year >= MASKED_FROM && c === 2 ? '<5' : String(c)));
      const naam = i === 0 ? v.naam : `${v.naam} (nevenvestiging)`;
      lines.push([`${year}1001`, v.instellingscode, `0${i}`, naam, '1234 AB', v.plaatsnaam, '0363', v.gemeentenaam, v.provincie, 'Bo', v.denominatie, '12345', ...shown].map(cell).join(';'));
    });
  }
  return `${lines.join('\r\n')}\r\n`;
}
/**
 * A ';'-separated register (the 2020 layout) in the layout of DUO's current CKAN registers
 * (vestigingenbo.csv …): ',', every field quoted, UTF-8 with a BOM, INSTELLINGSCODE and VESTIGINGSCODE.
 * `keep` picks the rows (all by default).
 */
export function currentRegisterCsv(text: string, keep: (values: Record<string, string>) => boolean = () => true): string {
  const rows = parseCsv(text, ';');
  const renames: Record<string, string> = { 'BRIN NUMMER': 'INSTELLINGSCODE', VESTIGINGSNUMMER: 'VESTIGINGSCODE' };
  const header = rows[0].map((h) => renames[h] ?? h);
  const quote = (v: string) => `"${v.replace(/"/g, '""')}"`;
  const body = rows.slice(1).filter((r) => keep(Object.fromEntries(rows[0].map((h, i) => [h, r[i] ?? '']))));
  return `\uFEFF${[header, ...body].map((r) => r.map(quote).join(',')).join('\r\n')}\r\n`;
}

/** DUO's files. `page`: on DUO's open-data pages (/duo-files/<name>.csv); else a resource of a CKAN `dataset`, downloaded as `download`. */
interface DuoFile {
  name: string;
  file: string;
  cp1252: boolean;
  build?: () => string;
  page?: true;
  dataset?: string;
  download?: string;
}
const register = (file: string, keep?: (v: Record<string, string>) => boolean) => () => currentRegisterCsv(staged(file), keep);
const hoofdvestiging = (v: Record<string, string>) => v.VESTIGINGSNUMMER.endsWith('00');

const duoFiles: DuoFile[] = [
  { page: true, name: 'examenkandidaten-en-geslaagden-2019-2024', file: 'duo/examen_vo_2019-2024_per_vestiging_opleiding.csv', cp1252: false },
  { page: true, name: 'examenkandidaten-en-geslaagden-2014-2019', file: 'duo/vo/examen_vo_2014-2019_per_vestiging_opleiding.csv', cp1252: true },
  { page: true, name: duoPageFiles.afstandPo2019, file: 'duo/po/afstand_woonadres_schoolvestiging_po_so_2019-2020.csv', cp1252: true },
  { page: true, name: duoPageFiles.leerlingenVo2019, file: 'duo/vo/leerlingen_vo_per_vestiging_onderwijstype_2019.csv', cp1252: true },
  ...schooladviesYears.map((year) => ({ page: true as const, name: schooladviesFile(year), file: `duo/raw/${schooladviesFile(year)}.csv`, cp1252: year === 2019, build: () => duoSchooladviezenFile(year) })),
  // The registers: as in DUO's CKAN datasets, the instellingen (hoofdvestigingen) beside the vestigingen.
  { dataset: duoDatasets.vestigingenBo, name: 'Adressen van instellingen in het basisonderwijs', download: 'instellingenbo.csv', file: 'duo/register/vestigingen_bo_duo_2020.csv', cp1252: false, build: register('duo/register/vestigingen_bo_duo_2020.csv', hoofdvestiging) },
  { dataset: duoDatasets.vestigingenBo, name: 'Alle vestigingen in het basisonderwijs', download: 'vestigingenbo.csv', file: 'duo/register/vestigingen_bo_duo_2020.csv', cp1252: false, build: register('duo/register/vestigingen_bo_duo_2020.csv') },
  { dataset: duoDatasets.vestigingenVo, name: 'Adressen van instellingen in het voortgezet onderwijs', download: 'instellingenvo.csv', file: 'duo/register/vestigingen_vo_duo_2020.csv', cp1252: false, build: register('duo/register/vestigingen_vo_duo_2020.csv', hoofdvestiging) },
  { dataset: duoDatasets.vestigingenVo, name: 'Alle vestigingen in het voortgezet onderwijs', download: 'vestigingenvo.csv', file: 'duo/register/vestigingen_vo_duo_2020.csv', cp1252: false, build: register('duo/register/vestigingen_vo_duo_2020.csv') },
  // The file name of the sbo/so/vso vestigingen was not seen in public code.
  { dataset: duoDatasets.vestigingenSo, name: 'Alle vestigingen in het speciaal onderwijs', download: 'vestigingenso.csv', file: 'duo/register/fake-vestigingen-so.csv', cp1252: false, build: () => currentRegisterCsv(duoSoRegisterFile()) },
];

interface Layer {
  features: { type: 'Feature'; properties: Record<string, unknown>; geometry: unknown }[];
}

/** The staged geocoded schools (DUO addresses of November 2024 placed with the BAG): the fake's register of sbo/so/vso and its BAG. */
interface StagedSchool {
  properties: { naam: string; type: string; straat: string; huisnummer: number | null; huisletter: string | null; huisnummertoevoeging: string | null; postcode: string; plaats: string; gemeente: string; provincie: string; brin_nummer: string; vestigingscode: string; denominatie: string };
  geometry: { coordinates: [number, number] };
}
let stagedSchools: StagedSchool[] | undefined;
export const stagedSchoolPoints = () => (stagedSchools ??= (JSON.parse(staged('duo/derived/scholen_2024_geocoded.geojson')) as { features: StagedSchool[] }).features);
const SO_TYPES = new Set(['SBAO', '(V)SO', 'SO', 'VSO']);

/** DUO's current register "alle vestigingen sbo, so en vso" (INSTELLINGSCODE/VESTIGINGSCODE), built from the staged school points. */
export function duoSoRegisterFile(): string {
  const header = ['SOORT PRIMAIR ONDERWIJS', 'PROVINCIE', 'BEVOEGD GEZAG NUMMER', 'INSTELLINGSCODE', 'VESTIGINGSCODE', 'VESTIGINGSNAAM', 'STRAATNAAM', 'HUISNUMMER-TOEVOEGING', 'POSTCODE', 'PLAATSNAAM', 'GEMEENTENUMMER', 'GEMEENTENAAM', 'DENOMINATIE'];
  const cell = (s: string) => (s.includes(';') || s.includes('"') ? `"${s.replace(/"/g, '""')}"` : s);
  const lines = [header.join(';')];
  for (const { properties: p } of stagedSchoolPoints()) {
    if (!SO_TYPES.has(p.type)) continue;
    const nr = `${p.huisnummer ?? ''}${p.huisletter ? ` ${p.huisletter}` : ''}${p.huisnummertoevoeging ? `-${p.huisnummertoevoeging}` : ''}`;
    lines.push([p.type, p.provincie, '12345', p.brin_nummer, p.vestigingscode, p.naam, p.straat, nr, `${p.postcode.slice(0, 4)} ${p.postcode.slice(4)}`, p.plaats, '0000', p.gemeente, p.denominatie].map((x) => cell(String(x ?? ''))).join(';'));
  }
  return `${lines.join('\r\n')}\r\n`;
}

/** The fake Locatieserver's addresses: postcode|huisnummer → BAG docs (from the staged school points). */
let bag: Map<string, Record<string, unknown>[]> | undefined;
function bagIndex(): Map<string, Record<string, unknown>[]> {
  if (bag) return bag;
  bag = new Map();
  for (const { properties: p, geometry } of stagedSchoolPoints()) {
    if (p.huisnummer === null || !p.postcode) continue;
    const key = `${p.postcode}|${p.huisnummer}`;
    const docs = bag.get(key) ?? [];
    docs.push({ type: 'adres', postcode: p.postcode, huisnummer: p.huisnummer, ...(p.huisletter ? { huisletter: p.huisletter } : {}), ...(p.huisnummertoevoeging ? { huisnummertoevoeging: p.huisnummertoevoeging } : {}), centroide_ll: `POINT(${geometry.coordinates[0]} ${geometry.coordinates[1]})` });
    bag.set(key, docs);
  }
  return bag;
}

function buildPdok(): Map<string, Layer> {
  const layers = new Map<string, Layer>();
  const read = (file: string) => JSON.parse(staged(file)) as Layer;
  // As PDOK's layer (2024: 424 features, 342 on land): a gemeente's water is a feature of its own, water 'JA'.
  const gemeenten = read('geo/gemeenten_2023_pdok_kwb.geojson');
  const water = gemeenten.features.filter((_, i) => i % 4 === 0).map((f) => ({ ...f, properties: { ...f.properties, water: 'JA', aantalInwoners: -99997 } }));
  layers.set('wijkenbuurten/2023/gemeenten', { features: [...gemeenten.features, ...water] });
  const wijken = read('geo/wijken_2024_pdok.geojson');
  layers.set('wijkenbuurten/2024/wijken', {
    features: wijken.features.map((f) => {
      const p = f.properties;
      const props: Record<string, unknown> = { wijkcode: p.wijkcode, wijknaam: p.wijknaam, gemeentecode: p.gemeentecode, gemeentenaam: p.gemeentenaam, water: 'NEE' };
      for (const [name, key] of wijkFieldsPdok) props[key] = p[name] ?? -99997;
      return { ...f, properties: props };
    }),
  });
  const gm = read('geo/gemeenten_simplified_342.geojson');
  layers.set('gebiedsindelingen/2023/gemeente_gegeneraliseerd', {
    features: gm.features.map((f) => ({ ...f, properties: { statcode: f.properties.gemeenteCode, statnaam: f.properties.gemeenteNaam, jrstatcode: `2023${String(f.properties.gemeenteCode)}`, rubriek: 'gemeente' } })),
  });
  const pv = read('geo/provincies_simplified.geojson');
  layers.set('gebiedsindelingen/2023/provincie_gegeneraliseerd', {
    features: pv.features.map((f) => ({ ...f, properties: { statcode: f.properties.provincieCode, statnaam: f.properties.provincie, rubriek: 'provincie' } })),
  });
  return layers;
}

/** A context for calling a table's fetch directly against the fake (no retries: a failure shows at once). */
export function fakeFetchContext(fake: FakePublishers): FetchContext {
  const u = fake.url;
  return { bases: { cbs: `${u}/cbs`, duo: `${u}/duo`, duoFiles: `${u}/duo-files`, pdok: `${u}/pdok`, locatieserver: `${u}/locatieserver` }, http: { timeoutMs: 5_000, retries: 0, backoffMs: 1 }, progress: () => {} };
}

export async function startFakePublishers(options: FakeOptions = {}): Promise<FakePublishers> {
  const cbs = buildCbs(options);
  const pdok = buildPdok();
  const requests: string[] = [];
  let origin = '';

  const handle = (req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', origin);
    const path = url.pathname;
    requests.push(`${path}${url.search}`);
    if (fake.options.intercept?.(req, res, url, origin)) return;
    if (fake.options.transform) {
      // Every body the fake writes passes through the transform.
      const end = res.end.bind(res) as (chunk?: unknown) => ServerResponse;
      (res as unknown as { end: (chunk?: unknown) => ServerResponse }).end = (chunk?: unknown) =>
        end(chunk === undefined ? chunk : Buffer.from(fake.options.transform!(path, Buffer.isBuffer(chunk) ? chunk.toString('utf8') : String(chunk), url), 'utf8'));
    }
    const failWith = fake.options.fail?.(path);
    if (failWith) return json(res, failWith, { error: `fake failure ${failWith}` });

    // CBS catalogue
    if (path === '/cbs/ODataCatalog/Tables') {
      const f = url.searchParams.get('$filter') ?? '';
      const title = /^Title eq '(.*)'$/.exec(f)?.[1]?.replace(/''/g, "'");
      const value = [...[...cbs.entries()].map(([id, t]) => ({ Identifier: id, Title: t.title })), ...(fake.options.catalogue ?? [])]
        .filter((t) => t.Title === title)
        .map((t) => ({ ...t, Modified: '2025-03-27T02:00:00' }));
      return json(res, 200, { 'odata.metadata': `${origin}/cbs/ODataCatalog/$metadata#Tables`, value });
    }
    // CBS tables
    const m = /^\/cbs\/(?:ODataApi|ODataFeed)\/odata\/([^/]+)(?:\/([^/]+))?$/.exec(path);
    if (m) {
      const table = cbs.get(m[1]);
      if (!table) return json(res, 404, { 'odata.error': { message: { value: `Table ${m[1]} not found` } } });
      const entity = m[2];
      let rows: Row[];
      if (entity === 'DataProperties') rows = table.props as unknown as Row[];
      else if (entity === 'TypedDataSet') {
        rows = table.rows.filter(odataFilter(url.searchParams.get('$filter')));
        const select = url.searchParams.get('$select');
        if (select) {
          const cols = select.split(',');
          for (const c of cols) if (!(c in (table.rows[0] ?? {}))) return json(res, 400, { 'odata.error': { message: { value: `Unknown column ${c}` } } });
          rows = rows.map((r) => Object.fromEntries(cols.map((c) => [c, r[c]])));
        }
      } else if (entity && table.dims[entity]) {
        rows = table.dims[entity].filter((d) => !(entity === 'Perioden' && fake.options.dropPeriod?.table === m[1] && d.Key === fake.options.dropPeriod.period)) as unknown as Row[];
      } else return json(res, 404, { 'odata.error': { message: { value: `No ${entity}` } } });
      const size = fake.options.pageSize ?? 10_000;
      const skip = Number(url.searchParams.get('$skip') ?? 0);
      const page = rows.slice(skip, skip + size);
      const body: Record<string, unknown> = { 'odata.metadata': `${origin}${path.replace(/\/[^/]*$/, '')}/$metadata#Cbs.OData.WebAPI.${entity}`, value: page };
      if (skip + size < rows.length) {
        const next = new URL(url);
        next.searchParams.set('$skip', String(skip + size));
        body['odata.nextLink'] = next.toString();
      }
      return json(res, 200, body);
    }
    // DUO CKAN
    if (path === '/duo/api/3/action/package_show') {
      const id = url.searchParams.get('id');
      const files = duoFiles.filter((f) => f.dataset === id);
      if (!files.length) return json(res, 404, { success: false, error: { message: 'Not found', __type: 'Not Found Error' } });
      return json(res, 200, {
        help: `${origin}/duo/api/3/action/help_show?name=package_show`,
        success: true,
        result: {
          name: id,
          title: id,
          license_id: 'cc-by',
          resources: files.map((f, i) => ({ id: `r${i}`, name: f.name, format: 'CSV', url: `${origin}/duo/dataset/${id}/resource/r${i}/download/${f.download}`, last_modified: '2025-01-01T00:00:00' })),
        },
      });
    }
    const ckan = /^\/duo\/dataset\/([^/]+)\/resource\/[^/]+\/download\/([^/]+)$/.exec(path);
    const page = /^\/duo-files\/(.+)\.csv$/.exec(path);
    if (ckan || page) {
      if (page && fake.options.examWindow2020 && decodeURIComponent(page[1]) === 'examenkandidaten-en-geslaagden-2020-2025') {
        res.writeHead(200, { 'content-type': 'text/csv' });
        return res.end(Buffer.from(fixtureExamWindow2020(), 'utf8'));
      }
      const later = fake.options.laterAdviceYear;
      if (page && later && decodeURIComponent(page[1]) === schooladviesFile(later)) {
        res.writeHead(200, { 'content-type': 'text/csv' });
        return res.end(Buffer.from(duoSchooladviezenFile(2024), 'utf8'));
      }
      const f = ckan ? duoFiles.find((x) => x.dataset === ckan[1] && x.download === ckan[2]) : duoFiles.find((x) => x.page && x.name === decodeURIComponent(page![1]));
      if (!f) return json(res, 404, { error: 'no such file' });
      let text = f.build ? f.build() : staged(f.file);
      const r = fake.options.rename;
      if (r && r.file === f.file) {
        const nl = text.indexOf('\n');
        text = text.slice(0, nl).replace(r.from, r.to) + text.slice(nl);
      }
      res.writeHead(200, { 'content-type': 'text/csv' });
      return res.end(f.cp1252 ? windows1252(text) : Buffer.from(text, 'utf8'));
    }
    // PDOK WFS
    const w = /^\/pdok\/cbs\/(wijkenbuurten|gebiedsindelingen)\/(\d{4})\/wfs\/v1_0$/.exec(path);
    if (w) {
      const p = Object.fromEntries([...url.searchParams].map(([k, v]) => [k.toLowerCase(), v]));
      if (p.service !== 'WFS' || p.request !== 'GetFeature' || p.outputformat !== 'application/json') return json(res, 400, { error: 'expected service=WFS&request=GetFeature&outputFormat=application/json' });
      const layer = pdok.get(`${w[1]}/${w[2]}/${p.typenames}`);
      if (!layer) return json(res, 404, { error: `no layer ${p.typenames}` });
      const count = Math.min(Number(p.count ?? 1000), fake.options.wfsMax ?? 1000);
      const start = Number(p.startindex ?? 0);
      const features = layer.features.slice(start, start + count);
      return json(res, 200, { type: 'FeatureCollection', numberMatched: layer.features.length, numberReturned: features.length, timeStamp: '2025-01-01T00:00:00Z', features });
    }
    // PDOK Locatieserver: q=postcode:X and huisnummer:N with fq=type:adres, or q=postcode:X with fq=type:postcode
    if (path === '/locatieserver/free') {
      const q = url.searchParams.get('q') ?? '';
      const fq = url.searchParams.get('fq');
      const a = /^postcode:(\d{4}[A-Z]{2}) and huisnummer:(\d+)$/.exec(q);
      const pc = /^postcode:(\d{4}[A-Z]{2})$/.exec(q);
      let docs: Record<string, unknown>[] = [];
      if (a && fq === 'type:adres') docs = bagIndex().get(`${a[1]}|${a[2]}`) ?? [];
      else if (pc && fq === 'type:postcode') {
        const first = [...bagIndex().entries()].find(([k]) => k.startsWith(`${pc[1]}|`));
        if (first) docs = [{ type: 'postcode', postcode: pc[1], centroide_ll: first[1][0].centroide_ll }];
      } else return json(res, 400, { error: `unexpected query q=${q} fq=${fq}` });
      return json(res, 200, { response: { numFound: docs.length, start: 0, maxScore: 1, numFoundExact: true, docs } });
    }
    return json(res, 404, { error: `unknown path ${path}` });
  };

  const server = createServer((req, res) => {
    try {
      handle(req, res);
    } catch (e) {
      json(res, 500, { error: (e as Error).message });
    }
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const fake: FakePublishers = {
    url: origin,
    requests,
    options,
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
  return fake;
}
