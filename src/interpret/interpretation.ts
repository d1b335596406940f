/**
 * The interpretation ("duiding") of one report, computed from its figures:
 * sentences per section, the kernpunten, and the 30 factors. The consultant's
 * texts from the region config replace or follow the computed ones.
 */
import { domainKeyIndicators, yearLabel, type IndicatorDef } from '../data/catalogue.js';
import { formatObs } from '../format.js';
import type { ReportData } from '../data/select.js';
import { markdownToHtml } from '../render/markdown.js';
import { formatNumber } from '../format.js';
import { EXTREME_SHARE, SIMILARITY_SD_FRACTION } from './compare.js';
import { factorCoverage, type FactorCoverage } from './factors.js';
import { selectKernpunten, KERNPUNT_MIN_Z, KERNPUNTEN_MAX, KERNPUNTEN_MIN, KERNPUNTEN_PER_DOMAIN, type Kernpunt } from './kernpunten.js';
import { headline, mainReference, toneOf } from './headline.js';
import { indicatorFinding, STABLE_COUNT_CHANGE, type IndicatorFinding } from './sentences.js';
import { SMALL_WIJK, STANDOUT_SD } from './wijk.js';

export interface InterpretationItem {
  indicator: string;
  /** Computed sentence (plain text) … */
  text?: string;
  /** … or the consultant's own text (Markdown, as HTML). */
  html?: string;
}

export interface Interpretation {
  sections: { anchor: string; items: InterpretationItem[] }[];
  kernpunten: { text?: string; html?: string; indicator: string; tone: 'gunstig' | 'ongunstig' | 'neutraal'; anchor: string; sectionTitle: string }[];
  factors: FactorCoverage[];
  /** "In één oogopslag": one tile per section, from the same findings as the kernpunten. */
  summary: SummaryTile[];
  /** The rules behind the wording, for the colophon. */
  rules: string[];
}

export interface SummaryTile {
  sectionTitle: string;
  anchor: string;
  label: string;
  value: string;
  year: string;
  /** Per comparison: a mark that reads in greyscale (▲ ▼ ≈) and its words. */
  marks: { symbol: string; text: string }[];
  line: string;
  tone: 'gunstig' | 'ongunstig' | 'neutraal';
}

/** Indicators a section speaks about: those of its charts (not the parts of a composition or the maps). */
function sentenceIndicators(report: ReportData, sectionIndex: number): IndicatorDef[] {
  const section = report.sections[sectionIndex];
  const ids = section.figures.filter((f) => f.kind === 'comparison' || f.kind === 'trend' || f.kind === 'distribution').flatMap((f) => f.indicators);
  return [...new Set(ids)].map((id) => report.catalogue.get(id)!).filter(Boolean);
}

