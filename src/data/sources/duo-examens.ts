/**
 * DUO "examenkandidaten en geslaagden vmbo/havo/vwo" per vestiging × opleiding, two
 * files: 2014-2015 … 2018-2019, and a five-year window read from its header (staged:
 * 2019-2020 … 2023-2024; `data fetch` takes the newest DUO serves). Summed per gemeente
 * (where the school is) and year (first calendar year of the school year).
 *
 * Gemeente: the vestiging through the 2020 registers; otherwise the row's GEMEENTENAAM
 * through the explicit name table (`duoGemeenteNames`). "<5" candidates leave the
 * programme out of numerator and denominator; "<5" passed with a known number of
 * candidates is recovered from the published SLAAGPERC.
 */
import { parseCsvRecords } from '../../util/csv.js';
import type { IndicatorDef } from '../indicator-def.js';
import type { FigureDef } from '../figure-def.js';
import type { SourceDef, SourceModule } from './types.js';
import { toNumber } from './data-files.js';
import {
  PerGemeente,
  duoGemeenteNames,
  formatCount,
  readRegisters,
  requireColumns,
  vestigingCode,
  vestigingIndeling,
  type GemeenteNames,
  type DuoRegisters,
} from './duo-register.js';
import type { DataFiles, SourceObservation, SourceReading } from './types.js';
import { count, share } from './plausible.js';

export const duoExamenSource = {
  id: 'duo-examen',
  publisher: 'DUO',
  citation: 'DUO, Examenkandidaten en geslaagden vo',
  table: 'Examenkandidaten en geslaagden vmbo, havo en vwo per vestiging en opleiding, vijf schooljaren, het laatste bij elke figuur vermeld (het nieuwste bestand dat DUO publiceert; in de gestagede kopie 2019-2020 t/m 2023-2024)',
  file: 'duo/examen_vo_2019-2024_per_vestiging_opleiding.csv',
  countsBy: 'school',
  license: 'CC BY 4.0',
  caveat:
    'Naar de gemeente waar de school staat, niet waar de leerling woont. Opleidingen met minder dan 5 kandidaten ("<5" bij DUO) tellen niet mee. In 2019-2020 zijn de centrale examens niet doorgegaan (corona).',
} satisfies SourceDef;

export const duoExamen2014Source = {
  id: 'duo-examen-2014',
  publisher: 'DUO',
  citation: 'DUO, Examenkandidaten en geslaagden vo',
  table: 'Examenkandidaten en geslaagden vmbo, havo en vwo per vestiging en opleiding, schooljaren 2014-2015 t/m 2018-2019',
  file: 'duo/vo/examen_vo_2014-2019_per_vestiging_opleiding.csv',
  files: ['duo/register/vestigingen_vo_duo_2020.csv'],
  indeling: 2020,
  license: 'CC BY 4.0',
  caveat: 'Naar de gemeente waar de school staat (vestigingenregister vo 2020), niet waar de leerling woont.',
} satisfies SourceDef;


const types = { VMBO: 'vmbo', HAVO: 'havo', VWO: 'vwo' } as const;
type Level = 'vo' | (typeof types)[keyof typeof types];

interface ExamFile {
  file: string;
  /** The school years the file holds; absent: read from its header (DUO's five-year window, staged 2019-2024 or a newer one fetched). */
  years?: number[];
  vestigingColumns: string[];
  vestiging: (v: Record<string, string>) => string;
}

const examFiles: ExamFile[] = [
  {
    file: duoExamen2014Source.file,
    years: [2014, 2015, 2016, 2017, 2018],
    vestigingColumns: ['BRIN NUMMER', 'VESTIGINGSNUMMER'],
    vestiging: (v) => vestigingCode(v['BRIN NUMMER'], v.VESTIGINGSNUMMER),
  },
  {
    file: duoExamenSource.file,
    vestigingColumns: ['VESTIGINGSCODE'],
    vestiging: (v) => v.VESTIGINGSCODE.trim().toUpperCase(),
  },
];

const col = (what: 'EXAMENKANDIDATEN' | 'GESLAAGDEN' | 'SLAAGPERC', y: number) => `${what} SCHOOLJAAR ${y}-${y + 1} - TOTAAL`;

/** The school years of a file, from its "EXAMENKANDIDATEN SCHOOLJAAR 2019-2020 - TOTAAL" columns. */
export function examYearsOf(header: string[]): number[] {
  return header
    .map((h) => /^EXAMENKANDIDATEN SCHOOLJAAR (\d{4})-(\d{4}) - TOTAAL$/.exec(h.trim()))
    .filter((m): m is RegExpExecArray => !!m && Number(m[2]) === Number(m[1]) + 1)
    .map((m) => Number(m[1]))
    .sort((a, b) => a - b);
}

