/**
 * A derived per-school advice file (alleschools): cited in the colophon when used; no indicator reads it yet.
 */
import type { SourceDef, SourceModule } from './types.js';

export const duoAdviesSource = {
  id: 'duo-advies',
  publisher: 'DUO (afgeleid)',
  citation: 'DUO schooladviezen, bewerking alleschools',
  table: 'Schooladviezen per basisschoolvestiging 2019-2020 t/m 2024-2025 (DUO), jaargewogen aandeel vwo-advies per school (afgeleide bewerking, openbare repository zhaidewei/alleschools)',
  file: 'duo/derived/po_scholen_advies_woz_xy_2019-2024.csv',
  license: 'CC BY 4.0 (DUO)',
  caveat:
    'Afgeleid cijfer, geen officiële DUO-publicatie: per school een over de jaren gewogen aandeel vwo-adviezen, uitschieters afgekapt; per gemeente gewogen met het aantal leerlingen met een advies. Alleen als globale indicatie te gebruiken.',
} satisfies SourceDef;

export const duoAdviesModule: SourceModule = {
  id: 'duo-advies',
  sources: [duoAdviesSource],
};