export function buildInterpretation(report: ReportData): Interpretation {
  const { config } = report;
  const computed = config.interpretation.computed;
  const excluded = new Set(config.interpretation.exclude);
  const findings = new Map<string, IndicatorFinding>();
  const findingOf = (def: IndicatorDef) => {
    let f = findings.get(def.id);
    if (!f) findings.set(def.id, (f = indicatorFinding(report, def)));
    return f;
  };

  const sections = report.sections.map((section, i) => {
    const items: InterpretationItem[] = [];
    if (computed && section.textMode !== 'replace') {
      for (const def of sentenceIndicators(report, i)) {
        if (excluded.has(def.id)) continue;
        const own = section.indicatorTexts[def.id];
        if (own !== undefined) {
          if (own.trim()) items.push({ indicator: def.id, html: markdownToHtml(own) });
        } else items.push({ indicator: def.id, text: findingOf(def).text });
      }
      // What matters most first: the section's key figure, then the largest differences with the
      // similar gemeenten (or Nederland), then the rest in the order of the figures.
      const key = (domainKeyIndicators[section.domain] ?? []).find((id) => items.some((it) => it.indicator === id));
      const weight = (id: string) => {
        if (id === key) return Infinity;
        const z = findingOf(report.catalogue.get(id)!).z;
        return z === undefined || Number.isNaN(z) ? -1 : Math.abs(z);
      };
      items.sort((a, b) => weight(b.indicator) - weight(a.indicator));
    }
    // The consultant's texts for indicators without a computed sentence here.
    for (const [id, own] of Object.entries(section.indicatorTexts)) {
      if (own.trim() && !items.some((it) => it.indicator === id)) items.push({ indicator: id, html: markdownToHtml(own) });
    }
    return { anchor: section.anchor, items };
  });

  let kernpunten: Interpretation['kernpunten'] = [];
  if (computed && config.kernpuntenMode !== 'replace') {
    const candidates: Kernpunt[] = [];
    const groupOf = new Map<string, string>();
    for (const s of report.sections) for (const f of s.figures) if (f.kind === 'composition') for (const id of f.indicators) groupOf.set(id, f.id);
    for (const section of report.sections) {
      for (const def of section.indicators) {
        if (def.unit === 'count' || def.classes || excluded.has(def.id)) continue;
        if (candidates.some((c) => c.finding.indicator === def.id)) continue;
        const finding = findingOf(def);
        candidates.push({
          finding,
          domain: section.domain,
          group: def.kernpuntGroup ?? def.partOf ?? groupOf.get(def.id),
          opportunity: !!def.opportunity,
          tone: toneOf(def, finding),
          anchor: section.anchor,
          sectionTitle: section.title,
        });
      }
    }
    // The consultant's own text for an indicator also stands in its kernpunt; an empty text removes it.
    const ownTexts = new Map(report.sections.flatMap((s) => Object.entries(s.indicatorTexts)));
    kernpunten = selectKernpunten(candidates.filter((c) => ownTexts.get(c.finding.indicator) !== '')).map((k) => {
      const own = ownTexts.get(k.finding.indicator);
      const def = report.catalogue.get(k.finding.indicator)!;
      return {
        ...(own ? { html: markdownToHtml(own) } : { text: headline(def, k.finding) ?? k.finding.text }),
        indicator: def.id,
        tone: k.tone ?? 'neutraal',
        anchor: k.anchor,
        sectionTitle: k.sectionTitle,
      };
    });
  }

  const used = new Map<string, IndicatorDef>();
  for (const s of report.sections) {
    for (const d of s.indicators) used.set(d.id, d);
    for (const f of s.figures) for (const id of f.indicators) used.set(id, report.catalogue.get(id)!);
  }

  const summary = computed ? buildSummary(report, findingOf, kernpunten.map((k) => k.indicator)) : [];

  return {
    sections,
    kernpunten,
    summary,
    factors: factorCoverage(used.values()),
    rules: computed
      ? [
          `Hoger, lager of vergelijkbaar: een verschil telt als het minstens ${Math.round(SIMILARITY_SD_FRACTION * 100)}% van de standaardafwijking tussen alle gemeenten is en na afronding zichtbaar blijft; anders heet de waarde ‘ongeveer even hoog’. Verschillen tussen percentages staan in procentpunten.`,
          `‘Hoort bij de ${EXTREME_SHARE * 100}% gemeenten met het hoogste (of laagste) …’: minder dan ${EXTREME_SHARE * 100}% van alle gemeenten heeft een hogere (of lagere) waarde. Voor een gebied van meerdere gemeenten staat er ‘zou horen bij’.`,
          `Ontwikkeling over de jaren: ‘steeg’ of ‘daalde’ als de afgeronde waarden verschillen (bij aantallen: meer dan ${formatNumber(STABLE_COUNT_CHANGE * 100, 1)}%); anders ‘bleef vrijwel gelijk’. De vergelijking loopt van het eerste tot het laatste vergelijkbare jaar: de examenjaren 2019-2020 en 2020-2021 (corona) en voorlopige cijfers zijn nooit begin of eind van een ontwikkeling; in de grafieken zijn ze gemarkeerd.`,
          `Gunstig of ongunstig staat er alleen bij indicatoren waarvan de catalogus zegt dat hoger beter (of slechter) is; bij neutrale indicatoren staat alleen hoger of lager.`,
          `Kernpunten: ${formatNumber(KERNPUNTEN_MIN)} tot ${formatNumber(KERNPUNTEN_MAX)} indicatoren waarop het gebied duidelijk afwijkt van de vergelijkbare gemeenten (of, zonder die groep, van Nederland): minstens ${formatNumber(KERNPUNT_MIN_Z, 1)} standaardafwijking tussen alle gemeenten. Eerst de indicatoren over de kansen van kinderen zelf (inkomen en armoede, jeugdhulp, onderwijsachterstand en -uitkomsten, speciaal onderwijs); context (bevolking, wonen, afstanden) vult alleen aan. Waar het gebied ergens gunstig afwijkt, staat ook dat erbij. Hoogstens ${formatNumber(KERNPUNTEN_PER_DOMAIN)} per domein; nooit een vergelijking die de eigen zin tegenspreekt.`,
          `Wijken: ‘duidelijk hoger’ of ‘lager’ wijkt minstens ${formatNumber(STANDOUT_SD, 1)} standaardafwijking af van het gemiddelde van de wijken; wijken met minder dan ${formatNumber(SMALL_WIJK)} inwoners zijn gemarkeerd.`,
        ]
      : [],
  };
}

