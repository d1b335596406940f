/**
 * CBS "Indicatoren jeugdzorg; gemeenten" (85098NED), 2022 voorlopig: shares of young
 * people with jeugdhulp, jeugdbescherming and jeugdreclassering. The file names
 * gemeenten without a code; they are joined on the exact name of the 2022 indeling.
 */
import { join } from 'node:path';
import { ReportError } from '../../util/errors.js';
import { messages } from '../../util/messages.js';
import { parseCsvRecords } from '../../util/csv.js';
import { youthWeighted, internalCount, type IndicatorDef } from '../indicator-def.js';
import { kwb2022Source } from './kwb-2022.js';
import type { FigureDef } from '../figure-def.js';
import type { SourceDef, SourceModule } from './types.js';
import { toNumber } from './data-files.js';
import { requireColumns } from './jeugdzorg-natura.js';
import type { DataFiles, SourceObservation, SourceReading } from './types.js';
import { share } from './plausible.js';

export const jeugdzorgIndicatorenSource = {
  id: 'jeugdzorg-indicatoren',
  publisher: 'CBS',
  citation: 'CBS, Indicatoren jeugdzorg; gemeenten',
  table: 'Indicatoren jeugdzorg; gemeenten (tabel 85098NED), 2022 voorlopige cijfers, StatLine-export van 24 juni 2023',
  file: 'cbs/indicatoren_jeugdzorg_gemeenten_2022v_85098NED.csv',
  indeling: 2022,
  license: 'CC BY 4.0',
  caveat: 'Voorlopige cijfers over 2022; CBS kan ze nog herzien. Per gemeentenaam gekoppeld.',
} satisfies SourceDef;


/** Indicator id → leading text of the column (the header adds "(% (zie toelichting))"). */
const COLUMNS: readonly (readonly [string, string])[] = [
  // Share of all young people up to 18.
  ['pct_jeugdhulp', 'Jongeren met jeugdhulp in natura'],
  // Share of the young people with jeugdhulp.
  ['pct_jeugdhulp_verblijf', 'Jongeren met jeugdh. met verbl. in nat.'],
  // Share of all young people up to 18.
  ['pct_jeugdbescherming', 'Jongeren met jeugdbescherming'],
  // Share of the young people with jeugdbescherming.
  ['pct_jeugdbescherming_verblijf', 'Jeugdbesch. en jeugdh. met verbl. in nat'],
  // Share of young people 12 to 23.
  ['pct_jeugdreclassering', 'Jongeren met jeugdreclassering'],
];

export const jeugdzorgIndicatorenIndicators: readonly string[] = COLUMNS.map(([id]) => id);

/**
 * StatLine adds a qualifier to some gemeente names that the KWB 2022 (PDOK) file
 * writes without one. An explicit list, not a normalisation: "Bergen (L.)" and
 * "Bergen (NH.)" are not in it and keep their own names.
 */
export const statlineNames2022: Readonly<Record<string, string>> = {
  "'s-Gravenhage (gemeente)": "'s-Gravenhage",
  'Groningen (gemeente)': 'Groningen',
  'Utrecht (gemeente)': 'Utrecht',
  'Beek (L.)': 'Beek',
  'Hengelo (O.)': 'Hengelo',
  'Laren (NH.)': 'Laren',
  'Middelburg (Z.)': 'Middelburg',
  'Rijswijk (ZH.)': 'Rijswijk',
  'Stein (L.)': 'Stein',
};

/**
 * Gemeente name → code of the 2022 indeling, from the KWB 2022 CSV (gemeentecode,
 * gemeentenaam). A name used by two codes is left out, so it can never be joined.
 */
export function gemeenteNamesOf2022(kwb2022CsvText: string): Map<string, string> {
  const { header, records } = parseCsvRecords(kwb2022CsvText, ',');
  requireColumns(header, ['gemeentecode', 'gemeentenaam'], kwb2022Source.file);
  const codesByName = new Map<string, Set<string>>();
  for (const { values } of records) {
    const code = values.gemeentecode;
    const name = values.gemeentenaam;
    if (!/^GM\d{4}$/.test(code) || code === 'GM0998' || name === '') continue;
    const codes = codesByName.get(name) ?? new Set<string>();
    codes.add(code);
    codesByName.set(name, codes);
  }
  const map = new Map<string, string>();
  for (const [name, codes] of codesByName) if (codes.size === 1) map.set(name, [...codes][0]);
  return map;
}

