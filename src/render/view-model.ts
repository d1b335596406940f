/**
 * ReportData + rendered figures → the plain object the Handlebars templates
 * print. All text is final Dutch text here; templates only lay it out.
 */
import { yearInParens, yearLabel, missingTopics, type Domain, type IndicatorDef } from '../data/catalogue.js';
import { sourceById, type SourceDef } from '../data/sources.js';
import { shownValue, shownYear, type ReportData } from '../data/select.js';
import { suppression } from '../data/series.js';
import { citationFor } from '../charts/citation.js';
import type { FigureModel } from '../charts/build-figure.js';
import { inSentence, formatDateNl, formatNumber, formatObs } from '../format.js';
import { joinAnd } from '../interpret/dutch.js';
import { wijkStacking } from '../interpret/wijk-stacking.js';
import type { Edition } from '../config/schema.js';
import { markdownToHtml } from '../util/markdown.js';
import type { Interpretation, InterpretationItem } from '../interpret/interpretation.js';
import type { FactorCoverage } from '../interpret/factors.js';

export interface RenderedFigure extends FigureModel {
  svg: string | null;
}

export interface ReportView {
  lang: string;
  title: string;
  regionName: string;
  subtitle: string;
  /** The line under the region name on the cover. */
  coverLine: string;
  edition: Edition;
  /** For the verantwoording: which edition this is and how to get the other. */
  editionLine: string;
  /** The consultant's introduction, after the cover. */
  introHtml?: string;
  clientName?: string;
  logoDataUri?: string;
  brand: { primary: string; secondary: string };
  generatedOn: string;
  toolVersion: string;
  dataPeriod: string;
  locatorSvg: string;
  areaDescription: string;
  kernpuntenHtml?: string;
  kernpunten: Interpretation['kernpunten'];
  summary: Interpretation['summary'];
  where?: Interpretation['where'] & { mapSvg?: string; legend?: FigureModel['legend'] };
  /** "Zo leest u deze contextkaart", in paragraphs. */
  readingGuide: string[];
  factors: FactorCoverage[];
  peersText?: string;
  /** What the kernpunten compare with first: the gemeente of an area of wijken, else the similar gemeenten, else Nederland. */
  mainComparison: string;
  toc: { title: string; anchor: string; page: string }[];
  sections: SectionView[];
  colophon: ColophonView;
}

/** SVGs that are not figures of a section. */
export interface ExtraSvgs {
  locatorSvg: string;
  /** The small map of where disadvantages stack, for the summary page, with its legend. */
  whereMap?: { svg: string; legend?: FigureModel['legend'] };
}

export interface SectionView {
  title: string;
  anchor: string;
  introHtml?: string;
  /** Computed sentences (text) and the consultant's per-indicator texts (html). */
  findings: InterpretationItem[];
  figures: RenderedFigure[];
  /** The Kerncijfers table (the full edition only). */
  table?: { head: string[]; rows: { label: string; cells: string[]; year: string }[]; notes: string[] };
  missingTopics: string[];
  /** Figures and rows left out because the region has no value, with the reason. */
  omitted: string[];
}

export interface ColophonView {
  /** The short edition's verantwoording leaves out the notes on reading the data. */
  short: boolean;
  sources: { citation: string; table: string; license: string; caveat?: string }[];
  extraSources: string[];
  areas: { name: string; description: string }[];
  definitions: { label: string; definition: string; method?: string }[];
  /** The short edition: what the report cannot show (topics without open data, figures without values). */
  notShown: string[];
  suppression: string;
  rules: string[];
  notes: string[];
  /** Unusual but possible input of the client's own (printed as warnings by render and validate too). */
  inputWarnings: string[];
  /** An area of wijken: how its schools are found, and what was left out. */
  schools?: { method: string; notes: string[] };
}

/**
 * One row of a Kerncijfers table: the region and its comparison areas in the year of the
 * region's own latest figure (a comparison area of another year says so in its cell).
 */
export function indicatorTableRow(report: ReportData, def: IndicatorDef): { label: string; cells: string[]; year: string; yearNumber: number | null } {
  const { region, comparisons } = report;
  const year = shownYear(report, def);
  const cells = [region, ...comparisons].map((a) => {
    // No figure for a comparison area in the region's year (Utrecht's own bijstand file of 2023): its latest one, with its year.
    const v = shownValue(report, def, a, year);
    const differentYear = v.year !== null && year !== null && v.year !== year;
    return formatObs(def, v) + (differentYear ? ` (${yearInParens(def, v.year!)})` : '');
  });
  return { label: def.label, cells, year: year !== null ? yearLabel(def, year) : '–', yearNumber: year };
}

