/**
 * Bands for the value rules of the source modules' FileChecks (types.ts ValueRules; run by
 * src/fetch/validate.ts in data fetch, data import and data check). Each is wide enough for every
 * real table in ../shared/data (checked with `data check`) and narrow enough to stop an impossible
 * figure: −5,000 inhabitants, a share of 500 %, a density of 10¹², Amsterdam with 9 million.
 */
import type { NumberBand } from './types.js';

type Columns = NumberBand['columns'];

/** Counts of people, households, dwellings, pupils: never below zero. */
export const count = (columns: Columns, missing?: readonly string[]): NumberBand => ({ columns, min: 0, why: 'a count, never below 0', ...(missing ? { missing } : {}) });

/** Shares in %: 0 to 100. */
export const share = (columns: Columns, missing?: readonly string[]): NumberBand => ({ columns, min: 0, max: 100, why: 'a share in %, 0 to 100', ...(missing ? { missing } : {}) });

/** Per 1,000 inhabitants (births, deaths, Wmo clients): 0 to 1,000. The real maximum is 464 (Wmo in a wijk, KWB 2021). */
export const perThousand = (columns: Columns, missing?: readonly string[]): NumberBand => ({ columns, min: 0, max: 1000, why: 'per 1,000 inhabitants, 0 to 1,000', ...(missing ? { missing } : {}) });

/** Inhabitants per km²: the densest wijk has about 28,000 (KWB 2021: 28,434), the densest gemeente about 6,800. */
export const density = (columns: Columns, missing?: readonly string[]): NumberBand => ({ columns, min: 0, max: 50_000, why: 'inhabitants per km², 0 to 50,000 (the densest wijk has about 28,000)', ...(missing ? { missing } : {}) });

/**
 * A gemeente's inhabitants: Schiermonnikoog has about 950 (the smallest, 944 in KWB 2022), Amsterdam
 * about 930,000 (the largest, 931,298 in KWB 2024). Only on the gemeente rows (`column` matches GMgggg).
 */
export const gemeenteInwoners = (columns: Columns, codeColumn: string): NumberBand => ({
  columns,
  min: 500,
  max: 1_500_000,
  why: "a gemeente's inhabitants, 500 to 1,500,000 (Schiermonnikoog about 950, Amsterdam about 930,000)",
  rows: { column: codeColumn, pattern: /^GM(?!0998)\d{4}$/ },
});

/** Stedelijkheid: CBS's classes 1 (very highly urban) to 5 (not urban). */
export const stedelijkheid = (columns: Columns, missing?: readonly string[]): NumberBand => ({ columns, min: 1, max: 5, why: 'stedelijkheid, a class 1 to 5', ...(missing ? { missing } : {}) });

/** The short KWB names (kwb-2021, kwb-2023 Utrecht): a_* counts, p_* shares except three per 1,000, a gemeente's a_inw, density, stedelijkheid. */
export const kwbShortNameBands = (codeColumn: string, missing: readonly string[] = ['.']): NumberBand[] => [
  count(/^a_/, missing),
  share(/^p_(?!geb$|ste$|wmo_t$)/, missing),
  perThousand(['p_geb', 'p_ste', 'p_wmo_t'], missing),
  gemeenteInwoners(['a_inw'], codeColumn),
  density(['bev_dich'], missing),
  stedelijkheid(['ste_mvs'], missing),
];
