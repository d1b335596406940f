/**
 * Name matching for gemeenten: sources spell names differently (DUO in capitals,
 * "HENGELO" for "Hengelo (O.)", old names of merged gemeenten, broken diacritics).
 */

/** Lower-case, no diacritics, no "(gemeente)"/"(O.)" qualifiers, only letters and digits. */
export function normalizeName(name: string): string {
  return name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[’`]/g, "'")
    .replace(/\([^)]*\)/g, '')
    .replace(/[^a-z0-9]/g, '');
}

/** Other names people and sources use for a current gemeente (indeling 2023). */
export const nameAliases: Record<string, string> = {
  denhaag: 'GM0518',
  sgravenhage: 'GM0518',
  denbosch: 'GM0796',
  nuenenca: 'GM0820',
  // DUO files with broken diacritics ("S·DWEST-FRYSLÔN").
  sdwestfryslon: 'GM1900',
  noardeastfryslon: 'GM1970',
};

/** Levenshtein distance, for "did you mean" suggestions. */
export function editDistance(a: string, b: string): number {
  const prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let diag = prev[0];
    prev[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = prev[j];
      prev[j] = Math.min(prev[j] + 1, prev[j - 1] + 1, diag + (a[i - 1] === b[j - 1] ? 0 : 1));
      diag = tmp;
    }
  }
  return prev[b.length];
}
