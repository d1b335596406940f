/**
 * Where disadvantages stack: per wijk, on how many of the wijk figures about opportunity
 * (low income, bijstand, low education, youth care) it falls in the highest of the quantile
 * classes of the wijken of its gemeente(n). Computed once per report; the wijk profile, the
 * stacking map, the summary page and the kernpunten all take it from here.
 */
import { yearLabel, type IndicatorDef } from '../data/catalogue.js';
import { figures } from '../data/figures.js';
import { wijkIndicatorChoice, type ReportData } from '../data/select.js';
import type { Observation } from '../data/series.js';
import { inSentence, formatNumber, formatValue } from '../format.js';
import { joinAnd } from '../util/dutch-list.js';
import { SMALL_WIJK } from './wijk.js';

export interface ClassBreaks {
  /** Upper bounds of each class but the last; values (rounded as printed) ≤ bound fall in that class. */
  bounds: number[];
  labels: string[];
}

/** Up to 5 classes with about equal numbers of areas (quantiles), on values rounded as printed. */
export function quantileClasses(values: number[], decimals: number, format: (v: number) => string, classes = 5): ClassBreaks {
  const round = (v: number) => Number(v.toFixed(decimals));
  const sorted = values.map(round).sort((a, b) => a - b);
  const distinct = [...new Set(sorted)];
  const n = Math.min(classes, distinct.length);
  if (n <= 1) return { bounds: [], labels: sorted.length ? [format(sorted[0])] : [] };
  const bounds: number[] = [];
  for (let i = 1; i < n; i++) {
    const b = sorted[Math.min(sorted.length - 1, Math.floor((i * sorted.length) / n) - 1)];
    if (!bounds.includes(b) && b < distinct[distinct.length - 1]) bounds.push(b);
  }
  const lo = sorted[0];
  const hi = sorted[sorted.length - 1];
  const labels = [...bounds, hi].map((b, i) => {
    // The next printed value above the previous bound: the legend never skips a value a wijk has.
    const from = i === 0 ? lo : (distinct.find((v) => v > bounds[i - 1]) ?? b);
    return from === b ? format(b) : `${format(from)} – ${format(b)}`;
  });
  return { bounds, labels };
}

/**
 * The class of a value, judged on the value as printed: a wijk printed "33,1%" is never in a
 * class labelled "34% – 47%" (the bounds are rounded, so the value must be too).
 */
export function classOf(value: number, breaks: ClassBreaks, decimals?: number): number {
  const v = decimals === undefined ? value : Number(value.toFixed(decimals));
  const i = breaks.bounds.findIndex((b) => v <= b);
  return i === -1 ? breaks.bounds.length : i;
}

/** Fewer wijken than this (with data) say nothing about where in a gemeente disadvantages stack. */
export const MIN_WIJKEN_FOR_STACKING = 5;
/** A wijk "stacks" disadvantages when it is in the highest class on at least this many figures. */
export const STACKED_MIN = 2;
/** Rows of the wijk profile in the short edition: the wijken that stack first, the rest counted. */
export const KORT_PROFILE_ROWS = 18;
/** Wijken named on the summary page and in the kernpunt, at most. */
export const NAMED_MAX = 6;

export interface StackColumn {
  def: IndicatorDef;
  year: number;
  breaks: ClassBreaks;
  /** A high value is a disadvantage (counted in "hoogste klasse"). */
  disadvantage: boolean;
  /** Short name for lists: "laag inkomen". */
  short: string;
  /** Why the column shows another table's figures (income 2020 on the wijkindeling 2023). */
  note?: string;
}

export interface StackRow {
  /** The wijk's number on the maps. */
  nr: number;
  code: string;
  name: string;
  gemeente: string;
  inwoners: number | null;
  /** Fewer than SMALL_WIJK inhabitants: its figures move by chance, it is never named. */
  small: boolean;
  cells: { obs: Observation; cls: number | null }[];
  /** Disadvantage figures in the highest class. */
  stacked: number;
  /** Disadvantage figures with a value. */
  known: number;
}

export interface WijkStacking {
  columns: StackColumn[];
  /** The region's wijken (its own wijken for an area of wijken), by number. */
  rows: StackRow[];
  /** Every wijk of the maps (for an area of wijken also the other wijken of its gemeente), by number. */
  allRows: StackRow[];
  /** Where the classes are taken: "Arnhem", "Hulst, Sluis en Terneuzen". */
  scope: string;
  /** Number of the wijken the classes are taken over. */
  scopeWijken: number;
  /** The wijken where disadvantages stack, most first. */
  named: StackRow[];
  /** More wijken stack than are named. */
  more: number;
  /** One Dutch sentence: where disadvantages stack (or that too few wijken have figures). */
  sentence: string;
  /** Whether there are enough wijken to say anything. */
  enough: boolean;
}

