/**
 * CBS "Jeugdzorg in natura; wijken en buurten" 2021 (85075NED) and 2022 (85335NED):
 * young people up to 23 with youth care in natura per gemeente and wijk, split by
 * age and by referrer. Counts are rounded to 5 by CBS; small cells are left empty.
 */
import { join } from 'node:path';
import { ReportError } from '../../util/errors.js';
import { messages } from '../../util/messages.js';
import { parseCsvRecords } from '../../util/csv.js';
import type { IndicatorDef } from '../indicator-def.js';
import { codeIn2023 } from '../mergers.js';
import { matchWijken } from '../wijk-matching.js';
import { deriveRatio } from '../derive.js';
import type { FigureDef } from '../figure-def.js';
import type { SourceDef, SourceModule } from './types.js';
import { toNumber } from './data-files.js';
import type { DataFiles, SourceObservation, SourceReading } from './types.js';
import { count } from './plausible.js';

export const jeugdzorgWijk2021Source = {
  id: 'jeugdzorg-wijk-2021',
  publisher: 'CBS',
  citation: 'CBS, Jeugdzorg in natura; wijken en buurten 2021',
  table: 'Jeugdzorg in natura; wijken en buurten 2021 (tabel 85075NED), alle vormen van jeugdzorg',
  file: 'cbs/jeugdzorg_in_natura_gm_wk_2021_2022.csv',
  indeling: 2021,
  license: 'CC BY 4.0',
  caveat: 'CBS rondt de aantallen af op 5 en publiceert geen cijfers voor kleine wijken.',
} satisfies SourceDef;

export const jeugdzorgWijk2022Source = {
  id: 'jeugdzorg-wijk-2022',
  publisher: 'CBS',
  citation: 'CBS, Jeugdzorg in natura; wijken en buurten 2022',
  table: 'Jeugdzorg in natura; wijken en buurten 2022 (tabel 85335NED), alle vormen van jeugdzorg',
  file: 'cbs/jeugdzorg_in_natura_gm_wk_2021_2022.csv',
  files: ['cbs/jeugdzorg_in_natura_nl_gm_2022_85335NED.csv'],
  indeling: 2022,
  license: 'CC BY 4.0',
  caveat: 'CBS rondt de aantallen af op 5 en publiceert geen cijfers voor kleine wijken.',
} satisfies SourceDef;


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
  const file = jeugdzorgWijk2022Source.file;
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
  const nlFile = jeugdzorgWijk2022Source.files![0];
  const nl = parseCsvRecords(await files.text(nlFile), ',');
  requireColumns(nl.header, ['Wijken', 'Perioden', ...COUNT_COLUMNS], join(files.dataDir, nlFile));
  const nlRow = nl.records.find((r) => r.values.Wijken === 'NL00');
  const nlYear = nlRow ? Number(nlRow.values.Perioden.slice(0, 4)) : NaN;
  if (nlRow && Number.isInteger(nlYear)) observations.push(...rowObservations(nlRow.values, 'NL00', nlYear, nlYear));
  else notes.push(`Jeugdzorg in natura: geen landelijke rij (NL00) in ${nlFile}.`);

  notes.push('Jeugdzorg in natura: CBS rondt de aantallen af op 5; de aandelen naar leeftijd en verwijzer zijn berekend uit die afgeronde aantallen.');
  return { observations, notes, wijken };
}

/** Where youth care starts: trajecten by referrer (CBS, jeugdzorg in natura). */
function verwijzers(): IndicatorDef[] {
  const items: [string, string][] = [
    ['gemeente', 'Gemeentelijke toegang'],
    ['huisarts', 'Huisarts'],
    ['jeugdarts', 'Jeugdarts'],
    ['medisch_specialist', 'Medisch specialist'],
    ['gi', 'Gecertificeerde instelling'],
    ['rechter', 'Rechter of officier van justitie'],
    ['geen', 'Geen verwijzer'],
    ['onbekend', 'Verwijzer onbekend'],
  ];
  return items.map(([key, label]) => ({
    id: `jeugdzorg_verwijzer_${key}`,
    subject:
      key === 'geen'
        ? 'het aandeel jeugdzorgtrajecten zonder verwijzer'
        : key === 'onbekend'
          ? 'het aandeel jeugdzorgtrajecten met een onbekende verwijzer'
          : `het aandeel jeugdzorgtrajecten met als verwijzer de ${label.toLowerCase()}`,
    label: `Jeugdzorgtrajecten: ${label.toLowerCase()}`,
    partLabel: label,
    title: `Jeugdzorgtrajecten verwezen door: ${label.toLowerCase()}`,
    definition: `Trajecten jeugdzorg in natura ${key === 'geen' ? 'zonder verwijzer' : key === 'onbekend' ? 'met een onbekende verwijzer' : `met als verwijzer de ${label.toLowerCase()}`}, als percentage van alle trajecten jeugdzorg in natura in het jaar (CBS).`,
    domain: 'signalering',
    unit: 'percent',
    decimals: 0,
    higherIsBetter: null,
    source: 'jeugdzorg-wijk-2022',
    fields: { gemeente: { 2021: 'jeugdzorg-wijk-2021:derived', 2022: 'jeugdzorg-wijk-2022:derived' } },
    aggregate: { kind: 'ratio', scale: 100 },
    partOf: 'jeugdzorg-verwijzers',
    factors: key === 'jeugdarts' || key === 'huisarts' ? ['gezondheid'] : key === 'gi' || key === 'rechter' ? ['sociale veiligheid'] : [],
  }));
}

