/**
 * CBS "Achterstandsscores basisscholen, 2019" (peildatum 1 October 2019). Per
 * basisschool-vestiging the score WITHOUT the funding threshold (tabel 2): the sum,
 * over its pupils among the 15% with the lowest expected onderwijsscore nationally,
 * of (national mean score − the pupil's score). Summed per gemeente (school location)
 * and divided by the pupils (tabel 1), it is comparable between gemeenten.
 */
import { join } from 'node:path';
import { ReportError } from '../../util/errors.js';
import { formatNumber } from '../../format.js';
import { messages } from '../../util/messages.js';
import { parseCsvRecords } from '../../util/csv.js';
import { sources } from '../sources.js';
import { toNumber } from './data-files.js';
import { poKey, readPoVestigingen } from './duo-po-scholen.js';
import { TARGET_INDELING } from '../indeling.js';
import { schoolCode } from './school-codes.js';
import type { DataFiles, SourceObservation, SourceReading } from './types.js';

const YEAR = 2019;

async function readTable(files: DataFiles, file: string, columns: string[]) {
  const { header, records } = parseCsvRecords(await files.text(file), ';');
  for (const col of columns) {
    if (!header.includes(col)) throw new ReportError(messages.dataColumnMissing(join(files.dataDir, file), col), 'data');
  }
  return records;
}

/**
 * `achterstandsscore` (score per pupil, with its sums) and `achterstandsscore_leerlingen` per
 * gemeente (by school location), and per vestiging (code `school:<BRIN+vest>`).
 */
export async function readAchterstand(files: DataFiles): Promise<SourceReading> {
  const source = sources['cbs-achterstand-2019'];
  const tabel2 = await readTable(files, source.file, ['brin_vestiging', 'achterstandsscore_zonder_drempel', 'betrouwbaarheid_noot']);
  const tabel1 = await readTable(files, source.files[0], ['brin_vestiging', 'aantal_bekostigde_leerlingen']);
  const { vestigingen, notes } = await readPoVestigingen(files);

  const pupils = new Map(tabel1.map((r) => [r.values.brin_vestiging, toNumber(r.values.aantal_bekostigde_leerlingen)]));
  const sums = new Map<string, { code: string; indeling: number; score: number; leerlingen: number }>();
  const skipped = { score: [] as string[], pupils: [] as string[], school: [] as string[] };
  let joined = 0;
  let unreliable = 0;
  for (const { values } of tabel2) {
    const code = values.brin_vestiging;
    const score = toNumber(values.achterstandsscore_zonder_drempel);
    const n = pupils.get(code);
    const v = vestigingen.get(poKey(code, 'bo'));
    if (score === null) skipped.score.push(code);
    else if (n === null || n === undefined) skipped.pupils.push(code);
    else if (!v) skipped.school.push(code);
    else {
      // One observation per code: a gemeente with Haaren schools is in the 2023 indeling.
      const s = sums.get(v.gemeente) ?? { code: v.gemeente, indeling: v.indeling, score: 0, leerlingen: 0 };
      s.indeling = Math.max(s.indeling, v.indeling);
      s.score += score;
      s.leerlingen += n;
      sums.set(v.gemeente, s);
      joined++;
      if (/\ba\b/.test(values.betrouwbaarheid_noot)) unreliable++;
    }
  }

  const observations: SourceObservation[] = [];
  const schools: SourceObservation[] = [];
  // Per vestiging too (school:<code>): an area of wijken sums the schools located in it.
  for (const { values } of tabel2) {
    const score = toNumber(values.achterstandsscore_zonder_drempel);
    const n = pupils.get(values.brin_vestiging);
    if (score === null || n === null || n === undefined || n <= 0) continue;
    const base = { code: schoolCode(values.brin_vestiging), year: YEAR, indeling: TARGET_INDELING };
    schools.push({ ...base, indicator: 'achterstandsscore', value: score / n, numerator: score, denominator: n });
    schools.push({ ...base, indicator: 'achterstandsscore_leerlingen', value: n });
  }
  for (const s of sums.values()) {
    const base = { code: s.code, year: YEAR, indeling: s.indeling };
    observations.push({
      ...base,
      indicator: 'achterstandsscore',
      ...(s.leerlingen > 0
        ? { value: s.score / s.leerlingen, numerator: s.score, denominator: s.leerlingen }
        : { value: null, numerator: s.score, denominator: 0, note: 'Geen bekostigde leerlingen in de basisscholen van deze gemeente.' }),
    });
    observations.push({ ...base, indicator: 'achterstandsscore_leerlingen', value: s.leerlingen });
  }

  const list = (codes: string[]) => codes.slice(0, 10).join(', ') + (codes.length > 10 ? ', …' : '');
  if (skipped.score.length) notes.push(`CBS-achterstandsscores 2019: ${formatNumber(skipped.score.length)} vestigingen zonder leesbare score weggelaten (${list(skipped.score)}).`);
  if (skipped.pupils.length) notes.push(`CBS-achterstandsscores 2019: ${formatNumber(skipped.pupils.length)} vestigingen zonder leerlingenaantal in tabel 1 weggelaten (${list(skipped.pupils)}).`);
  if (skipped.school.length)
    notes.push(`CBS-achterstandsscores 2019: ${formatNumber(skipped.school.length)} vestigingen niet gevonden als basisschool in het DUO-bestand en weggelaten (${list(skipped.school)}).`);
  const inTabel2 = new Set(tabel2.map((r) => r.values.brin_vestiging));
  const extra = tabel1.map((r) => r.values.brin_vestiging).filter((code) => !inTabel2.has(code));
  if (extra.length) notes.push(`CBS-achterstandsscores 2019: ${formatNumber(extra.length)} vestigingen van tabel 1 ontbreken in tabel 2 (${list(extra)}).`);
  notes.push(
    `CBS-achterstandsscores 2019: ${formatNumber(joined)} basisschoolvestigingen aan een gemeente gekoppeld (naar de plaats van de school)` +
      (unreliable ? `, waarvan ${formatNumber(unreliable)} met 40 of minder leerlingen (schoolscore volgens CBS onvoldoende betrouwbaar; telt wel mee in de gemeentesom).` : '.'),
  );
  return { observations, notes, schools };
}