const shortNames: Record<string, string> = {
  pct_hh_laag_inkomen: 'laag inkomen',
  pct_hh_laagste_40: 'laagste 40% inkomens',
  pct_hh_sociaal_minimum: 'rond sociaal minimum',
  bijstand_per_1000: 'bijstand',
  pct_opl_laag: 'laag opgeleid',
  jeugdzorg_per_100_jongeren: 'jeugdzorg',
  pct_0_15: '0 tot 15 jaar',
};

export const shortNameOf = (def: IndicatorDef): string => shortNames[def.id] ?? inSentence(def.label);

const numberWords = ['nul', 'één', 'twee', 'drie', 'vier', 'vijf', 'zes', 'zeven', 'acht', 'negen', 'tien'];
export const inWords = (n: number): string => numberWords[n] ?? formatNumber(n);

/** A high value means more disadvantage: an indicator about opportunity where higher is not better. */
export function isDisadvantage(def: IndicatorDef): boolean {
  return !!def.opportunity && def.higherIsBetter !== true;
}

const cache = new WeakMap<ReportData['value'], WijkStacking>();

/** The wijken of the maps: populated wijken of the region's gemeenten, numbered by code. */
export function numberedWijken(report: ReportData): { nr: number; code: string; name: string; gemeenteCode: string; inArea: boolean }[] {
  const selected = new Set(report.region.level === 'wijk' ? report.region.codes : report.mapWijken);
  return report.mapWijken
    .map((c) => report.dataset.wijken.get(c)!)
    .filter((w) => w.populated)
    .sort((a, b) => a.code.localeCompare(b.code))
    .map((w, i) => ({ nr: i + 1, code: w.code, name: w.name, gemeenteCode: w.gemeenteCode, inArea: selected.has(w.code) }));
}

export function wijkStacking(report: ReportData): WijkStacking {
  const known = cache.get(report.value);
  if (known) return known;
  const all = numberedWijken(report);
  const codes = all.map((w) => w.code);
  const gemeenteNames = report.gemeenten.map((g) => g.name);
  const scope = joinAnd(gemeenteNames);
  const profile = figures.get('wijkprofiel')!;
  const columns: (StackColumn & { values: Map<string, Observation> })[] = [];
  for (const id of profile.indicators) {
    // The same choice of table and year as the wijk maps (income 2020 where KWB 2021 leaves many wijken blank).
    const choice = wijkIndicatorChoice(report, id);
    if (!choice) continue;
    const { def, year } = choice;
    const values = new Map<string, Observation>(codes.map((c) => [c, report.wijkValue(def.id, c, year)]));
    const numbers = [...values.values()].map((o) => o.value).filter((v): v is number => v !== null);
    const breaks = quantileClasses(numbers, def.decimals, (v) => formatValue(v, def.unit, def.decimals));
    columns.push({ def, year, breaks, values, disadvantage: isDisadvantage(def), short: shortNameOf(def), note: choice.note });
  }
  const gemeenteName = (code: string) => report.dataset.gemeenten.get(code)?.name ?? code;
  const allRows: (StackRow & { inArea: boolean })[] = all.map((w) => {
    const inwoners = report.wijkValue('inwoners', w.code, 2024).value;
    let stacked = 0;
    let knownCount = 0;
    const cells = columns.map((c) => {
      const obs = c.values.get(w.code)!;
      if (obs.value === null) return { obs, cls: null };
      const cls = classOf(obs.value, c.breaks, c.def.decimals);
      if (c.disadvantage) {
        knownCount++;
        if (cls === c.breaks.labels.length - 1 && c.breaks.labels.length >= 3) stacked++;
      }
      return { obs, cls };
    });
    return { nr: w.nr, code: w.code, name: w.name, gemeente: gemeenteName(w.gemeenteCode), inwoners, small: inwoners !== null && inwoners < SMALL_WIJK, cells, stacked, known: knownCount, inArea: w.inArea };
  });
  const rows = allRows.filter((r) => r.inArea);
  const disadvantages = columns.filter((c) => c.disadvantage);
  const withData = all.filter((w) => disadvantages.some((c) => c.values.get(w.code)!.value !== null)).length;
  const enough = disadvantages.length >= 2 && withData >= MIN_WIJKEN_FOR_STACKING;
  const classSum = (r: StackRow) => r.cells.reduce((s, c, i) => s + (columns[i].disadvantage && c.cls !== null ? c.cls / Math.max(1, columns[i].breaks.labels.length - 1) : 0), 0);
  const stacking = enough ? rows.filter((r) => !r.small && r.stacked >= STACKED_MIN).sort((a, b) => b.stacked - a.stacked || classSum(b) - classSum(a) || a.nr - b.nr) : [];
  const named = stacking.slice(0, NAMED_MAX);
  const result: WijkStacking = {
    columns: columns.map(({ values: _v, ...c }) => c),
    rows,
    allRows,
    scope,
    scopeWijken: all.length,
    named,
    more: stacking.length - named.length,
    sentence: '',
    enough,
  };
  result.sentence = stackingSentence(report, result);
  cache.set(report.value, result);
  return result;
}

