/**
 * The interpretation ("duiding") of one report, computed from its figures:
 * sentences per section, the kernpunten, and the 30 factors. The consultant's
 * texts from the region config replace or follow the computed ones.
 */
import { domainKeyIndicators, yearLabel, type Domain, type IndicatorDef } from '../data/catalogue.js';
import { formatObs } from '../format.js';
import type { ReportData } from '../data/select.js';
import { markdownToHtml } from '../util/markdown.js';
import { formatNumber } from '../format.js';
import { EXTREME_SHARE, SIMILARITY_SD_FRACTION } from './compare.js';
import { factorCoverage, type FactorCoverage } from './factors.js';
import { selectKernpunten, KERNPUNT_MIN_Z, KERNPUNTEN_MAX, KERNPUNTEN_MIN, KERNPUNTEN_PER_DOMAIN, type Kernpunt } from './kernpunten.js';
import { headline, mainReference, toneOf } from './headline.js';
import { STABLE_COUNT_CHANGE, type IndicatorFinding } from './sentences.js';
import { reportFacts, shownIndicators, type ReportFacts } from './facts.js';
import { isSchoolLocated, schoolPlace, stressRule, topics } from './stress.js';
import { inWords, MIN_WIJKEN_FOR_STACKING, STACKED_MIN, stackingYears, wijkFigures, wijkName, wijkStacking, type WijkStacking } from './wijk-stacking.js';
import { joinAnd } from '../util/dutch-list.js';
import { minCoverage } from '../data/aggregate.js';
import { SMALL_WIJK, STANDOUT_SD } from './wijk.js';

/** The item id of the line that says how the measures of a topic relate. */
export const TOPIC_ITEM = 'onderwerp-';

export interface InterpretationItem {
  indicator: string;
  /** Computed sentence (plain text) … */
  text?: string;
  /** … or the consultant's own text (Markdown, as HTML). */
  html?: string;
}

export interface KernpuntView {
  text?: string;
  html?: string;
  /** Lines under the kernpunt (the wijken with their figures). */
  details?: string[];
  indicator: string;
  tone: 'gunstig' | 'ongunstig' | 'neutraal';
  anchor?: string;
  sectionTitle?: string;
}

/** Where in the region disadvantages stack: the box on the summary page. */
export interface WhereToAct {
  sentence: string;
  /** The named wijken with their number on the maps and their figures. */
  rows: { nr: string; name: string; figures: string }[];
  /** "wijkcijfers 2021". */
  years: string;
  /** For a region of several gemeenten: where the named wijken lie. */
  gemeenten?: string;
  anchor?: string;
  sectionTitle?: string;
  /** Enough wijken to draw the map. */
  map: boolean;
}

export interface Interpretation {
  sections: { anchor: string; items: InterpretationItem[] }[];
  kernpunten: KernpuntView[];
  factors: FactorCoverage[];
  /** "In één oogopslag": one tile per section, from the same findings as the kernpunten. */
  summary: SummaryTile[];
  where?: WhereToAct;
  /** The rules behind the wording, for the colophon. */
  rules: string[];
}

export interface SummaryTile {
  indicator: string;
  sectionTitle: string;
  anchor: string;
  label: string;
  /** "op scholen in Arnhem" for a figure counted by school location. */
  place?: string;
  value: string;
  year: string;
  /** Per comparison: a mark that reads in greyscale (▲ ▼ ≈) and its words. */
  marks: { symbol: string; text: string }[];
  line: string;
  tone: 'gunstig' | 'ongunstig' | 'neutraal';
}

/**
 * Indicators a section speaks about: those of its charts, and of a composition the one part that
 * leads its topic (the age group that differs most), not the maps.
 */
function sentenceIndicators(report: ReportData, sectionIndex: number, facts: ReportFacts): IndicatorDef[] {
  const section = report.sections[sectionIndex];
  const defs = (ids: string[]) => ids.map((id) => report.catalogue.get(id)!).filter(Boolean);
  const charts = defs(section.figures.filter((f) => f.kind === 'comparison' || f.kind === 'trend' || f.kind === 'distribution').flatMap((f) => f.indicators));
  const parts = defs(section.figures.filter((f) => f.kind === 'composition').flatMap((f) => f.indicators)).filter((d) => facts.stressed(d));
  return [...new Map([...charts, ...parts].map((d) => [d.id, d])).values()];
}

