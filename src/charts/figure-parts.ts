/**
 * What the charts of areas share: the areas and members a figure shows, how a missing or
 * withheld value is printed, notes, ticks and labels.
 */
import { formatObs } from '../format.js';

import { fieldFor, type IndicatorDef } from '../data/catalogue.js';
import { type AreaRef, type ReportData, type ValueAt } from '../data/select.js';
import { withheldMembers } from '../data/aggregate.js';
import { joinAnd } from '../util/dutch-list.js';
import { type Palette } from './theme.js';

export function areaColour(area: AreaRef, palette: Palette): string {
  return area.role === 'region' ? palette.region : palette[area.role];
}


/** The gemeenten (or wijken) of a region of several, each as an area of its own; none for one gemeente. */
export function memberAreas(report: ReportData): AreaRef[] {
  const { region } = report;
  if (region.codes.length < 2) return [];
  return region.codes.map((code) => {
    const name = (region.level === 'wijk' ? report.dataset.wijken.get(code)?.name : report.gemeenten.find((g) => g.code === code)?.name) ?? code;
    return { id: `${region.level}-${code}`, name, role: 'gemeente', level: region.level, codes: [code], description: `${region.level} ${name}` };
  });
}

/** The region's value of that year is not computed because a member's own figure is withheld. */
export function isWithheldGroup(v: ValueAt): boolean {
  return withheldMembers(v).length > 0;
}

/**
 * Members to show beside the region: when the region's own value of the year is not computed
 * (a member withheld or missing) while some member has a value, the reader still sees those.
 */
export function membersToShow(report: ReportData, defs: IndicatorDef[], yearOf: (def: IndicatorDef) => number | null): AreaRef[] {
  const members = memberAreas(report);
  if (members.length === 0) return [];
  const needed = defs.some((def) => {
    const year = yearOf(def);
    if (year === null || !report.years(def.id, report.region).includes(year)) return false;
    const v = report.value(def.id, report.region, year);
    return v.value === null && !v.notApplicable && members.some((m) => report.years(def.id, m).includes(year) && report.value(def.id, m, year).value !== null);
  });
  return needed ? members : [];
}

/** A missing value's reason as printed under a figure: a withheld one says so first. */
export function reasonOf(v: ValueAt): string | undefined {
  if (!v.note) return v.suppressed ? 'afgeschermd' : undefined;
  return v.suppressed && !/^(niet berekend|afgeschermd)/.test(v.note) ? `afgeschermd: ${v.note}` : v.note;
}

/** The label of a value in a chart: "niet berekend" for an area whose member is withheld. */
export function valueLabel(def: IndicatorDef, v: ValueAt): string {
  return isWithheldGroup(v) ? 'niet berekend' : formatObs(def, v);
}

/**
 * Notes under a figure, one per area and reason: the same reason for several indicators of one
 * figure is printed once ("Heerlen: voorlopig cijfer."), naming the indicators only when not all share it.
 */
export function mergeNotes(items: { area: string; indicator?: string; reason: string }[], indicators: number): string[] {
  const groups = new Map<string, { area: string; reason: string; indicators: string[] }>();
  for (const it of items) {
    const key = `${it.area}\0${it.reason}`;
    const g = groups.get(key) ?? { area: it.area, reason: it.reason, indicators: [] };
    if (it.indicator && !g.indicators.includes(it.indicator)) g.indicators.push(it.indicator);
    groups.set(key, g);
  }
  return [...groups.values()].map((g) => {
    const which = indicators > 1 && g.indicators.length < indicators ? `, ${joinAnd(g.indicators)}` : '';
    return `${g.area}${which}: ${g.reason.replace(/\.$/, '')}.`;
  });
}


export function areasOf(report: ReportData): AreaRef[] {
  return [report.region, ...report.comparisons];
}

export interface ComparisonOptions {
  /** The areas as bars, in order; default: the region, its members where needed, and the comparisons. */
  areas?: AreaRef[];
}


export function unitSubtitle(def: IndicatorDef): string | undefined {
  switch (def.unit) {
    case 'percent':
      return undefined;
    case 'km':
      return 'Afstand in km over de weg';
    case 'euro-k':
      return 'In euro';
    case 'per-1000':
      return `Per 1.000 ${def.base ?? 'inwoners'}`;
    case 'per-100':
      return `Per 100 ${def.base ?? 'inwoners'}`;
    default:
      return undefined;
  }
}

export const TREND_HEIGHT = 170;
export const TREND_TICKS = 5;

/** The step of the ticks Vega draws for a linear scale from lo to hi with `count` ticks (d3-array's tickSpec). */
export function tickStep(lo: number, hi: number, count: number): number {
  const raw = (hi - lo) / Math.max(1, count);
  if (!(raw > 0) || !Number.isFinite(raw)) return 1;
  const power = Math.floor(Math.log10(raw));
  const error = raw / 10 ** power;
  const factor = error >= Math.sqrt(50) ? 10 : error >= Math.sqrt(10) ? 5 : error >= Math.sqrt(2) ? 2 : 1;
  return factor * 10 ** power;
}

/** Decimals a tick step needs to be printed exactly: 0 for 5, 1 for 0,5 or 2,5, 2 for 0,25. */
export function decimalsOf(step: number): number {
  const text = String(Number(step.toPrecision(12)));
  if (text.includes('e-')) return Number(text.split('e-')[1]) + (text.split('e')[0].split('.')[1]?.length ?? 0);
  return text.includes('.') ? text.split('.')[1].length : 0;
}

/**
 * An indicator's caveat is about the years that come from another source than its own (Utrecht's
 * own file of 2023, CBS's income table of 2020): printed only where the figure shows such a year.
 */
export function caveatsOf(parts: { def: IndicatorDef; level: 'gemeente' | 'wijk'; year: number | null }[]): string[] {
  const fromOtherSource = (p: (typeof parts)[number]) => {
    const field = p.year !== null ? fieldFor(p.def, p.level, p.year) : undefined;
    return !!field && field.includes(':') && field.split(':')[0] !== p.def.source;
  };
  return unique(parts.filter((p) => p.def.caveat && fromOtherSource(p)).map((p) => p.def.caveat!));
}

/** Each note once, in order. */
export function unique(notes: string[]): string[] {
  return [...new Set(notes)];
}
export const REMAINDER_LABEL = 'Overig of niet gepubliceerd';

/** Moves end-of-line labels apart (at least 13 px) so that close values stay readable. */
export function spreadEndLabels(rows: Record<string, unknown>[], ylo: number, yhi: number, height: number, gap = 13): void {
  const toPx = (v: number) => height - ((v - ylo) / (yhi - ylo || 1)) * height;
  const toValue = (px: number) => ylo + ((height - px) / height) * (yhi - ylo || 1);
  const items = rows.map((r) => ({ r, px: toPx(r.value as number) })).sort((a, b) => a.px - b.px);
  for (let i = 1; i < items.length; i++) items[i].px = Math.max(items[i].px, items[i - 1].px + gap);
  // Keep the lowest label inside the chart, pushing the others up if needed.
  const overflow = items.length ? items[items.length - 1].px - height : 0;
  if (overflow > 0) for (const it of items) it.px -= overflow;
  for (const it of items) it.r.labelValue = toValue(it.px);
}

export function niceStep(raw: number): number {
  const p = 10 ** Math.floor(Math.log10(raw));
  for (const m of [1, 2, 2.5, 5, 10]) if (raw <= m * p) return m * p;
  return 10 * p;
}