/** A published count: a number, DUO's "<5", or unknown (empty or unreadable). */
export function examCount(raw: string): number | 'masked' | null {
  const s = raw.trim();
  if (/^<\s*\d+$/.test(s)) return 'masked';
  if (!/^\d+$/.test(s)) return null;
  return Number(s);
}

/** "100,0%", ",0%", "90.9", "100" → number. */
export function examPercentage(raw: string): number | null {
  return toNumber(raw.trim().replace(/%$/, ''));
}

interface Acc {
  candidates: number;
  maskedProgrammes: number;
  vestigingen: Set<string>;
  levels: Record<Level, { candidates: number; passed: number; programmes: number }>;
}
const newAcc = (): Acc => ({
  candidates: 0,
  maskedProgrammes: 0,
  vestigingen: new Set(),
  levels: {
    vo: { candidates: 0, passed: 0, programmes: 0 },
    vmbo: { candidates: 0, passed: 0, programmes: 0 },
    havo: { candidates: 0, passed: 0, programmes: 0 },
    vwo: { candidates: 0, passed: 0, programmes: 0 },
  },
});

interface YearStats {
  candidates: number;
  matched: number;
  maskedCandidates: number;
  recovered: number;
  unknownPassed: number;
}

export interface ExamCoverage {
  year: number;
  /** Known candidates in the file. */
  candidates: number;
  /** Of those, placed in a gemeente. */
  matched: number;
}

/** Exam results per gemeente and year; `coverage` (also in the notes) says how many candidates were placed. */
export async function readExamens(files: DataFiles): Promise<SourceReading & { coverage: ExamCoverage[] }> {
  const reg = await readRegisters(files);
  const names = await duoGemeenteNames(files, reg);
  const perYear = new Map<number, PerGemeente<Acc>>();
  const stats = new Map<number, YearStats>();
  const unplaced = new Map<string, { reason: string; rows: number; candidates: number }>();
  const byName = new Map<string, { table: string; vestigingen: Set<string>; rows: number }>();
  const unreadable: string[] = [];

  for (const spec of examFiles) {
    const { header, records } = parseCsvRecords(await files.text(spec.file), ';');
    const years = spec.years ?? examYearsOf(header);
    requireColumns(files, spec.file, header, [
      ...spec.vestigingColumns,
      'GEMEENTENAAM',
      'ONDERWIJSTYPE VO',
      ...(years.length ? [] : [col('EXAMENKANDIDATEN', 2019)]),
      ...years.flatMap((y) => [col('EXAMENKANDIDATEN', y), col('GESLAAGDEN', y), col('SLAAGPERC', y)]),
    ]);
    for (const y of years) {
      perYear.set(y, new PerGemeente(newAcc));
      stats.set(y, { candidates: 0, matched: 0, maskedCandidates: 0, recovered: 0, unknownPassed: 0 });
    }
    for (const { line, values } of records) {
      const vestiging = spec.vestiging(values);
      const place = placeRow(reg, names, vestiging, values.GEMEENTENAAM);
      if ('code' in place && place.via !== 'register') {
        const b = byName.get(values.GEMEENTENAAM) ?? { table: place.via, vestigingen: new Set(), rows: 0 };
        b.vestigingen.add(vestiging);
        b.rows++;
        byName.set(values.GEMEENTENAAM, b);
      }
      const level = types[values['ONDERWIJSTYPE VO'].trim().toUpperCase() as keyof typeof types];
      let rowCandidates = 0;
      for (const y of years) {
        const st = stats.get(y)!;
        const rawK = values[col('EXAMENKANDIDATEN', y)];
        const k = examCount(rawK);
        if (k === null) {
          if (rawK.trim() !== '') unreadable.push(`${spec.file}:${line}`);
          continue;
        }
        if (k === 'masked') st.maskedCandidates++;
        else st.candidates += k;
        if (k === 0) continue;
        if (k !== 'masked') rowCandidates += k;
        if (!('code' in place)) continue;
        const acc = perYear.get(y)!.at(place.code, place.indeling);
        acc.vestigingen.add(vestiging);
        if (k === 'masked') {
          acc.maskedProgrammes++;
          continue;
        }
        st.matched += k;
        acc.candidates += k;
        let passed = examCount(values[col('GESLAAGDEN', y)]);
        if (passed === 'masked') {
          const pct = examPercentage(values[col('SLAAGPERC', y)]);
          const g = pct === null ? null : Math.round((pct * k) / 100);
          passed = g !== null && g >= 0 && g < 5 && g <= k ? g : null;
          if (passed === null) st.unknownPassed++;
          else st.recovered++;
        } else if (passed === null || passed > k) {
          passed = null;
          st.unknownPassed++;
        }
        if (passed === null) continue;
        for (const lv of level ? (['vo', level] as const) : (['vo'] as const)) {
          acc.levels[lv].candidates += k;
          acc.levels[lv].passed += passed;
          acc.levels[lv].programmes++;
        }
      }
      if (!('code' in place)) {
        const u = unplaced.get(values.GEMEENTENAAM) ?? { reason: place.reason, rows: 0, candidates: 0 };
        u.rows++;
        u.candidates += rowCandidates;
        unplaced.set(values.GEMEENTENAAM, u);
      }
    }
  }

  const observations: SourceObservation[] = [];
  for (const [year, gemeenten] of perYear) {
    for (const { code, indeling, mixed, acc } of gemeenten.entries()) {
      const base = { code, year, indeling };
      const haarenNote = mixed ? 'inclusief scholen in het voormalige Haaren (op plaatsnaam)' : undefined;
      const onlyMasked = 'alleen opleidingen met minder dan 5 kandidaten ("<5" bij DUO)';
      observations.push({
        ...base,
        indicator: 'examenkandidaten',
        value: acc.candidates > 0 ? acc.candidates : null,
        ...(acc.candidates > 0 ? (haarenNote ? { note: haarenNote } : {}) : { note: onlyMasked }),
      });
      observations.push({ ...base, indicator: 'vo_vestigingen', value: acc.vestigingen.size, ...(haarenNote ? { note: haarenNote } : {}) });
      for (const lv of ['vo', 'vmbo', 'havo', 'vwo'] as const) {
        const l = acc.levels[lv];
        if (l.candidates > 0) {
          observations.push({ ...base, indicator: `slaagpct_${lv}`, value: (l.passed / l.candidates) * 100, numerator: l.passed, denominator: l.candidates, ...(haarenNote ? { note: haarenNote } : {}) });
        } else if (lv === 'vo') {
          observations.push({ ...base, indicator: 'slaagpct_vo', value: null, note: acc.candidates > 0 ? 'geen gepubliceerd aantal geslaagden' : onlyMasked });
        }
      }
    }
  }

  const coverage = [...stats].map(([year, s]) => ({ year, candidates: s.candidates, matched: s.matched }));
  return { observations, notes: examNotes(stats, unplaced, byName, unreadable), coverage };
}

