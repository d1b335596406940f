/**
 * The two editions of a report. `volledig` shows everything the sections hold; `kort` is what
 * a meeting reads: per chapter its most telling figures, chosen from the data (the largest
 * differences, on figures that may be stressed, about opportunity before context), the wijken
 * on one page (where disadvantages stack: the map and the wijk profile), and the same front
 * pages as the full edition. Both leave out wijk maps of one or two wijken.
 */
import { figures as figureCatalogue, type FigureDef } from '../data/figures.js';
import { figureKinds, isAreaChart, isWijkKind } from '../data/figure-def.js';
import type { IndicatorDef } from '../data/catalogue.js';
import type { ReportData, ReportSection } from '../data/select.js';
import { reportFacts, type ReportFacts } from './facts.js';
import { buildInterpretation, TOPIC_ITEM, type Interpretation } from './interpretation.js';
import { inWords, numberedWijken, wijkStacking } from './wijk-stacking.js';
import { topics } from './stress.js';
import { joinAnd } from '../util/dutch-list.js';

/** Figures per chapter in the short edition, at most (the client's own figures come on top). */
export const KORT_FIGURES = 3;
/** Room on a chapter's page for its sentences and figures (mm of A4 below the heading). */
export const KORT_PAGE_ROOM_MM = 235;
/** Computed paragraphs per chapter in the short edition. */
export const KORT_FINDINGS = 3;

/** The computed paragraphs' height, roughly: 10pt text about 95 characters a line, 5 mm a line. */
function textHeight(texts: string[]): number {
  return texts.reduce((h, t) => h + Math.ceil(t.length / 95) * 5 + 2, 0);
}

/** A figure's height on the page, roughly (mm, with its title and source line): to keep a chapter on one page. */
function estimatedHeight(f: FigureDef, bars: number): number {
  return figureKinds[f.kind].heightMm(f.indicators.length, bars);
}


export interface ComposedReport {
  report: ReportData;
  interpretation: Interpretation;
}

/** The report as its edition shows it, with its interpretation. */
export function composeReport(report: ReportData): ComposedReport {
  const fitted = withoutOneShapeMaps(report);
  const interpretation = buildInterpretation(fitted);
  if (fitted.config.edition === 'volledig') return { report: fitted, interpretation };
  const short = shortEdition(fitted, reportFacts(fitted), frontPageFigures(interpretation));
  // The front pages (summary, kernpunten, where to act) are those of the full report: both
  // editions say the same first; only the chapters are shorter.
  // The first paragraphs, and the line that says how the measures of one topic relate where the chapter shows several.
  // The sentence of a figure the front pages point to stays too (the kernpunt's "Zie …, pagina N" finds it there),
  // and that of the client's own figures, shown first among the figures.
  const pointed = frontPageFigures(interpretation);
  const kept = (anchor: string, id: string) => id.startsWith(TOPIC_ITEM) || !!pointed.get(anchor)?.has(id) || !!short.catalogue.get(id)?.citation;
  const chapters = buildInterpretation(short).sections.map((s) => ({
    ...s,
    items: [...s.items.slice(0, KORT_FINDINGS), ...s.items.slice(KORT_FINDINGS).filter((it) => kept(s.anchor, it.indicator))],
  }));
  return { report: short, interpretation: { ...interpretation, sections: chapters } };
}

/** A gemeente of one or two wijken gets no wijk maps: every map would be one or two shapes. */
function withoutOneShapeMaps(report: ReportData): ReportData {
  const wijken = numberedWijken(report).length;
  if (wijken > 2) return report;
  const names = joinAnd(report.gemeenten.map((g) => g.name));
  const reason = `${names} ${wijken === 1 ? 'is één wijk' : `heeft ${inWords(wijken)} wijken`}: een kaart of vergelijking van wijken voegt niets toe`;
  const sections = report.sections.map((s): ReportSection => {
    const dropped = s.figures.filter((f) => isWijkKind(f.kind));
    if (!dropped.length) return s;
    return { ...s, figures: s.figures.filter((f) => !isWijkKind(f.kind)), omitted: [...s.omitted, `Geen wijkkaarten en wijkfiguren: ${reason}.`] };
  });
  return { ...report, sections };
}

