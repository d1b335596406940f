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
import { internalCount, type IndicatorDef } from '../indicator-def.js';
import type { FigureDef } from '../figure-def.js';
import type { SourceDef, SourceModule } from './types.js';
import { toNumber } from './data-files.js';
import { poKey, readPoVestigingen } from './duo-po-scholen.js';
import { TARGET_INDELING } from '../mergers.js';
import { schoolCode } from './school-codes.js';
import type { DataFiles, SourceObservation, SourceReading } from './types.js';
import { count } from './plausible.js';

export const cbsAchterstand2019Source = {
  id: 'cbs-achterstand-2019',
  publisher: 'CBS',
  citation: 'CBS, Achterstandsscores basisscholen 2019',
  table: 'Achterstandsscores basisscholen, peildatum 1 oktober 2019 (CBS, februari 2020), tabel 2: scores zonder drempel',
  file: 'duo/po/achterstandsscores_basisscholen_2019_tabel2.csv',
  files: ['duo/po/achterstandsscores_basisscholen_2019_tabel1.csv'],
  indeling: 2019,
  countsBy: 'school',
  license: 'CC BY 4.0',
  caveat: 'Naar de gemeente waar de school staat, niet waar de leerling woont; alleen bekostigd regulier basisonderwijs.',
} satisfies SourceDef;


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
  const source = cbsAchterstand2019Source;
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

const ACHTERSTAND_DEFINITION =
  'CBS-onderwijsachterstandenindicator (1 oktober 2019): CBS schat per leerling de verwachte score op de eindtoets uit de thuissituatie (opleiding van de ouders, herkomstland, verblijfsduur van de moeder in Nederland, schuldsanering en het gemiddelde opleidingsniveau van de moeders op school). Leerlingen met een verwachte score bij de 15% laagste van Nederland tellen mee met hun afstand tot het landelijk gemiddelde, de anderen met 0. Hier de som daarvan over de bekostigde reguliere basisscholen in het gebied, zonder de drempel voor de bekostiging, gedeeld door het aantal leerlingen: hoe hoger, hoe meer leerlingen met een verwachte onderwijsachterstand.';

const indicators: IndicatorDef[] = [
  {
    id: 'achterstandsscore',
    subject: 'de gemiddelde achterstandsscore per leerling',
    label: 'Achterstandsscore per leerling',
    title: 'Gemiddelde achterstandsscore per leerling in het basisonderwijs',
    definition: ACHTERSTAND_DEFINITION,
    domain: 'onderwijs',
    unit: 'score',
    decimals: 2,
    higherIsBetter: false,
    source: 'cbs-achterstand-2019',
    fields: { gemeente: { 2019: 'cbs-achterstand-2019:derived' } },
    aggregate: { kind: 'ratio', scale: 1 },
    numeratorIsScore: true,
    sparse: true,
    missingReason: 'geen bekostigde basisschool in het gebied',
    factors: ['sociale status', 'cultureel kapitaal', 'voor- en vroegschoolse educatie'],
    schoolLevel: 'vestiging',
    opportunity: true,
  },
  { ...internalCount('achterstandsscore_leerlingen', 'Leerlingen van scholen met een achterstandsscore', 'cbs-achterstand-2019', { 2019: 'cbs-achterstand-2019:derived' }), schoolLevel: 'vestiging' },
];

const figures: FigureDef[] = [
  { id: 'achterstandsscore', kind: 'comparison', domain: 'onderwijs', title: 'Gemiddelde achterstandsscore per leerling (basisonderwijs)', indicators: ['achterstandsscore'] },
  { id: 'achterstandsscore-verdeling', kind: 'distribution', domain: 'onderwijs', title: 'Achterstandsscore per leerling: plaats tussen alle gemeenten', indicators: ['achterstandsscore'] },
];

export const achterstandModule: SourceModule = {
  id: 'cbs-achterstand-2019',
  sources: [cbsAchterstand2019Source],
  optional: true,
  indicators,
  figures,
  unavailable: [
    {
      file: cbsAchterstand2019Source.file,
      sourceId: 'cbs-achterstand-2019',
      year: 2019,
      reason: 'CBS published the achterstandsscores 2019 only as an Excel workbook on cbs.nl (not in StatLine/OData): download it and run `contextkaart data import <workbook.xlsx>`',
      optional: true,
      check: { kind: 'csv', sep: ';', columns: ['brin_vestiging', 'achterstandsscore_zonder_drempel', 'achterstandsscore_zonder_drempel_onderbouw', 'achterstandsscore_zonder_drempel_bovenbouw', 'betrouwbaarheid_noot'], codes: { column: 'brin_vestiging', pattern: /^[0-9A-Z]{4}\d\d$/, min: 1000 }, values: { key: ['brin_vestiging'], numbers: [count(/^(aantal_|achterstandsscore)/)] } },
    },
    {
      file: cbsAchterstand2019Source.files![0],
      sourceId: 'cbs-achterstand-2019',
      year: 2019,
      reason: 'as above (tabel 1 of the same workbook)',
      optional: true,
      check: { kind: 'csv', sep: ';', columns: ['brin_vestiging', 'aantal_bekostigde_leerlingen', 'achterstandsscore', 'betrouwbaarheid_noot'], codes: { column: 'brin_vestiging', pattern: /^[0-9A-Z]{4}\d\d$/, min: 1000 }, values: { key: ['brin_vestiging'], numbers: [count(/^(aantal_|achterstandsscore)/)] } },
    },
  ],
  load: (ctx) => readAchterstand(ctx.read),
};
