/**
 * Schooladviezen bo/sbo per instelling (4-character BRIN) and schooljaar 2019-2020 …
 * 2024-2025 (derived from DUO "04-leerlingen-bo-sbo-schooladviezen"), summed per
 * gemeente and year (first calendar year of the school year).
 *
 * Gemeente: the instelling's vestiging '00' in the 2020 registers, else its gemeente with
 * most vestigingen; an instelling not in the registers (sbo, closed or new) by its
 * gemeentenaam through the explicit name table. From 2022-2023 on, DUO publishes 1-4
 * as "<5", stored in the file as 2: such sums are approximate. Also per instelling (code
 * `instelling:<BRIN>`), for an area of wijken (src/data/school-area.ts).
 */
import { parseCsvRecords } from '../../util/csv.js';
import type { IndicatorDef } from '../indicator-def.js';
import type { FigureDef } from '../figure-def.js';
import type { SourceDef, SourceModule } from './types.js';
import { TARGET_INDELING } from '../mergers.js';
import { instellingCode } from './school-codes.js';
import { PerGemeente, brinPlacement, duoGemeenteNames, formatCount, readRegisters, requireColumns } from './duo-register.js';
import type { DataFiles, SourceObservation, SourceReading } from './types.js';
import { count } from './plausible.js';

export const duoSchooladviezenSource = {
  id: 'duo-schooladviezen',
  publisher: 'DUO (afgeleid)',
  citation: 'DUO, Schooladviezen bo/sbo',
  table: 'Leerlingen bo/sbo naar schooladvies per instelling, schooljaren vanaf 2019-2020, het laatste bij elke figuur vermeld (DUO "04-leerlingen-bo-sbo-schooladviezen": per schooljaar opgehaald bij DUO, of t/m 2024-2025 zoals verzameld in de openbare repository NocturnalTomato/Basisschool_vergelijken), gemeente uit het vestigingenregister bo van 2020',
  file: 'duo/derived/schooladviezen_po_2019-2025_per_instelling.csv',
  files: ['duo/register/vestigingen_bo_duo_2020.csv'],
  indeling: 2020,
  countsBy: 'school',
  license: 'CC BY 4.0 (DUO)',
  caveat:
    'Per instelling (alle vestigingen samen), naar de gemeente van de school. Vanaf 2022-2023 publiceert DUO aantallen van 1 tot 4 als "<5": die jaren zijn bij benadering (als 2 geteld).',
} satisfies SourceDef;


export const adviceColumns = ['VSO', 'PRO', 'VMBO_B', 'VMBO_B_K', 'VMBO_K', 'VMBO_K_GT', 'VMBO_GT', 'VMBO_GT_HAVO', 'HAVO', 'HAVO_VWO', 'VWO', 'ADVIES_NIET_MOGELIJK'] as const;
type Advice = (typeof adviceColumns)[number];

/** Shares of all pupils with an advice: indicator → the categories in its numerator. */
export const adviceShares: Record<string, readonly Advice[]> = {
  pct_advies_havo_vwo: ['HAVO', 'HAVO_VWO', 'VWO'],
  pct_advies_vwo: ['VWO'],
  pct_advies_vmbo_bk: ['VMBO_B', 'VMBO_B_K', 'VMBO_K'],
  pct_advies_pro_vso: ['PRO', 'VSO'],
};

/** First school year in which a 2 stands for DUO's "<5". */
export const MASKED_FROM = 2022;
export const APPROXIMATE_NOTE = 'bij benadering: DUO publiceert aantallen van 1 tot 4 als "<5"';

interface Acc {
  counts: Record<Advice, number>;
  /** A cell of 2 in a masked year. */
  approximate: boolean;
}
const newAcc = (): Acc => ({ counts: Object.fromEntries(adviceColumns.map((c) => [c, 0])) as Record<Advice, number>, approximate: false });

