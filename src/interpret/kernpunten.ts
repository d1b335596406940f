/**
 * Kernpunten: the 3 to 6 findings that stand out most for this region: the largest
 * standardised deviations from the similar gemeenten (or Nederland), in both
 * directions, at most two per domain.
 */
import type { Domain } from '../data/catalogue.js';
import type { IndicatorFinding } from './sentences.js';

export const KERNPUNTEN_MIN = 3;
export const KERNPUNTEN_MAX = 6;
/** A deviation of at least half a standard deviation between gemeenten stands out. */
export const KERNPUNT_MIN_Z = 0.5;

export interface Kernpunt {
  finding: IndicatorFinding;
  domain: Domain;
  /** Parts of one whole (low, middle and high education) share a group: one kernpunt per group. */
  group?: string;
  /** Section the finding is explained in. */
  anchor: string;
  sectionTitle: string;
}

export function selectKernpunten(candidates: Kernpunt[]): Kernpunt[] {
  const ranked = candidates
    .filter((c) => c.finding.z !== undefined && (c.finding.versusPeers ?? c.finding.versusNederland) !== 'vergelijkbaar')
    .sort((a, b) => Math.abs(b.finding.z!) - Math.abs(a.finding.z!) || a.finding.indicator.localeCompare(b.finding.indicator));
  const chosen: Kernpunt[] = [];
  const perDomain = new Map<Domain, number>();
  const take = (c: Kernpunt) => {
    chosen.push(c);
    perDomain.set(c.domain, (perDomain.get(c.domain) ?? 0) + 1);
  };
  const groupOf = (c: Kernpunt) => c.group ?? c.finding.indicator;
  const fits = (c: Kernpunt) => !chosen.includes(c) && (perDomain.get(c.domain) ?? 0) < 2 && !chosen.some((x) => groupOf(x) === groupOf(c));
  for (const c of ranked) {
    if (chosen.length >= KERNPUNTEN_MAX) break;
    if (Math.abs(c.finding.z!) >= KERNPUNT_MIN_Z && fits(c)) take(c);
  }
  // Both directions: if all chosen deviate one way, add the strongest deviation the other way.
  const signs = new Set(chosen.map((c) => Math.sign(c.finding.z!)));
  if (signs.size === 1) {
    const other = ranked.find((c) => Math.sign(c.finding.z!) !== [...signs][0] && fits(c));
    if (other) {
      if (chosen.length >= KERNPUNTEN_MAX) chosen.pop();
      take(other);
    }
  }
  // At least three: fill with the next largest deviations.
  for (const c of ranked) {
    if (chosen.length >= KERNPUNTEN_MIN) break;
    if (fits(c)) take(c);
  }
  return chosen.sort((a, b) => Math.abs(b.finding.z!) - Math.abs(a.finding.z!));
}
