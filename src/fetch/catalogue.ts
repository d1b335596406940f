/**
 * What `contextkaart data fetch` takes: derived from the source modules (src/data/sources/*),
 * each of which says which files it needs, the table or dataset they come from, what they must
 * hold, and which fetch helper of this folder gets them (through the kit below). The files that
 * no open-data interface serves in the readers' layout are listed as unavailable, with the reason.
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
 *   on those pages, and whether DUO still serves them (each is tried under its known name variants,
 *   `duoPageFileVariants`, with the evidence for each); which school years use BRIN_NUMMER.
 * - PDOK Locatieserver (school points): api.pdok.nl/bzk/locatieserver/search/v3_1/free with
 *   centroide_ll "POINT(lon lat)", as many public clients call it; the field query
 *   "postcode:X and huisnummer:N" with fq=type:adres follows PDOK's documented Solr syntax, not seen
 *   in a client. adressen_so exists (public code shows instellingenso.csv in it); its vestigingen
 *   file name is assumed, and without it the points of bo and vo are written and the file says so.
 * When a name or column is wrong, the fetch stops with the table, the URL and what did not match.
 */
import { sourceModules } from '../data/sources/index.js';
import type { FetchKit } from '../data/sources/types.js';
import { jeugdzorgCounts, kwbBasisVariables, kwbShortHeader, kwbTableIds, kwb2022Header, fetchGebieden, fetchJeugdzorgGemeenten, fetchJeugdzorgWijken, fetchKwb2022Gemeenten, fetchKwbBasis, fetchKwbEdition, fetchKwbGemeente, fetchKwbShortNames, fetchStatlineExport } from './cbs-tables.js';
import { fetchGebiedsindeling, fetchGemeentenKwb, fetchWijken } from './pdok-tables.js';
import { fetchDuoFile, fetchDuoFileVariants, fetchDuoRegister, fetchNewestWindow, type DuoNameVariant } from './duo-tables.js';
import { fetchSchoolPoints } from './duo-scholen.js';
import { fetchSchooladviezen, schooladviesFile, schooladviesYears, schooladviezenHeader } from './duo-schooladviezen.js';
import type { FetchContext, FetchedTable, FetchTable, UnavailableTable } from './types.js';

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

/**
 * The names each old DUO page file may be published under, tried in this order (issue 22 item 2):
 * DUO numbers the files of a page ("05-", since about 2019 "05.-") and public copies drop the
 * number. 'seen' = public code downloads or stores this file, or the same series in other years,
 * under this pattern; 'assumed' = the pattern is DUO's elsewhere but not seen for this series. All
 * three files stay required: their source modules (duo-po-scholen, duo-examens, duo-register) are
 * not optional, and their readers need the file. The first of each list is the name in
 * `duoPageFiles` where that one was seen on duo.nl's pages; the fake publishers
 * (tests/helpers/fake-publishers.ts) serve the `duoPageFiles` names.
 * Evidence found with the code search (issue 22), per name:
 */
export const duoPageFileVariants: { readonly examens2014: readonly DuoNameVariant[]; readonly afstandPo2019: readonly DuoNameVariant[]; readonly leerlingenVo2019: readonly DuoNameVariant[] } = {
  examens2014: [
    // seen: the later windows are downloaded without a number from duo.nl/open_onderwijsdata/images
    // ("examenkandidaten-en-geslaagden-2019-2024.csv", -2020-2025: zhaidewei/alleschools, the exam
    // fetcher of its ETL and its test); this very file is stored under this name by ginberg/cito
    // (data/vo/examenkandidaten-en-geslaagden-2014-2019.csv, read by vo/exams.R).
    { name: duoPageFiles.examens2014, evidence: 'seen' },
    // seen for the window before: "06-examenkandidaten-en-geslaagden-2013-2018.csv" downloaded from
    // duo.nl/open_onderwijsdata/images by public Python scripts (a "duodata" package's vo module;
    // the code index showed the files, not their repository).
    { name: `06-${duoPageFiles.examens2014}`, evidence: 'seen' },
    // assumed: DUO's later "NN.-" numbering (as "04.-" for the advice of 2019-2020 and 2020-2021).
    { name: `06.-${duoPageFiles.examens2014}`, evidence: 'assumed' },
  ],
  afstandPo2019: [
    // assumed first: DUO's files of 2019-2020 carry the "NN.-" number (the advice "04.-leerlingen-bo-sbo-
    // schooladviezen-2019-2020", AlleSchools' _schooladviezen_duo_filename); not seen for this series.
    { name: `05.-${duoPageFiles.afstandPo2019}`, evidence: 'assumed' },
    // seen for 2017-2018: "05-gemiddelde-afstand-tussen-woonadres-leerling-en-schoolvestiging-2017-2018.csv"
    // read by a public pandas script (the code index showed the file, not its repository).
    { name: `05-${duoPageFiles.afstandPo2019}`, evidence: 'seen' },
    // seen as a copy: ginberg/cito data/bo/gemiddelde-afstand-tussen-woonadres-leerling-en-schoolvestiging-2019-2020.csv
    // (read by common/afstanden.R; its README lists the file with "?" for a URL): the staged file's source.
    { name: duoPageFiles.afstandPo2019, evidence: 'seen' },
  ],
  leerlingenVo2019: [
    // seen: "01.-leerlingen-vo-per-vestiging-naar-onderwijstype-<year>.csv" on duo.nl/open_onderwijsdata/images
    // for 2024 and 2025 (SchoolNossa; vinkbram/schoolzones-alkmaar; a forward probe for newer years in
    // another scraper) and for 2013-2014 and 2014-2015 (the dataset_source URLs in the documentation of
    // the former api.duo.nl v0).
    { name: duoPageFiles.leerlingenVo2019, evidence: 'seen' },
    // seen for 2017: "01-leerlingen-vo-per-vestiging-naar-onderwijstype-2017.xlsx" read by a public R script.
    { name: duoPageFiles.leerlingenVo2019.replace(/^01\.-/, '01-'), evidence: 'seen' },
    // seen as a copy: ginberg/cito data/vo/leerlingen-vo-per-vestiging-naar-onderwijstype-2019.csv (read by vo/leerlingen.R).
    { name: duoPageFiles.leerlingenVo2019.replace(/^01\.-/, ''), evidence: 'seen' },
  ],
};