/** Jeugdzorg in natura: counts, ages and referrers, gemeenten and wijken. */
const indicators: IndicatorDef[] = [
  {
    id: 'jongeren_jeugdzorg',
    subject: 'het aantal jongeren met jeugdzorg in natura',
    label: 'Jongeren met jeugdzorg in natura (aantal)',
    title: 'Aantal jongeren met jeugdzorg in natura',
    definition: 'Aantal jongeren tot 23 jaar met jeugdzorg in natura (alle vormen) in het jaar, naar woonplaats; door CBS afgerond op 5.',
    domain: 'jeugdhulp',
    unit: 'count',
    decimals: 0,
    higherIsBetter: null,
    source: 'jeugdzorg-wijk-2022',
    fields: {
      gemeente: { 2021: 'jeugdzorg-wijk-2021:derived', 2022: 'jeugdzorg-wijk-2022:derived' },
      wijk: { 2021: 'jeugdzorg-wijk-2021:derived', 2022: 'jeugdzorg-wijk-2022:derived' },
    },
    aggregate: { kind: 'sum' },
    factors: ['gezondheid'],
  },
  {
    id: 'jeugdzorg_per_100_jongeren',
    subject: 'het aantal jongeren met jeugdzorg per 100 inwoners van 0 tot 25 jaar',
    label: 'Jeugdzorg per 100 inwoners van 0 tot 25 jaar',
    title: 'Jongeren met jeugdzorg in natura per 100 inwoners van 0 tot 25 jaar',
    definition:
      'Jongeren tot 23 jaar met jeugdzorg in natura (CBS, jeugdzorg in natura per wijk, 85075NED) per 100 inwoners van 0 tot 25 jaar (CBS, Kerncijfers wijken en buurten 2021). Teller en noemer dekken niet precies dezelfde leeftijden: een maat om wijken onderling te vergelijken, geen percentage.',
    domain: 'jeugdhulp',
    unit: 'per-100',
    decimals: 1,
    higherIsBetter: null,
    source: 'jeugdzorg-wijk-2021',
    fields: { gemeente: { 2021: 'jeugdzorg-wijk-2021:derived' }, wijk: { 2021: 'jeugdzorg-wijk-2021:derived' } },
    aggregate: { kind: 'ratio', scale: 100 },
    factors: ['gezondheid', 'ouderlijk support'],
    opportunity: true,
  },
  ...(
    [
      ['0_4', '0 tot 4 jaar'],
      ['4_12', '4 tot 12 jaar'],
      ['12_18', '12 tot 18 jaar'],
      ['18_23', '18 tot 23 jaar'],
    ] as const
  ).map(
    ([key, range]): IndicatorDef => ({
      id: `jeugdzorg_leeftijd_${key}`,
      subject: `het aandeel jongeren van ${range} onder de jongeren met jeugdzorg`,
      label: `Jeugdzorg: aandeel ${range}`,
      partLabel: range,
      title: `Jongeren met jeugdzorg in natura: aandeel ${range}`,
      definition: `Jongeren van ${range} als percentage van alle jongeren met jeugdzorg in natura.`,
      domain: 'jeugdhulp',
      unit: 'percent',
      decimals: 0,
      higherIsBetter: null,
      source: 'jeugdzorg-wijk-2022',
      fields: { gemeente: { 2021: 'jeugdzorg-wijk-2021:derived', 2022: 'jeugdzorg-wijk-2022:derived' } },
      aggregate: { kind: 'ratio', scale: 100 },
      partOf: 'jeugdzorg-leeftijd',
    }),
  ),
  ...verwijzers(),
];

