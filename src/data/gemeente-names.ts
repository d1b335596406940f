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