const marks: Record<string, string> = { hoger: '▲', lager: '▼', vergelijkbaar: '≈' };

/**
 * One tile per section: the domain's key indicator (else a kernpunt of the section, else its
 * first indicator about opportunity), with the same finding, and so the same comparison and
 * words, as the kernpunten and the section.
 */
function buildSummary(report: ReportData, findingOf: (def: IndicatorDef) => IndicatorFinding, kernpuntIds: string[]): SummaryTile[] {
  const tiles: SummaryTile[] = [];
  for (const section of report.sections) {
    const shown = new Set([...section.indicators.map((d) => d.id), ...section.figures.flatMap((f) => f.indicators)]);
    const has = (id: string) => shown.has(id) && report.value(id, report.region).value !== null;
    if (section.domain === 'verbanden') continue;
    const id =
      (domainKeyIndicators[section.domain] ?? []).find(has) ??
      kernpuntIds.find((k) => has(k)) ??
      section.indicators.find((d) => d.opportunity && has(d.id))?.id ??
      section.indicators.find((d) => !d.classes && d.unit !== 'count' && has(d.id))?.id;
    if (!id) continue;
    const def = report.catalogue.get(id)!;
    const f = findingOf(def);
    if (!f.value || f.value.value === null) continue;
    const refs = (f.references ?? []).filter((r) => r.role === 'similar' || r.role === 'nederland' || r.role === 'gemeente');
    const words = def.unit === 'km' ? { hoger: 'groter dan', lager: 'kleiner dan', vergelijkbaar: 'even groot als' } : { hoger: 'hoger dan', lager: 'lager dan', vergelijkbaar: 'even hoog als' };
    tiles.push({
      sectionTitle: section.title,
      anchor: section.anchor,
      label: def.label,
      value: formatObs(def, f.value),
      year: f.value.year !== null ? yearLabel(def, f.value.year) : '',
      marks: refs.map((r) => ({ symbol: marks[r.comparison], text: `${words[r.comparison]} ${r.role === 'similar' ? 'vergelijkbare gemeenten' : r.name} (${formatObs(def, r.value)})` })),
      line: headline(def, f) ?? sameLine(def, f),
      tone: toneOf(def, f),
    });
  }
  return tiles;
}

/** The line of a tile without a clear difference. */
function sameLine(def: IndicatorDef, f: IndicatorFinding): string {
  const main = mainReference(f);
  if (!main) return 'Geen vergelijking beschikbaar.';
  return `Ongeveer ${def.unit === 'km' ? 'even groot' : 'even hoog'} als in ${main.role === 'similar' ? 'vergelijkbare gemeenten' : main.role === 'gemeente' ? main.name : 'Nederland'}.`;
}