export function buildInterpretation(report: ReportData): Interpretation {
  const { config } = report;
  const computed = config.interpretation.computed;
  const excluded = new Set(config.interpretation.exclude);
  const facts = reportFacts(report);

  const sections = report.sections.map((section, i) => {
    const items: InterpretationItem[] = [];
    if (computed && section.textMode !== 'replace') {
      const defs = sentenceIndicators(report, i, facts).filter((def) => !excluded.has(def.id));
      // What matters most first: a figure that may be stressed (enough cases, its topic's
      // headline), about opportunity before context, by the size of the difference; then the rest.
      const rank = (def: IndicatorDef) => (facts.stressed(def) ? 2 + (def.opportunity ? 1 : 0) : def.opportunity ? 0 : 1) * 100 + Math.min(99, facts.weight(def));
      defs.sort((a, b) => rank(b) - rank(a));
      for (const def of defs) {
        const own = section.indicatorTexts[def.id];
        if (own !== undefined) {
          if (own.trim()) items.push({ indicator: def.id, html: markdownToHtml(own) });
          continue;
        }
        const stress = facts.stress(def);
        const caution =
          !stress.ok && stress.reason && report.value(def.id, report.region).value !== null
            ? ` Let op: dit cijfer ${stress.reason}; ${stress.fewCases ? 'een verschil kan hier toeval zijn' : 'daarom staat het niet vooraan'}.`
            : '';
        items.push({ indicator: def.id, text: facts.finding(def).text + caution });
      }
      // Measures of one topic count differently: one line says which leads and how the others relate.
      for (const topic of topics) {
        if (defs.filter((d) => topic.measures.includes(d.id)).length >= 2) items.push({ indicator: `${TOPIC_ITEM}${topic.id}`, text: topic.relation });
      }
    }
    // The consultant's texts for indicators without a computed sentence here.
    for (const [id, own] of Object.entries(section.indicatorTexts)) {
      if (own.trim() && !items.some((it) => it.indicator === id)) items.push({ indicator: id, html: markdownToHtml(own) });
    }
    return { anchor: section.anchor, items };
  });

  // The section where the wijken are shown: its wijk chapter, else the verbanden. It opens with where disadvantages stack.
  const wijkSection = report.sections.find((s) => s.domain === 'wijk') ?? report.sections.find((s) => s.domain === 'verbanden');
  const stacking = wijkStacking(report);
  if (computed && wijkSection) sections[report.sections.indexOf(wijkSection)].items.unshift({ indicator: 'wijken', text: stacking.sentence });
  const where: WhereToAct | undefined = computed
    ? {
        sentence: stacking.sentence,
        rows: stacking.named.map((r) => ({ nr: String(r.nr), name: wijkName(report, r), figures: wijkFigures(stacking, r) })),
        years: stackingYears(stacking),
        gemeenten: report.gemeenten.length > 1 && stacking.named.length ? namedPerGemeente(stacking.named) : undefined,
        anchor: wijkSection?.anchor,
        sectionTitle: wijkSection?.title,
        map: stacking.enough,
      }
    : undefined;

  let kernpunten: KernpuntView[] = [];
  if (computed && config.kernpuntenMode !== 'replace') {
    const candidates: Kernpunt[] = [];
    for (const section of report.sections) {
      for (const def of shownIndicators(report, section)) {
        if (def.unit === 'count' || def.classes || def.internal || excluded.has(def.id)) continue;
        if (candidates.some((c) => c.finding.indicator === def.id) || !facts.stressed(def)) continue;
        const finding = facts.finding(def);
        candidates.push({
          finding,
          domain: section.domain,
          group: facts.topic(def),
          opportunity: !!def.opportunity,
          tone: toneOf(def, finding),
          anchor: section.anchor,
          sectionTitle: section.title,
        });
      }
    }
    // The consultant's own text for an indicator also stands in its kernpunt; an empty text removes it.
    const ownTexts = new Map(report.sections.flatMap((s) => Object.entries(s.indicatorTexts)));
    // Where to act comes first: the wijken where disadvantages stack.
    const wijkPoint: KernpuntView[] =
      where && stacking.named.length
        ? [{ text: stacking.sentence.replace(/\.$/, ` (${where.years}).`), details: where.rows.map((r) => `${r.name}: ${r.figures}.`), indicator: 'wijken', tone: 'ongunstig', anchor: where.anchor, sectionTitle: where.sectionTitle }]
        : [];
    kernpunten = [
      ...wijkPoint,
      ...selectKernpunten(
        candidates.filter((c) => ownTexts.get(c.finding.indicator) !== ''),
        KERNPUNTEN_MAX - wijkPoint.length,
      ).map((k): KernpuntView => {
        const own = ownTexts.get(k.finding.indicator);
        const def = report.catalogue.get(k.finding.indicator)!;
        return {
          ...(own ? { html: markdownToHtml(own) } : { text: headline(def, k.finding, report.region.name) ?? k.finding.text }),
          indicator: def.id,
          tone: k.tone ?? 'neutraal',
          anchor: k.anchor,
          sectionTitle: k.sectionTitle,
        };
      }),
    ];
  }

  const used = new Map<string, IndicatorDef>();
  for (const s of report.sections) {
    for (const d of s.indicators) used.set(d.id, d);
    for (const f of s.figures) for (const id of f.indicators) used.set(id, report.catalogue.get(id)!);
  }

  const summary = computed ? buildSummary(report, facts) : [];

  return {
    sections,
    kernpunten,
    summary,
    where,
    factors: factorCoverage(used.values()),
    rules: computed ? (config.edition === 'kort' ? shortRules(stacking) : fullRules(stacking)) : [],
  };
}