type FetchStep = (ctx: FetchContext) => Promise<FetchedTable>;

/** The fetch helpers and constants a source module names (src/data/sources/types.ts FetchKit). */
const kit: FetchKit<FetchStep> = {
  patterns: { GM, WK, GM_OR_WK, VESTIGING },
  schooljaar,
  kwbTableIds,
  kwbShortHeader,
  kwb2022Header,
  kwbBasisVariables,
  jeugdzorgCounts,
  jeugdzorgWijkTables,
  JEUGDZORG_INDICATOREN,
  GEBIEDEN_2023,
  duoDatasets,
  duoPageFiles,
  duoPageFileVariants,
  examStem,
  registerColumns,
  registerFile,
  schooladviesFile,
  schooladviesYears,
  schooladviezenHeader,
  cbs: {
    gebieden: (table) => (ctx) => fetchGebieden(ctx, table),
    kwbShortNames: (table, keep) => (ctx) => fetchKwbShortNames(ctx, table, keep),
    kwb2022Gemeenten: (table) => (ctx) => fetchKwb2022Gemeenten(ctx, table),
    kwbGemeente: (table, gemeente) => (ctx) => fetchKwbGemeente(ctx, table, gemeente),
    kwbBasis: (table) => (ctx) => fetchKwbBasis(ctx, table),
    kwbEdition: (table, edition) => (ctx) => fetchKwbEdition(ctx, table, edition),
    jeugdzorgWijken: (tables) => (ctx) => fetchJeugdzorgWijken(ctx, tables),
    jeugdzorgGemeenten: (table, year) => (ctx) => fetchJeugdzorgGemeenten(ctx, table, year),
    statlineExport: (table, year, regionDim) => (ctx) => fetchStatlineExport(ctx, table, year, regionDim),
  },
  pdok: {
    gemeentenKwb: (year) => (ctx) => fetchGemeentenKwb(ctx, year),
    wijken: (year) => (ctx) => fetchWijken(ctx, year),
    gebiedsindeling: (year, which) => (ctx) => fetchGebiedsindeling(ctx, year, which),
  },
  duo: {
    file: (name) => (ctx) => fetchDuoFile(ctx, name),
    fileVariants: (variants) => (ctx) => fetchDuoFileVariants(ctx, variants),
    newestWindow: (stem, oldestLast) => (ctx) => fetchNewestWindow(ctx, stem, oldestLast),
    register: (dataset, resource) => (ctx) => fetchDuoRegister(ctx, dataset, resource),
    schooladviezen: () => (ctx) => fetchSchooladviezen(ctx),
    schoolPoints: (registers) => (ctx) => fetchSchoolPoints(ctx, registers),
  },
};

const publisherOrder = ['cbs', 'pdok', 'duo'] as const;

/** Every file `data fetch` takes, per publisher (CBS, PDOK, DUO), each publisher's in registry order. */
export const fetchTables: FetchTable[] = sourceModules
  .flatMap((m) =>
    (m.fetchTables?.(kit) ?? []).map(({ fetch, sourceId, ...t }): FetchTable => ({ ...t, sourceId: sourceId ?? m.sources[0].id, fetch: (ctx) => fetch(ctx) })),
  )
  .map((t, i) => ({ t, i }))
  .sort((a, b) => publisherOrder.indexOf(a.t.publisher) - publisherOrder.indexOf(b.t.publisher) || a.i - b.i)
  .map(({ t }) => t);

/** Files the readers use that no open-data interface serves in their layout: the report leaves their figures out when absent. */
export const unavailableTables: UnavailableTable[] = sourceModules.flatMap((m) => (m.unavailable ?? []).map((u) => ({ ...u, sourceId: u.sourceId ?? m.sources[0].id })));

export function tablesFor(only?: string, year?: number): FetchTable[] {
  return fetchTables.filter((t) => (!only || t.publisher === only) && (year === undefined || t.year === year));
}