type Placement = { code: string; indeling: number; via: string } | { reason: string };

function placeRow(reg: DuoRegisters, names: GemeenteNames, vestiging: string, name: string): Placement {
  const code = reg.vestigingGemeente.get(vestiging);
  if (code) return { code, indeling: vestigingIndeling(reg, vestiging), via: 'register' };
  const m = names.lookup(name);
  return m.code === undefined ? { reason: m.reason } : { code: m.code, indeling: m.indeling, via: m.table };
}

const pct = (a: number, b: number) => `${((100 * a) / b).toLocaleString('nl-NL', { minimumFractionDigits: 1, maximumFractionDigits: 1 })} %`;

function examNotes(
  stats: Map<number, YearStats>,
  unplaced: Map<string, { reason: string; rows: number; candidates: number }>,
  byName: Map<string, { table: string; vestigingen: Set<string>; rows: number }>,
  unreadable: string[],
): string[] {
  const notes: string[] = [];
  notes.push(
    `DUO-examens: examenkandidaten aan een gemeente gekoppeld per schooljaar: ${[...stats]
      .map(([y, s]) => `${y}-${y + 1} ${formatCount(s.matched)} van ${formatCount(s.candidates)} (${s.candidates ? pct(s.matched, s.candidates) : '–'})`)
      .join('; ')}.`,
  );
  if (unplaced.size) {
    const rows = [...unplaced.values()].reduce((a, u) => a + u.rows, 0);
    const cands = [...unplaced.values()].reduce((a, u) => a + u.candidates, 0);
    const reason = { onbekend: 'onbekende naam', dubbelzinnig: 'naam van meer dan één gemeente', opgesplitst: 'opgesplitste gemeente zonder plaatsnaam' } as Record<string, string>;
    notes.push(
      `DUO-examens: ${rows} ${rows === 1 ? 'rij' : 'rijen'} (${formatCount(cands)} kandidaten, alle jaren samen) niet meegeteld: vestiging niet in het register van 2020 en gemeentenaam niet eenduidig: ${[...unplaced]
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([n, u]) => `${n} (${reason[u.reason] ?? u.reason}, ${u.rows} rijen)`)
        .join(', ')}.`,
    );
  }
  if (byName.size) {
    const vest = new Set([...byName.values()].flatMap((b) => [...b.vestigingen])).size;
    const via2023 = [...byName].filter(([, b]) => b.table !== 'vestigingenregister 2020').map(([n]) => n);
    notes.push(
      `DUO-examens: ${vest} vestigingen staan niet in het vestigingenregister van 2020 (gesloten of later geopend) en zijn op de gemeentenaam in het bestand geplaatst${via2023.length ? `; ${via2023.sort().join(', ')} via de gemeentelijke indeling van 2023` : ''}.`,
    );
  }
  const masked = [...stats].filter(([, s]) => s.maskedCandidates > 0);
  if (masked.length) {
    const recovered = masked.reduce((a, [, s]) => a + s.recovered, 0);
    notes.push(
      `DUO-examens: opleidingen met minder dan 5 kandidaten ("<5" bij DUO) tellen niet mee (${masked.map(([y, s]) => `${y}-${y + 1}: ${formatCount(s.maskedCandidates)}`).join('; ')}); bij ${formatCount(recovered)} opleidingen met "<5" geslaagden is het aantal geslaagden teruggerekend uit het slaagpercentage.`,
    );
  }
  const unknown = [...stats].reduce((a, [, s]) => a + s.unknownPassed, 0);
  if (unknown) notes.push(`DUO-examens: ${unknown} opleidingen zonder bruikbaar aantal geslaagden tellen niet mee in het slaagpercentage (wel in het aantal kandidaten).`);
  if (unreadable.length) notes.push(`DUO-examens: ${unreadable.length} onleesbare aantallen kandidaten niet meegeteld (${unreadable.slice(0, 5).join(', ')}).`);
  return notes;
}

