/**
 * What may be stressed: a figure goes on the summary page, into a kernpunt or into the
 * first sentence of a chapter only when it rests on enough cases in the region's own count,
 * is not 0% or 100% of a small base, and is the one headline measure of its topic (so two
 * stressed figures on one subject never contradict each other). Figures counted by school
 * location say so wherever they are stressed. The rules are stated in the verantwoording.
 */
import type { IndicatorDef } from '../data/catalogue.js';
import type { AreaRef, ReportData, ValueAt } from '../data/select.js';
import { formatNumber } from '../format.js';
import { sourceById } from '../data/sources.js';

/** A share rests on at least this many persons with, and this many without, the feature. */
export const STRESS_MIN_CASES = 50;
/** An average (a score per pupil, a distance, an income) rests on at least this many persons. */
export const STRESS_MIN_BASE = 200;

/** A figure of schools, counted where the school stands (the source says so, data/sources.ts). */
export function isSchoolLocated(def: Pick<IndicatorDef, 'source'>): boolean {
  return sourceById(def.source)?.countsBy === 'school';
}

/** "op scholen in Arnhem": where a school figure is counted, for every sentence that stresses it. */
export function schoolPlace(regionName: string): string {
  return `op scholen in ${regionName}`;
}

/**
 * Topics with one headline measure: the measures of a topic count different things (other
 * bases, years, sources), so only the headline is stressed; the chapter says how the others relate.
 */
export interface Topic {
  id: string;
  /** Measures in order of preference: the first with a value is the headline. */
  measures: string[];
  /** One Dutch line for the chapter: which measure leads and how the others relate. */
  relation: string;
}

export const topics: Topic[] = [
  {
    id: 'jeugdzorg',
    measures: [
      'pct_jeugdzorg',
      'jeugdzorg_per_100_jongeren',
      'pct_jeugdhulp',
      'pct_jeugdbescherming',
      'pct_jeugdreclassering',
      'pct_jeugdhulp_verblijf',
      'pct_jeugdbescherming_verblijf',
    ],
    relation:
      'Het kerncijfer voor jeugdhulp is het aandeel jongeren met jeugdzorg in natura (CBS, Kerncijfers wijken en buurten): alle vormen samen. De vormen apart (jeugdhulp, jeugdbescherming, jeugdreclassering; CBS Indicatoren jeugdzorg, voorlopige cijfers) en het aantal per 100 inwoners van 0 tot 25 jaar (per wijk) tellen anders, met andere noemers, leeftijden en jaren. Ze staan in de figuren, maar alleen het kerncijfer staat vooraan.',
  },
];

/** Parts of a whole that say nothing of their own (a referrer unknown, none): never the headline of their topic. */
export const residualParts: ReadonlySet<string> = new Set(['jeugdzorg_verwijzer_onbekend', 'jeugdzorg_verwijzer_geen']);

const fixedTopicOf = new Map(topics.flatMap((t) => t.measures.map((m) => [m, t] as const)));

/** The topic of an indicator: a fixed one (youth care), else its kernpunt group or the whole it is part of. */
export function topicOf(def: IndicatorDef, compositionOf?: (id: string) => string | undefined): string {
  return fixedTopicOf.get(def.id)?.id ?? def.kernpuntGroup ?? def.partOf ?? compositionOf?.(def.id) ?? def.id;
}

export function fixedTopic(def: IndicatorDef): Topic | undefined {
  return fixedTopicOf.get(def.id);
}

export interface StressCheck {
  ok: boolean;
  /**
   * Why not, in Dutch, to follow "dit cijfer" in the chapter and in a tile:
   * "rust op weinig gevallen: maar 44 van de 200 hebben het kenmerk niet".
   */
  reason?: string;
  /** The reason is a small count, so a difference may be chance. */
  fewCases?: boolean;
}

/** What the base of a weighted figure counts, in Dutch; a weight not listed (land area) is no count of cases. */
const baseNouns: Record<string, string> = { inwoners: 'inwoners', inwoners_0_25: 'inwoners van 0 tot 25 jaar', woningvoorraad: 'woningen', huishoudens: 'huishoudens' };

/** The counts behind a value of an area: the smaller of "with" and "without" for a share, the base for an average (and what it counts). */
export function casesOf(report: ReportData, def: IndicatorDef, v: ValueAt, area: AreaRef = report.region): { cases?: number; base?: number; baseNoun?: string } {
  if (v.value === null) return {};
  const share = def.unit === 'percent';
  if (v.numerator !== undefined && v.denominator !== undefined) {
    if (def.numeratorIsScore) return { base: v.denominator };
    return { cases: share ? Math.min(v.numerator, v.denominator - v.numerator) : v.numerator, base: v.denominator };
  }
  const weightId = def.aggregate.kind === 'weighted' ? def.aggregate.weight : def.unit === 'per-1000' || def.unit === 'per-100' ? 'inwoners' : def.unit === 'count' ? undefined : 'inwoners';
  if (!weightId || !(weightId in baseNouns) || !report.catalogue.has(weightId)) return {};
  const base = nearestValue(report, weightId, v.year, area);
  if (base === null) return {};
  if (share) {
    const n = (v.value / 100) * base;
    return { cases: Math.round(Math.min(n, base - n)), base };
  }
  const baseNoun = baseNouns[weightId];
  if (def.unit === 'per-1000') return { cases: Math.round((v.value / 1000) * base), base, baseNoun };
  if (def.unit === 'per-100') return { cases: Math.round((v.value / 100) * base), base, baseNoun };
  return { base, baseNoun };
}