const figures: FigureDef[] = [
  {
    id: 'jeugdzorg-leeftijd',
    kind: 'composition',
    domain: 'jeugdhulp',
    title: 'Jongeren met jeugdzorg in natura naar leeftijd',
    indicators: ['jeugdzorg_leeftijd_0_4', 'jeugdzorg_leeftijd_4_12', 'jeugdzorg_leeftijd_12_18', 'jeugdzorg_leeftijd_18_23'],
  },
  { id: 'jeugdzorg-trend', kind: 'trend', domain: 'jeugdhulp', title: 'Aantal jongeren met jeugdzorg in natura', indicators: ['jongeren_jeugdzorg'] },
  { id: 'wijkkaart-jeugdzorg', kind: 'wijk-map', domain: 'jeugdhulp', title: 'Jongeren met jeugdzorg per 100 inwoners van 0 tot 25 jaar, per wijk', indicators: ['jeugdzorg_per_100_jongeren'] },
  {
    id: 'jeugdzorg-verwijzers',
    kind: 'composition',
    domain: 'signalering',
    title: 'Jeugdzorgtrajecten naar verwijzer',
    indicators: [
      'jeugdzorg_verwijzer_gemeente',
      'jeugdzorg_verwijzer_huisarts',
      'jeugdzorg_verwijzer_jeugdarts',
      'jeugdzorg_verwijzer_medisch_specialist',
      'jeugdzorg_verwijzer_gi',
      'jeugdzorg_verwijzer_rechter',
      'jeugdzorg_verwijzer_geen',
      'jeugdzorg_verwijzer_onbekend',
    ],
  },
];

export const jeugdzorgNaturaModule: SourceModule = {
  id: 'jeugdzorg-natura',
  sources: [jeugdzorgWijk2021Source, jeugdzorgWijk2022Source],
  indicators,
  figures,
  fetchTables: (k) => [
    {
      name: 'cbs-jeugdzorg-wijken-2021-2022',
      sourceId: 'jeugdzorg-wijk-2022',
      publisher: 'cbs',
      tableId: `${k.jeugdzorgWijkTables[2021]}+${k.jeugdzorgWijkTables[2022]}`,
      year: 2022,
      file: jeugdzorgWijk2022Source.file,
      check: {
        kind: 'csv',
        sep: ',',
        columns: ['year', 'gwb_code_10', 'regio', 'recs', ...k.jeugdzorgCounts.slice(0, 17)],
        codes: { column: 'gwb_code_10', pattern: k.patterns.GM_OR_WK, min: 3000 },
        years: { column: 'year', expect: [2021, 2022] },
        values: { key: ['year', 'gwb_code_10'], numbers: [count([...k.jeugdzorgCounts.slice(0, 17), 'IndelingswijzigingWijken_21'], ['.'])] },
      },
      fetch: k.cbs.jeugdzorgWijken([
        { year: 2021, table: k.jeugdzorgWijkTables[2021] },
        { year: 2022, table: k.jeugdzorgWijkTables[2022] },
      ]),
    },
    {
      name: 'cbs-jeugdzorg-gemeenten-2022',
      sourceId: 'jeugdzorg-wijk-2022',
      publisher: 'cbs',
      tableId: k.jeugdzorgWijkTables[2022],
      year: 2022,
      file: jeugdzorgWijk2022Source.files![0],
      check: { kind: 'csv', sep: ',', columns: ['Wijken', 'Perioden', ...k.jeugdzorgCounts.slice(0, 17)], codes: { column: 'Wijken', pattern: /^(NL00|GM\d{4})$/, min: 300 },
        years: { column: 'Perioden', expect: [2022] },
        values: { key: ['VormenVanJeugdzorg', 'Wijken', 'Perioden'], numbers: [count(k.jeugdzorgCounts.slice(0, 17), ['.'])] },
      },
      fetch: k.cbs.jeugdzorgGemeenten(k.jeugdzorgWijkTables[2022], 2022),
    },
  ],
  load: (ctx) => readJeugdzorgNatura(ctx.read),
  // 2021 on the wijken KWB 2021 matched (the same wijkindeling); 2022 matched on its own.
  matchWijken: (ctx, reading) => {
    const match2021 = ctx.wijkindelingen.get(2021)!.match;
    const match2022 = matchWijken(reading.wijken!, ctx.inwoners2024, (c) => codeIn2023(c, 2022));
    return (year) => (year === 2021 ? match2021 : match2022);
  },
  afterLoad: (ctx) =>
    deriveRatio(ctx.series, ctx.indelingOf, 'jeugdzorg_per_100_jongeren', 2021, 'jongeren_jeugdzorg', 'inwoners_0_25', 100, [...ctx.series.byCode('jongeren_jeugdzorg', 2021).keys()]),
  finish: (ctx, reading) => ctx.notes.push(...reading.notes.filter((n) => !n.startsWith('KWB 2021:'))),
};
