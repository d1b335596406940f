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

export function matchWijken(
  old: ReadonlyMap<string, OldWijk>,
  current: ReadonlyMap<string, Wijk2024 & { gemeenteCode?: string }>,
  gemeenteNow: (oldGemeenteCode: string) => string = (c) => c,
): Map<string, string> {
  const out = new Map<string, string>();
  const sameSize = (w: OldWijk, now: Wijk2024) => {
    const ratio = w.inwoners && now.inwoners ? now.inwoners / w.inwoners : null;
    return ratio !== null && ratio >= SAME_WIJK_RATIO.min && ratio <= SAME_WIJK_RATIO.max;
  };
  for (const [code, w] of old) {
    const now = current.get(code);
    if (!now) continue;
    if (normalizeWijk(w.name) === normalizeWijk(now.name) || sameSize(w, now)) out.set(code, code);
  }
  // Recoded wijken (a merged gemeente, Amsterdam's new codes): the same name in the same
  // gemeente of today, with about the same number of inhabitants, and only one such wijk.
  const taken = new Set(out.values());
  const byName = new Map<string, (Wijk2024 & { gemeenteCode?: string })[]>();
  for (const w of current.values()) {
    if (taken.has(w.code) || !w.gemeenteCode) continue;
    const key = `${w.gemeenteCode}|${normalizeWijk(w.name)}`;
    byName.set(key, [...(byName.get(key) ?? []), w]);
  }
  const oldByName = new Map<string, string[]>();
  for (const [code, w] of old) {
    if (out.has(code)) continue;
    const key = `${gemeenteNow(w.gemeenteCode)}|${normalizeWijk(w.name)}`;
    oldByName.set(key, [...(oldByName.get(key) ?? []), code]);
  }
  for (const [key, codes] of oldByName) {
    const candidates = byName.get(key);
    if (codes.length !== 1 || candidates?.length !== 1) continue;
    if (sameSize(old.get(codes[0])!, candidates[0])) out.set(codes[0], candidates[0].code);
  }
  return out;
}

/**
 * Wijken of a wijkindeling one year before 2024 (income 2020 on the wijken of 2023) whose
 * file has no inhabitants to compare: the same wijk only when 2024 has its code with the same
 * name. A recoded or renamed wijk is not matched (its borders may have changed).
 */
export function matchSameCodeAndName(old: ReadonlyMap<string, { name: string }>, current: ReadonlyMap<string, { code: string; name: string }>): Map<string, string> {
  const out = new Map<string, string>();
  for (const [code, w] of old) {
    const now = current.get(code);
    if (now && normalizeWijk(w.name) === normalizeWijk(now.name)) out.set(code, code);
  }
  return out;
}

/** "Wijk 01 Centrum" and "Centrum" are the same name. */
function normalizeWijk(name: string): string {
  return normalizeName(name.replace(/^wijk\s+\d+\s*/i, ''));
}

export const NO_OLD_WIJK = (year: number) => `geen gelijke wijk in de wijkindeling van ${year}`;
