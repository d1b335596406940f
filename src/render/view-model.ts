/**
 * ReportData + rendered figures → the plain object the Handlebars templates
 * print. All text is final Dutch text here; templates only lay it out.
 */
import { yearInParens, yearLabel, missingTopics, type IndicatorDef } from '../data/catalogue.js';
import { sourceById, type SourceDef } from '../data/sources.js';
import { shownValue, shownYear, type ReportData } from '../data/select.js';
import { citationFor } from '../charts/citation.js';
import type { FigureModel } from '../charts/figure-model.js';
import { isWijkKind, type FigureDef } from '../data/figure-def.js';
import { formatDateNl, formatObs } from '../format.js';
import { wijkStacking } from '../interpret/wijk-stacking.js';
import { aggregationText, coverLine, editionLine, kerncijfersNotes, mainComparison, readingGuide, suppressionText, topicNouns } from '../interpret/colophon.js';
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
    const rows = s.indicators.map((def) => {
      // The short edition prints no Kerncijfers tables.
      if (full) usedDefs.set(def.id, def);
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
            notes: kerncijfersNotes(report, s.indicators),
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
  return {
    lang: 'nl',
    title: config.title,
    regionName: region.name,
    subtitle: config.subtitle ?? (span ? `Cijfers ${span.text}, peiljaar per figuur vermeld` : 'Peiljaar per figuur vermeld'),
    coverLine: config.coverLine ?? coverLine(region.name, chapters),
    edition: config.edition,
    editionLine: editionLine(region.name, config.edition),
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
    mainComparison: mainComparison(report),
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
      suppression: suppressionText(),
      rules: interpretation.rules,
      // The short edition keeps what a reader must know (a table missing from the data directory); how the data were read is in the full one.
      notes: full ? report.dataset.notes : report.dataset.missingTables,
      inputWarnings: (report.warnings ?? []).map((w) => w.colophon),
      schools: report.areaSchools ? { method: report.areaSchools.method, notes: report.areaSchools.notes } : undefined,
    },
  };
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
function figureYears(report: ReportData, f: Pick<FigureDef, 'kind' | 'indicators' | 'wijkYear'>): [IndicatorDef, number][] {
  const out: [IndicatorDef, number][] = [];
  for (const id of f.indicators) {
    const def = report.catalogue.get(id);
    if (!def) continue;
    if (isWijkKind(f.kind)) {
      if (f.wijkYear !== undefined) out.push([def, f.wijkYear]);
      continue;
    }
    if (f.kind === 'trend') {
      for (const y of report.years(id, report.region)) if (report.value(id, report.region, y).value !== null) out.push([def, y]);
      continue;
    }
    // The year the figure shows (select.ts shownYear), as every chart and table row takes it.
    const y = shownYear(report, def);
    if (y !== null) out.push([def, y]);
  }
  return out;
}

function shortName(name: string, role: string): string {
  if (role === 'similar') return 'Vergelijkbare gemeenten';
  return name;
}

export { citationFor };

/** A missing topic the client's own indicators cover (by id, label or definition) is not missing. */
function coveredByOwnData(keywords: string[], indicators: IndicatorDef[]): boolean {
  const own = indicators.filter((d) => d.citation).map((d) => `${d.id} ${d.label} ${d.definition}`.toLowerCase());
  return keywords.some((k) => own.some((o) => o.includes(k)));
}
