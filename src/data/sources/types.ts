/**
 * What a source reader yields: long-format observations in the indeling the
 * source was published in. `indeling.ts` converts gemeente codes to the
 * gemeentelijke indeling of 2023; wijk codes stay the source's own and are
 * matched to the 2024 wijken by `wijk-matching.ts`.
 */
import type { IndicatorDef } from '../indicator-def.js';
import type { FigureDef } from '../figure-def.js';
import type { SeriesStore } from '../series.js';
export interface SourceObservation {
  /** "GM0363", "WK036300" (or "NL00" for a national figure the source publishes itself). */
  code: string;
  /** A catalogue indicator id. */
  indicator: string;
  /** The year the catalogue files it under (KWB edition year, or the first calendar year of a school year). */
  year: number;
  value: number | null;
  /** Counts behind a share, when known: used to aggregate exactly and to suppress small numbers. */
  numerator?: number;
  denominator?: number;
  suppressed?: boolean;
  /** Why the value is missing, or how it was made, in Dutch, for the reader. */
  note?: string;
  /** The value rests on cells the publisher rounded or masked (DUO's "<5"): printed as approximate. */
  approximate?: boolean;
  /** Year of the gemeentelijke indeling that a GM code belongs to (1 January of that year). */
  indeling: number;
}

export interface SourceReading {
  observations: SourceObservation[];
  /** Facts about the read a reader of the report or the user should know (Dutch), e.g. rows left out and why. */
  notes: string[];
  /** Wijken as the source names them: code → name and inhabitants, for matching to the 2024 wijken. */
  wijken?: Map<string, { name: string; gemeenteCode: string; inwoners: number | null }>;
  /** The wijkindeling of the wijk codes when it is not the year of the figures (income 2020 on the wijken of 2023). */
  wijkindeling?: number;
  /**
   * The same figures per school, kept apart from the gemeente observations: codes
   * `school:<BRIN+vest>` or `instelling:<BRIN>` (src/data/school-area.ts), for areas of wijken.
   */
  schools?: SourceObservation[];
}

/** Reads files of the data directory by their path relative to it (and records their hashes). */
export interface DataFiles {
  readonly dataDir: string;
  text(file: string): Promise<string>;
  json<T>(file: string): Promise<T>;
}

/**
 * The public sources the catalogue draws on, with the citation printed under
 * each figure and in the colophon. Paths are relative to the data directory.
 */
export interface SourceDef {
  id: string;
  publisher: 'CBS' | 'DUO' | 'PDOK' | 'CBS/PDOK' | 'DUO (afgeleid)' | 'CBS/DUO' | 'Gelijke Kansen Alliantie';
  /** Short citation under a figure: "CBS, Kerncijfers wijken en buurten 2022". */
  citation: string;
  /** CBS table id or dataset name, for the colophon. */
  table: string;
  /** The file (or first file) read, relative to the data directory. */
  file: string;
  /** Other files of the same source. */
  files?: string[];
  /** Gemeentelijke indeling (1 January of this year) of the source's gemeente codes or names. */
  indeling?: number;
  license: string;
  caveat?: string;
  /**
   * 'school': the source counts pupils where their school stands (DUO, the CBS achterstandsscores):
   * its figures are about the schools in an area, not its own children, and every sentence that
   * stresses them says so ("op scholen in Arnhem").
   */
  countsBy?: 'school';
}

/** A band for number columns (src/fetch/validate.ts): text in them is an error, and so is a number outside the band. */
export interface NumberBand {
  /** Column (property, variable) names, or a pattern they match. */
  columns: readonly string[] | RegExp;
  min?: number;
  max?: number;
  /** Why the band is what it is, shown with a value outside it ("a share, 0-100"). */
  why: string;
  /** Only the rows whose `column` matches (e.g. the gemeenten: code /^GM/). */
  rows?: { column: string; pattern: RegExp };
  /** Cell texts meaning "not published" besides an empty cell ('.', '<5'). */
  missing?: readonly string[];
}

/**
 * Whether the values are plausible (issue 21), the same in `data fetch`, `data import` and `data check`.
 * Every file also gets, without a rule here: no cell starting like a spreadsheet formula; every
 * coordinate of every feature in the Netherlands; every row of a year column in the years expected.
 */
