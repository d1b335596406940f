/**
 * What an indicator is (IndicatorDef) and how values of several areas combine: the shape every
 * source module (src/data/sources/*) and the shared catalogue (catalogue.ts) fill in.
 */
import type { Unit } from '../format.js';
import type { Domain } from '../domains.js';

export type Level = 'gemeente' | 'wijk';

/**
 * How values of several areas combine into one (a set of gemeenten, a province, Nederland).
 * - sum: counts are added;
 * - ratio: numerators and denominators are added, then divided (exact);
 * - weighted: mean weighted by another indicator of the same year (e.g. % households, by households);
 * - class-from: a CBS class recomputed from an aggregated indicator (stedelijkheid from address density);
 * - none: cannot be combined (a median), shown only for single areas.
 */
export type Aggregation =
  | { kind: 'sum' }
  | { kind: 'ratio'; scale: number }
  | { kind: 'weighted'; weight: string; weightNote: string }
  | { kind: 'class-from'; indicator: string }
  | { kind: 'none' };

/** How years are shown: KWB "2022", school years "2019-2020", or a multi-year composite. */
export type Period = 'year' | 'schooljaar' | 'composite';

export interface IndicatorDef {
  id: string;
  /** Short label for tables and axes. */
  label: string;
  /** What a rate is per: "inwoners" for "per 1.000 inwoners" (default inwoners). */
  base?: string;
  /** Shorter label for the legend of a composition ("0 tot 4 jaar"), where the figure title gives the context. */
  partLabel?: string;
  /**
   * The measure as the subject of a Dutch sentence, with its article:
   * "het aandeel huishoudens met een laag inkomen". Used by the computed interpretation.
   */
  subject?: string;
  /** Figure title; the year is appended. */
  title: string;
  definition: string;
  domain: Domain;
  unit: Unit;
  decimals: number;
  /** true: higher is better; false: lower is better; null: neutral (no judgement in wording). */
  higherIsBetter: boolean | null;
  /** The source cited under the figure (a SourceDef id of the registry, src/data/sources/index.ts). */
  source: string;
  /** Per level, per year: "sourceId:field" the value is read from, or "derived". */
  fields: Partial<Record<Level, Record<number, string>>>;
  /**
   * Later years than `fields` declares are read too (gemeente level), from this "sourceId:field":
   * for sources whose new years arrive with `data fetch` in the same layout (DUO's school years).
   */
  laterYears?: string;
  aggregate: Aggregation;
  period?: Period;
  caveat?: string;
  /**
   * Values exist only where there is something to count (exam results where there are
   * schools): a gemeente without a value adds nothing to a sum, rather than being missing.
   */
  sparse?: boolean;
  /** Why an area can lack a value, in Dutch, e.g. "geen vo-school met examenkandidaten in het gebied". */
  missingReason?: string;
  /** Not shown in reports; used as a weight for other indicators. */
  internal?: boolean;
  /** Which of the 30 factors (Verwey-Jonker) this indicator speaks to. */
  factors?: string[];
  /** Categorical indicators (stedelijkheid): value → label. */
  classes?: Record<number, string>;
  /** For a client's own indicators: the citation given in the region config. */
  citation?: string;
  extra?: { chart: boolean };
  /** Years whose figures are not comparable with the others (corona exams, voorlopig): marked in charts, never the base of a trend. */
  yearNotes?: Record<number, string>;
  /** Years of provisional figures ("voorlopig"): said with the year, never the base of a trend. */
  provisionalYears?: number[];
  /** A share of a whole (education levels, age groups): kernpunten take one part at most. */
  partOf?: string;
  /**
   * Measures of the same thing (low income three ways, forms of youth care): kernpunten take one
   * of each group. Every member names the same group word ('laag-inkomen', 'jeugdzorg-vormen',
   * 'speciaal-onderwijs', 'schooladvies', 'slagen'); a new word makes a new group.
   */
  kernpuntGroup?: string;
  /** The numerator is a score, not persons: suppression looks at the denominator only. */
  numeratorIsScore?: boolean;
  /**
   * Counted by school location: for an area of wijken the value is computed from the schools
   * located in its wijken (src/data/school-area.ts), per vestiging (`school:<BRIN+vest>`) or per
   * instelling (`instelling:<BRIN>`), from the gemeente-level years. Set by the module whose reader
   * yields the per-school observations (SourceReading.schools) under this indicator's id.
   */
  schoolLevel?: 'vestiging' | 'instelling';
  /**
   * About children's opportunities themselves (outcomes, poverty, youth care, disadvantage,
   * special education), not their context (density, housing, age structure, distances, the
   * referrers of youth care): kernpunten and the summary page take these first.
   * `opportunityIndicators` (catalogue.ts) is the set of these.
   */
  opportunity?: boolean;
  /**
   * A key figure of its domain: the summary page may show it for the domain when no kernpunt names
   * another. Comes after the key indicators listed in catalogue.ts (`domainKeyIndicators`, the
   * report's own order, first preferred), in catalogue order.
   */
  keyFigure?: true;
  /**
   * In the table of its domain's section of the standard report: added after the indicators listed
   * in figures.ts (`standardSections`), in catalogue order.
   */
  standardTable?: true;
}

export const byInwoners = { kind: 'weighted', weight: 'inwoners', weightNote: 'gewogen naar het aantal inwoners' } as const;
export const byHuishoudens = { kind: 'weighted', weight: 'huishoudens', weightNote: 'gewogen naar het aantal huishoudens' } as const;
export const youthWeighted = { kind: 'weighted', weight: 'inwoners_0_25', weightNote: 'gewogen naar het aantal inwoners tot 25 jaar (benadering van de jongeren)' } as const;

/** A count used only as a denominator or weight (not shown in reports). */
export function internalCount(id: string, label: string, source: string, fields: Record<number, string>, wijkFields?: Record<number, string>): IndicatorDef {
  return {
    id,
    label,
    title: label,
    definition: `${label}; alleen gebruikt als noemer of gewicht.`,
    domain: 'onderwijs',
    unit: 'count',
    decimals: 0,
    higherIsBetter: null,
    source,
    sparse: true,
    fields: { gemeente: fields, ...(wijkFields ? { wijk: wijkFields } : {}) },
    aggregate: { kind: 'sum' },
    internal: true,
  };
}
