/**
 * Sentences per indicator, in plain Dutch, from the figures of the report:
 * the value, how it compares with the similar gemeenten and Nederland (by the rule
 * in compare.ts), its place among all gemeenten, and the direction over the years.
 */
import { formatNumber, formatObs } from '../format.js';
import { comparableYear, yearInParens, yearLabel, type IndicatorDef } from '../data/catalogue.js';
import { shownValue, type AreaRef, type ReportData, type ValueAt } from '../data/select.js';
import { compareValues, extremeOf, spreadOf, EXTREME_SHARE, type Comparison } from './compare.js';
import { capitalize, formatDifference, saysRate, subjectOf, withoutArticle } from './dutch.js';
import { joinAnd } from '../util/dutch-list.js';
import { withheldMembers } from '../data/aggregate.js';
import { isSchoolLocated, schoolPlace } from './stress.js';

export interface IndicatorFinding {
  indicator: string;
  /** The sentences, in order. */
  text: string;
  /** Standardised difference with the similar gemeenten (or Nederland): (region − reference) / sd. */
  z?: number;
  versusPeers?: Comparison;
  versusNederland?: Comparison;
  extreme?: 'hoogste' | 'laagste';
  /** The region's value and the comparisons behind the sentence, for the kernpunten and the summary page. */
  value?: ValueAt;
  references?: { role: AreaRef['role']; name: string; value: ValueAt; comparison: Comparison }[];
}

/** Relative change below which a count "bleef vrijwel gelijk". */
export const STABLE_COUNT_CHANGE = 0.005;

const areaPhrase = (a: AreaRef) => (a.role === 'similar' ? 'de vergelijkbare gemeenten' : a.role === 'province' ? `de ${a.name.replace(/^Provincie /, 'provincie ')}` : a.name);

/** A value as printed: euro amounts in thousands are shown in whole thousands. */
function roundTo(v: number, def: IndicatorDef): number {
  return Number(v.toFixed(def.decimals));
}

/** Distances are "groter" and "kleiner", other measures "hoger" and "lager". */
function comparisonWords(def: IndicatorDef): { higher: string; lower: string; same: string } {
  return def.unit === 'km' ? { higher: 'groter', lower: 'kleiner', same: 'even groot als' } : { higher: 'hoger', lower: 'lager', same: 'even hoog als' };
}