/** "Arnhem" for one gemeente; "Sas van Gent (Terneuzen)" when the region has several. */
export function wijkName(report: ReportData, row: Pick<StackRow, 'name' | 'gemeente'>): string {
  return report.gemeenten.length > 1 ? `${row.name} (${row.gemeente})` : row.name;
}

/** The wijk's figures in one line: "laag inkomen 14,2%, bijstand 95 per 1.000, …". */
export function wijkFigures(s: Pick<WijkStacking, 'columns'>, row: StackRow, onlyDisadvantages = true): string {
  return row.cells
    .map((c, i) => ({ c, col: s.columns[i] }))
    .filter(({ c, col }) => c.obs.value !== null && (!onlyDisadvantages || col.disadvantage))
    .map(({ c, col }) => `${col.short} ${formatValue(c.obs.value!, col.def.unit, col.def.decimals)}`)
    .join(', ');
}

/** "wijkcijfers 2021" or "wijkcijfers 2021 en 2022". */
export function stackingYears(s: Pick<WijkStacking, 'columns'>): string {
  const years = [...new Set(s.columns.filter((c) => c.disadvantage).map((c) => yearLabel(c.def, c.year)))].sort();
  return `wijkcijfers ${joinAnd(years)}`;
}

function stackingSentence(report: ReportData, s: WijkStacking): string {
  const area = report.region.name;
  const counted = s.columns.filter((c) => c.disadvantage);
  if (!s.enough) {
    return s.scopeWijken <= 2
      ? `${joinAnd(report.gemeenten.map((g) => g.name))} ${s.scopeWijken === 1 ? 'is één wijk' : `${report.gemeenten.length > 1 ? 'hebben' : 'heeft'} ${inWords(s.scopeWijken)} wijken`}: waar achterstanden zich opstapelen is met wijkcijfers niet te zien.`
      : `Te weinig wijken met cijfers om te zeggen waar in ${area} achterstanden zich opstapelen.`;
  }
  const list = counted.map((c) => c.short);
  const of = `de ${inWords(counted.length)} cijfers over kansen (${joinAnd(list)})`;
  const classes = `de hoogste klasse van de ${formatNumber(s.scopeWijken)} wijken van ${s.scope}`;
  if (s.named.length === 0) return `Geen wijk van ${area} valt op meer dan één van ${of} in ${classes}: de achterstanden stapelen zich niet in enkele wijken op.`;
  const low = Math.min(...s.named.map((r) => r.stacked));
  const high = Math.max(...s.named.map((r) => r.stacked));
  const counts = low === high ? inWords(low) : `${inWords(low)} tot ${inWords(high)}`;
  const names = joinAnd(s.named.map((r) => wijkName(report, r)));
  const more = s.more > 0 ? ` (en nog ${formatNumber(s.more)} andere wijk${s.more === 1 ? '' : 'en'})` : '';
  const total = s.named.length + s.more;
  const verb = total === 1 ? 'valt' : 'vallen';
  return `In ${formatNumber(total)} van de ${formatNumber(s.rows.length)} wijken${report.region.level === 'wijk' ? ` van ${area}` : ''} stapelen de achterstanden zich op: ${names}${more} ${verb} op ${counts} van ${of} in ${classes}.`;
}

/** The notes under the wijk profile: the stacking sentence (unless the page opens with it), what "hoogste klasse" counts, each column's own note, and the wijken the short edition leaves out. */
export function wijkProfileNotes(s: WijkStacking, options: { opensPage: boolean; left: number }): string[] {
  const counted = s.columns.filter((c) => c.disadvantage);
  return [
    ...(options.opensPage ? [] : [s.sentence]),
    // Without wijk figures about opportunity there is nothing to count ("het aantal van de 0 cijfers ()").
    ...(counted.length
      ? [
          `"Hoogste klasse": op hoeveel van de ${inWords(counted.length)} cijfers over kansen (${joinAnd(counted.map((c) => c.short))}) de wijk in de hoogste van minstens drie klassen valt. Wijken met minder dan ${formatNumber(SMALL_WIJK)} inwoners (*) worden niet genoemd: daar wegen toevallige verschillen zwaarder.`,
        ]
      : []),
    ...s.columns.flatMap((c) => (c.note ? [c.note] : [])),
    ...(options.left > 0 ? [`De andere ${formatNumber(options.left)} wijken, met minder hoge klassen, staan in de volledige editie.`] : []),
  ];
}
