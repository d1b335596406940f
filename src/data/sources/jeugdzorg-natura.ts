/**
 * CBS "Jeugdzorg in natura; wijken en buurten" 2021 (85075NED) and 2022 (85335NED):
 * young people up to 23 with youth care in natura per gemeente and wijk, split by
 * age and by referrer. Counts are rounded to 5 by CBS; small cells are left empty.
 */
import { join } from 'node:path';
import { ReportError } from '../../util/errors.js';
import { messages } from '../../util/messages.js';
import { parseCsvRecords } from '../../util/csv.js';
import { sources } from '../sources.js';
import { toNumber } from './data-files.js';
import type { DataFiles, SourceObservation, SourceReading } from './types.js';

const NOT_PUBLISHED = 'niet gepubliceerd door CBS';
const SUPPRESSED = 'niet gepubliceerd door CBS (klein aantal)';

const TOTAL_YOUTH = 'TotaalJongerenMetJeugdzorgInNatura_1';
const TOTAL_TRAJECTS = 'TotaalTrajectenInNatura_9';

/** Indicator id → column, as shares of TOTAL_YOUTH. */
const AGE_PARTS: readonly (readonly [string, string])[] = [
  ['jeugdzorg_leeftijd_0_4', 'k_0Tot4Jaar_2'],
  ['jeugdzorg_leeftijd_4_12', 'k_4Tot12Jaar_3'],
  ['jeugdzorg_leeftijd_12_18', 'k_12Tot18Jaar_4'],
  ['jeugdzorg_leeftijd_18_23', 'k_18Tot23Jaar_5'],
];

/** Indicator id → column, as shares of TOTAL_TRAJECTS. */
const REFERRER_PARTS: readonly (readonly [string, string])[] = [
  ['jeugdzorg_verwijzer_gemeente', 'GemeentelijkeToegang_10'],
  ['jeugdzorg_verwijzer_huisarts', 'Huisarts_11'],
  ['jeugdzorg_verwijzer_jeugdarts', 'Jeugdarts_12'],
  ['jeugdzorg_verwijzer_gi', 'GecertificeerdeInstelling_13'],
  ['jeugdzorg_verwijzer_medisch_specialist', 'MedischSpecialist_14'],
  ['jeugdzorg_verwijzer_rechter', 'RechterOfficierVanJustitie_15'],
  ['jeugdzorg_verwijzer_geen', 'GeenVerwijzer_16'],
  ['jeugdzorg_verwijzer_onbekend', 'VerwijzerOnbekend_17'],
];

const COUNT_COLUMNS = [TOTAL_YOUTH, TOTAL_TRAJECTS, ...AGE_PARTS.map(([, c]) => c), ...REFERRER_PARTS.map(([, c]) => c)];

/** Every indicator id this reader emits. */
export const jeugdzorgNaturaIndicators: readonly string[] = [
  'jongeren_jeugdzorg',
  ...AGE_PARTS.map(([id]) => id),
  ...REFERRER_PARTS.map(([id]) => id),
];

export function requireColumns(header: readonly string[], columns: readonly string[], path: string): void {
  for (const column of columns) {
    if (!header.includes(column)) throw new ReportError(messages.dataColumnMissing(path, column), 'data');
  }
}

/** The observations of one row: the total and the shares computed from the counts. */
function rowObservations(values: Record<string, string>, code: string, year: number, indeling: number): SourceObservation[] {
  const out: SourceObservation[] = [];
  const total = toNumber(values[TOTAL_YOUTH]);
  out.push({ code, indicator: 'jongeren_jeugdzorg', year, value: total, indeling, ...(total === null ? { note: NOT_PUBLISHED } : {}) });
  const share = (indicator: string, partColumn: string, totalColumn: string): SourceObservation => {
    const whole = toNumber(values[totalColumn]);
    const part = toNumber(values[partColumn]);
    if (whole === null) return { code, indicator, year, value: null, indeling, note: NOT_PUBLISHED };
    // The total is published, the part is not: CBS masked a small number.
    if (part === null) return { code, indicator, year, value: null, suppressed: true, indeling, note: SUPPRESSED };
    if (whole === 0) return { code, indicator, year, value: null, indeling, note: 'totaal is 0: aandeel niet te berekenen' };
    return { code, indicator, year, value: (part / whole) * 100, numerator: part, denominator: whole, indeling };
  };
  for (const [id, column] of AGE_PARTS) out.push(share(id, column, TOTAL_YOUTH));
  for (const [id, column] of REFERRER_PARTS) out.push(share(id, column, TOTAL_TRAJECTS));
  return out;
}