/** Exam years: school years 2014-2015 to 2023-2024 from two DUO files. */
const examFields = Object.fromEntries(
  [2014, 2015, 2016, 2017, 2018, 2019, 2020, 2021, 2022, 2023].map((y) => [y, y < 2019 ? 'duo-examen-2014:derived' : 'duo-examen:derived']),
);
const examYearNotes = {
  2019: 'geen centrale examens (corona): geslaagd op het schoolexamen',
  2020: 'aangepaste examenregels (corona): extra herkansing, één vak mocht wegvallen',
};

function examens(): IndicatorDef[] {
  const pass = (id: string, label: string, title: string, subject: string, definition: string, missing: string, factors: string[]): IndicatorDef => ({
    id,
    subject,
    label,
    title,
    definition,
    domain: 'onderwijs',
    unit: 'percent',
    decimals: 1,
    higherIsBetter: true,
    source: 'duo-examen',
    sparse: true,
    missingReason: missing,
    fields: { gemeente: examFields },
    laterYears: 'duo-examen:derived',
    aggregate: { kind: 'ratio', scale: 100 },
    period: 'schooljaar',
    yearNotes: examYearNotes,
    factors,
    opportunity: true,
    kernpuntGroup: 'slagen',
  });
  return [
    pass(
      'slaagpct_vo',
      'Slagingspercentage vo',
      'Slagingspercentage eindexamen vo (vmbo, havo, vwo)',
      'het slagingspercentage in het voortgezet onderwijs',
      'Geslaagden als percentage van de examenkandidaten van de vo-scholen in het gebied.',
      'geen vo-school met examenkandidaten in het gebied',
      ['kwalitatieve beoordeling', 'onderwijssysteem'],
    ),
    ...(['vmbo', 'havo', 'vwo'] as const).map((type) =>
      pass(
        `slaagpct_${type}`,
        `Slagingspercentage ${type}`,
        `Slagingspercentage eindexamen ${type}`,
        `het slagingspercentage ${type === 'havo' ? 'op de havo' : `op het ${type}`}`,
        `Geslaagden als percentage van de ${type}-examenkandidaten van de scholen in het gebied.`,
        `geen ${type}-school met examenkandidaten in het gebied`,
        ['kwalitatieve beoordeling'],
      ),
    ),
    {
      id: 'examenkandidaten',
      subject: 'het aantal examenkandidaten in het voortgezet onderwijs',
      label: 'Examenkandidaten vo',
      title: 'Aantal examenkandidaten vo',
      definition: 'Aantal examenkandidaten vmbo, havo en vwo op de scholen in het gebied (vanaf 2019-2020: opleidingen met minder dan 5 kandidaten niet meegeteld).',
      domain: 'onderwijs',
      unit: 'count',
      decimals: 0,
      higherIsBetter: null,
      source: 'duo-examen',
      sparse: true,
      missingReason: 'geen vo-school met examenkandidaten in het gebied',
      fields: { gemeente: examFields },
      laterYears: 'duo-examen:derived',
      aggregate: { kind: 'sum' },
      period: 'schooljaar',
    },
    {
      id: 'vo_vestigingen',
      subject: 'het aantal vo-vestigingen met examenkandidaten',
      label: 'Vo-scholen met examens (vestigingen)',
      title: 'Aantal vo-vestigingen met examenkandidaten',
      definition: 'Vestigingen van scholen voor voortgezet onderwijs met examenkandidaten vmbo, havo of vwo in het schooljaar.',
      domain: 'onderwijs',
      unit: 'count',
      decimals: 0,
      higherIsBetter: null,
      source: 'duo-examen',
      sparse: true,
      missingReason: 'geen vo-school met examenkandidaten in het gebied',
      fields: { gemeente: examFields },
      laterYears: 'duo-examen:derived',
      aggregate: { kind: 'sum' },
      period: 'schooljaar',
      factors: ['onderwijssysteem'],
    },
  ];
}