function nearestValue(report: ReportData, id: string, year: number | null, area: AreaRef): number | null {
  const years = report.years(id, area);
  const order = [...years].sort((a, b) => Math.abs(a - (year ?? a)) - Math.abs(b - (year ?? b)) || b - a);
  for (const y of order) {
    const w = report.value(id, area, y).value;
    if (w !== null) return w;
  }
  return null;
}

/** Whether the region's value of an indicator may be stressed, by its own count. */
export function stressCheck(report: ReportData, def: IndicatorDef, v: ValueAt): StressCheck {
  if (v.value === null) return { ok: false, reason: 'heeft geen waarde' };
  const printed = Number(v.value.toFixed(def.decimals));
  const { cases, base, baseNoun } = casesOf(report, def, v);
  if (cases !== undefined && cases < STRESS_MIN_CASES) return { ok: false, reason: fewCasesReason(def, v, cases, base, baseNoun), fewCases: true };
  // 0% or 100% after rounding on a larger count: an extreme is never stressed (the rule says so), but it is not a small count.
  if (def.unit === 'percent' && (printed === 0 || printed === 100)) return { ok: false, reason: `is ${printed === v.value ? '' : 'afgerond '}${formatNumber(printed)}%, een uiterste` };
  if (cases === undefined && base !== undefined && base < STRESS_MIN_BASE) return { ok: false, reason: `rust op weinig gevallen: ${exact(v) ? '' : 'ongeveer '}${formatNumber(Math.round(base))} ${baseNoun ?? 'personen'}`, fewCases: true };
  return { ok: true };
}

/** Whether the counts behind a value are the source's own (else estimated from the inhabitants or households). */
const exact = (v: ValueAt) => v.numerator !== undefined && v.denominator !== undefined;

/**
 * A small count in plain words, true for any value: the cases on the small side, and of how many.
 * A share above one half rests on those without the feature ("maar 44 van de 200 hebben het kenmerk niet");
 * only a printed share of 95% or more is "dicht bij 100%".
 */
function fewCasesReason(def: IndicatorDef, v: ValueAt, cases: number, base: number | undefined, baseNoun?: string): string {
  const about = exact(v) ? '' : 'ongeveer ';
  const n = formatNumber(cases);
  if (def.unit !== 'percent') return `rust op weinig gevallen: ${about}${n}${base !== undefined ? ` op ${formatNumber(Math.round(base))} ${baseNoun ?? 'personen'}` : ''}`;
  const printed = Number(v.value!.toFixed(def.decimals));
  const of = base !== undefined ? ` van de ${formatNumber(Math.round(base))}` : '';
  const few = `${cases === 1 ? '' : 'maar '}${about}${n}${of} ${cases === 1 ? 'heeft' : 'hebben'}`;
  const high = v.value! > 50;
  const opening =
    printed === 0 || printed === 100
      ? `is ${printed === v.value ? '' : 'afgerond '}${formatNumber(printed)}%`
      : (high ? printed >= 95 : printed <= 5)
        ? `ligt dicht bij ${high ? '100' : '0'}% en rust op weinig gevallen`
        : 'rust op weinig gevallen';
  if (cases === 0) return `${opening}: ${high ? `${base !== undefined ? `alle ${formatNumber(Math.round(base))}` : 'allen'} hebben` : `geen${of || ' enkele'} heeft`} het kenmerk`;
  return `${opening}: ${few} het kenmerk${high ? ' niet' : ''}`;
}

/** The rule as printed in the verantwoording. */
export function stressRule(): string {
  return `Vooraan (in één oogopslag, de kernpunten en de eerste zin van een hoofdstuk) staat een cijfer alleen als het in het eigen gebied op genoeg gevallen rust: een percentage op minstens ${formatNumber(STRESS_MIN_CASES)} personen met én ${formatNumber(STRESS_MIN_CASES)} zonder het kenmerk (dus nooit 0% of 100%), een aantal per 100 of per 1.000 op minstens ${formatNumber(STRESS_MIN_CASES)} personen, een gemiddelde op minstens ${formatNumber(STRESS_MIN_BASE)} personen. CBS rondt kleine aantallen af op 5; daardoor zegt een verschil op een kleine telling weinig. Per onderwerp staat vooraan één kerncijfer, zodat twee cijfers over hetzelfde nooit tegen elkaar in gaan. Cijfers van scholen tellen naar de plaats van de school (‘op scholen in …’): daar zitten ook leerlingen van buiten de gemeente, en kinderen die elders naar school gaan ontbreken.`;
}