export interface ValueRules {
  /** The columns that identify a row ('$key': a kwb-json region code): a second row with the same values is an error naming both. */
  key?: readonly string[];
  numbers?: readonly NumberBand[];
  /** The wijken (WKggggxx) of a gemeente add up to its GMgggg row in `column`, within `tolerance` (a share: 0.02 = 2 %). */
  wijkTotals?: { code: string; column: string; tolerance: number };
  /** Geocoded points: inside the gemeente named in `gemeenteProperty` (boundaries from `file`, names in `nameProperty`). */
  points?: { file: string; nameProperty: string; gemeenteProperty: string; toleranceKm: number; maxLeftOut: number; minDistinctShare: number };
}

/** How `data check` validates a file (src/fetch/validate.ts runs it). */
export type FileCheck =
  | {
      kind: 'csv';
      sep: ',' | ';';
      columns: readonly string[];
      /** A column whose values must match, and how many distinct matching codes at least. */
      codes?: { column: string; pattern: RegExp; min: number };
      /** Years that must occur: in a column (value starts with the year) or in the header ("SCHOOLJAAR 2019-2020"). */
      /** `later`: rows of years after the last expected are taken too (a fetch that takes what the publisher has published since). */
      years?: { column?: string; headerPattern?: (year: number) => string; expect: readonly number[]; later?: boolean };
      values?: ValueRules;
    }
  | { kind: 'kwb-json'; variables: readonly string[]; minGemeenten: number; minWijken: number; values?: ValueRules }
  /** A file checked row by row by its reader's own rules (src/data/sources/*): each problem names its line. */
  | { kind: 'rows'; problems: (text: string) => string[] }
  | {
      kind: 'geojson';
      codeProperty: string;
      pattern: RegExp;
      min: number;
      properties: readonly string[];
      year?: { property: string; expect: number };
      values?: ValueRules;
    };

/**
 * What a source module may use to say how `data fetch` gets its files: the fetch helpers of
 * src/fetch (cbs-tables.ts, pdok-tables.ts, duo-*.ts) by name, and their constants. The fetch
 * catalogue (src/fetch/catalogue.ts) supplies them; `R` is its fetch step, opaque here, so that
 * data/ does not import fetch/.
 */
export interface FetchKit<R> {
  patterns: { GM: RegExp; WK: RegExp; GM_OR_WK: RegExp; VESTIGING: RegExp };
  schooljaar: (year: number) => string;
  kwbTableIds: Record<number, string>;
  kwbShortHeader: readonly string[];
  kwb2022Header: readonly string[];
  kwbBasisVariables: readonly string[];
  jeugdzorgCounts: readonly string[];
  jeugdzorgWijkTables: { readonly 2021: string; readonly 2022: string };
  JEUGDZORG_INDICATOREN: string;
  GEBIEDEN_2023: string;
  duoDatasets: { readonly vestigingenBo: string; readonly vestigingenVo: string; readonly vestigingenSo: string };
  duoPageFiles: { readonly examens2019: string; readonly examens2014: string; readonly afstandPo2019: string; readonly leerlingenVo2019: string };
  /** The names an old DUO page file may be published under, in the order tried, each with its evidence (src/fetch/catalogue.ts). */
  duoPageFileVariants: { readonly [K in 'examens2014' | 'afstandPo2019' | 'leerlingenVo2019']: readonly { name: string; evidence: 'seen' | 'assumed' }[] };
  examStem: string;
  registerColumns: readonly string[];
  registerFile: (kind: 'bo' | 'vo' | 'so') => RegExp;
  schooladviesFile: (year: number) => string;
  schooladviesYears: readonly number[];
  schooladviezenHeader: readonly string[];
  cbs: {
    gebieden(table: string): R;
    kwbShortNames(table: string, keep: (code: string) => boolean): R;
    kwb2022Gemeenten(table: string): R;
    kwbGemeente(table: string, gemeente: string): R;
    kwbBasis(table: string): R;
    /** A KWB edition's social fields (src/data/sources/kwb-editions.ts) in kwb short names; a stem the table lacks stays empty. */
    kwbEdition(table: string, edition: number): R;
    jeugdzorgWijken(tables: { year: number; table: string }[]): R;
    jeugdzorgGemeenten(table: string, year: number): R;
    statlineExport(table: string, year: number, regionDim: string): R;
  };
  pdok: {
    gemeentenKwb(year: number): R;
    wijken(year: number): R;
    gebiedsindeling(year: number, which: 'gemeente' | 'provincie'): R;
  };
  duo: {
    file(name: string): R;
    /** The first of the names DUO serves (a 404 or a web page tries the next); none: "not published", every URL tried listed. */
    fileVariants(variants: readonly { name: string; evidence: 'seen' | 'assumed' }[]): R;
    newestWindow(stem: string, oldestLast: number): R;
    register(dataset: string, resource: RegExp): R;
    schooladviezen(): R;
    schoolPoints(registers: { kind: 'bo' | 'vo' | 'so'; dataset: string; resource: RegExp; optional?: boolean }[]): R;
  };
}