/**
 * The figures the front pages (the kernpunten, the tiles of "In één oogopslag") point to, per chapter anchor.
 * The short edition shows each of them in that chapter, as a figure with its sentence: a reference
 * "Zie Jeugdhulp, pagina 8" must find its figure on that page, and the short edition has no Kerncijfers tables.
 */
export function frontPageFigures(interpretation: Interpretation): Map<string, Set<string>> {
  const pointed = new Map<string, Set<string>>();
  const add = (anchor: string | undefined, id: string) => {
    if (!anchor) return;
    const ids = pointed.get(anchor) ?? new Set<string>();
    ids.add(id);
    pointed.set(anchor, ids);
  };
  for (const k of interpretation.kernpunten) add(k.anchor, k.indicator);
  for (const t of interpretation.summary) add(t.anchor, t.indicator);
  return pointed;
}

function shortEdition(report: ReportData, facts: ReportFacts, pointed: Map<string, Set<string>>): ReportData {
  const stacking = wijkStacking(report);
  const wijkPage = (section: ReportSection) =>
    stacking.enough
      ? [figureCatalogue.get('stapeling')!, section.figures.find((f) => f.kind === 'wijk-profile') ?? figureCatalogue.get('wijkprofiel')!]
      : [];
  // The wijken go to the wijk chapter, else (a config without one) to the verbanden.
  const wijkHome = report.sections.find((s) => s.domain === 'wijk') ?? report.sections.find((s) => s.domain === 'verbanden');
  const sections = report.sections.map((s, i): ReportSection => {
    let figures: FigureDef[];
    const wanted = [...(pointed.get(s.anchor) ?? [])].map((id) => report.catalogue.get(id)).filter((d): d is IndicatorDef => !!d);
    if (report.config.sections?.[i]?.figures) {
      // The consultant chose the figures: the short edition shows them all, as chosen (the wijk page comes first in its chapter).
      const own = s.figures;
      figures = [...(s === wijkHome ? wijkPage(s).filter((f) => !own.some((o) => o.id === f.id)) : []), ...own];
    } else if (s.domain === 'verbanden') {
      const profile = s.figures.filter((f) => f.kind === 'profile');
      figures = [...(profile.length ? profile : s.figures.filter((f) => isAreaChart(f.kind)).slice(0, 1)), ...(s === wijkHome ? wijkPage(s) : [])];
    } else if (s === wijkHome) {
      figures = wijkPage(s);
      if (!figures.length) figures = mostTelling(report, facts, s).slice(0, 1);
    } else {
      figures = mostTelling(report, facts, s, wanted);
    }
    return { ...s, figures: withPointedFigures(report, s, figures, wanted) };
  });
  return { ...report, sections };
}

/** A figure the front pages point to that no chosen figure shows: its comparison chart joins the chapter. */
function withPointedFigures(report: ReportData, section: ReportSection, figures: FigureDef[], wanted: IndicatorDef[]): FigureDef[] {
  const shown = new Set(figures.filter((f) => isAreaChart(f.kind)).flatMap((f) => f.indicators));
  const added = wanted.filter((d) => !shown.has(d.id) && report.value(d.id, report.region).value !== null).map((d) => pointedFigure(section, d));
  return [...figures, ...added];
}

/** The comparison chart of one figure the front pages point to. */
function pointedFigure(section: ReportSection, d: IndicatorDef): FigureDef {
  return { id: `vergelijking-${d.id}`, kind: 'comparison', domain: section.domain, title: d.title, indicators: [d.id] };
}

