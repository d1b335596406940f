/**
 * The findings of one report, computed once: per indicator its sentence and comparisons,
 * whether it rests on enough cases, and per topic the one headline measure that may be
 * stressed. The edition, the chapters, the tiles and the kernpunten all read these.
 */
import type { IndicatorDef } from '../data/catalogue.js';
import type { ReportData } from '../data/select.js';
import { indicatorFinding, type IndicatorFinding } from './sentences.js';
import { fixedTopic, residualParts, stressCheck, topicOf, type StressCheck } from './stress.js';

export interface ReportFacts {
  finding(def: IndicatorDef): IndicatorFinding;
  stress(def: IndicatorDef): StressCheck;
  topic(def: IndicatorDef): string;
  /** May the indicator be stressed: enough cases, and the headline measure of its topic. */
  stressed(def: IndicatorDef): boolean;
  /** |z| of the finding against the similar gemeenten (else Nederland), 0 when not compared. */
  weight(def: IndicatorDef): number;
  /** How much a figure tells: stressed and about opportunity first, then stressed context, then the rest; by weight within. */
  importance(def: IndicatorDef): number;
}

/** The indicators a section shows, in its table and its figures, each once. */
export function shownIndicators(report: ReportData, section: ReportData['sections'][number]): IndicatorDef[] {
  const all = [...section.indicators, ...section.figures.flatMap((f) => f.indicators.map((id) => report.catalogue.get(id)))];
  return [...new Map(all.filter((d): d is IndicatorDef => !!d).map((d) => [d.id, d])).values()];
}

const cache = new WeakMap<ReportData['value'], ReportFacts>();

/** The facts of a report (shared by a report and its edition, which have the same values). */
export function reportFacts(report: ReportData): ReportFacts {
  const known = cache.get(report.value);
  if (known) return known;
  const findings = new Map<string, IndicatorFinding>();
  const stresses = new Map<string, StressCheck>();
  const compositionOf = new Map<string, string>();
  for (const s of report.sections) for (const f of s.figures) if (f.kind === 'composition') for (const id of f.indicators) compositionOf.set(id, f.id);

  const finding = (def: IndicatorDef) => {
    let f = findings.get(def.id);
    if (!f) findings.set(def.id, (f = indicatorFinding(report, def)));
    return f;
  };
  const stress = (def: IndicatorDef) => {
    let s = stresses.get(def.id);
    if (!s) stresses.set(def.id, (s = stressCheck(report, def, report.value(def.id, report.region))));
    return s;
  };
  const topic = (def: IndicatorDef) => topicOf(def, (id) => compositionOf.get(id));
  const weight = (def: IndicatorDef) => {
    const z = finding(def).z;
    return z === undefined || Number.isNaN(z) ? 0 : Math.abs(z);
  };
  const direction = (def: IndicatorDef) => finding(def).versusPeers ?? finding(def).versusNederland;

  // Every indicator the report shows, by topic.
  const byTopic = new Map<string, IndicatorDef[]>();
  for (const s of report.sections) {
    for (const def of shownIndicators(report, s)) {
      if (def.internal || def.unit === 'count' || def.classes) continue;
      const t = topic(def);
      const list = byTopic.get(t) ?? [];
      if (!list.some((d) => d.id === def.id)) list.push(def);
      byTopic.set(t, list);
    }
  }
  const headlines = new Map<string, string>();
  for (const [t, defs] of byTopic) {
    const fixed = fixedTopic(defs[0]);
    if (fixed) {
      // A fixed order: the first measure the region has a value for leads, stressable or not.
      const first = fixed.measures.map((id) => defs.find((d) => d.id === id)).find((d) => d && report.value(d.id, report.region).value !== null);
      if (first) headlines.set(t, first.id);
      continue;
    }
    const ok = defs.filter((d) => stress(d).ok && !residualParts.has(d.id));
    const clear = ok.filter((d) => direction(d) && direction(d) !== 'vergelijkbaar').sort((a, b) => weight(b) - weight(a));
    const lead = clear[0] ?? ok[0];
    if (lead) headlines.set(t, lead.id);
  }

  const stressed = (def: IndicatorDef) => stress(def).ok && headlines.get(topic(def)) === def.id;
  const tier = (def: IndicatorDef) => (stressed(def) ? (def.opportunity ? 3 : 2) : def.opportunity ? 1 : 0);
  const facts: ReportFacts = {
    finding,
    stress,
    topic,
    weight,
    stressed,
    importance: (def) => tier(def) * 100 + Math.min(99, weight(def)),
  };
  cache.set(report.value, facts);
  return facts;
}
