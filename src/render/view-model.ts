/**
 * ReportData + rendered figures → the plain object the Handlebars templates
 * print. All text is final Dutch text here; templates only lay it out.
 */
import { yearLabel, missingTopics, type IndicatorDef } from '../data/catalogue.js';
import { sourceById, type SourceDef } from '../data/sources.js';
import type { ReportData } from '../data/select.js';
import { suppression } from '../data/series.js';
import { citationFor } from '../charts/citation.js';
import type { FigureModel } from '../charts/build-figure.js';
import { formatDateNl, formatObs } from '../format.js';
import { markdownToHtml } from './markdown.js';
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
  factors: FactorCoverage[];
  peersText?: string;
  toc: { title: string; anchor: string; page: string }[];
  sections: SectionView[];
  colophon: ColophonView;
}

export interface SectionView {
  title: string;
  anchor: string;
  introHtml?: string;
  /** Computed sentences (text) and the consultant's per-indicator texts (html). */
  findings: InterpretationItem[];
  figures: RenderedFigure[];
  table: { head: string[]; rows: { label: string; cells: string[]; year: string }[]; notes: string[] };
  missingTopics: string[];
  /** Figures and rows left out because the region has no value, with the reason. */
  omitted: string[];
}

export interface ColophonView {
  sources: { citation: string; table: string; license: string; caveat?: string }[];
  extraSources: string[];
  areas: { name: string; description: string }[];
  definitions: { label: string; definition: string; method: string }[];
  suppression: string;
  rules: string[];
  notes: string[];
  /** Unusual but possible input of the client's own (printed as warnings by render and validate too). */
  inputWarnings: string[];
}

/**
 * One row of a Kerncijfers table: the region and its comparison areas in the year of the
 * region's own latest figure (a comparison area of another year says so in its cell).
 */
export function indicatorTableRow(report: ReportData, def: IndicatorDef): { label: string; cells: string[]; year: string; yearNumber: number | null } {
  const { region, comparisons } = report;
  const rv = report.value(def.id, region);
  const year = rv.year ?? report.value(def.id, comparisons[comparisons.length - 1]).year;
  const cells = [region, ...comparisons].map((a) => {
    const atYear = year !== null && report.years(def.id, a).includes(year) ? report.value(def.id, a, year) : null;
    // No figure for a comparison area in the region's year (Utrecht's own bijstand file of 2023): its latest one, with its year.
    const v = atYear && (atYear.value !== null || atYear.suppressed || atYear.notApplicable || a === region) ? atYear : report.value(def.id, a);
    const differentYear = v.year !== null && year !== null && v.year !== year;
    return formatObs(def, v) + (differentYear ? ` (${yearLabel(def, v.year!)})` : '');
  });
  return { label: def.label, cells, year: year !== null ? yearLabel(def, year) : '–', yearNumber: year };
}

