/**
 * DUO "gemiddelde afstand tussen woonadres leerling en schoolvestiging 2019-2020":
 * one row per vestiging and kind of school (bo, sbo, so, vso) with its pupils on
 * 1 October 2019. Read here for pupils and schools per gemeente (by school location).
 */
import { join } from 'node:path';
import { ReportError } from '../../util/errors.js';
import { formatNumber } from '../../format.js';
import { messages } from '../../util/messages.js';
import { parseCsvRecords } from '../../util/csv.js';
import { HAAREN, TARGET_INDELING, haarenByPlace } from '../mergers.js';
import { internalCount, type IndicatorDef } from '../indicator-def.js';
import type { SourceDef, SourceModule } from './types.js';
import { schoolCode } from './school-codes.js';
import { toNumber } from './data-files.js';
import type { DataFiles, SourceObservation, SourceReading } from './types.js';
import { count } from './plausible.js';

export const duoLeerlingenPo2019Source = {
  id: 'duo-leerlingen-po-2019',
  publisher: 'DUO',
  citation: 'DUO, Leerlingen en afstand woonadres-schoolvestiging po/so 2019-2020',
  table: 'Gemiddelde afstand tussen woonadres leerling en schoolvestiging 2019-2020 (leerlingen per vestiging bo, sbo, so en vso op 1 oktober 2019)',
  file: 'duo/po/afstand_woonadres_schoolvestiging_po_so_2019-2020.csv',
  indeling: 2019,
  countsBy: 'school',
  license: 'CC BY 4.0',
  caveat: 'Naar de gemeente waar de school staat, niet waar de leerling woont; scholen voor (v)so en sbo hebben vaak leerlingen uit omliggende gemeenten.',
} satisfies SourceDef;


export type PoSoort = 'bo' | 'sbo' | 'so' | 'vso';

export interface PoVestiging {
  /** BRIN_NUMMER + VESTIGINGSNUMMER, e.g. '00AP00'. */
  vestiging: string;
  gemeente: string;
  indeling: number;
  soort: PoSoort;
  leerlingen: number;
  plaats: string;
}

/**
 * Key of `readPoVestigingen().vestigingen`. A vestiging code is not unique in the file:
 * 164 (v)so vestigingen have one row for so and one for vso, so the kind is part of the key.
 */
export const poKey = (vestiging: string, soort: PoSoort): string => `${vestiging}:${soort}`;

const YEAR = 2019;
const columns = ['BRIN_NUMMER', 'VESTIGINGSNUMMER', 'INSTELLINGSNAAM_VESTIGING', 'PLAATSNAAM', 'GEMEENTENUMMER', 'SOORT_PO', 'LEERLINGEN'];
const soorten: Record<string, PoSoort> = { bo: 'bo', sbo: 'sbo', so: 'so', vso: 'vso' };