export function buildReportView(report: ReportData, interpretation: Interpretation, figuresBySection: RenderedFigure[][], svgs: ExtraSvgs, toolVersion: string, now: Date): ReportView {
  const { config, region, comparisons } = report;
  const full = config.edition === 'volledig';
  const columns = [region, ...comparisons];
  const usedDefs = new Map<string, IndicatorDef>();
  const missingOf = (s: ReportData['sections'][number]) => (missingTopics[s.domain] ?? []).filter((t) => !coveredByOwnData(t.keywords, s.indicators)).map((t) => t.text);
  // The periods of the figures and table rows shown: the cover and the footer give their span.
  const periods: Period[] = [];
  const addYear = (def: IndicatorDef, y: number) => periods.push(periodOf(def, y));

  const sections: SectionView[] = report.sections.map((s, i) => {
    const notes = new Map<string, string[]>();
    const approximations: string[] = [];
    const rows = s.indicators.map((def) => {
      // The short edition prints no Kerncijfers tables.
      if (full) usedDefs.set(def.id, def);
      const rv = report.value(def.id, region);
      // Grouped by what the cell says ("afgeschermd" or "geen gegevens") and why.
      const key = `${rv.suppressed ? 'Afgeschermd' : 'Geen gegevens'}|${rv.note}`;
      if (rv.value === null && rv.note && !rv.notApplicable) notes.set(key, [...(notes.get(key) ?? []), def.label]);
      // An approximate figure of the region says what it rests on.
      if (rv.value !== null && rv.approximate && rv.note) approximations.push(`${def.label} (${region.name}): ${rv.note}.`);
      const row = indicatorTableRow(report, def);
      if (full && row.yearNumber !== null) addYear(def, row.yearNumber);
      return { label: row.label, cells: row.cells, year: row.year };
    });
    for (const f of s.figures) {
      for (const id of f.indicators) usedDefs.set(id, report.catalogue.get(id)!);
      for (const [def, y] of figureYears(report, f)) addYear(def, y);
    }
    return {
      title: s.title,
      anchor: s.anchor,
      introHtml: s.markdown ? markdownToHtml(s.markdown) : undefined,
      findings: interpretation.sections[i].items,
      figures: figuresBySection[i],
      table: full
        ? {
            head: ['Indicator', ...columns.map((c) => shortName(c.name, c.role)), 'Jaar'],
            rows,
            notes: [...[...notes].map(([key, labels]) => `${key.split('|')[0]} voor ${region.name} bij ${labels.map(inSentence).join(', ')}: ${key.slice(key.indexOf('|') + 1)}.`), ...approximations],
          }
        : undefined,
      // The short edition lists what it cannot show once, in the verantwoording.
      missingTopics: full ? missingOf(s) : [],
      omitted: full ? s.omitted : [],
    };
  });

  const sourceIds = new Set<string>(['koppeltabel', 'grenzen']);
  const extraSources = new Set<string>();
  for (const id of [...interpretation.kernpunten.map((k) => k.indicator), ...interpretation.summary.map((t) => t.indicator)]) {
    const def = report.catalogue.get(id);
    if (def) usedDefs.set(id, def);
  }
  if (interpretation.where) for (const c of wijkStacking(report).columns) usedDefs.set(c.def.id, c.def);
  // A source is credited when the report shows a figure of it: a year no area of the report has (Utrecht's own 2023 file) is not.
  const areas = [region, ...comparisons];
  const yearShown = (def: IndicatorDef, level: 'gemeente' | 'wijk', year: number) =>
    level === 'gemeente'
      ? areas.some((a) => report.years(def.id, a).includes(year) && report.value(def.id, a, year).value !== null)
      : report.mapWijken.some((c) => report.wijkValue(def.id, c, year).value !== null);
  for (const def of usedDefs.values()) {
    if (def.citation) {
      extraSources.add(def.citation);
      continue;
    }
    for (const level of ['gemeente', 'wijk'] as const) {
      for (const [y, field] of Object.entries(def.fields[level] ?? {})) {
        if (yearShown(def, level, Number(y))) sourceIds.add(field.includes(':') ? field.split(':')[0] : def.source);
      }
    }
  }
  const caveatShown = (def: IndicatorDef) =>
    !!def.caveat &&
    (['gemeente', 'wijk'] as const).some((level) => Object.entries(def.fields[level] ?? {}).some(([y, field]) => field.includes(':') && field.split(':')[0] !== def.source && yearShown(def, level, Number(y))));
  // The short edition defines what its front pages stress: the tiles, the kernpunten, the wijk figures.
  const spoken = new Set([...interpretation.kernpunten.map((k) => k.indicator), ...interpretation.summary.map((t) => t.indicator)]);
  if (interpretation.where) for (const c of wijkStacking(report).columns) spoken.add(c.def.id);
  const defined = [...usedDefs.values()].filter((d) => full || spoken.has(d.id));
  const sources = [...sourceIds].map((id) => sourceById(id)).filter((s): s is SourceDef => !!s);
  const span = spanOf(periods);
  const chapters = [...new Set(report.sections.filter((s) => s.domain !== 'verbanden').map((s) => topicNouns[s.domain]))];
  const other = full ? 'kort' : 'volledig';
  return {
    lang: 'nl',
    title: config.title,
    regionName: region.name,
    subtitle: config.subtitle ?? (span ? `Cijfers ${span.text}, peiljaar per figuur vermeld` : 'Peiljaar per figuur vermeld'),
    coverLine:
      config.coverLine ??
      `Openbare cijfers over ${joinAnd(chapters)} van ${region.name}, naast elkaar gezet en toegelicht, voor het gesprek tussen gemeente, scholen en partners over gelijke kansen voor kinderen.`,
    edition: config.edition,
    editionLine: full
      ? `Dit is de volledige editie: alle figuren, tabellen en definities. De korte editie (voor het overleg) zet per hoofdstuk alleen de cijfers die het meest zeggen op een rij; maak die met contextkaart render … --edition ${other} (of edition: ${other} in de regioconfig).`
      : `Dit is de korte editie: per hoofdstuk de cijfers die voor ${region.name} het meest zeggen. De volledige editie heeft alle figuren, kaarten per wijk, tabellen en definities; maak die met contextkaart render … --edition ${other} (of edition: ${other} in de regioconfig), of vraag haar aan bij de opsteller.`,
    introHtml: config.introMarkdown ? markdownToHtml(config.introMarkdown) : undefined,
    clientName: config.client?.name,
    logoDataUri: config.logo?.dataUri,
    brand: config.brand,
    generatedOn: formatDateNl(now),
    toolVersion,
    dataPeriod: span?.short ?? '',
    locatorSvg: svgs.locatorSvg,
    areaDescription: region.description,
    kernpuntenHtml: config.kernpunten ? markdownToHtml(config.kernpunten) : undefined,
    kernpunten: interpretation.kernpunten,
    summary: interpretation.summary,
    where: interpretation.where ? { ...interpretation.where, map: interpretation.where.map && !!svgs.whereMap, mapSvg: svgs.whereMap?.svg, legend: svgs.whereMap?.legend } : undefined,
    readingGuide: readingGuide(report, chapters),
    factors: interpretation.factors,
    peersText: report.peers.length ? report.peers.map((p) => p.name).join(', ') : undefined,
    mainComparison: comparisons.some((c) => c.role === 'gemeente')
      ? joinAnd(comparisons.filter((c) => c.role === 'gemeente').map((c) => c.name))
      : report.peers.length
        ? 'vergelijkbare gemeenten'
        : 'Nederland',
    toc: [...sections.map((s) => ({ title: s.title, anchor: s.anchor, page: '' })), ...(full ? [{ title: 'De 30 factoren', anchor: 'factoren', page: '' }] : [])],
    sections,
    colophon: {
      short: !full,
      sources: [
        ...sources.map((s) => ({ citation: s.citation, table: s.table, license: s.license, caveat: s.caveat })),
        ...(report.schools ? [{ citation: report.schools.citation, table: report.schools.table, license: sourceById('duo-scholen-2024')!.license }] : []),
      ],
      extraSources: [...extraSources],
      areas: columns.map((a) => ({ name: a.name, description: a.description })),
      definitions: defined.map((d) => ({
        label: d.label,
        // A caveat is about the years another source gives (Utrecht's own 2023 file): only when the report shows one.
        definition: [d.definition, caveatShown(d) ? d.caveat : undefined].filter(Boolean).join(' '),
        method: full ? aggregationText(d) : undefined,
      })),
      notShown: full ? [] : report.sections.flatMap((s) => [...missingOf(s), ...s.omitted]),
      suppression: `Kleine aantallen zijn afgeschermd zoals CBS dat doet: geen percentage op minder dan ${suppression.minNumerator} personen of een basis van minder dan ${suppression.minDenominator}; DUO-opleidingen met "<5" kandidaten tellen niet mee. Afgeschermde waarden staan er als "afgeschermd", ontbrekende als "geen gegevens".`,
      rules: interpretation.rules,
      // The short edition keeps what a reader must know (a table missing from the data directory); how the data were read is in the full one.
      notes: full ? report.dataset.notes : report.dataset.missingTables,
      inputWarnings: (report.warnings ?? []).map((w) => w.colophon),
      schools: report.areaSchools ? { method: report.areaSchools.method, notes: report.areaSchools.notes } : undefined,
    },
  };
}

