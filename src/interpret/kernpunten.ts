/**
 * Kernpunten: the 4 to 6 findings that carry the meeting. The rules:
 * 1. Only a clear deviation from the similar gemeenten (or, without them, Nederland): at
 *    least KERNPUNT_MIN_Z standard deviations between gemeenten, and not "vergelijkbaar".
 * 2. Never a finding that its own sentence contradicts: "lower than similar gemeenten" next
 *    to "among the 10% highest" is left out.
 * 3. Indicators about opportunity (outcomes, poverty, youth care, disadvantage, special
 *    education) come before context (density, housing, age structure): context only fills up.
 * 4. Both directions: where the region does better on some indicator with a direction, at
 *    least one such finding is among them.
 * 5. At most two per domain and one per part of a whole (education levels, age groups).
 */
import type { Domain } from '../data/catalogue.js';
import type { IndicatorFinding } from './sentences.js';

export const KERNPUNTEN_MIN = 4;
export const KERNPUNTEN_MAX = 6;
/** A deviation of at least half a standard deviation between gemeenten stands out. */
export const KERNPUNT_MIN_Z = 0.5;
export const KERNPUNTEN_PER_DOMAIN = 2;

export interface Kernpunt {
  finding: IndicatorFinding;
  domain: Domain;
  /** Parts of one whole (low, middle and high education) share a group: one kernpunt per group. */
  group?: string;
  /** About opportunity rather than context (catalogue). */
  opportunity?: boolean;
  /** Favourable or unfavourable for the region, where the indicator has a direction. */
  tone?: 'gunstig' | 'ongunstig' | 'neutraal';
  /** Section the finding is explained in. */
  anchor: string;
  sectionTitle: string;
}

const direction = (f: IndicatorFinding) => f.versusPeers ?? f.versusNederland;

/** Rule 2: the comparison and the place among all gemeenten point the same way. */
export function contradicts(f: IndicatorFinding): boolean {
  const d = direction(f);
  return (f.extreme === 'hoogste' && d === 'lager') || (f.extreme === 'laagste' && d === 'hoger');
}

/** `max`: the room left after the kernpunt about the wijken. */
export function selectKernpunten(candidates: Kernpunt[], max = KERNPUNTEN_MAX): Kernpunt[] {
  const min = Math.max(0, KERNPUNTEN_MIN - (KERNPUNTEN_MAX - max));
  const eligible = candidates.filter((c) => c.finding.z !== undefined && direction(c.finding) !== undefined && direction(c.finding) !== 'vergelijkbaar' && !contradicts(c.finding));
  const byZ = (a: Kernpunt, b: Kernpunt) => Math.abs(b.finding.z!) - Math.abs(a.finding.z!) || a.finding.indicator.localeCompare(b.finding.indicator);
  const opportunity = eligible.filter((c) => c.opportunity).sort(byZ);
  const context = eligible.filter((c) => !c.opportunity).sort(byZ);
  const chosen: Kernpunt[] = [];
  const perDomain = new Map<Domain, number>();
  const groupOf = (c: Kernpunt) => c.group ?? c.finding.indicator;
  const fits = (c: Kernpunt) => !chosen.includes(c) && (perDomain.get(c.domain) ?? 0) < KERNPUNTEN_PER_DOMAIN && !chosen.some((x) => groupOf(x) === groupOf(c));
  const take = (c: Kernpunt) => {
    chosen.push(c);
    perDomain.set(c.domain, (perDomain.get(c.domain) ?? 0) + 1);
  };
  const stands = (c: Kernpunt) => Math.abs(c.finding.z!) >= KERNPUNT_MIN_Z;
  for (const c of opportunity) if (chosen.length < max && stands(c) && fits(c)) take(c);
  // Rule 4: what goes well too.
  const tones = new Set(chosen.map((c) => c.tone));
  for (const wanted of ['gunstig', 'ongunstig'] as const) {
    if (tones.has(wanted) || chosen.length === 0) continue;
    const other = opportunity.find((c) => c.tone === wanted && stands(c) && fits(c));
    if (other) {
      if (chosen.length >= max) {
        const dropped = chosen.pop()!;
        perDomain.set(dropped.domain, perDomain.get(dropped.domain)! - 1);
      }
      take(other);
    }
  }
  // Context only fills up to the minimum, then anything that still deviates.
  for (const c of context) if (chosen.length < min && stands(c) && fits(c)) take(c);
  for (const c of [...opportunity, ...context]) if (chosen.length < min && fits(c)) take(c);
  return chosen.sort((a, b) => Number(!!b.opportunity) - Number(!!a.opportunity) || byZ(a, b));
}
