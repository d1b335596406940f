/**
 * What `contextkaart data fetch` takes, per publisher, in one place: each file the
 * readers use (src/data/sources.ts says what the source is), the table or dataset it
 * comes from, and what it must hold. The files that no open-data interface serves in
 * the readers' layout are listed as unavailable, with the reason.
 *
 * Never tried against the live services (no internet where this was built). Checked instead
 * against public code that calls them (issue 14; the evidence is cited where each is used):
 * - CBS: ODataFeed with odata.nextLink paging, the table ids (KWB 85039NED, 85318NED, 85618NED,
 *   85984NED; 85385NED; 85098NED), the key stems of every KWB column taken (education renamed
 *   from 2023 on: fixed), the nested topic groups of 85385NED, the keys of 85098NED. Not seen:
 *   the title of the veiligheidsregio group in 85385NED, the jeugdzorg wijk tables 85075NED/85335NED
 *   beyond the staged download, `$select` on ODataFeed.
 * - PDOK: service.pdok.nl/cbs/gebiedsindelingen/<year>/wfs/v1_0 with gemeente_gegeneraliseerd and
 *   provincie_gegeneraliseerd (statcode, statnaam), cbs/wijkenbuurten/<year> with gemeenten and
 *   wijken (camelCase properties, -99997 for masked figures), srsName=EPSG:4326 giving longitude
 *   first in GeoJSON (PDOK's default is EPSG:28992), count/startIndex paging, at most 1,000 features
 *   an answer.
 * - DUO: the CKAN datasets adressen_bo/adressen_vo with vestigingenbo.csv/vestigingenvo.csv, whose
 *   current layout (',', INSTELLINGSCODE/VESTIGINGSCODE) differs from the reader's (fixed: converted);
 *   the per-year files on duo.nl/open_onderwijsdata/images (schooladviezen per school year, exams
 *   2019-2024, the naming of "leerlingen vo per vestiging"). The four other CKAN dataset names
 *   first assumed here occur nowhere: those files are now taken from DUO's pages. Not seen: the
 *   exact names of the 2014-2019 exam file, the 2019 pupil file and the 2019-2020 distance file
 *   on those pages, and whether DUO still serves them; which school years use BRIN_NUMMER.
 * - PDOK Locatieserver (school points): api.pdok.nl/bzk/locatieserver/search/v3_1/free with
 *   centroide_ll "POINT(lon lat)", as many public clients call it; the field query
 *   "postcode:X and huisnummer:N" with fq=type:adres follows PDOK's documented Solr syntax, not seen
 *   in a client. adressen_so exists (public code shows instellingenso.csv in it); its vestigingen
 *   file name is assumed, and without it the points of bo and vo are written and the file says so.
 * When a name or column is wrong, the fetch stops with the table, the URL and what did not match.
 */
import { sources } from '../data/sources.js';
import { jeugdzorgCounts, kwbBasisVariables, kwbShortHeader, kwbTableIds, kwb2022Header, fetchGebieden, fetchJeugdzorgGemeenten, fetchJeugdzorgWijken, fetchKwb2022Gemeenten, fetchKwbBasis, fetchKwbGemeente, fetchKwbShortNames, fetchStatlineExport } from './cbs-tables.js';
import { fetchGebiedsindeling, fetchGemeentenKwb, fetchWijken } from './pdok-tables.js';
import { fetchDuoFile, fetchDuoRegister, fetchNewestWindow } from './duo-tables.js';
import { fetchSchoolPoints } from './duo-scholen.js';
import { fetchSchooladviezen, schooladviesFile, schooladviesYears, schooladviezenHeader } from './duo-schooladviezen.js';
import { inkomen2020CheckLines } from '../data/sources/cbs-inkomen-2020.js';
import type { FetchTable, UnavailableTable } from './types.js';

const GM = /^GM\d{4}$/;
const WK = /^WK\d{4}[0-9A-Z]{2}$/;
const GM_OR_WK = /^(GM\d{4}|WK\d{4}[0-9A-Z]{2})$/;
const schooljaar = (y: number) => `SCHOOLJAAR ${y}-${y + 1}`;
/** What the register reader needs (src/data/sources/duo-register.ts); VESTIGINGSNUMMER of 2 or 6 characters. */
const registerColumns = ['BRIN NUMMER', 'VESTIGINGSNUMMER', 'PLAATSNAAM', 'GEMEENTENUMMER', 'GEMEENTENAAM'];
const VESTIGING = /^([0-9A-Z]{4})?\d\d$/;

/** Jeugdzorg in natura; wijken en buurten, one table per year. */
export const jeugdzorgWijkTables = { 2021: '85075NED', 2022: '85335NED' } as const;
export const JEUGDZORG_INDICATOREN = '85098NED';
export const GEBIEDEN_2023 = '85385NED';

