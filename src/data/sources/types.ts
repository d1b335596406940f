/**
 * What a source reader yields: long-format observations in the indeling the
 * source was published in. `indeling.ts` converts gemeente codes to the
 * gemeentelijke indeling of 2023; wijk codes stay the source's own and are
 * matched to the 2024 wijken by `wijk-matching.ts`.
 */
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