/** Every row of the DUO file as a vestiging, placed in its gemeente (Haaren schools by village). */
export async function readPoVestigingen(files: DataFiles): Promise<{ vestigingen: Map<string, PoVestiging>; notes: string[] }> {
  const source = duoLeerlingenPo2019Source;
  const { header, records } = parseCsvRecords(await files.text(source.file), ';');
  for (const col of columns) {
    if (!header.includes(col)) throw new ReportError(messages.dataColumnMissing(join(files.dataDir, source.file), col), 'data');
  }
  const vestigingen = new Map<string, PoVestiging>();
  const notes: string[] = [];
  const haaren = new Map<string, number>();
  for (const { line, values } of records) {
    const vestiging = values.BRIN_NUMMER + values.VESTIGINGSNUMMER;
    const label = `${values.INSTELLINGSNAAM_VESTIGING} (${vestiging}, regel ${line})`;
    const soort = soorten[values.SOORT_PO.toLowerCase()];
    const leerlingen = toNumber(values.LEERLINGEN);
    const nummer = /^\d{1,4}$/.test(values.GEMEENTENUMMER) ? values.GEMEENTENUMMER : null;
    if (!soort || leerlingen === null || !nummer) {
      notes.push(`DUO-leerlingen po 2019: ${label} weggelaten: onleesbare soort school, gemeentenummer of leerlingenaantal.`);
      continue;
    }
    let gemeente = `GM${nummer.padStart(4, '0')}`;
    let indeling = source.indeling;
    const plaats = values.PLAATSNAAM;
    if (gemeente === HAAREN) {
      const code = haarenByPlace[plaats.toUpperCase()];
      if (!code) {
        notes.push(
          `DUO-leerlingen po 2019: ${label} in ${plaats} (voormalige gemeente Haaren) weggelaten: de plaats hoort bij geen van de dorpen waarover Haaren in 2021 is verdeeld.`,
        );
        continue;
      }
      gemeente = code;
      indeling = TARGET_INDELING;
      haaren.set(code, (haaren.get(code) ?? 0) + 1);
    }
    const key = poKey(vestiging, soort);
    if (vestigingen.has(key)) {
      notes.push(`DUO-leerlingen po 2019: ${label} weggelaten: deze vestiging staat al eerder als ${values.SOORT_PO} in het bestand.`);
      continue;
    }
    vestigingen.set(key, { vestiging, gemeente, indeling, soort, leerlingen, plaats });
  }
  if (haaren.size) {
    const n = [...haaren.values()].reduce((a, b) => a + b, 0);
    notes.push(
      `DUO-leerlingen po 2019: ${n} ${n === 1 ? 'school' : 'scholen'} van de voormalige gemeente Haaren (${HAAREN}) naar ${n === 1 ? 'haar' : 'hun'} plaats toegerekend aan de gemeenten van 2023 (${[...haaren.keys()].sort().join(', ')}); die gemeenten tellen daardoor in hun grenzen van 2023.`,
    );
  }
  return { vestigingen, notes };
}

interface Tally {
  code: string;
  indeling: number;
  leerlingen: Record<PoSoort, number>;
  vestigingen: Record<'bo' | 'sbo' | 'so', Set<string>>;
}

/**
 * Pupils and vestigingen per gemeente by kind of school, and the shares of pupils in
 * special education; the same per vestiging (code `school:<BRIN+vest>`). `so_scholen` counts distinct vestigingen with so and/or vso pupils.
 * Shares leave vso out: they are shares of primary-age pupils (bo + sbo + so).
 * A gemeente that received Haaren schools is one observation in the 2023 indeling
 * (its 2019 territory plus the villages; none of these four gemeenten changed otherwise),
 * so that its code appears once per indicator.
 */
