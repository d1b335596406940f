/**
 * The stages for one region, in order; data flows one way:
 *
 *   region.yaml ──► config/load ──► config/resolve ─┐
 *                                                   ├─► data/select ──► charts/ + maps/ ──► render/ ──► print/ ──► out/<id>.pdf
 *   data dir ─────► data/load-dataset (once) ───────┘     (ReportData)    (Vega-Lite → SVG)   (HTML)    (Chromium)
 */
import { createHash } from 'node:crypto';
import { resolve } from 'node:path';
import { loadRegionConfig, parseRegionConfig, type LoadedConfig } from '../config/load.js';
import { defaultConfigFor, resolveRegionConfig } from '../config/resolve.js';
import { stringify } from 'yaml';
import type { Edition } from '../config/schema.js';
import type { FigureModel } from '../charts/figure-model.js';
import { buildFigure } from './figure-kinds.js';
import { labelSvg, renderSpecToSvg } from '../charts/to-svg.js';
import { findGemeente, loadDataset, type Dataset } from '../data/load-dataset.js';
import { selectReportData, type ReportData } from '../data/select.js';
import { buildLocatorSpec, buildStackingMap } from '../maps/build-map.js';
import type { BrowserSession } from '../print/browser-session.js';
import { printPdf, type PdfMetadata } from '../print/print-pdf.js';
import { loadTemplates } from '../render/render-html.js';
import { buildReportView, type ExtraSvgs, type RenderedFigure } from '../render/view-model.js';
import type { Interpretation } from '../interpret/interpretation.js';
import { composeReport } from '../interpret/edition.js';
import { writeFileAtomic } from '../util/write-atomic.js';
import { timed } from '../util/timings.js';
import { defaultTemplatesDir, toolVersion } from '../paths.js';


const datasets = new Map<string, Promise<Dataset>>();

/** The dataset of a data directory, loaded once per process. */
export function getDataset(dataDir: string): Promise<Dataset> {
  const key = resolve(dataDir);
  let p = datasets.get(key);
  if (!p) {
    p = loadDataset(key);
    p.catch(() => datasets.delete(key));
    datasets.set(key, p);
  }
  return p;
}

/** A region argument: a .yaml/.yml path, or a gemeente code or name (the standard contextkaart). */
export async function loadRegionArgument(arg: string, dataset: Dataset): Promise<LoadedConfig> {
  if (/\.ya?ml$/i.test(arg)) return loadRegionConfig(resolve(arg));
  const g = findGemeente(dataset, arg);
  const config = defaultConfigFor(g.code, g.name);
  return parseRegionConfig(stringify(config), `<standaard contextkaart ${g.code}>`);
}

/** The stages of one render, in order, for a progress line ("loading data" is the caller's, around getDataset). */
export type RenderStage = 'loading data' | 'selecting figures' | 'drawing charts and maps' | 'composing HTML' | 'printing PDF' | 'writing PDF';
export type OnStage = (stage: RenderStage) => void;

export interface PrepareOptions {
  /** The edition asked on the command line; else the config's (default kort). */
  edition?: Edition;
  onStage?: OnStage;
}

export async function prepareReport(loaded: LoadedConfig, dataset: Dataset, options: PrepareOptions = {}): Promise<ReportData> {
  options.onStage?.('selecting figures');
  return timed('config and report facts (node)', async () => selectReportData(await resolveRegionConfig(loaded, { edition: options.edition }), dataset));
}


/** The figures of a composed report (see interpret/edition.ts), the locator and the summary page's map. */
export async function renderFigures(report: ReportData, interpretation?: Interpretation): Promise<{ figures: RenderedFigure[][]; svgs: ExtraSvgs }> {
  const figures: RenderedFigure[][] = [];
  const svg = async (model: FigureModel, id: string) => (model.spec ? labelSvg(await renderSpecToSvg(model.spec, id), model.alt) : null);
  for (const section of report.sections) {
    const rendered: RenderedFigure[] = [];
    for (const f of section.figures) {
      const model = buildFigure(report, f);
      rendered.push({ ...model, svg: await svg(model, `fig-${f.id}`) });
    }
    figures.push(rendered);
  }
  const locatorSvg = labelSvg(await renderSpecToSvg(buildLocatorSpec(report), 'locator'), `Kaart van Nederland met ${report.region.name} gemarkeerd`);
  let whereMap: ExtraSvgs['whereMap'];
  if (interpretation?.where?.map) {
    const model = buildStackingMap(report, { small: true });
    const mapSvg = await svg(model, 'where-map');
    if (mapSvg) whereMap = { svg: mapSvg, legend: model.legend };
  }
  return { figures, svgs: { locatorSvg, whereMap } };
}

export interface RenderOptions {
  templatesDir?: string;
  now?: Date;
  onStage?: OnStage;
}

export async function renderReportHtml(report: ReportData, options: RenderOptions = {}): Promise<string> {
  // The edition decides which figures are drawn: compose first.
  const composed = await timed('edition and interpretation (node)', () => composeReport(report));
  options.onStage?.('drawing charts and maps');
  const { figures, svgs } = await timed('charts and maps (node)', () => renderFigures(composed.report, composed.interpretation));
  options.onStage?.('composing HTML');
  return timed('view model and HTML (node)', () => {
    const view = buildReportView(composed.report, composed.interpretation, figures, svgs, toolVersion, options.now ?? new Date());
    return loadTemplates(options.templatesDir ?? defaultTemplatesDir).render(view);
  });
}

export interface RenderRegionResult {
  pdfPath: string;
  htmlPath?: string;
  pages: number;
  bytes: number;
  sha256: string;
  ms: number;
  regionName: string;
}

/** The PDF's document info and XMP for a report. */
export function pdfMetadataFor(report: ReportData): PdfMetadata {
  const { config, region } = report;
  return {
    title: `${config.title} – ${region.name}`,
    author: config.client?.name ?? 'contextkaart',
    subject: `Openbare cijfers over kansengelijkheid in ${region.name}: demografie, wijken, armoede, jeugdhulp, onderwijs en signalering.`,
    keywords: ['contextkaart', 'kansengelijkheid', region.name, ...region.codes.slice(0, 20)],
    creator: `contextkaart ${toolVersion}`,
    language: 'nl-NL',
  };
}

export async function renderRegionToPdf(
  report: ReportData,
  session: BrowserSession,
  out: { pdfPath: string; html?: boolean; /** Stored in the PDF, so a batch can recognise it after a crash. */ inputsHash?: string },
  options: RenderOptions = {},
): Promise<RenderRegionResult> {
  const t0 = performance.now();
  const html = await renderReportHtml(report, options);
  options.onStage?.('printing PDF');
  const result = await printPdf(session, html, { ...pdfMetadataFor(report), inputsHash: out.inputsHash });
  let htmlPath: string | undefined;
  if (out.html) {
    htmlPath = out.pdfPath.replace(/\.pdf$/i, '') + '.html';
    await writeFileAtomic(htmlPath, html);
  }
  options.onStage?.('writing PDF');
  await timed('write PDF', () => writeFileAtomic(out.pdfPath, result.pdf));
  return {
    pdfPath: out.pdfPath,
    htmlPath,
    pages: result.pages,
    bytes: result.pdf.byteLength,
    sha256: createHash('sha256').update(result.pdf).digest('hex'),
    ms: performance.now() - t0,
    regionName: report.region.name,
  };
}