/** When a comparison group is computed at all. */
function coverageRule(): string {
  return `Een vergelijkingsgebied (de provincie, de vergelijkbare gemeenten, Nederland waar de bron geen landelijk cijfer heeft) wordt berekend over de gemeenten met gegevens, en alleen als dat er minstens ${minCoverage === 2 / 3 ? 'twee derde' : `${formatNumber(minCoverage * 100)}%`} zijn; ontbreken er gemeenten, dan staat dat bij het cijfer.`;
}

/** The rules behind the computed text, as the full edition states them. */
function fullRules(stacking: WijkStacking): string[] {
  return [
    stressRule(),
    `Hoger, lager of vergelijkbaar: een verschil telt als het minstens ${Math.round(SIMILARITY_SD_FRACTION * 100)}% van de standaardafwijking tussen alle gemeenten is en na afronding zichtbaar blijft; anders heet de waarde ‘ongeveer even hoog’. Verschillen tussen percentages staan in procentpunten.`,
    `‘Hoort bij de ${EXTREME_SHARE * 100}% gemeenten met het hoogste (of laagste) …’: de gemeenten met deze waarde of een hogere (of lagere), gelijke waarden meegeteld, zijn samen hoogstens ${EXTREME_SHARE * 100}% van alle gemeenten. Voor een gebied van meerdere gemeenten staat er ‘zou horen bij’.`,
    `Ontwikkeling over de jaren: ‘steeg’ of ‘daalde’ als de afgeronde waarden verschillen (bij aantallen: meer dan ${formatNumber(STABLE_COUNT_CHANGE * 100, 1)}%); anders ‘bleef vrijwel gelijk’. De vergelijking loopt van het eerste tot het laatste vergelijkbare jaar: de examenjaren 2019-2020 en 2020-2021 (corona) en voorlopige cijfers zijn nooit begin of eind van een ontwikkeling; in de grafieken zijn ze gemarkeerd.`,
    coverageRule(),
    `Gunstig of ongunstig staat er alleen bij indicatoren waarvan de catalogus zegt dat hoger beter (of slechter) is; bij neutrale indicatoren staat alleen hoger of lager.`,
    `Kernpunten: eerst de wijken waar de achterstanden zich opstapelen, dan hoogstens ${formatNumber(KERNPUNTEN_MAX)} indicatoren waarop het gebied duidelijk afwijkt van de vergelijkbare gemeenten (of, zonder die groep, van Nederland): minstens ${formatNumber(KERNPUNT_MIN_Z, 1)} standaardafwijking tussen alle gemeenten. Eerst de indicatoren over de kansen van kinderen zelf (inkomen en armoede, jeugdhulp, onderwijsachterstand en -uitkomsten, speciaal onderwijs); context (bevolking, wonen, afstanden) vult alleen aan tot ${formatNumber(KERNPUNTEN_MIN)}. Waar het gebied ergens gunstig afwijkt, staat ook dat erbij. Hoogstens ${formatNumber(KERNPUNTEN_PER_DOMAIN)} per domein en één per onderwerp; nooit een vergelijking die de eigen zin tegenspreekt.`,
    `Waar achterstanden zich opstapelen: per wijkcijfer over kansen (${joinAnd(stacking.columns.filter((c) => c.disadvantage).map((c) => c.short))}) vijf klassen met ongeveer even veel wijken, over alle wijken van ${stacking.scope}, op de afgeronde waarden. Een wijk stapelt achterstanden als hij op minstens ${inWords(STACKED_MIN)} van deze cijfers in de hoogste klasse valt (bij minstens drie klassen en ${formatNumber(MIN_WIJKEN_FOR_STACKING)} wijken met cijfers). Wijken met minder dan ${formatNumber(SMALL_WIJK)} inwoners worden niet genoemd.`,
    `Wijken: ‘duidelijk hoger’ of ‘lager’ wijkt minstens ${formatNumber(STANDOUT_SD, 1)} standaardafwijking af van het gemiddelde van de wijken; wijken met minder dan ${formatNumber(SMALL_WIJK)} inwoners zijn gemarkeerd.`,
  ];
}