export async function readPoScholen(files: DataFiles): Promise<SourceReading> {
  const { vestigingen, notes } = await readPoVestigingen(files);
  const tallies = new Map<string, Tally>();
  for (const v of vestigingen.values()) {
    let t = tallies.get(v.gemeente);
    if (!t) {
      t = { code: v.gemeente, indeling: v.indeling, leerlingen: { bo: 0, sbo: 0, so: 0, vso: 0 }, vestigingen: { bo: new Set(), sbo: new Set(), so: new Set() } };
      tallies.set(v.gemeente, t);
    }
    t.indeling = Math.max(t.indeling, v.indeling);
    t.leerlingen[v.soort] += v.leerlingen;
    t.vestigingen[v.soort === 'vso' ? 'so' : v.soort].add(v.vestiging);
  }
  const observations: SourceObservation[] = [];
  for (const t of tallies.values()) {
    const emit = (indicator: string, obs: Pick<SourceObservation, 'value' | 'numerator' | 'denominator' | 'note'>) =>
      observations.push({ code: t.code, indicator, year: YEAR, indeling: t.indeling, ...obs });
    const share = (indicator: string, numerator: number, denominator: number, none: string) =>
      emit(indicator, denominator > 0 ? { value: (numerator / denominator) * 100, numerator, denominator } : { value: null, numerator, denominator, note: none });
    const { bo, sbo, so, vso } = t.leerlingen;
    emit('leerlingen_bo', { value: bo });
    emit('leerlingen_sbo', { value: sbo });
    emit('leerlingen_so', { value: so });
    emit('leerlingen_vso', { value: vso });
    emit('basisscholen', { value: t.vestigingen.bo.size });
    emit('sbo_scholen', { value: t.vestigingen.sbo.size });
    emit('so_scholen', { value: t.vestigingen.so.size });
    share('pct_sbo', sbo, bo + sbo, 'Geen scholen voor basisonderwijs of speciaal basisonderwijs in deze gemeente.');
    share('pct_so', so, bo + sbo + so, 'Geen scholen voor (speciaal) basisonderwijs of so in deze gemeente.');
    share('pct_speciaal_po', sbo + so, bo + sbo + so, 'Geen scholen voor (speciaal) basisonderwijs of so in deze gemeente.');
  }
  // Per vestiging too (school:<code>; a vestiging with so and vso rows is one school): an area of
  // wijken sums the schools located in it. Shares only where their base is not 0.
  const perSchool = new Map<string, Record<PoSoort, number>>();
  for (const v of vestigingen.values()) {
    const p = perSchool.get(v.vestiging) ?? { bo: 0, sbo: 0, so: 0, vso: 0 };
    p[v.soort] += v.leerlingen;
    perSchool.set(v.vestiging, p);
  }
  const kinds = new Map<string, Set<PoSoort>>();
  for (const v of vestigingen.values()) kinds.set(v.vestiging, (kinds.get(v.vestiging) ?? new Set()).add(v.soort));
  const schools: SourceObservation[] = [];
  for (const [vestiging, { bo, sbo, so, vso }] of perSchool) {
    const code = schoolCode(vestiging);
    const has = kinds.get(vestiging)!;
    const emit = (indicator: string, obs: Pick<SourceObservation, 'value' | 'numerator' | 'denominator'>) =>
      schools.push({ code, indicator, year: YEAR, indeling: TARGET_INDELING, ...obs });
    emit('leerlingen_bo', { value: bo });
    emit('leerlingen_sbo', { value: sbo });
    emit('leerlingen_so', { value: so });
    emit('leerlingen_vso', { value: vso });
    emit('basisscholen', { value: has.has('bo') ? 1 : 0 });
    emit('sbo_scholen', { value: has.has('sbo') ? 1 : 0 });
    emit('so_scholen', { value: has.has('so') || has.has('vso') ? 1 : 0 });
    if (bo + sbo > 0) emit('pct_sbo', { value: (sbo / (bo + sbo)) * 100, numerator: sbo, denominator: bo + sbo });
    if (bo + sbo + so > 0) {
      emit('pct_so', { value: (so / (bo + sbo + so)) * 100, numerator: so, denominator: bo + sbo + so });
      emit('pct_speciaal_po', { value: ((sbo + so) / (bo + sbo + so)) * 100, numerator: sbo + so, denominator: bo + sbo + so });
    }
  }
  const counts = { bo: 0, sbo: 0, so: 0, vso: 0 };
  for (const v of vestigingen.values()) counts[v.soort]++;
  notes.push(
    `DUO-leerlingen po 2019: ${formatNumber(counts.bo)} bo-, ${formatNumber(counts.sbo)} sbo-, ${formatNumber(counts.so)} so- en ${formatNumber(counts.vso)} vso-vestigingen gelezen (peildatum 1 oktober 2019), naar de gemeente waar de school staat.`,
  );
  return { observations, notes, schools };
}

/**
 * Special education by school location (DUO, 1 October 2019): counted per vestiging, about
 * opportunity, one kernpunt group ('speciaal-onderwijs', with pct_vso of duo-register.ts).
 */
export function speciaalOnderwijs(items: [string, string, string, string, string][]): IndicatorDef[] {
  return items.map(([id, label, subject, definition, source]) => ({
    id,
    subject,
    label,
    title: `Aandeel ${subject.replace(/^het aandeel /, '')}`,
    definition: `${definition}, op 1 oktober 2019, naar de gemeente waar de school staat. Scholen voor (v)so en sbo hebben vaak leerlingen uit omliggende gemeenten.`,
    domain: 'onderwijs',
    unit: 'percent',
    decimals: 1,
    higherIsBetter: null,
    source,
    sparse: true,
    missingReason: 'geen school van deze soort of geen leerlingen in het gebied',
    fields: { gemeente: { 2019: `${source}:derived` } },
    aggregate: { kind: 'ratio', scale: 100 },
    factors: ['inclusief onderwijs'],
    schoolLevel: 'vestiging',
    opportunity: true,
    kernpuntGroup: 'speciaal-onderwijs',
  }));
}

