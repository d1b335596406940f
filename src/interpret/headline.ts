/**
 * One short sentence that leads with a finding and its number, for the kernpunten and
 * the summary page: "Meer huishoudens met een laag inkomen dan in vergelijkbare
 * gemeenten: 11,5% tegen 8,5% (2021; Nederland 6,8%)."
 */
import { yearInParens, yearLabel, type IndicatorDef } from '../data/catalogue.js';
import type { ValueAt } from '../data/select.js';
import { formatObs } from '../format.js';
import { capitalize, saysRate, subjectOf, withoutArticle } from './dutch.js';
import type { IndicatorFinding } from './sentences.js';
import { isSchoolLocated, schoolPlace } from './stress.js';

/**
 * "Meer huishoudens met een laag inkomen", "Hogere gemiddelde achterstandsscore per leerling",
 * "Lager slagingspercentage op het vwo", "Grotere gemiddelde afstand tot …".
 */
export function comparativeLead(def: IndicatorDef, higher: boolean): string {
  const subject = subjectOf(def);
  const share = /^het (aandeel|aantal) (.+)$/.exec(subject);
  if (share) return `${higher ? 'Meer' : 'Minder'} ${share[2]}`;
  const quoted = /^het cijfer (.+)$/.exec(subject);
  if (quoted) return `${higher ? 'Hoger' : 'Lager'} cijfer ${quoted[1]}`;
  const { article, noun } = withoutArticle(subject);
  const adjective = def.unit === 'km' ? (higher ? 'groter' : 'kleiner') : higher ? 'hoger' : 'lager';
  return `${capitalize(adjective)}${article === 'de' ? 'e' : ''} ${noun}`;
}

const refName = (r: { role: string; name: string }) => (r.role === 'similar' ? 'vergelijkbare gemeenten' : r.role === 'gemeente' ? r.name : 'Nederland');

/** A value with its year when that differs from the region's year. */
function valueText(def: IndicatorDef, v: ValueAt, year: number | null): string {
  return `${formatObs(def, v, { bare: saysRate(subjectOf(def)) })}${v.year !== null && year !== null && v.year !== year ? ` in ${yearLabel(def, v.year)}` : ''}`;
}

/** The main comparison of a finding: for an area of wijken its gemeente, else the similar gemeenten, else Nederland. */
export function mainReference(f: IndicatorFinding) {
  const refs = f.references ?? [];
  return refs.find((r) => r.role === 'gemeente') ?? refs.find((r) => r.role === 'similar') ?? refs.find((r) => r.role === 'nederland');
}

/**
 * The finding as one leading sentence. `regionName` is needed for a figure counted by school
 * location: "… op scholen in Arnhem dan in vergelijkbare gemeenten".
 */
export function headline(def: IndicatorDef, f: IndicatorFinding, regionName?: string): string | undefined {
  const main = mainReference(f);
  if (!main || !f.value || f.value.value === null || main.comparison === 'vergelijkbaar') return undefined;
  const year = f.value.year;
  const when = year !== null ? yearInParens(def, year) : '';
  const nl = main.role !== 'nederland' ? f.references?.find((r) => r.role === 'nederland') : undefined;
  const context = [when, nl ? `Nederland ${valueText(def, nl.value, year)}` : ''].filter(Boolean).join('; ');
  const place = regionName && isSchoolLocated(def) ? ` ${schoolPlace(regionName)}` : '';
  return `${comparativeLead(def, main.comparison === 'hoger')}${place} dan in ${refName(main)}: ${formatObs(def, f.value, { bare: saysRate(subjectOf(def)) })} tegen ${valueText(def, main.value, year)}${context ? ` (${context})` : ''}.`;
}

/** Favourable, unfavourable or neutral, as the catalogue's direction says. */
export function toneOf(def: IndicatorDef, f: IndicatorFinding): 'gunstig' | 'ongunstig' | 'neutraal' {
  const main = mainReference(f);
  if (!main || main.comparison === 'vergelijkbaar' || def.higherIsBetter === null) return 'neutraal';
  return (main.comparison === 'hoger') === def.higherIsBetter ? 'gunstig' : 'ongunstig';
}