/** The same rules in the short edition's verantwoording: shorter, the same numbers. */
function shortRules(stacking: WijkStacking): string[] {
  return [
    stressRule(),
    `Hoger of lager: een verschil telt als het minstens ${Math.round(SIMILARITY_SD_FRACTION * 100)}% van de standaardafwijking tussen alle gemeenten is en na afronding zichtbaar blijft, anders ‘ongeveer even hoog’. ‘Hoort bij de ${EXTREME_SHARE * 100}% gemeenten met het hoogste …’: samen met de gelijke en hogere waarden hoogstens ${EXTREME_SHARE * 100}% van de gemeenten. ‘Steeg’ of ‘daalde’: van het eerste tot het laatste vergelijkbare jaar (geen corona-examenjaar of voorlopig cijfer).`,
    coverageRule(),
    `Kernpunten: eerst de wijken waar de achterstanden zich opstapelen, dan de grootste verschillen met de vergelijkbare gemeenten (minstens ${formatNumber(KERNPUNT_MIN_Z, 1)} standaardafwijking), cijfers over kansen vóór context, ook wat gunstig afwijkt; hoogstens ${formatNumber(KERNPUNTEN_PER_DOMAIN)} per hoofdstuk en één per onderwerp.`,
    `Waar achterstanden zich opstapelen: per wijkcijfer (${joinAnd(stacking.columns.filter((c) => c.disadvantage).map((c) => c.short))}) vijf klassen met ongeveer even veel wijken van ${stacking.scope}; een wijk stapelt achterstanden als hij op minstens ${inWords(STACKED_MIN)} cijfers in de hoogste klasse valt. Wijken met minder dan ${formatNumber(SMALL_WIJK)} inwoners worden niet genoemd.`,
  ];
}

/** "Terneuzen (2) en Hulst (1)": where the named wijken of a region of several gemeenten lie. */
function namedPerGemeente(rows: { gemeente: string }[]): string {
  const counts = new Map<string, number>();
  for (const r of rows) counts.set(r.gemeente, (counts.get(r.gemeente) ?? 0) + 1);
  return `De genoemde wijken liggen in ${joinAnd([...counts].sort((a, b) => b[1] - a[1]).map(([g, n]) => `${g} (${formatNumber(n)})`))}.`;
}