/**
 * DUO CKAN datasets (onderwijsdata.duo.nl). adressen_bo/adressen_vo and their resources
 * vestigingenbo.csv/vestigingenvo.csv (beside instellingenbo.csv/instellingenvo.csv) are used by
 * public code that ran (e.g. duo_schools.py and its ingestion notes of 2025; the Woonscore
 * seed-scholen script; SchoolNossa's nl_po registry script). DUO's registers are current, not of
 * 2020: the file keeps the path the reader knows and datapackage.json records when it was fetched.
 */
export const duoDatasets = {
  vestigingenBo: 'adressen_bo',
  vestigingenVo: 'adressen_vo',
  /** sbo, so and vso: the dataset exists (instellingenso.csv seen in public code); optional for the school points. */
  vestigingenSo: 'adressen_so',
} as const;

/** The register of a dataset: its "alle vestigingen" file, not the instellingen beside it. */
const registerFile = (kind: 'bo' | 'vo' | 'so') => new RegExp(`(^|/)vestigingen${kind}\\.csv$`, 'i');

/**
 * DUO's files on its open-data pages (duo.nl/open_onderwijsdata/images/<name>.csv), where public
 * code downloads them; no CKAN dataset holding them was found. Seen in public code: the exam file
 * 2019-2024 (several scripts of 2024-2026, alongside 2020-2025), the schooladviezen per school year
 * (duo-schooladviezen.ts), "01.-leerlingen-vo-per-vestiging-naar-onderwijstype-<year>.csv" for 2024
 * and 2025 (SchoolNossa). Not seen on the pages, so the names are those under which public code
 * stored them (ginberg/cito, the source of the staged copies): the exam file 2014-2019 and the
 * distance file 2019-2020 (DUO named 2017-2018 "05-gemiddelde-afstand-…"); the 2019 pupil file
 * follows the pattern of 2024/2025.
 */
const examStem = 'examenkandidaten-en-geslaagden';
export const duoPageFiles = {
  examens2019: 'examenkandidaten-en-geslaagden-2019-2024',
  examens2014: 'examenkandidaten-en-geslaagden-2014-2019',
  afstandPo2019: 'gemiddelde-afstand-tussen-woonadres-leerling-en-schoolvestiging-2019-2020',
  leerlingenVo2019: '01.-leerlingen-vo-per-vestiging-naar-onderwijstype-2019',
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
    tableId: `${duoPageFiles.examens2019} or newer`,
    year: 2024,
    file: sources['duo-examen'].file,
    check: {
      kind: 'csv',
      sep: ';',
      columns: ['VESTIGINGSCODE', 'GEMEENTENAAM', 'ONDERWIJSTYPE VO', 'OPLEIDINGSNAAM'],
      // The years every window up to 2021-2026 shares: the reader takes the file's own five.
      years: { headerPattern: schooljaar, expect: [2021, 2022, 2023] },
    },
    // The newest five-year window DUO serves (2021-2026, 2020-2025, …), else 2019-2024: the newest exam figures.
    fetch: (ctx) => fetchNewestWindow(ctx, examStem, 2024),
  },
  {
    name: 'duo-examens-2014-2019',
    sourceId: 'duo-examen-2014',
    publisher: 'duo',
    tableId: duoPageFiles.examens2014,
    year: 2019,
    file: sources['duo-examen-2014'].file,
    check: { kind: 'csv', sep: ';', columns: ['BRIN NUMMER', 'VESTIGINGSNUMMER', 'GEMEENTENAAM', 'ONDERWIJSTYPE VO', 'OPLEIDINGSNAAM'], years: { headerPattern: schooljaar, expect: [2014, 2015, 2016, 2017, 2018] } },
    fetch: (ctx) => fetchDuoFile(ctx, duoPageFiles.examens2014),
  },
  {
    name: 'duo-afstand-po-2019',
    sourceId: 'duo-leerlingen-po-2019',
    publisher: 'duo',
    tableId: duoPageFiles.afstandPo2019,
    year: 2019,
    file: sources['duo-leerlingen-po-2019'].file,
    check: { kind: 'csv', sep: ';', columns: ['PEILDATUM', 'BRIN_NUMMER', 'VESTIGINGSNUMMER', 'GEMEENTENUMMER', 'SOORT_PO', 'LEERLINGEN'], years: { column: 'PEILDATUM', expect: [2019] } },
    fetch: (ctx) => fetchDuoFile(ctx, duoPageFiles.afstandPo2019),
  },
  {
    name: 'duo-vestigingen-bo',
    sourceId: 'duo-schooladviezen',
    publisher: 'duo',
    tableId: duoDatasets.vestigingenBo,
    year: 2020,
    file: sources['duo-schooladviezen'].files[0],
    check: { kind: 'csv', sep: ';', columns: registerColumns, codes: { column: 'VESTIGINGSNUMMER', pattern: VESTIGING, min: 5000 } },
    fetch: (ctx) => fetchDuoRegister(ctx, duoDatasets.vestigingenBo, registerFile('bo')),
  },
  {
    name: 'duo-vestigingen-vo',
    sourceId: 'duo-leerlingen-vo-2019',
    publisher: 'duo',
    tableId: duoDatasets.vestigingenVo,
    year: 2020,
    file: sources['duo-leerlingen-vo-2019'].files[0],
    check: { kind: 'csv', sep: ';', columns: registerColumns, codes: { column: 'VESTIGINGSNUMMER', pattern: VESTIGING, min: 1000 } },
    fetch: (ctx) => fetchDuoRegister(ctx, duoDatasets.vestigingenVo, registerFile('vo')),
  },
  {
    name: 'duo-leerlingen-vo-2019',
    sourceId: 'duo-leerlingen-vo-2019',
    publisher: 'duo',
    tableId: duoPageFiles.leerlingenVo2019,
    year: 2019,
    file: sources['duo-leerlingen-vo-2019'].file,
    check: { kind: 'csv', sep: ';', columns: ['BRIN NUMMER', 'VESTIGINGSNUMMER', 'ONDERWIJSTYPE VO EN LEER- OF VERBLIJFSJAAR', 'LEER- OF VERBLIJFSJAAR 1 - MAN'] },
    fetch: (ctx) => fetchDuoFile(ctx, duoPageFiles.leerlingenVo2019),
  },
  {
    name: 'duo-schooladviezen-2019-2025',
    sourceId: 'duo-schooladviezen',
    publisher: 'duo',
    tableId: `${schooladviesFile(2019)} … ${schooladviesFile(2024)}`,
    year: 2024,
    file: sources['duo-schooladviezen'].file,
    check: {
      kind: 'csv',
      sep: ';',
      columns: schooladviezenHeader,
      codes: { column: 'instellingscode', pattern: /^\d\d[A-Z]{2}$/, min: 1000 },
      years: { column: 'schooljaar', expect: schooladviesYears },
    },
    fetch: (ctx) => fetchSchooladviezen(ctx),
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
        { kind: 'bo', dataset: duoDatasets.vestigingenBo, resource: registerFile('bo') },
        { kind: 'vo', dataset: duoDatasets.vestigingenVo, resource: registerFile('vo') },
        // adressen_so exists (public code shows instellingenso.csv in it); its vestigingen file name is assumed.
        { kind: 'so', dataset: duoDatasets.vestigingenSo, resource: registerFile('so'), optional: true },
      ]),
  },
];