export async function readJeugdzorgNatura(files: DataFiles): Promise<SourceReading> {
  const observations: SourceObservation[] = [];
  const notes: string[] = [];
  const wijken: NonNullable<SourceReading['wijken']> = new Map();
  const wijkYear = new Map<string, number>();

  // Gemeenten and wijken, 2021 and 2022.
  const file = sources['jeugdzorg-wijk-2022'].file;
  const { header, records } = parseCsvRecords(await files.text(file), ',');
  requireColumns(header, ['year', 'gwb_code_10', 'regio', 'recs', ...COUNT_COLUMNS], join(files.dataDir, file));

  const stats = new Map<number, { gemeenten: number; wijken: number; wijkenMetTotaal: number; alleenTrajecten: number }>();
  const skipped: string[] = [];
  for (const { line, values } of records) {
    const code = values.gwb_code_10;
    const year = Number(values.year);
    const isGemeente = values.recs === 'Gemeente' && /^GM\d{4}$/.test(code);
    const isWijk = values.recs === 'Wijk' && /^WK\d{4}[0-9A-Z]{2}$/.test(code);
    if (!Number.isInteger(year) || !(isGemeente || isWijk)) {
      skipped.push(`regel ${line}`);
      continue;
    }
    // The codes follow the gemeentelijke indeling and wijkindeling of the file's year.
    observations.push(...rowObservations(values, code, year, year));
    const s = stats.get(year) ?? { gemeenten: 0, wijken: 0, wijkenMetTotaal: 0, alleenTrajecten: 0 };
    stats.set(year, s);
    if (isGemeente) {
      s.gemeenten++;
      continue;
    }
    s.wijken++;
    if (toNumber(values[TOTAL_YOUTH]) !== null) s.wijkenMetTotaal++;
    else if (toNumber(values[TOTAL_TRAJECTS]) !== null) s.alleenTrajecten++;
    if ((wijkYear.get(code) ?? -Infinity) <= year) {
      wijkYear.set(code, year);
      wijken.set(code, { name: values.regio, gemeenteCode: `GM${code.slice(2, 6)}`, inwoners: null });
    }
  }
  for (const [year, s] of [...stats].sort(([a], [b]) => a - b)) {
    notes.push(
      `Jeugdzorg in natura ${year}: ${s.gemeenten} gemeenten en ${s.wijken} wijken (indeling ${year}); het aantal jongeren met jeugdzorg is gepubliceerd voor ${s.wijkenMetTotaal} van de ${s.wijken} wijken.` +
        (s.alleenTrajecten > 0 ? ` Voor ${s.alleenTrajecten} wijken publiceert CBS wel het aantal trajecten, niet het aantal jongeren.` : ''),
    );
  }
  if (skipped.length > 0) notes.push(`Jeugdzorg in natura: ${skipped.length} rijen zonder gemeente- of wijkcode niet gelezen (${skipped.join(', ')}).`);

  // Nederland 2022 (only in the 85335NED gemeente file).
  const nlFile = sources['jeugdzorg-wijk-2022'].files[0];
  const nl = parseCsvRecords(await files.text(nlFile), ',');
  requireColumns(nl.header, ['Wijken', 'Perioden', ...COUNT_COLUMNS], join(files.dataDir, nlFile));
  const nlRow = nl.records.find((r) => r.values.Wijken === 'NL00');
  const nlYear = nlRow ? Number(nlRow.values.Perioden.slice(0, 4)) : NaN;
  if (nlRow && Number.isInteger(nlYear)) observations.push(...rowObservations(nlRow.values, 'NL00', nlYear, nlYear));
  else notes.push(`Jeugdzorg in natura: geen landelijke rij (NL00) in ${nlFile}.`);

  notes.push('Jeugdzorg in natura: CBS rondt de aantallen af op 5; de aandelen naar leeftijd en verwijzer zijn berekend uit die afgeronde aantallen.');
  return { observations, notes, wijken };
}
