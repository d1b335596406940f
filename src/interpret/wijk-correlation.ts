/**
 * How two wijk figures go together over the wijken of a report: Spearman's rank correlation over
 * the wijken with both figures, in the latest year both have, and the one careful sentence that
 * says it (no cause claimed). The scatter of the Verbanden chapter prints it.
 */
import type { IndicatorDef } from '../data/catalogue.js';
import { MIN_WIJKEN_FOR_CORRELATION } from '../data/figures.js';
import type { ReportData } from '../data/select.js';
import { formatNumber, inSentence } from '../format.js';
import { numberedWijken } from './wijk-stacking.js';
import { joinAnd } from '../util/dutch-list.js';

/** Spearman's rank correlation (ties get their mean rank); null below 3 pairs. */
export function rankCorrelation(xs: number[], ys: number[]): number | null {
  const n = xs.length;
  if (n < 3 || ys.length !== n) return null;
  const ranks = (v: number[]) => {
    const order = v.map((x, i) => [x, i] as const).sort((a, b) => a[0] - b[0]);
    const r = new Array<number>(n);
    for (let i = 0; i < n; ) {
      let j = i;
      while (j + 1 < n && order[j + 1][0] === order[i][0]) j++;
      for (let k = i; k <= j; k++) r[order[k][1]] = (i + j) / 2 + 1;
      i = j + 1;
    }
    return r;
  };
  const rx = ranks(xs);
  const ry = ranks(ys);
  const mean = (n + 1) / 2;
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < n; i++) {
    sxy += (rx[i] - mean) * (ry[i] - mean);
    sxx += (rx[i] - mean) ** 2;
    syy += (ry[i] - mean) ** 2;
  }
  return sxx === 0 || syy === 0 ? null : sxy / Math.sqrt(sxx * syy);
}


/**
 * A rank correlation in words that claim no cause: "gaan sterk samen" (or, negative, "lopen sterk
 * tegengesteld") from 0,7, "duidelijk" from 0,4, "enigszins" from 0,2, else "hangen nauwelijks samen".
 */
export function correlationSentence(rho: number, n: number, place: string, x: string, y: string, total = n): string {
  const r = formatNumber(rho, 2);
  const a = Math.abs(rho);
  // One count of wijken per report: the wijken with both figures, out of all the wijken the maps show.
  const over = n < total ? `Over de ${formatNumber(n)} van de ${formatNumber(total)} wijken van ${place} met beide cijfers` : `Over de ${formatNumber(n)} wijken van ${place}`;
  if (a < 0.2) return `${over} hangen ${x} en ${y} nauwelijks samen (rangcorrelatie ${r}).`;
  const strength = a >= 0.7 ? 'sterk' : a >= 0.4 ? 'duidelijk' : 'enigszins';
  if (rho > 0) {
    return `${over} gaan ${x} en ${y} ${strength} samen (rangcorrelatie ${r}): waar het ene hoger is, is het andere meestal ook hoger. Samengaan betekent niet dat het een het ander veroorzaakt.`;
  }
  // A negative correlation does not "go together": the one is high where the other is low.
  return `${over} lopen ${x} en ${y} ${strength} tegengesteld (rangcorrelatie ${r}): waar het ene hoger is, is het andere meestal lager. Dat betekent niet dat het een het ander veroorzaakt.`;
}

type WijkRow = ReturnType<typeof numberedWijken>[number];

/** The latest wijk year in which both indicators have values for some wijken. */
function commonWijkYear(report: ReportData, defs: IndicatorDef[], wijken: WijkRow[]): number | null {
  const years = Object.keys(defs[0].fields.wijk ?? {})
    .map(Number)
    .filter((y) => defs.every((d) => d.fields.wijk?.[y]))
    .sort((a, b) => b - a);
  return years.find((y) => wijken.some((w) => defs.every((d) => report.wijkValue(d.id, w.code, y).value !== null))) ?? null;
}

const placeName = (report: ReportData) => joinAnd(report.gemeenten.map((g) => g.name));

export interface WijkCorrelation {
  year: number | null;
  points: (WijkRow & { x: number; y: number })[];
  /** null below MIN_WIJKEN_FOR_CORRELATION wijken with both figures. */
  rho: number | null;
  sentence: string;
}

export function wijkCorrelation(report: ReportData, dx: IndicatorDef, dy: IndicatorDef): WijkCorrelation {
  const wijken = numberedWijken(report);
  const year = commonWijkYear(report, [dx, dy], wijken);
  const points =
    year === null
      ? []
      : wijken
          .map((w) => ({ ...w, x: report.wijkValue(dx.id, w.code, year).value, y: report.wijkValue(dy.id, w.code, year).value }))
          .filter((p): p is WijkRow & { x: number; y: number } => p.x !== null && p.y !== null);
  const rho = points.length >= MIN_WIJKEN_FOR_CORRELATION ? rankCorrelation(points.map((p) => p.x), points.map((p) => p.y)) : null;
  const xLabel = inSentence(dx.label);
  const yLabel = inSentence(dy.label);
  const sentence =
    rho === null
      ? `Te weinig wijken met beide cijfers (${formatNumber(points.length)}) om te zeggen of ${xLabel} en ${yLabel} samengaan.`
      : correlationSentence(rho, points.length, placeName(report), xLabel, yLabel, wijken.length);
  return { year, points, rho, sentence };
}