/** One file of the data directory that `data fetch` takes from its publisher (src/fetch/types.ts FetchTable). */
export interface SourceFetchTable<R> {
  /** Unique, lowercase: also the Data Package resource name. */
  name: string;
  /** The source (of this module) the file belongs to; default the module's first. */
  sourceId?: string;
  publisher: 'cbs' | 'duo' | 'pdok';
  tableId: string;
  year: number;
  file: string;
  check: FileCheck;
  fetch: R;
}

/** A file a reader uses that no open-data interface serves in that layout, with the reason. */
export interface SourceUnavailableTable {
  file: string;
  sourceId?: string;
  year: number;
  reason: string;
  optional: true;
  check?: FileCheck;
}

/** A 2024 wijk as the loader knows it. */
export interface LoadedWijk {
  code: string;
  name: string;
  gemeenteCode: string;
  populated: boolean;
}

/** What a module's load step gets: the reader, the store and what was loaded before it. */
export interface LoadContext {
  read: DataFiles;
  series: SeriesStore;
  /** indicator|year → the gemeentelijke indeling its gemeente codes are in, when older than 2023. */
  indelingOf: Map<string, number>;
  wijken: ReadonlyMap<string, LoadedWijk>;
  /** The 2024 wijken with their inhabitants, to match older wijken to (wijk-matching.ts). */
  inwoners2024: ReadonlyMap<string, { code: string; name: string; gemeenteCode: string; inwoners: number | null }>;
  /** The catalogue fields "sourceId:field" of a source at one level. */
  fieldTargets(level: 'gemeente' | 'wijk', sourceId: string): { indicator: string; year: number; field: string }[];
  /**
   * Older wijkindelingen read so far, by year: their wijken and how they match the 2024 wijken
   * (KWB 2021 sets 2021; a later module of the same wijkindeling reuses it).
   */
  wijkindelingen: Map<number, { wijken: ReadonlyMap<string, { name: string; gemeenteCode: string; inwoners: number | null }>; match: ReadonlyMap<string, string> }>;
  /** Notes for the colophon and the user. */
  notes: string[];
}

/**
 * One publisher's table (or a few editions read together): what it is, how `data fetch` gets it,
 * how it is read, and the indicators and figures only it yields. Registered once in
 * src/data/sources/index.ts; the loader, the catalogue, the figure list, the colophon and the
 * fetch catalogue are derived from that registry.
 */
export interface SourceModule {
  id: string;
  /** The source(s) cited (the first is the module's own; a module may read several editions). */
  sources: SourceDef[];
  /** A data directory may lack the first source's file: its figures are then left out, and every edition says so. */
  optional?: boolean;
  /** Absent is normal in a directory never fetched (a newer KWB edition only a fetch brings): left out without a note there. */
  quietWhenAbsent?: true;
  /**
   * Read by the loader's core step (gemeenten, wijken and geometry of src/data/load-dataset.ts),
   * not by `load`: the KWB tables everything else is matched to.
   */
  core?: true;
  /** Indicators only this module yields (those drawing on several sources stay in src/data/catalogue.ts). */
  indicators?: IndicatorDef[];
  figures?: FigureDef[];
  /** What `data fetch` takes for this module. */
  fetchTables?: <R>(kit: FetchKit<R>) => SourceFetchTable<R>[];
  unavailable?: SourceUnavailableTable[];
  /**
   * Reads the files. A reading's gemeente observations go into the store under their own codes
   * (converted to the indeling of 2023 later); its wijk observations through `matchWijken`.
   */
  load?(ctx: LoadContext): Promise<SourceReading | void>;
  /**
   * How the reading's wijken are matched to the 2024 wijken, per year of the figures (old code →
   * 2024 code); without it wijk observations are dropped.
   */
  matchWijken?(ctx: LoadContext, reading: SourceReading): (year: number) => ReadonlyMap<string, string>;
  /**
   * The 2024 wijken without a match get "geen gelijke wijk" only in the gemeenten the reading has
   * wijken in (a file of one gemeente); default all populated wijken.
   */
  wijkenOnlyWhereRead?: boolean;
  /** Right after the reading is stored: derived figures and notes, in load order. */
  afterLoad?(ctx: LoadContext, reading: SourceReading): void;
  /** After every module and the conversion to the indeling of 2023: closing notes. */
  finish?(ctx: LoadContext, reading: SourceReading): void;
}
