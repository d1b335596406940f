/**
 * Wijk figures of 2021 and 2022 on the wijken of 2024: a wijk of an older wijkindeling
 * is the same wijk when the 2024 wijkindeling has its code with the same name, or with
 * about the same number of inhabitants (a renamed wijk). Otherwise its figures are not
 * used, and the 2024 wijk shows "geen gegevens" with the reason.
 */
import { normalizeName } from './gemeente-names.js';

export interface OldWijk {
  name: string;
  gemeenteCode: string;
  inwoners: number | null;
}

export interface Wijk2024 {
  code: string;
  name: string;
  inwoners: number | null;
}

/** Inhabitants of a renamed wijk may differ this much (growth over three years, CBS rounding). */
export const SAME_WIJK_RATIO = { min: 0.85, max: 1.25 } as const;

export function matchWijken(old: ReadonlyMap<string, OldWijk>, current: ReadonlyMap<string, Wijk2024>): Map<string, string> {
  const out = new Map<string, string>();
  for (const [code, w] of old) {
    const now = current.get(code);
    if (!now) continue;
    const sameName = normalizeWijk(w.name) === normalizeWijk(now.name);
    const ratio = w.inwoners && now.inwoners ? now.inwoners / w.inwoners : null;
    if (sameName || (ratio !== null && ratio >= SAME_WIJK_RATIO.min && ratio <= SAME_WIJK_RATIO.max)) out.set(code, code);
  }
  return out;
}

/** "Wijk 01 Centrum" and "Centrum" are the same name. */
function normalizeWijk(name: string): string {
  return normalizeName(name.replace(/^wijk\s+\d+\s*/i, ''));
}

export const NO_OLD_WIJK = (year: number) => `geen gelijke wijk in de wijkindeling van ${year}`;
