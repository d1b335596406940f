/**
 * What `contextkaart data fetch` takes, per publisher, in one place: each file the
 * readers use (src/data/sources.ts says what the source is), the table or dataset it
 * comes from, and what it must hold. The files that no open-data interface serves in
 * the readers' layout are listed as unavailable, with the reason.
 *
 * NOT VERIFIED against the live services (no internet on the machine this was built on):
 * the CBS OData key stems, the topic groups of "Gebieden in Nederland 2023" (85385NED), four
 * of the six DUO CKAN dataset names and the resource patterns, the column layout of DUO's
 * schooladviezen files (from public code that reads them), and the PDOK gebiedsindelingen
 * layer names. The table ids (KWB 85039NED, 85318NED, 85618NED, 85984NED; 85385NED) agree with
 * several public clients of the CBS API. When one of them is wrong, the fetch stops with the
 * table, the URL and what did not match.
 */
import { sources } from '../data/sources.js';
import { jeugdzorgCounts, kwbBasisVariables, kwbShortHeader, kwbTableIds, kwb2022Header, fetchGebieden, fetchJeugdzorgGemeenten, fetchJeugdzorgWijken, fetchKwb2022Gemeenten, fetchKwbBasis, fetchKwbGemeente, fetchKwbShortNames, fetchStatlineExport } from './cbs-tables.js';
import { fetchGebiedsindeling, fetchGemeentenKwb, fetchWijken } from './pdok-tables.js';
import { fetchDuoResource } from './duo-tables.js';
import { fetchSchoolPoints } from './duo-scholen.js';
import { fetchSchooladviezen, schooladviesYears, schooladviezenHeader } from './duo-schooladviezen.js';
import type { FetchTable, UnavailableTable } from './types.js';

const GM = /^GM\d{4}$/;
const WK = /^WK\d{4}[0-9A-Z]{2}$/;
const GM_OR_WK = /^(GM\d{4}|WK\d{4}[0-9A-Z]{2})$/;
const schooljaar = (y: number) => `SCHOOLJAAR ${y}-${y + 1}`;

/** Jeugdzorg in natura; wijken en buurten, one table per year. */
export const jeugdzorgWijkTables = { 2021: '85075NED', 2022: '85335NED' } as const;
export const JEUGDZORG_INDICATOREN = '85098NED';
export const GEBIEDEN_2023 = '85385NED';

/**
 * DUO CKAN datasets (onderwijsdata.duo.nl) and the resource of each. adressen_bo/adressen_vo
 * (resources vestigingenbo.csv/vestigingenvo.csv) are names seen in public clients of the API; the
 * other three names are our guess from DUO's file titles: check them with package_show on the first
 * live run. DUO's registers are current, not of 2020: the file keeps the path the reader knows and
 * datapackage.json records when it was fetched.
 *
 * schooladviezen: a guess too. Public code downloads the per-year files "04-leerlingen-bo-sbo-
 * schooladviezen-<schooljaar>.csv" ("04.-…" for 2019-2020 and 2020-2021) from
 * duo.nl/open_onderwijsdata/images/, not through CKAN; on onderwijsdata.duo.nl public code names a
 * dataset "wpoadvies-v1" with one long-format resource (brin6_advies.csv: INSTELLINGSCODE,
 * VESTIGINGSCODE, TYPE_PO, PEILJAAR, ADVIES as a numeric code, AANTAL_LEERLINGEN), whose advice
 * codes are not documented in anything found, so it is not used. Check with package_show which
 * dataset holds the per-year files on the first live run.
 */
export const duoDatasets = {
  examens: 'examenkandidaten-en-geslaagden-vo',
  afstandPo: 'afstand-woonadres-leerling-schoolvestiging-po',
  vestigingenBo: 'adressen_bo',
  vestigingenVo: 'adressen_vo',
  /** sbo, so and vso vestigingen: a guess (DUO's file "alle vestigingen sbo, so en vso"); optional for the school points. */
  vestigingenSo: 'adressen_so',
  leerlingenVo: 'leerlingen-vo-per-vestiging-naar-onderwijstype',
  schooladviezen: 'leerlingen-bo-sbo-schooladviezen',
} as const;