const marks: Record<string, string> = { hoger: '▲', lager: '▼', vergelijkbaar: '≈' };

/** The context figure of a tile for a domain without figures about opportunity, in order of preference. */
const tileContext: Partial<Record<Domain, string[]>> = {
  demografie: ['pct_0_15', 'pct_hh_met_kinderen'],
  signalering: ['jeugdzorg_verwijzer_jeugdarts', 'jeugdzorg_leeftijd_0_4', 'jeugdzorg_verwijzer_huisarts'],
};

/**
 * One tile per section but the wijken (they have the box below the tiles) and the verbanden:
 * its most telling figure about opportunity that may be stressed (the largest difference), else
 * a context figure, with the same finding, and so the same words, as the kernpunten and the section.
 */
function buildSummary(report: ReportData, facts: ReportFacts): SummaryTile[] {
  const tiles: SummaryTile[] = [];
  for (const section of report.sections) {
    if (section.domain === 'verbanden' || section.domain === 'wijk') continue;
    const shown = shownIndicators(report, section);
    // About opportunity: the headline of its topic; context: any figure on enough cases (parts of a whole do not contradict).
    const candidates = shown.filter(
      (d) => !d.internal && !d.classes && d.unit !== 'count' && report.value(d.id, report.region).value !== null && (d.opportunity ? facts.stressed(d) : facts.stress(d).ok),
    );
    // A context figure only where the domain has nothing about opportunity: the one that says most about children.
    const preferred = tileContext[section.domain] ?? [];
    const rank = (d: IndicatorDef) => (d.opportunity ? 300 + Math.min(99, facts.weight(d)) : preferred.includes(d.id) ? 200 - preferred.indexOf(d.id) : d.unit === 'km' ? 0 : 100 + Math.min(99, facts.weight(d)));
    const def = candidates.sort((a, b) => rank(b) - rank(a))[0];
    if (!def) {
      // Nothing in this chapter may be stressed (a small gemeente): the tile says so instead of staying away.
      const shownValue = shown.filter((d) => d.opportunity && !d.internal && d.unit !== 'count' && report.value(d.id, report.region).value !== null);
      // The chapter's key measure (jeugdzorg in natura), else the one that differs most.
      const keys = domainKeyIndicators[section.domain] ?? [];
      const order = (d: IndicatorDef) => (keys.includes(d.id) ? 100 - keys.indexOf(d.id) : 0) + Math.min(99, facts.weight(d)) / 100;
      const quiet = shownValue.sort((a, b) => order(b) - order(a))[0];
      if (quiet) {
        tiles.push({
          indicator: quiet.id,
          sectionTitle: section.title,
          anchor: section.anchor,
          label: quiet.label,
          place: isSchoolLocated(quiet) ? schoolPlace(report.region.name) : undefined,
          value: '–',
          year: '',
          marks: [],
          line: `Dit cijfer ${facts.stress(quiet).reason ?? 'rust op weinig gevallen'}; daarom staat het hier niet. Zie het hoofdstuk.`,
          tone: 'neutraal',
        });
      }
      continue;
    }
    const f = facts.finding(def);
    if (!f.value || f.value.value === null) continue;
    const refs = (f.references ?? []).filter((r) => r.role === 'similar' || r.role === 'nederland' || r.role === 'gemeente');
    const words = def.unit === 'km' ? { hoger: 'groter dan', lager: 'kleiner dan', vergelijkbaar: 'even groot als' } : { hoger: 'hoger dan', lager: 'lager dan', vergelijkbaar: 'even hoog als' };
    tiles.push({
      indicator: def.id,
      sectionTitle: section.title,
      anchor: section.anchor,
      label: def.label,
      place: isSchoolLocated(def) ? schoolPlace(report.region.name) : undefined,
      value: formatObs(def, f.value),
      year: f.value.year !== null ? yearLabel(def, f.value.year) : '',
      marks: refs.map((r) => ({ symbol: marks[r.comparison], text: `${words[r.comparison]} ${r.role === 'similar' ? 'vergelijkbare gemeenten' : r.name} (${formatObs(def, r.value)})` })),
      line: headline(def, f, report.region.name) ?? sameLine(def, f),
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
