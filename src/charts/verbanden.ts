/**
 * "Verbanden": figures that link indicators. A scatter of the wijken on two indicators
 * with a rank correlation in careful words; a wijk profile table (wijken × key social
 * indicators, each cell shaded by its class) that shows which wijken stack disadvantages;
 * and a profile of the region on every key indicator against Nederland and the similar gemeenten.
 */
import type { TopLevelSpec } from 'vega-lite';
import { yearInParens, yearLabel, type IndicatorDef } from '../data/catalogue.js';
import type { FigureDef } from '../data/figures.js';
import type { ReportData } from '../data/select.js';
import { inSentence, formatNumber, formatObs, formatValue } from '../format.js';
import { spreadOf } from '../data/gemeente-values.js';
import { KORT_PROFILE_ROWS, wijkName, wijkProfileNotes, wijkStacking } from '../interpret/wijk-stacking.js';
import { wijkCorrelation } from '../interpret/wijk-correlation.js';
import { sourceLine } from './citation.js';
import { CHART_WIDTH, paletteFor, sequentialRamp, textOn, vegaConfig } from './theme.js';
import type { FigureModel } from './figure-model.js';

const percentAxis = (def: IndicatorDef) => (def.unit === 'percent' ? { labelExpr: "datum.label + '%'" } : {});

export function buildScatter(report: ReportData, figure: FigureDef): FigureModel {
  const palette = paletteFor(report.config.brand);
  const [dx, dy] = figure.indicators.map((id) => report.catalogue.get(id)!);
  const { year, points, sentence } = wijkCorrelation(report, dx, dy);
  const named = points.length <= 12;
  const xLabel = inSentence(dx.label);
  const yLabel = inSentence(dy.label);
  const spec = {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    config: vegaConfig(palette),
    width: CHART_WIDTH - 120,
    height: 260,
    // Few wijken: named at their dot; many: numbered as on the maps.
    data: { values: points.map((p) => ({ ...p, label: named ? p.name : String(p.nr), colour: p.inArea ? palette.region : palette.nederland })) },
    encoding: {
      x: { field: 'x', type: 'quantitative', scale: { zero: false, nice: true }, axis: { title: `${dx.label} (${yearInParens(dx, year ?? 0)})`, grid: true, tickCount: 6, ...percentAxis(dx) } },
      y: { field: 'y', type: 'quantitative', scale: { zero: false, nice: true }, axis: { title: `${dy.label} (${yearInParens(dy, year ?? 0)})`, grid: true, tickCount: 6, ...percentAxis(dy) } },
    },
    layer: [
      { mark: { type: 'circle', size: 60, opacity: 0.85 }, encoding: { color: { field: 'colour', type: 'nominal', scale: null } } },
      { mark: { type: 'text', dx: 7, align: 'left', baseline: 'middle', fontSize: 9 }, encoding: { text: { field: 'label' } } },
    ],
  } as unknown as TopLevelSpec;
  return {
    id: figure.id,
    kind: figure.kind,
    title: `${figure.title}${year !== null ? `, ${yearLabel(dx, year)}` : ''}`,
    subtitle: `Elke stip is een wijk, ${named ? 'met zijn naam' : 'genummerd als op de wijkkaarten'}${report.region.level === 'wijk' ? `; de wijken van ${report.region.name} in de eigen kleur` : ''}`,
    spec: points.length >= 3 ? spec : null,
    alt: `Spreidingsdiagram van ${formatNumber(points.length)} wijken: ${xLabel} tegen ${yLabel}. ${sentence} ${points.map((p) => `${p.name}: ${formatValue(p.x, dx.unit, dx.decimals)} en ${formatValue(p.y, dy.unit, dy.decimals)}`).join('; ')}.`,
    source: sourceLine([
      { def: dx, level: 'wijk', year },
      { def: dy, level: 'wijk', year },
    ]),
    notes: [sentence],
  };
}

/**
 * The wijk profile: the region's wijken × the wijk figures about opportunity, each cell shaded by
 * its class among the wijken of the gemeente(n), the wijken where most disadvantages stack on top.
 * `maxRows` keeps the short edition to one page: the wijken that stack first, the rest counted.
 */