export const fetchTables: FetchTable[] = [
  // CBS
  {
    name: 'cbs-gebieden-2023',
    sourceId: 'koppeltabel',
    publisher: 'cbs',
    tableId: GEBIEDEN_2023,
    year: 2023,
    file: sources.koppeltabel.file,
    check: { kind: 'csv', sep: ';', columns: ['gemeentCode', 'gemeenteNaam', 'veiligheidsRegioCode', 'provincieCode', 'Provincie'], codes: { column: 'gemeentCode', pattern: GM, min: 300 } },
    fetch: (ctx) => fetchGebieden(ctx, GEBIEDEN_2023),
  },
  {
    name: 'cbs-kwb-2021',
    sourceId: 'kwb-2021',
    publisher: 'cbs',
    tableId: kwbTableIds[2021],
    year: 2021,
    file: sources['kwb-2021'].file,
    check: { kind: 'csv', sep: ',', columns: kwbShortHeader, codes: { column: 'gwb_code_10', pattern: GM_OR_WK, min: 3000 } },
    fetch: (ctx) => fetchKwbShortNames(ctx, kwbTableIds[2021], (c) => c === 'NL00' || GM_OR_WK.test(c)),
  },
  {
    name: 'cbs-kwb-2022-gemeenten',
    sourceId: 'kwb-2022',
    publisher: 'cbs',
    tableId: kwbTableIds[2022],
    year: 2022,
    file: sources['kwb-2022'].file,
    check: { kind: 'csv', sep: ',', columns: kwb2022Header, codes: { column: 'gemeentecode', pattern: GM, min: 300 } },
    fetch: (ctx) => fetchKwb2022Gemeenten(ctx, kwbTableIds[2022]),
  },
  {
    name: 'cbs-kwb-2023-utrecht',
    sourceId: 'kwb-2023-utrecht',
    publisher: 'cbs',
    tableId: kwbTableIds[2023],
    year: 2023,
    file: sources['kwb-2023-utrecht'].file,
    check: { kind: 'csv', sep: ',', columns: ['gwb_code', 'regio', 'recs', 'a_inw', 'a_soz_wb'], codes: { column: 'gwb_code', pattern: /^(GM0344|WK0344\d\d|BU0344\d{4})$/, min: 2 } },
    fetch: (ctx) => fetchKwbGemeente(ctx, kwbTableIds[2023], 'GM0344'),
  },
  {
    name: 'cbs-kwb-2024',
    sourceId: 'kwb-2024',
    publisher: 'cbs',
    tableId: kwbTableIds[2024],
    year: 2024,
    file: sources['kwb-2024'].file,
    check: { kind: 'kwb-json', variables: kwbBasisVariables, minGemeenten: 300, minWijken: 3000 },
    fetch: (ctx) => fetchKwbBasis(ctx, kwbTableIds[2024]),
  },
  {
    name: 'cbs-jeugdzorg-wijken-2021-2022',
    sourceId: 'jeugdzorg-wijk-2022',
    publisher: 'cbs',
    tableId: `${jeugdzorgWijkTables[2021]}+${jeugdzorgWijkTables[2022]}`,
    year: 2022,
    file: sources['jeugdzorg-wijk-2022'].file,
    check: {
      kind: 'csv',
      sep: ',',
      columns: ['year', 'gwb_code_10', 'regio', 'recs', ...jeugdzorgCounts.slice(0, 17)],
      codes: { column: 'gwb_code_10', pattern: GM_OR_WK, min: 3000 },
      years: { column: 'year', expect: [2021, 2022] },
    },
    fetch: (ctx) => fetchJeugdzorgWijken(ctx, [
      { year: 2021, table: jeugdzorgWijkTables[2021] },
      { year: 2022, table: jeugdzorgWijkTables[2022] },
    ]),
  },
  {
    name: 'cbs-jeugdzorg-gemeenten-2022',
    sourceId: 'jeugdzorg-wijk-2022',
    publisher: 'cbs',
    tableId: jeugdzorgWijkTables[2022],
    year: 2022,
    file: sources['jeugdzorg-wijk-2022'].files[0],
    check: { kind: 'csv', sep: ',', columns: ['Wijken', 'Perioden', ...jeugdzorgCounts.slice(0, 17)], codes: { column: 'Wijken', pattern: /^(NL00|GM\d{4})$/, min: 300 }, years: { column: 'Perioden', expect: [2022] } },
    fetch: (ctx) => fetchJeugdzorgGemeenten(ctx, jeugdzorgWijkTables[2022], 2022),
  },
  {
    name: 'cbs-jeugdzorg-indicatoren-2022',
    sourceId: 'jeugdzorg-indicatoren',
    publisher: 'cbs',
    tableId: JEUGDZORG_INDICATOREN,
    year: 2022,
    file: sources['jeugdzorg-indicatoren'].file,
    check: { kind: 'csv', sep: ';', columns: ["Regio's", 'Perioden'], years: { column: 'Perioden', expect: [2022] } },
    fetch: (ctx) => fetchStatlineExport(ctx, JEUGDZORG_INDICATOREN, 2022, 'RegioS'),
  },
  // PDOK
  {
    name: 'pdok-gemeenten-2023-kwb',
    sourceId: 'kwb-2023',
    publisher: 'pdok',
    tableId: 'cbs/wijkenbuurten/2023: gemeenten',
    year: 2023,
    file: sources['kwb-2023'].file,
    check: { kind: 'geojson', codeProperty: 'gemeentecode', pattern: GM, min: 300, properties: ['gemeentenaam', 'aantalInwoners', 'aantalHuishoudens'] },
    fetch: (ctx) => fetchGemeentenKwb(ctx, 2023),
  },
  {
    name: 'pdok-wijken-2024',
    sourceId: 'kwb-2024-wijken',
    publisher: 'pdok',
    tableId: 'cbs/wijkenbuurten/2024: wijken',
    year: 2024,
    file: sources['kwb-2024-wijken'].file,
    check: { kind: 'geojson', codeProperty: 'wijkcode', pattern: WK, min: 3000, properties: ['wijknaam', 'gemeentecode', 'aantal_inwoners', 'huishoudens'] },
    fetch: (ctx) => fetchWijken(ctx, 2024),
  },
  {
    name: 'pdok-gemeentegrenzen-2023',
    sourceId: 'grenzen',
    publisher: 'pdok',
    tableId: 'cbs/gebiedsindelingen/2023: gemeente_gegeneraliseerd',
    year: 2023,
    file: 'geo/gemeenten_simplified_342.geojson',
    check: { kind: 'geojson', codeProperty: 'gemeenteCode', pattern: GM, min: 300, properties: ['gemeenteNaam'] },
    fetch: (ctx) => fetchGebiedsindeling(ctx, 2023, 'gemeente'),
  },
  {
    name: 'pdok-provinciegrenzen-2023',
    sourceId: 'grenzen',
    publisher: 'pdok',
    tableId: 'cbs/gebiedsindelingen/2023: provincie_gegeneraliseerd',
    year: 2023,
    file: 'geo/provincies_simplified.geojson',
    check: { kind: 'geojson', codeProperty: 'provincieCode', pattern: /^PV\d\d$/, min: 12, properties: ['provincie'] },
    fetch: (ctx) => fetchGebiedsindeling(ctx, 2023, 'provincie'),
  },
  // DUO
  {
    name: 'duo-examens-2019-2024',
    sourceId: 'duo-examen',
    publisher: 'duo',
    tableId: duoDatasets.examens,
    year: 2024,
    file: sources['duo-examen'].file,
    check: {
      kind: 'csv',
      sep: ';',
      columns: ['VESTIGINGSCODE', 'GEMEENTENAAM', 'ONDERWIJSTYPE VO', 'OPLEIDINGSNAAM'],
      years: { headerPattern: schooljaar, expect: [2019, 2020, 2021, 2022, 2023] },
    },
    fetch: (ctx) => fetchDuoResource(ctx, duoDatasets.examens, /2019-2024/),
  },
  {
    name: 'duo-examens-2014-2019',
    sourceId: 'duo-examen-2014',
    publisher: 'duo',
    tableId: duoDatasets.examens,
    year: 2019,
    file: sources['duo-examen-2014'].file,
    check: { kind: 'csv', sep: ';', columns: ['BRIN NUMMER', 'VESTIGINGSNUMMER', 'GEMEENTENAAM', 'ONDERWIJSTYPE VO', 'OPLEIDINGSNAAM'], years: { headerPattern: schooljaar, expect: [2014, 2015, 2016, 2017, 2018] } },
    fetch: (ctx) => fetchDuoResource(ctx, duoDatasets.examens, /2014-2019/),
  },
  {
    name: 'duo-afstand-po-2019',
    sourceId: 'duo-leerlingen-po-2019',
    publisher: 'duo',
    tableId: duoDatasets.afstandPo,
    year: 2019,
    file: sources['duo-leerlingen-po-2019'].file,
    check: { kind: 'csv', sep: ';', columns: ['PEILDATUM', 'BRIN_NUMMER', 'VESTIGINGSNUMMER', 'GEMEENTENUMMER', 'SOORT_PO', 'LEERLINGEN'], years: { column: 'PEILDATUM', expect: [2019] } },
    fetch: (ctx) => fetchDuoResource(ctx, duoDatasets.afstandPo, /2019-2020/),
  },
  {
    name: 'duo-vestigingen-bo',
    sourceId: 'duo-schooladviezen',
    publisher: 'duo',
    tableId: duoDatasets.vestigingenBo,
    year: 2020,
    file: sources['duo-schooladviezen'].files[0],
    check: { kind: 'csv', sep: ';', columns: ['BEVOEGD GEZAG NUMMER', 'BRIN NUMMER', 'VESTIGINGSNUMMER', 'GEMEENTENUMMER', 'GEMEENTENAAM'] },
    fetch: (ctx) => fetchDuoResource(ctx, duoDatasets.vestigingenBo, /vestigingen/i),
  },
  {
    name: 'duo-vestigingen-vo',
    sourceId: 'duo-leerlingen-vo-2019',
    publisher: 'duo',
    tableId: duoDatasets.vestigingenVo,
    year: 2020,
    file: sources['duo-leerlingen-vo-2019'].files[0],
    check: { kind: 'csv', sep: ';', columns: ['BEVOEGD GEZAG NUMMER', 'BRIN NUMMER', 'VESTIGINGSNUMMER', 'GEMEENTENUMMER', 'GEMEENTENAAM'] },
    fetch: (ctx) => fetchDuoResource(ctx, duoDatasets.vestigingenVo, /vestigingen/i),
  },
  {
    name: 'duo-leerlingen-vo-2019',
    sourceId: 'duo-leerlingen-vo-2019',
    publisher: 'duo',
    tableId: duoDatasets.leerlingenVo,
    year: 2019,
    file: sources['duo-leerlingen-vo-2019'].file,
    check: { kind: 'csv', sep: ';', columns: ['BRIN NUMMER', 'VESTIGINGSNUMMER', 'ONDERWIJSTYPE VO EN LEER- OF VERBLIJFSJAAR', 'LEER- OF VERBLIJFSJAAR 1 - MAN'] },
    fetch: (ctx) => fetchDuoResource(ctx, duoDatasets.leerlingenVo, /2019/),
  },
  {
    name: 'duo-schooladviezen-2019-2025',
    sourceId: 'duo-schooladviezen',
    publisher: 'duo',
    tableId: duoDatasets.schooladviezen,
    year: 2024,
    file: sources['duo-schooladviezen'].file,
    check: {
      kind: 'csv',
      sep: ';',
      columns: schooladviezenHeader,
      codes: { column: 'instellingscode', pattern: /^\d\d[A-Z]{2}$/, min: 1000 },
      years: { column: 'schooljaar', expect: schooladviesYears },
    },
    fetch: (ctx) => fetchSchooladviezen(ctx, duoDatasets.schooladviezen),
  },
  {
    name: 'duo-pdok-schoolpunten',
    sourceId: 'duo-scholen-2024',
    publisher: 'duo',
    tableId: `${duoDatasets.vestigingenBo}+${duoDatasets.vestigingenVo}+${duoDatasets.vestigingenSo} → PDOK Locatieserver`,
    // The registers are today's: the year of the fetch.
    year: new Date().getFullYear(),
    file: sources['duo-scholen-2024'].file,
    check: { kind: 'geojson', codeProperty: 'vestigingscode', pattern: /^[0-9A-Z]{4}\d\d$/, min: 3000, properties: ['naam', 'type', 'gemeente'] },
    fetch: (ctx) =>
      fetchSchoolPoints(ctx, [
        { kind: 'bo', dataset: duoDatasets.vestigingenBo, resource: /vestigingen/i },
        { kind: 'vo', dataset: duoDatasets.vestigingenVo, resource: /vestigingen/i },
        { kind: 'so', dataset: duoDatasets.vestigingenSo, resource: /vestigingen/i, optional: true },
      ]),
  },
];

/** Files the readers use that no open-data interface serves in their layout: the report leaves their figures out when absent. */
export const unavailableTables: UnavailableTable[] = [
  {
    file: sources['cbs-achterstand-2019'].file,
    sourceId: 'cbs-achterstand-2019',
    year: 2019,
    reason: 'CBS published the achterstandsscores 2019 as an Excel workbook (not in StatLine/OData); later years are DUO schoolweging files in another layout',
    optional: true,
  },
  {
    file: sources['cbs-achterstand-2019'].files[0],
    sourceId: 'cbs-achterstand-2019',
    year: 2019,
    reason: 'as above (tabel 1 of the same workbook)',
    optional: true,
  },
];

export function tablesFor(only?: string, year?: number): FetchTable[] {
  return fetchTables.filter((t) => (!only || t.publisher === only) && (year === undefined || t.year === year));
}