const figures: FigureDef[] = [
  { id: 'slagen-trend', kind: 'trend', domain: 'onderwijs', title: 'Slagingspercentage eindexamen vo', indicators: ['slaagpct_vo'] },
  { id: 'slagen-per-type', kind: 'comparison', domain: 'onderwijs', title: 'Slagingspercentage naar schoolsoort', indicators: ['slaagpct_vmbo', 'slaagpct_havo', 'slaagpct_vwo'] },
];

export const examensModule: SourceModule = {
  id: 'duo-examen',
  sources: [duoExamenSource, duoExamen2014Source],
  indicators: examens(),
  figures,
  fetchTables: (k) => [
    {
      name: 'duo-examens-2019-2024',
      sourceId: 'duo-examen',
      publisher: 'duo',
      tableId: `${k.duoPageFiles.examens2019} or newer`,
      year: 2024,
      file: duoExamenSource.file,
      check: {
        kind: 'csv',
        sep: ';',
        columns: ['VESTIGINGSCODE', 'GEMEENTENAAM', 'ONDERWIJSTYPE VO', 'OPLEIDINGSNAAM'],
        // The years every window up to 2021-2026 shares: the reader takes the file's own five.
        years: { headerPattern: k.schooljaar, expect: [2021, 2022, 2023] },
        values: { key: ['VESTIGINGSCODE', 'ONDERWIJSTYPE VO', 'OPLEIDINGSNAAM'], numbers: [count(/^(EXAMENKANDIDATEN|GESLAAGDEN) /, ['<5']), share(/^SLAAGPERC /)] },
      },
      // The newest five-year window DUO serves (2021-2026, 2020-2025, …), else 2019-2024: the newest exam figures.
      fetch: k.duo.newestWindow(k.examStem, 2024),
    },
    {
      name: 'duo-examens-2014-2019',
      sourceId: 'duo-examen-2014',
      publisher: 'duo',
      tableId: `${k.duoPageFiles.examens2014.replace(/^\d+\.?-/, '')} (tried as ${k.duoPageFileVariants.examens2014.map((v) => /^\d+\.?-/.exec(v.name)?.[0] ?? 'unnumbered').join(', ')})`,
      year: 2019,
      file: duoExamen2014Source.file,
      check: { kind: 'csv', sep: ';', columns: ['BRIN NUMMER', 'VESTIGINGSNUMMER', 'GEMEENTENAAM', 'ONDERWIJSTYPE VO', 'OPLEIDINGSNAAM'], years: { headerPattern: k.schooljaar, expect: [2014, 2015, 2016, 2017, 2018] },
        values: { key: ['BRIN NUMMER', 'VESTIGINGSNUMMER', 'ONDERWIJSTYPE VO', 'OPLEIDINGSNAAM'], numbers: [count(/^(EXAMENKANDIDATEN|GESLAAGDEN) /, ['<5']), share(/^SLAAGPERC /)] },
      },
      // Tried under each name DUO may use, in order (src/fetch/catalogue.ts duoPageFileVariants, with the evidence).
      fetch: k.duo.fileVariants(k.duoPageFileVariants.examens2014),
    },
  ],
  load: (ctx) => readExamens(ctx.read),
};
