/**
 * Dutch number formatting, shared by charts, tables and text: 12,3% and 1.234.
 * Intl's nl-NL omits the thousands separator for 4-digit numbers, which Dutch
 * print style does use (1.234), so grouping is forced with useGrouping 'always'.
 */
const formatters = new Map<string, Intl.NumberFormat>();

function formatter(decimals: number): Intl.NumberFormat {
  const key = String(decimals);
  let f = formatters.get(key);
  if (!f) {
    f = new Intl.NumberFormat('nl-NL', {
      minimumFractionDigits: decimals,
      maximumFractionDigits: decimals,
      useGrouping: 'always',
    });
    formatters.set(key, f);
  }
  return f;
}

export function formatNumber(value: number, decimals = 0): string {
  // Avoid "-0" for tiny negatives rounded to zero.
  const rounded = Number(value.toFixed(decimals));
  return formatter(decimals).format(Object.is(rounded, -0) ? 0 : rounded);
}

export function formatPercent(value: number, decimals = 1): string {
  return `${formatNumber(value, decimals)}%`;
}

export type Unit = 'percent' | 'count' | 'km' | 'euro-k' | 'per-100' | 'per-1000' | 'per-km2' | 'persons-per-household' | 'class' | 'score';

export const unitSuffix: Record<Unit, string> = {
  percent: '%',
  count: '',
  km: ' km',
  'euro-k': '', // rendered as "€ 33.000"
  'per-100': ' per 100',
  'per-1000': ' per 1.000',
  'per-km2': ' per km²',
  'persons-per-household': '',
  class: '',
  score: '',
};

/** Formats a value in its unit, e.g. 12,3%, 1.234, 0,7 km, € 33.000. */
export function formatValue(value: number, unit: Unit, decimals: number): string {
  switch (unit) {
    case 'percent':
      return formatPercent(value, decimals);
    case 'euro-k':
      // Values are in thousands of euros: round to the published precision first (no false "€ 30.136").
      return `€ ${formatNumber(Number(value.toFixed(decimals)) * 1000, 0)}`;
    default:
      return `${formatNumber(value, decimals)}${unitSuffix[unit]}`;
  }
}

/** Vega/d3 format locale for Dutch: decimal comma, thousands dot. */
export const d3FormatLocaleNl = {
  decimal: ',',
  thousands: '.',
  grouping: [3],
  currency: ['€ ', ''] as [string, string],
  percent: '%',
};

export const d3TimeFormatLocaleNl = {
  dateTime: '%a %e %B %Y %T',
  date: '%d-%m-%Y',
  time: '%H:%M:%S',
  periods: ['AM', 'PM'] as [string, string],
  days: ['zondag', 'maandag', 'dinsdag', 'woensdag', 'donderdag', 'vrijdag', 'zaterdag'],
  shortDays: ['zo', 'ma', 'di', 'wo', 'do', 'vr', 'za'],
  months: ['januari', 'februari', 'maart', 'april', 'mei', 'juni', 'juli', 'augustus', 'september', 'oktober', 'november', 'december'],
  shortMonths: ['jan', 'feb', 'mrt', 'apr', 'mei', 'jun', 'jul', 'aug', 'sep', 'okt', 'nov', 'dec'],
};

/** "22 november 2026" */
export function formatDateNl(date: Date): string {
  return new Intl.DateTimeFormat('nl-NL', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }).format(date);
}

/** An observation as printed: its value in its unit, or why there is none. */
/** How an indicator's values are printed (a subset of the catalogue's IndicatorDef). */
export interface ValueStyle {
  unit: Unit;
  decimals: number;
  classes?: Record<number, string>;
}

export function formatObs(
  def: ValueStyle,
  obs: { value: number | null; suppressed?: boolean; notApplicable?: boolean; approximate?: boolean; withheld?: string[] },
  options: { bare?: boolean } = {},
): string {
  // An area whose value is not computed because a member's own figure is withheld (data/aggregate.ts).
  if (obs.value === null && obs.withheld?.length) return 'niet berekend';
  if (obs.value === null) return obs.suppressed ? 'afgeschermd' : obs.notApplicable ? 'n.v.t.' : 'geen gegevens';
  if (def.classes) return `${formatNumber(obs.value)} (${def.classes[obs.value] ?? ''})`;
  const text = options.bare && (def.unit === 'per-1000' || def.unit === 'per-100') ? formatNumber(obs.value, def.decimals) : formatValue(obs.value, def.unit, def.decimals);
  return `${obs.approximate ? 'ca. ' : ''}${text}`;
}

/**
 * A label inside a sentence: its first letter in lower case ("Herkomstland buiten Europa" →
 * "herkomstland buiten Europa"), names and acronyms further on kept ("Europa"), and a label
 * that starts with an acronym ("FIXTURE peuters", "WW-uitkeringen") kept whole.
 */
export function inSentence(label: string): string {
  if (/^[A-Z0-9]{2,}/.test(label)) return label;
  return label.charAt(0).toLowerCase() + label.slice(1);
}