/** What a chapter is about, as one noun for a list in a sentence ("bevolking, wijken, armoede en onderwijs"). */
const topicNouns: Record<Domain, string> = {
  demografie: 'bevolking',
  wijk: 'wijken',
  armoede: 'armoede',
  jeugdhulp: 'jeugdhulp',
  onderwijs: 'onderwijs',
  signalering: 'vroegsignalering',
  verbanden: 'verbanden',
};

/** "Zo leest u deze contextkaart": naming only the chapters this report has. */
function readingGuide(report: ReportData, chapters: string[]): string[] {
  const { region } = report;
  const full = report.config.edition === 'volledig';
  const comparisons = report.comparisons.filter((c) => c.role !== 'region');
  const names = comparisons.map((c) => (c.role === 'province' ? 'de provincie' : c.role === 'similar' ? `${report.peers.length === 10 ? 'tien' : formatNumber(report.peers.length)} vergelijkbare gemeenten` : c.role === 'gemeente' ? `de gemeente ${c.name}` : 'Nederland'));
  return [
    `Deze contextkaart zet openbare cijfers over ${region.name} naast elkaar: ${joinAnd(chapters)}. Vooraan staan de samenvatting en de kernpunten, met de wijken waar de achterstanden zich opstapelen. Elk hoofdstuk begint met een korte duiding, gevolgd door ${full ? 'figuren en een tabel' : 'de figuren die het meest zeggen'}.`,
    `In de figuren staat ${region.name} in de eigen kleur; ter vergelijking staan ${joinAnd(names)} in grijstinten. Onder elke figuur staan de bron en het jaar. Cijfers van verschillende jaren en bronnen staan naast elkaar: let op het jaar.`,
    'Waar een cijfer ontbreekt staat ‘geen gegevens’, met de reden. Kleine aantallen zijn afgeschermd. Hoe gebieden zijn samengesteld en cijfers zijn berekend staat in de verantwoording.',
  ];
}