export function buildReportView(
  report: ReportData,
  interpretation: Interpretation,
  figuresBySection: RenderedFigure[][],
  locatorSvg: string,
  toolVersion: string,
  now: Date,
): ReportView {
  const { config, region, comparisons } = report;
  const columns = [region, ...comparisons];
  const usedDefs = new Map<string, IndicatorDef>();
  const years = new Set<number>();

  const sections: SectionView[] = report.sections.map((s, i) => {
    const notes = new Map<string, string[]>();
    const approximations: string[] = [];
    const rows = s.indicators.map((def) => {
      usedDefs.set(def.id, def);
      const rv = report.value(def.id, region);
      // Grouped by what the cell says ("afgeschermd" or "geen gegevens") and why.
      const key = `${rv.suppressed ? 'Afgeschermd' : 'Geen gegevens'}|${rv.note}`;
      if (rv.value === null && rv.note && !rv.notApplicable) notes.set(key, [...(notes.get(key) ?? []), def.label]);
      // An approximate figure of the region says what it rests on.
      if (rv.value !== null && rv.approximate && rv.note) approximations.push(`${def.label} (${region.name}): ${rv.note}.`);
      const row = indicatorTableRow(report, def);
      if (row.yearNumber !== null) years.add(row.yearNumber);
      return { label: row.label, cells: row.cells, year: row.year };
    });
    for (const f of s.figures) for (const id of f.indicators) usedDefs.set(id, report.catalogue.get(id)!);
    return {
      title: s.title,
      anchor: s.anchor,
      introHtml: s.markdown ? markdownToHtml(s.markdown) : undefined,
      findings: interpretation.sections[i].items,
      figures: figuresBySection[i],
      table: {
        head: ['Indicator', ...columns.map((c) => shortName(c.name, c.role)), 'Jaar'],
        rows,
        notes: [...[...notes].map(([key, labels]) => `${key.split('|')[0]} voor ${region.name} bij ${labels.join(', ').toLowerCase()}: ${key.slice(key.indexOf('|') + 1)}.`), ...approximations],
      },
      missingTopics: (missingTopics[s.domain] ?? []).filter((t) => !coveredByOwnData(t.keywords, s.indicators)).map((t) => t.text),
      omitted: s.omitted,
    };
  });

  const sourceIds = new Set<string>(['koppeltabel', 'grenzen']);
  const extraSources = new Set<string>();
  for (const def of usedDefs.values()) {
    if (def.citation) {
      extraSources.add(def.citation);
      continue;
    }
    for (const level of ['gemeente', 'wijk'] as const) {
      for (const [y, field] of Object.entries(def.fields[level] ?? {})) {
        void y;
        sourceIds.add(field.includes(':') ? field.split(':')[0] : def.source);
      }
    }
  }
  const sources = [...sourceIds].map((id) => sourceById(id)).filter((s): s is SourceDef => !!s);
  const sortedYears = [...years].sort();
  return {
    lang: 'nl',
    title: config.title,
    regionName: region.name,
    subtitle: config.subtitle ?? `Cijfers ${sortedYears[0]}–${sortedYears[sortedYears.length - 1]}, peiljaar per figuur vermeld`,
    clientName: config.client?.name,
    logoDataUri: config.logo?.dataUri,
    brand: config.brand,
    generatedOn: formatDateNl(now),
    toolVersion,
    dataPeriod: `${sortedYears[0]}–${sortedYears[sortedYears.length - 1]}`,
    locatorSvg,
    areaDescription: region.description,
    kernpuntenHtml: config.kernpunten ? markdownToHtml(config.kernpunten) : undefined,
    kernpunten: interpretation.kernpunten,
    summary: interpretation.summary,
    factors: interpretation.factors,
    peersText: report.peers.length ? report.peers.map((p) => p.name).join(', ') : undefined,
    toc: [...sections.map((s) => ({ title: s.title, anchor: s.anchor, page: '' })), { title: 'De 30 factoren', anchor: 'factoren', page: '' }],
    sections,
    colophon: {
      sources: [
        ...sources.map((s) => ({ citation: s.citation, table: s.table, license: s.license, caveat: s.caveat })),
        ...(report.schools ? [{ citation: report.schools.citation, table: report.schools.table, license: sourceById('duo-scholen-2024')!.license }] : []),
      ],
      extraSources: [...extraSources],
      areas: columns.map((a) => ({ name: a.name, description: a.description })),
      definitions: [...usedDefs.values()].map((d) => ({
        label: d.label,
        definition: [d.definition, d.caveat].filter(Boolean).join(' '),
        method: aggregationText(d),
      })),
      suppression: `Kleine aantallen zijn afgeschermd zoals CBS dat doet: geen percentage op minder dan ${suppression.minNumerator} personen of een basis van minder dan ${suppression.minDenominator}; DUO-opleidingen met "<5" kandidaten tellen niet mee. Afgeschermde waarden staan er als "afgeschermd", ontbrekende als "geen gegevens".`,
      rules: interpretation.rules,
      notes: report.dataset.notes,
      inputWarnings: (report.warnings ?? []).map((w) => w.colophon),
    },
  };
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