export async function readSchooladviezen(files: DataFiles): Promise<SourceReading & { totals: Map<number, number> }> {
  const reg = await readRegisters(files);
  const names = await duoGemeenteNames(files, reg);
  const file = duoSchooladviezenSource.file;
  const { header, records } = parseCsvRecords(await files.text(file), ';');
  requireColumns(files, file, header, ['instellingscode', 'gemeentenaam', 'plaatsnaam', 'schooljaar', ...adviceColumns]);

  const perYear = new Map<number, PerGemeente<Acc>>();
  const perInstelling = new Map<string, { year: number; brin: string; acc: Acc }>();
  const totals = new Map<number, number>();
  const unreadable: string[] = [];
  const placedBy = { hoofdvestiging: new Set<string>(), meeste: new Set<string>(), naam: new Set<string>() };
  const spread = new Set<string>();
  const unplaced = new Map<string, { reason: string; instellingen: Set<string>; pupils: number }>();

  for (const { line, values } of records) {
    const year = Number(/^(\d{4})-\d{4}$/.exec(values.schooljaar.trim())?.[1]);
    const counts = adviceColumns.map((c) => (/^\d+$/.test(values[c]) ? Number(values[c]) : null));
    if (!year || counts.some((n) => n === null)) {
      unreadable.push(`${file}:${line}`);
      continue;
    }
    const total = (counts as number[]).reduce((a, b) => a + b, 0);
    totals.set(year, (totals.get(year) ?? 0) + total);

    const brin = values.instellingscode.trim().toUpperCase();
    // Per instelling too (whether or not it is placed in a gemeente): an area of wijken takes the instellingen located in it.
    const own = perInstelling.get(`${year}|${brin}`) ?? { year, brin, acc: newAcc() };
    adviceColumns.forEach((c, i) => {
      own.acc.counts[c] += counts[i]!;
      if (year >= MASKED_FROM && counts[i] === 2) own.acc.approximate = true;
    });
    perInstelling.set(`${year}|${brin}`, own);
    let place: { code: string; indeling: number } | undefined = brinPlacement(reg, brin);
    if (place) {
      (reg.brinHoofdGemeente.has(brin) ? placedBy.hoofdvestiging : placedBy.meeste).add(brin);
      if ((reg.brinGemeenten.get(brin)?.size ?? 0) > 1) spread.add(brin);
    } else {
      const m = names.lookup(values.gemeentenaam, values.plaatsnaam);
      if (m.code === undefined) {
        const u = unplaced.get(values.gemeentenaam) ?? { reason: m.reason, instellingen: new Set(), pupils: 0 };
        u.instellingen.add(brin);
        u.pupils += total;
        unplaced.set(values.gemeentenaam, u);
        continue;
      }
      place = m;
      placedBy.naam.add(brin);
    }
    let gemeenten = perYear.get(year);
    if (!gemeenten) perYear.set(year, (gemeenten = new PerGemeente(newAcc)));
    const acc = gemeenten.at(place.code, place.indeling);
    adviceColumns.forEach((c, i) => {
      acc.counts[c] += counts[i]!;
      if (year >= MASKED_FROM && counts[i] === 2) acc.approximate = true;
    });
  }

  const observations: SourceObservation[] = [];
  const schools: SourceObservation[] = [];
  const entries = [
    ...[...perYear].sort(([a], [b]) => a - b).flatMap(([year, gemeenten]) => [...gemeenten.entries()].map((e) => ({ year, ...e, out: observations }))),
    ...[...perInstelling.values()].map(({ year, brin, acc }) => ({ year, code: instellingCode(brin), indeling: TARGET_INDELING, mixed: false, acc, out: schools })),
  ];
  for (const { year, code, indeling, mixed, acc, out } of entries) {
    const total = adviceColumns.reduce((a, c) => a + acc.counts[c], 0);
    const notes = [acc.approximate ? APPROXIMATE_NOTE : '', mixed ? 'inclusief scholen in het voormalige Haaren (op plaatsnaam)' : ''].filter(Boolean);
    const extra = { ...(acc.approximate ? { approximate: true } : {}), ...(notes.length ? { note: notes.join('; ') } : {}) };
    out.push({ code, year, indeling, indicator: 'leerlingen_advies', value: total, ...extra });
    for (const [indicator, cats] of Object.entries(adviceShares)) {
      const numerator = cats.reduce((a, c) => a + acc.counts[c], 0);
      out.push(
        total > 0
          ? { code, year, indeling, indicator, value: (numerator / total) * 100, numerator, denominator: total, ...extra }
          : { code, year, indeling, indicator, value: null, numerator, denominator: 0, note: 'geen leerlingen met een schooladvies' },
      );
    }
  }

  const notes: string[] = [];
  notes.push(
    `Schooladviezen: ${placedBy.hoofdvestiging.size + placedBy.meeste.size} instellingen via het vestigingenregister van 2020 bij een gemeente ingedeeld (${placedBy.meeste.size} zonder hoofdvestiging '00' bij de gemeente met de meeste vestigingen); ${spread.size} van hen hebben vestigingen in meer dan één gemeente en tellen geheel mee in de gemeente van de hoofdvestiging (of, zonder hoofdvestiging, van de meeste vestigingen). ${placedBy.naam.size} instellingen buiten het register (onder meer sbo) zijn op hun gemeentenaam ingedeeld.`,
  );
  if (unplaced.size) {
    const inst = new Set([...unplaced.values()].flatMap((u) => [...u.instellingen])).size;
    const pupils = [...unplaced.values()].reduce((a, u) => a + u.pupils, 0);
    notes.push(
      `Schooladviezen: ${inst} instellingen (${formatCount(pupils)} leerlingen, alle jaren samen) niet meegeteld: niet in het register en gemeentenaam niet eenduidig (${[...unplaced]
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([n, u]) => `${n}: ${u.reason}`)
        .join(', ')}).`,
    );
  }
  if (unreadable.length) notes.push(`Schooladviezen: ${unreadable.length} regels met een onleesbaar schooljaar of aantal overgeslagen (${unreadable.slice(0, 5).join(', ')}).`);
  notes.push(`Schooladviezen vanaf ${MASKED_FROM}-${MASKED_FROM + 1}: ${APPROXIMATE_NOTE} (in het bestand als 2 geteld).`);
  return { observations, notes, totals, schools };
}