export async function readJeugdzorgIndicatoren(
  files: DataFiles,
  codeByName2022: ReadonlyMap<string, string>,
  aliases: Readonly<Record<string, string>> = statlineNames2022,
): Promise<SourceReading> {
  const source = jeugdzorgIndicatorenSource;
  const path = join(files.dataDir, source.file);
  const { header, records } = parseCsvRecords(await files.text(source.file), ';');
  requireColumns(header, ["Regio's", 'Perioden'], path);
  const columns = COLUMNS.map(([id, lead]) => {
    const column = header.find((h) => h === lead || h.startsWith(`${lead} (`));
    if (column === undefined) throw new ReportError(messages.dataColumnMissing(path, lead), 'data');
    return [id, column] as const;
  });

  const observations: SourceObservation[] = [];
  const notes: string[] = [];
  const unmatched: { name: string; hasValues: boolean }[] = [];
  const viaAlias: string[] = [];
  const duplicates: string[] = [];
  const seen = new Set<string>();
  let provisional = false;
  for (const { line, values } of records) {
    const name = values["Regio's"];
    let code: string | undefined = name === 'Nederland' ? 'NL00' : codeByName2022.get(name);
    if (code === undefined && Object.hasOwn(aliases, name)) {
      code = codeByName2022.get(aliases[name]);
      if (code !== undefined) viaAlias.push(`${name} → ${aliases[name]}`);
    }
    if (code === undefined) {
      unmatched.push({ name, hasValues: columns.some(([, c]) => toNumber(values[c]) !== null) });
      continue;
    }
    if (seen.has(code)) {
      duplicates.push(`${name} (regel ${line})`);
      continue;
    }
    seen.add(code);
    const period = values.Perioden;
    const year = Number(period.replace(/\*$/, '').slice(0, 4));
    const voorlopig = period.endsWith('*');
    if (voorlopig) provisional = true;
    for (const [indicator, column] of columns) {
      const value = toNumber(values[column]);
      const note = value === null ? 'niet gepubliceerd door CBS' : voorlopig ? 'voorlopig cijfer' : undefined;
      observations.push({ code, indicator, year, value, indeling: source.indeling, ...(note ? { note } : {}) });
    }
  }

  if (provisional) notes.push('Indicatoren jeugdzorg: de cijfers over 2022 zijn voorlopig; CBS kan ze nog herzien.');
  if (viaAlias.length > 0) notes.push(`Indicatoren jeugdzorg: ${viaAlias.length} gemeentenamen gekoppeld via de schrijfwijze van StatLine (${viaAlias.join(', ')}).`);
  if (unmatched.length > 0) {
    const withValues = unmatched.filter((u) => u.hasValues).length;
    notes.push(
      `Indicatoren jeugdzorg: ${unmatched.length} gemeentenamen niet gekoppeld (${unmatched.map((u) => u.name).join(', ')}); ` +
        (withValues === 0 ? 'geen van deze rijen heeft cijfers.' : `${withValues} daarvan met cijfers, die ontbreken in het rapport.`),
    );
  }
  if (duplicates.length > 0) notes.push(`Indicatoren jeugdzorg: ${duplicates.length} rijen voor een gemeente die al gelezen was, overgeslagen (${duplicates.join(', ')}).`);
  return { observations, notes };
}