export function buildWijkProfile(report: ReportData, figure: FigureDef): FigureModel {
  const maxRows = report.config.edition === 'kort' ? KORT_PROFILE_ROWS : undefined;
  const palette = paletteFor(report.config.brand);
  const s = wijkStacking(report);
  const colours = s.columns.map((c) => sequentialRamp(palette.region, c.breaks.labels.length));
  const rows = s.rows.map((r) => ({
    nr: r.nr,
    name: `${wijkName(report, r)}${r.small ? ' *' : ''}`,
    stacked: r.stacked,
    cells: r.cells.map((cell, i) => {
      const c = s.columns[i];
      if (cell.obs.value === null || cell.cls === null) return { text: formatObs(c.def, cell.obs), fill: palette.noData, colour: '#1f1f1f' };
      const fill = colours[i][cell.cls];
      return { text: formatObs(c.def, cell.obs), fill, colour: textOn(fill) };
    }),
  }));
  rows.sort((a, b) => b.stacked - a.stacked || a.nr - b.nr);
  const shown = maxRows !== undefined && rows.length > maxRows ? rows.slice(0, maxRows) : rows;
  const left = rows.length - shown.length;
  return {
    id: figure.id,
    kind: figure.kind,
    title: figure.title,
    subtitle: `Kleur: de klasse van de wijk onder de ${formatNumber(s.scopeWijken)} wijken van ${s.scope} (vijf klassen met ongeveer even veel wijken, donker = hoog); wijken met de meeste hoge klassen bovenaan`,
    spec: null,
    profileTable: {
      head: ['Nr.', 'Wijk', ...s.columns.map((c) => `${c.def.label} (${yearInParens(c.def, c.year)})`), 'Hoogste klasse'],
      rows: shown.map((r) => ({ nr: String(r.nr), name: r.name, cells: r.cells, stacked: formatNumber(r.stacked) })),
    },
    alt: `Tabel van ${formatNumber(shown.length)} wijken met ${s.columns.map((c) => inSentence(c.def.label)).join(', ')}. ${s.sentence}`,
    source: sourceLine(s.columns.map((c) => ({ def: c.def, level: 'wijk' as const, year: c.year }))),
    notes: wijkProfileNotes(s, { opensPage: report.config.edition === 'kort', left }),
  };
}

/**
 * The region on every key indicator at once: its distance from Nederland in standard
 * deviations between gemeenten, with the similar gemeenten beside it.
 */
export function buildProfile(report: ReportData, figure: FigureDef): FigureModel {
  const palette = paletteFor(report.config.brand);
  const nl = report.comparisons.find((c) => c.role === 'nederland')!;
  const peers = report.comparisons.find((c) => c.role === 'similar');
  const rows: Record<string, unknown>[] = [];
  const used: { def: IndicatorDef; year: number | null }[] = [];
  figure.indicators.forEach((id, i) => {
    const def = report.catalogue.get(id);
    if (!def) return;
    const v = report.value(id, report.region);
    if (v.value === null || v.year === null) return;
    const ref = report.value(id, nl, v.year);
    const sd = spreadOf(report, def, v.year).sd;
    if (ref.value === null || !(sd > 0)) return;
    const z = (x: number) => Math.max(-3, Math.min(3, (x - ref.value!) / sd));
    const label = `${def.label} (${yearInParens(def, v.year)})`;
    rows.push({ label, order: i, who: report.region.name, z: z(v.value), text: formatObs(def, v), colour: palette.region, size: 90 });
    if (peers) {
      const p = report.value(id, peers, v.year);
      if (p.value !== null) rows.push({ label, order: i, who: 'Vergelijkbare gemeenten', z: z(p.value), text: '', colour: palette.similar, size: 45 });
    }
    used.push({ def, year: v.year });
  });
  const spec = {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    config: vegaConfig(palette),
    width: CHART_WIDTH - 280,
    height: { step: 20 },
    data: { values: rows },
    encoding: {
      y: { field: 'label', type: 'nominal', sort: { field: 'order', op: 'min' }, axis: { title: null, labelLimit: 260, ticks: false, domain: false } },
      x: {
        field: 'z',
        type: 'quantitative',
        scale: { domain: [-3, 3], nice: false },
        axis: { title: 'lager dan Nederland ← 0 = Nederland → hoger dan Nederland (standaardafwijkingen tussen gemeenten)', values: [-3, -2, -1, 0, 1, 2, 3], grid: true },
      },
    },
    layer: [
      { mark: { type: 'rule', color: '#555555', strokeWidth: 1 }, encoding: { x: { datum: 0 }, y: null } },
      { mark: { type: 'point', filled: true, opacity: 1 }, encoding: { color: { field: 'colour', type: 'nominal', scale: null }, size: { field: 'size', type: 'quantitative', scale: null }, shape: { condition: { test: "datum.who === 'Vergelijkbare gemeenten'", value: 'diamond' }, value: 'circle' } } },
      { transform: [{ filter: "datum.text !== ''" }], mark: { type: 'text', align: 'left', dx: 8, fontSize: 9, baseline: 'middle' }, encoding: { text: { field: 'text' } } },
    ],
  } as unknown as TopLevelSpec;
  return {
    id: figure.id,
    kind: figure.kind,
    title: figure.title,
    subtitle: `${report.region.name} (stip, met de waarde) ${peers ? 'en de vergelijkbare gemeenten (ruit) ' : ''}ten opzichte van Nederland; verschillen groter dan 3 standaardafwijkingen op de rand`,
    spec: rows.length ? spec : null,
    alt: `Profiel van ${report.region.name} ten opzichte van Nederland: ${rows
      .filter((r) => r.who === report.region.name)
      .map((r) => `${r.label}: ${r.text}, ${formatNumber(r.z as number, 1)} standaardafwijking ${(r.z as number) >= 0 ? 'boven' : 'onder'} Nederland`)
      .join('; ')}.`,
    source: sourceLine(used.map((u) => ({ def: u.def, level: 'gemeente' as const, year: u.year }))),
    notes: ['Standaardafwijking: de gewone spreiding van het cijfer tussen alle gemeenten; 0 is Nederland.'],
  };
}