export function indicatorFinding(report: ReportData, def: IndicatorDef): IndicatorFinding {
  const region = report.region;
  const subject = subjectOf(def);
  // "het aantal … per 1.000 inwoners 47", not "… 47 per 1.000": the subject names the rate.
  const bare = saysRate(subject);
  const fmt = (o: Parameters<typeof formatObs>[1]) => formatObs(def, o, { bare });
  const { article, noun } = withoutArticle(subject);
  const v = report.value(def.id, region);
  if (v.value === null) {
    // A group of areas not computed because a member's own figure is withheld: not "too few persons".
    if (withheldMembers(v).length && v.year !== null) return { indicator: def.id, text: `Voor ${region.name} is ${subject} in ${yearLabel(def, v.year)} ${v.note}.` };
    const text = v.suppressed
      ? `Voor ${region.name} is ${subject} afgeschermd: het cijfer berust op te weinig personen.`
      : v.notApplicable
        ? `${capitalize(subject)} is niet op te tellen over meerdere gemeenten en staat daarom niet voor ${region.name} in deze contextkaart.`
        : `Voor ${region.name} zijn geen gegevens over ${subject}${v.note ? ` (${v.note})` : ''}.`;
    return { indicator: def.id, text };
  }
  const year = v.year!;
  // "2022, voorlopig" inside the parentheses of a sentence.
  const when = yearInParens(def, year);
  if (def.classes) {
    return { indicator: def.id, text: `${region.name} is ${def.classes[v.value]} (stedelijkheidsklasse ${formatNumber(v.value)} van 5, ${when}).` };
  }
  // Figures of schools are counted where the school stands: every sentence says so.
  const school = isSchoolLocated(def);
  const sentences: string[] = [`${school ? capitalize(schoolPlace(region.name)) : `In ${region.name}`} is ${subject} ${fmt(v)} (${when}).`];
  const references: NonNullable<IndicatorFinding['references']> = [];
  // The spread between gemeenten in the same year, or (for wijk data of a later year) the latest year with gemeente values.
  const gemeenteYears = Object.keys(def.fields.gemeente ?? {}).map(Number).sort((a, b) => Math.abs(a - year) - Math.abs(b - year));
  const spread = [year, ...gemeenteYears].map((y) => spreadOf(report, def, y)).find((sp) => sp.values.length > 0) ?? spreadOf(report, def, year);
  const finding: IndicatorFinding = { indicator: def.id, text: '', value: v, references };

  // Comparisons: counts of areas of different size are not compared.
  if (def.unit !== 'count' && spread.sd > 0) {
    const words = comparisonWords(def);
    const parts: string[] = [];
    let previousSimilar = false;
    for (const area of report.comparisons.filter((c) => c.role === 'similar' || c.role === 'nederland' || c.role === 'gemeente')) {
      // Same year where the area has it; otherwise its latest year, named (wijk data are of another year).
      const ref = shownValue(report, def, area, year);
      if (ref.value === null) continue;
      const cmp = compareValues(def, v.value, ref.value, spread.sd);
      references.push({ role: area.role, name: area.name, value: ref, comparison: cmp });
      const refText = `${fmt(ref)}${ref.year !== null && ref.year !== year ? `, ${yearLabel(def, ref.year)}` : ''}`;
      if (cmp === 'vergelijkbaar') parts.push(previousSimilar ? `in ${areaPhrase(area)} (${refText})` : `ongeveer ${words.same} in ${areaPhrase(area)} (${refText})`);
      // The difference of the printed (rounded) values, so that the sentence adds up for the reader.
      else parts.push(`${formatDifference(def, roundTo(v.value, def) - roundTo(ref.value, def), bare)} ${cmp === 'hoger' ? words.higher : words.lower} dan in ${areaPhrase(area)} (${refText})`);
      previousSimilar = cmp === 'vergelijkbaar';
      if (area.role === 'similar') {
        finding.versusPeers = cmp;
        finding.z = (v.value - ref.value) / spread.sd;
      }
      if (area.role === 'nederland') {
        finding.versusNederland = cmp;
        finding.z ??= (v.value - ref.value) / spread.sd;
      }
    }
    if (parts.length) {
      let s = `Dat is ${joinAnd(parts)}.`;
      const judged = finding.versusPeers ?? finding.versusNederland;
      if (def.higherIsBetter !== null && judged && judged !== 'vergelijkbaar') {
        const favourable = (judged === 'hoger') === def.higherIsBetter;
        s = s.replace(/\.$/, `; ${favourable ? 'dat is gunstig' : 'dat is ongunstig'} ten opzichte van ${finding.versusPeers ? 'vergelijkbare gemeenten' : 'Nederland'}.`);
      }
      sentences.push(s);
    }
  }

  // Place among all gemeenten.
  const extreme = extremeOf(v.value, spread);
  if (extreme) {
    finding.extreme = extreme;
    const group = `de ${formatNumber(EXTREME_SHARE * 100)}% gemeenten met ${article} ${extreme} ${noun}`;
    const suffix = school ? ' op hun scholen' : '';
    sentences.push(region.codes.length > 1 || region.level === 'wijk' ? `Met deze waarde zou ${region.name} horen bij ${group}${suffix}.` : `${region.name} hoort bij ${group}${suffix}.`);
  }

  // Direction over the years: from the first to the last comparable year (never from a
  // corona exam year or a provisional figure).
  const years = report.years(def.id, region).filter((y) => report.value(def.id, region, y).value !== null && comparableYear(def, y));
  if (years.length >= 2) {
    const y0 = years[0];
    const y1 = years[years.length - 1];
    const oa = report.value(def.id, region, y0);
    const ob = report.value(def.id, region, y1);
    const a = oa.value!;
    const b = ob.value!;
    const round = (x: number) => Number(x.toFixed(def.decimals));
    const stable = def.unit === 'count' ? Math.abs(b - a) < STABLE_COUNT_CHANGE * Math.abs(a) : round(a) === round(b);
    const fa = fmt(oa);
    const fb = fmt(ob);
    const span = `Tussen ${yearLabel(def, y0)} en ${yearLabel(def, y1)}`;
    if (stable) sentences.push(`${span} bleef ${subject} vrijwel gelijk (${fa} en ${fb}).`);
    else {
      const change = def.unit === 'percent' ? formatDifference(def, roundTo(b, def) - roundTo(a, def)) : `${formatNumber(Math.abs((b - a) / a) * 100, 1)}%`;
      sentences.push(`${span} ${b > a ? 'steeg' : 'daalde'} ${subject} van ${fa} naar ${fb} (${b > a ? '+' : '−'}${change}).`);
    }
  }
  finding.text = sentences.join(' ');
  return finding;
}