/** Files the readers use that no open-data interface serves in their layout: the report leaves their figures out when absent. */
export const unavailableTables: UnavailableTable[] = [
  {
    file: sources['cbs-achterstand-2019'].file,
    sourceId: 'cbs-achterstand-2019',
    year: 2019,
    reason: 'CBS published the achterstandsscores 2019 only as an Excel workbook on cbs.nl (not in StatLine/OData): download it and run `contextkaart data import <workbook.xlsx>`',
    optional: true,
    check: { kind: 'csv', sep: ';', columns: ['brin_vestiging', 'achterstandsscore_zonder_drempel', 'achterstandsscore_zonder_drempel_onderbouw', 'achterstandsscore_zonder_drempel_bovenbouw', 'betrouwbaarheid_noot'], codes: { column: 'brin_vestiging', pattern: /^[0-9A-Z]{4}\d\d$/, min: 1000 } },
  },
  {
    file: sources['cbs-achterstand-2019'].files[0],
    sourceId: 'cbs-achterstand-2019',
    year: 2019,
    reason: 'as above (tabel 1 of the same workbook)',
    optional: true,
    check: { kind: 'csv', sep: ';', columns: ['brin_vestiging', 'aantal_bekostigde_leerlingen', 'achterstandsscore', 'betrouwbaarheid_noot'], codes: { column: 'brin_vestiging', pattern: /^[0-9A-Z]{4}\d\d$/, min: 1000 } },
  },
  {
    file: sources['cbs-inkomen-2020'].file,
    sourceId: 'cbs-inkomen-2020',
    year: 2020,
    reason:
      'CBS published "Inkomen per gemeente en wijk, 2020" (wijkindeling 2023) only as a maatwerk Excel file on cbs.nl (www.cbs.nl/nl-nl/maatwerk/2023/35/inkomen-per-gemeente-en-wijk-2020), not in StatLine/OData: convert it to a CSV with the columns gwb_code, regio, recs, gm_code, g_ink_pi, p_hh_li, p_hh_hi (\',\' separated, \'.\' decimals, an empty cell where CBS wrote \'.\'), or copy the staged one; without it the income wijk maps show KWB 2021 only',
    optional: true,
    // The reader's own checks: columns, one row per code, well-formed codes, shares within 0-100 and p_hh_li + p_hh_hi at most 100.
    check: { kind: 'rows', problems: inkomen2020CheckLines },
  },
];

export function tablesFor(only?: string, year?: number): FetchTable[] {
  return fetchTables.filter((t) => (!only || t.publisher === only) && (year === undefined || t.year === year));
}