interface Period {
  start: number;
  end: number;
  label: string;
}

function periodOf(def: IndicatorDef, year: number): Period {
  const label = yearLabel(def, year).replace(' (voorlopig)', '');
  return def.period === 'schooljaar' ? { start: year, end: year + 1, label } : { start: year, end: year, label };
}

/** "2019–2024", or with school years "2014-2015 tot en met 2024-2025". */
function spanOf(periods: Period[]): { text: string; short: string } | undefined {
  if (!periods.length) return undefined;
  const first = [...periods].sort((a, b) => a.start - b.start || a.end - b.end)[0];
  const last = [...periods].sort((a, b) => b.end - a.end || b.start - a.start)[0];
  if (first.label === last.label) return { text: first.label, short: first.label };
  const plain = !first.label.includes('-') && !last.label.includes('-');
  return plain ? { text: `${first.label}–${last.label}`, short: `${first.label}–${last.label}` } : { text: `${first.label} tot en met ${last.label}`, short: `${first.start}–${last.end}` };
}

/** The years a figure shows for the region: every year of a trend, else the year of each indicator's value. */
function figureYears(report: ReportData, f: { kind: string; indicators: string[]; wijkYear?: number }): [IndicatorDef, number][] {
  const out: [IndicatorDef, number][] = [];
  for (const id of f.indicators) {
    const def = report.catalogue.get(id);
    if (!def) continue;
    if (f.kind === 'wijk-map' || f.kind === 'wijk-profile' || f.kind === 'scatter' || f.kind === 'wijk-stacking') {
      if (f.wijkYear !== undefined) out.push([def, f.wijkYear]);
      continue;
    }
    if (f.kind === 'trend') {
      for (const y of report.years(id, report.region)) if (report.value(id, report.region, y).value !== null) out.push([def, y]);
      continue;
    }
    const y = report.value(id, report.region).year;
    if (y !== null) out.push([def, y]);
  }
  return out;
}

function shortName(name: string, role: string): string {
  if (role === 'similar') return 'Vergelijkbare gemeenten';
  return name;
}

function aggregationText(def: IndicatorDef): string {
  switch (def.aggregate.kind) {
    case 'sum':
      return 'opgeteld';
    case 'ratio':
      return 'herberekend uit tellers en noemers';
    case 'weighted':
      return def.aggregate.weightNote;
    case 'class-from':
      return 'klasse herberekend uit de gemiddelde omgevingsadressendichtheid';
    case 'none':
      return 'niet op te tellen; alleen per gemeente';
  }
}

export { citationFor };

/** A missing topic the client's own indicators cover (by id, label or definition) is not missing. */
function coveredByOwnData(keywords: string[], indicators: IndicatorDef[]): boolean {
  const own = indicators.filter((d) => d.citation).map((d) => `${d.id} ${d.label} ${d.definition}`.toLowerCase());
  return keywords.some((k) => own.some((o) => o.includes(k)));
}
