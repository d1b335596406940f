import type { HttpOptions } from './http.js';
import type { FileCheck } from './validate.js';

export type Publisher = 'cbs' | 'duo' | 'pdok';

export interface Bases {
  cbs: string;
  duo: string;
  /** DUO's files as downloaded from its open-data pages (duo.nl/open_onderwijsdata/images/<file>.csv). */
  duoFiles: string;
  pdok: string;
  /** PDOK Locatieserver (geocoding of school addresses). */
  locatieserver: string;
}

export const defaultBases: Bases = {
  cbs: 'https://opendata.cbs.nl',
  duo: 'https://onderwijsdata.duo.nl',
  duoFiles: 'https://duo.nl/open_onderwijsdata/images',
  pdok: 'https://service.pdok.nl',
  locatieserver: 'https://api.pdok.nl/bzk/locatieserver/search/v3_1',
};

export interface FetchContext {
  bases: Bases;
  http: HttpOptions;
  /** A short progress detail of the current table ("12,000 rows"). */
  progress: (detail: string) => void;
  /** The current data directory's version of a file (null when absent): a table may reuse work done before. */
  previous?: (file: string) => Promise<string | null>;
}

export interface FetchedTable {
  text: string;
  /** The URLs the table was built from (first = the main one). */
  urls: string[];
  /** What was taken other than as published, for the fetch log (e.g. blank advice cells skipped, with their count). */
  warnings?: string[];
}

/** One file of the data directory, fetched from its publisher's open-data interface. */
export interface FetchTable {
  /** Unique, lowercase: also the Data Package resource name. */
  name: string;
  /** The source in src/data/sources.ts it belongs to (citation, licence). */
  sourceId: string;
  publisher: Publisher;
  /** CBS table id, DUO dataset name or PDOK service/layer. */
  tableId: string;
  year: number;
  /** Path relative to the data directory: the same path the readers read. */
  file: string;
  check: FileCheck;
  fetch(ctx: FetchContext): Promise<FetchedTable>;
}

/** A file the readers use that no open-data interface serves in that layout. */
export interface UnavailableTable {
  file: string;
  sourceId: string;
  year: number;
  reason: string;
  /** The loader leaves the figures out when the file is absent (true for all of these). */
  optional: true;
  /** How `data check` validates the file when it is there (brought in with `data import`). */
  check?: FileCheck;
}