/** Number of school locations of one kind on 1 October 2019, from DUO's pupil counts per vestiging. */
function schoolCount(id: string, noun: string, label: string, kind: string, school: string, factor: string): IndicatorDef {
  return {
    id,
    subject: `het aantal ${noun}`,
    label,
    title: `Aantal ${noun}`,
    definition: `Vestigingen van ${kind} met leerlingen op 1 oktober 2019, naar de gemeente waar de school staat.`,
    domain: 'onderwijs',
    unit: 'count',
    decimals: 0,
    higherIsBetter: null,
    source: 'duo-leerlingen-po-2019',
    sparse: true,
    missingReason: `geen ${school} in het gebied`,
    fields: { gemeente: { 2019: 'duo-leerlingen-po-2019:derived' } },
    aggregate: { kind: 'sum' },
    factors: [factor],
    schoolLevel: 'vestiging',
  };
}

const indicators: IndicatorDef[] = [
  ...speciaalOnderwijs([
    ['pct_sbo', 'Leerlingen in het sbo', 'het aandeel leerlingen in het speciaal basisonderwijs', 'Leerlingen in het speciaal basisonderwijs (sbo) als percentage van alle leerlingen in het basisonderwijs en sbo', 'duo-leerlingen-po-2019'],
    ['pct_so', 'Leerlingen in het so', 'het aandeel leerlingen in het speciaal onderwijs', 'Leerlingen in het speciaal onderwijs (so) als percentage van alle leerlingen in bo, sbo en so', 'duo-leerlingen-po-2019'],
    ['pct_speciaal_po', 'Leerlingen in sbo en so samen', 'het aandeel leerlingen in sbo en so', 'Leerlingen in sbo en so samen als percentage van alle leerlingen in bo, sbo en so', 'duo-leerlingen-po-2019'],

  ]),
  schoolCount('basisscholen', 'basisschoolvestigingen', 'Basisscholen (vestigingen)', 'reguliere basisscholen (bo)', 'basisschool', 'onderwijssysteem'),
  schoolCount('sbo_scholen', 'vestigingen voor speciaal basisonderwijs', 'Scholen voor speciaal basisonderwijs', 'scholen voor speciaal basisonderwijs (sbo)', 'sbo-school', 'inclusief onderwijs'),
  schoolCount('so_scholen', 'vestigingen voor (voortgezet) speciaal onderwijs', 'Scholen voor (voortgezet) speciaal onderwijs', 'scholen voor speciaal onderwijs (so) en voortgezet speciaal onderwijs (vso)', 'so- of vso-school', 'inclusief onderwijs'),
  ...(['bo', 'sbo', 'so', 'vso'] as const).map(
    (k): IndicatorDef => ({ ...internalCount(`leerlingen_${k}`, `Leerlingen ${k} (1 oktober 2019)`, 'duo-leerlingen-po-2019', { 2019: 'duo-leerlingen-po-2019:derived' }), schoolLevel: 'vestiging' }),
  ),
];

export const poScholenModule: SourceModule = {
  id: 'duo-leerlingen-po-2019',
  sources: [duoLeerlingenPo2019Source],
  indicators,
  fetchTables: (k) => [
    {
      name: 'duo-afstand-po-2019',
      sourceId: 'duo-leerlingen-po-2019',
      publisher: 'duo',
      tableId: `${k.duoPageFiles.afstandPo2019.replace(/^\d+\.?-/, '')} (tried as ${k.duoPageFileVariants.afstandPo2019.map((v) => /^\d+\.?-/.exec(v.name)?.[0] ?? 'unnumbered').join(', ')})`,
      year: 2019,
      file: duoLeerlingenPo2019Source.file,
      check: { kind: 'csv', sep: ';', columns: ['PEILDATUM', 'BRIN_NUMMER', 'VESTIGINGSNUMMER', 'GEMEENTENUMMER', 'SOORT_PO', 'LEERLINGEN'], years: { column: 'PEILDATUM', expect: [2019] }, values: { key: ['BRIN_NUMMER', 'VESTIGINGSNUMMER', 'SOORT_PO'], numbers: [count(['AFSTAND', 'LEERLINGEN'])] } },
      // Tried under each name DUO may use, in order (src/fetch/catalogue.ts duoPageFileVariants, with the evidence).
      fetch: k.duo.fileVariants(k.duoPageFileVariants.afstandPo2019),
    },
  ],
  load: (ctx) => readPoScholen(ctx.read),
};