/** CBS Indicatoren jeugdzorg (85098NED): forms of youth care, each with its own base. */
function jeugdIndicatoren(): IndicatorDef[] {
  const items: [string, string, string, string, IndicatorDef['aggregate'], string?][] = [
    ['pct_jeugdhulp', 'Jongeren met jeugdhulp', 'jongeren met jeugdhulp in natura', 'als percentage van alle jongeren tot 18 jaar', youthWeighted],
    ['pct_jeugdbescherming', 'Jongeren met jeugdbescherming', 'jongeren met jeugdbescherming', 'als percentage van alle jongeren tot 18 jaar', youthWeighted],
    ['pct_jeugdreclassering', 'Jongeren met jeugdreclassering', 'jongeren met jeugdreclassering', 'als percentage van alle jongeren van 12 tot 23 jaar', youthWeighted],
    [
      'pct_jeugdhulp_verblijf',
      'Jeugdhulp met verblijf (van jongeren met jeugdhulp)',
      'jongeren met jeugdhulp met verblijf',
      'als percentage van de jongeren met jeugdhulp in natura',
      { kind: 'weighted', weight: 'jongeren_jeugdzorg', weightNote: 'gewogen naar het aantal jongeren met jeugdzorg in natura (benadering)' },
      'jongeren met verblijf onder de jongeren met jeugdhulp',
    ],
    [
      'pct_jeugdbescherming_verblijf',
      'Met verblijf (van jongeren met jeugdbescherming)',
      'jongeren met jeugdbescherming die ook jeugdhulp met verblijf hebben',
      'als percentage van de jongeren met jeugdbescherming',
      { kind: 'weighted', weight: 'jongeren_jeugdbescherming', weightNote: 'gewogen naar het geschatte aantal jongeren met jeugdbescherming' },
      'jongeren met jeugdhulp met verblijf onder de jongeren met jeugdbescherming',
    ],
  ];
  // A share of a group (of the young people with jeugdhulp) says of which group in every sentence.
  return items.map(([id, label, noun, base, aggregate, ofGroup]) => ({
    id,
    subject: `het aandeel ${ofGroup ?? noun}`,
    label,
    title: `Aandeel ${ofGroup ?? noun}`,
    definition: `${noun.charAt(0).toUpperCase()}${noun.slice(1)} ${base} (CBS, Indicatoren jeugdzorg, 85098NED).`,
    domain: 'jeugdhulp',
    unit: 'percent',
    decimals: 1,
    higherIsBetter: null,
    source: 'jeugdzorg-indicatoren',
    fields: { gemeente: { 2022: 'jeugdzorg-indicatoren:derived' } },
    aggregate,
    provisionalYears: [2022],
    factors: id.includes('bescherming') || id.includes('reclassering') ? ['stabiel huishouden', 'sociale veiligheid'] : ['gezondheid', 'ouderlijk support'],
    opportunity: true,
    kernpuntGroup: 'jeugdzorg-vormen',
  }));
}

const indicators: IndicatorDef[] = [
  ...jeugdIndicatoren(),
  { ...internalCount('jongeren_jeugdbescherming', 'Jongeren met jeugdbescherming (schatting)', 'jeugdzorg-indicatoren', { 2022: 'jeugdzorg-indicatoren:derived' }), domain: 'jeugdhulp', sparse: false },
];

const figures: FigureDef[] = [
  {
    id: 'jeugdzorg-vormen',
    kind: 'comparison',
    domain: 'jeugdhulp',
    title: 'Jongeren met jeugdhulp, jeugdbescherming en jeugdreclassering',
    indicators: ['pct_jeugdhulp', 'pct_jeugdbescherming', 'pct_jeugdreclassering'],
  },
  {
    id: 'jeugdzorg-verblijf',
    kind: 'comparison',
    domain: 'jeugdhulp',
    title: 'Jeugdhulp met verblijf',
    indicators: ['pct_jeugdhulp_verblijf', 'pct_jeugdbescherming_verblijf'],
  },
];

export const jeugdzorgIndicatorenModule: SourceModule = {
  id: 'jeugdzorg-indicatoren',
  sources: [jeugdzorgIndicatorenSource],
  indicators,
  figures,
  fetchTables: (k) => [
    {
      name: 'cbs-jeugdzorg-indicatoren-2022',
      sourceId: 'jeugdzorg-indicatoren',
      publisher: 'cbs',
      tableId: k.JEUGDZORG_INDICATOREN,
      year: 2022,
      file: jeugdzorgIndicatorenSource.file,
      check: { kind: 'csv', sep: ';', columns: ["Regio's", 'Perioden'], years: { column: 'Perioden', expect: [2022] }, values: { key: ["Regio's", 'Perioden'], numbers: [share(/\(%/)] } },
      fetch: k.cbs.statlineExport(k.JEUGDZORG_INDICATOREN, 2022, 'RegioS'),
    },
  ],
  load: async (ctx) => readJeugdzorgIndicatoren(ctx.read, gemeenteNamesOf2022(await ctx.read.text(kwb2022Source.file))),
  // The number of young people with jeugdbescherming, estimated from the share: the weight of the share with verblijf.
  afterLoad: ({ series, indelingOf }) => {
    for (const [code] of series.byCode('pct_jeugdbescherming', 2022)) {
      const pct = series.value('pct_jeugdbescherming', 2022, code);
      const young = series.value('inwoners_0_25', 2022, code);
      if (pct !== null && young !== null) series.set('jongeren_jeugdbescherming', 2022, code, { value: (pct / 100) * young });
    }
    indelingOf.set('jongeren_jeugdbescherming|2022', 2022);
  },
};