/** The chapter's figures in order of what they tell: the client's own first, then by the data. */
function mostTelling(report: ReportData, facts: ReportFacts, section: ReportSection, wanted: IndicatorDef[] = []): FigureDef[] {
  const figures = section.figures;
  const defs = (f: FigureDef) => f.indicators.map((id) => report.catalogue.get(id)).filter((d): d is IndicatorDef => !!d);
  const score = (f: FigureDef) => Math.max(0, ...defs(f).map((d) => facts.importance(d)));
  const own = figures.filter((f) => defs(f).some((d) => d.citation));
  const charts = figures.filter((f) => isAreaChart(f.kind) && !own.includes(f)).sort((a, b) => score(b) - score(a));
  const chosen: FigureDef[] = [...own];
  const used = new Set<FigureDef>();
  // First the figures the front pages point to: the chart of each, narrowed to that measure.
  for (const d of wanted) {
    if (chosen.some((c) => isAreaChart(c.kind) && c.indicators.includes(d.id))) continue;
    const f = charts.find((c) => c.indicators.includes(d.id) && (c.kind !== 'distribution' || !charts.some((o) => o.kind === 'comparison' && o.indicators.includes(d.id))));
    if (f) {
      chosen.push(narrowed(report, facts, f, d));
      used.add(f);
    } else if (report.value(d.id, report.region).value !== null) {
      // A figure of the chapter's table only: its own comparison chart.
      chosen.push(pointedFigure(section, d));
    }
  }
  // What the chapter's sentences will say about the chosen figures (the first KORT_FINDINGS, most telling first).
  const sentencesOf = (fs: FigureDef[]) => {
    const ids = [...new Set(fs.flatMap((f) => f.indicators))].map((id) => report.catalogue.get(id)).filter((d): d is IndicatorDef => !!d);
    const relations = topics.filter((t) => ids.filter((d) => t.measures.includes(d.id)).length >= 2).map((t) => t.relation);
    const first = ids.sort((a, b) => facts.importance(b) - facts.importance(a)).slice(0, KORT_FINDINGS).map((d) => facts.finding(d).text);
    // The consultant's own text stands on the page too.
    return [...first, ...relations, ...(section.markdown ? [section.markdown] : [])];
  };
  // A bar per area: the region and its comparisons.
  const bars = 1 + report.comparisons.length;
  const height = (fs: FigureDef[]) => textHeight(sentencesOf(fs)) + fs.reduce((h, f) => h + estimatedHeight(f, bars), 0);
  const pinned = chosen.length;
  for (const f of charts) {
    if (chosen.length >= Math.max(KORT_FIGURES, pinned)) break;
    if (used.has(f)) continue;
    // A second figure of the same indicators (the distribution of a compared figure) adds little.
    const covered = new Set(chosen.flatMap((c) => c.indicators));
    if (f.indicators.every((id) => covered.has(id))) continue;
    const figure = narrowed(report, facts, f);
    // Two figures always; a third only where the chapter still fits on its page.
    if (chosen.length >= 2 && height([...chosen, figure]) > KORT_PAGE_ROOM_MM) continue;
    chosen.push(figure);
  }
  return chosen;
}

/**
 * A comparison of several measures (sbo, so and vso) shows, in the short edition, only the one
 * that tells most for this region: one panel under that measure's own title.
 */
function narrowed(report: ReportData, facts: ReportFacts, f: FigureDef, measure?: IndicatorDef): FigureDef {
  if (f.kind !== 'comparison' || f.indicators.length < 2) return f;
  const defs = f.indicators.map((id) => report.catalogue.get(id)).filter((d): d is IndicatorDef => !!d && report.value(d.id, report.region).value !== null);
  const best = measure ?? defs.sort((a, b) => facts.importance(b) - facts.importance(a))[0];
  return best ? { ...f, id: `${f.id}-${best.id}`, title: best.title, indicators: [best.id] } : f;
}