/** School advice in groep 8 per school year (DUO, per instelling). */
function schooladviezen(): IndicatorDef[] {
  const fields = Object.fromEntries([2019, 2020, 2021, 2022, 2023, 2024].map((y) => [y, 'duo-schooladviezen:derived']));
  const share = (id: string, label: string, advice: string, factors: string[]): IndicatorDef => ({
    id,
    subject: `het aandeel leerlingen met een ${advice}`,
    label,
    title: `Aandeel leerlingen met een ${advice}`,
    definition: `Leerlingen in groep 8 met een ${advice} als percentage van alle leerlingen met een geregistreerd schooladvies, op de basisscholen en sbo-scholen in het gebied.`,
    domain: 'onderwijs',
    unit: 'percent',
    decimals: 0,
    higherIsBetter: null,
    source: 'duo-schooladviezen',
    sparse: true,
    missingReason: 'geen basisschool met schooladviezen in het gebied',
    fields: { gemeente: fields },
    laterYears: 'duo-schooladviezen:derived',
    aggregate: { kind: 'ratio', scale: 100 },
    period: 'schooljaar',
    factors,
    schoolLevel: 'instelling',
    opportunity: true,
    kernpuntGroup: 'schooladvies',
  });
  return [
    share('pct_advies_havo_vwo', 'Havo- of vwo-advies', 'havo- of vwo-advies (ook havo/vwo)', ['ambitie', 'gedifferentieerd onderwijs']),
    share('pct_advies_vwo', 'Vwo-advies', 'vwo-advies', ['ambitie']),
    share('pct_advies_vmbo_bk', 'Vmbo-basis- of kaderadvies', 'vmbo-basis- of kaderadvies (ook basis/kader)', ['ambitie', 'gedifferentieerd onderwijs']),
    share('pct_advies_pro_vso', 'Advies praktijkonderwijs of vso', 'advies praktijkonderwijs of voortgezet speciaal onderwijs', ['inclusief onderwijs']),
    {
      id: 'leerlingen_advies',
      subject: 'het aantal leerlingen met een schooladvies',
      label: 'Leerlingen met een schooladvies',
      title: 'Aantal leerlingen met een schooladvies',
      definition: 'Leerlingen in groep 8 met een geregistreerd schooladvies op de scholen in het gebied.',
      domain: 'onderwijs',
      unit: 'count',
      decimals: 0,
      higherIsBetter: null,
      source: 'duo-schooladviezen',
      sparse: true,
      missingReason: 'geen basisschool met schooladviezen in het gebied',
      fields: { gemeente: fields },
      laterYears: 'duo-schooladviezen:derived',
      aggregate: { kind: 'sum' },
      period: 'schooljaar',
      internal: true,
      schoolLevel: 'instelling',
    },
  ];
}

const figures: FigureDef[] = [
  { id: 'advies-trend', kind: 'trend', domain: 'onderwijs', title: 'Leerlingen met een havo- of vwo-advies', indicators: ['pct_advies_havo_vwo'] },
  { id: 'schooladvies', kind: 'comparison', domain: 'onderwijs', title: 'Schooladvies in groep 8', indicators: ['pct_advies_pro_vso', 'pct_advies_vmbo_bk', 'pct_advies_havo_vwo'] },
];

export const schooladviezenModule: SourceModule = {
  id: 'duo-schooladviezen',
  sources: [duoSchooladviezenSource],
  optional: true,
  indicators: schooladviezen(),
  figures,
  fetchTables: (k) => [
    {
      name: 'duo-vestigingen-bo',
      sourceId: 'duo-schooladviezen',
      publisher: 'duo',
      tableId: k.duoDatasets.vestigingenBo,
      year: 2020,
      file: duoSchooladviezenSource.files![0],
      check: { kind: 'csv', sep: ';', columns: k.registerColumns, codes: { column: 'VESTIGINGSNUMMER', pattern: k.patterns.VESTIGING, min: 5000 }, values: { key: ['VESTIGINGSNUMMER'] } },
      fetch: k.duo.register(k.duoDatasets.vestigingenBo, k.registerFile('bo')),
    },
    {
      name: 'duo-schooladviezen-2019-2025',
      sourceId: 'duo-schooladviezen',
      publisher: 'duo',
      tableId: `${k.schooladviesFile(2019)} … ${k.schooladviesFile(2024)}`,
      year: 2024,
      file: duoSchooladviezenSource.file,
      check: {
        kind: 'csv',
        sep: ';',
        columns: k.schooladviezenHeader,
        codes: { column: 'instellingscode', pattern: /^\d\d[A-Z]{2}$/, min: 1000 },
        // A fetch takes the school years DUO has published since (duo-schooladviezen.ts probes for them).
        years: { column: 'schooljaar', expect: k.schooladviesYears, later: true },
        values: { key: ['instellingscode', 'schooljaar'], numbers: [count([...adviceColumns, 'n_totaal'])] },
      },
      fetch: k.duo.schooladviezen(),
    },
  ],
  load: (ctx) => readSchooladviezen(ctx.read),
};
