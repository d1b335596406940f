/**
 * CBS Kerncijfers wijken en buurten 2023 (85618NED) and 2024 (85984NED): the social fields of
 * Nederland, the gemeenten and the wijken, as `data fetch` writes them (kwb short names, one row
 * per region, the edition in column kwb_jaar; src/fetch/cbs-tables.ts fetchKwbEdition). Which
 * edition has which field is the model of kwb-editions.ts. The staged data has neither file: a
 * data directory without one lacks that edition's figures, and says nothing (the older editions
 * stand). Wijken of 2023 are matched to the 2024 wijken like those of 2021 (code and name, or code
 * and size, or name and size in the same gemeente); wijken of 2024 are the map's own.
 *
 * Read per field, not per file: a column that is empty in every row is a field the edition has not
 * published (yet; CBS fills income, education and benefits in later releases) and yields no year.
 */
import { join } from 'node:path';
import { ReportError } from '../../util/errors.js';
import { messages } from '../../util/messages.js';
import { parseCsvRecords } from '../../util/csv.js';
import { formatNumber } from '../../format.js';
import { byInwoners, type IndicatorDef } from '../indicator-def.js';
import { matchWijken } from '../wijk-matching.js';
import { toNumber } from './data-files.js';
import { BIJSTAND_NATIONAL_FROM, KWB_EDITION_HEADER, editionColumns, kwbEdition, shortName, type KwbEdition } from './kwb-editions.js';
import { kwbShortNameBands } from './plausible.js';
import type { FieldTarget } from './kwb-2021.js';
import type { DataFiles, SourceDef, SourceModule, SourceObservation, SourceReading } from './types.js';

const NOT_PUBLISHED = 'niet gepubliceerd door CBS';

export const kwb2023SociaalSource = {
  id: 'kwb-2023-sociaal',
  publisher: 'CBS',
  citation: 'CBS, Kerncijfers wijken en buurten 2023 (gemeenten en wijken)',
  table: 'Kerncijfers wijken en buurten 2023 (tabel 85618NED), gemeenten en wijken: inkomen, opleiding, uitkeringen en voorzieningen, wijkindeling 2023',
  file: kwbEdition(2023).file,
  license: 'CC BY 4.0',
  caveat:
    'Wijkindeling 2023: een wijk van 2024 zonder gelijke wijk in 2023 heeft geen gegevens uit deze editie. Inkomens- en armoedecijfers kunnen over een eerder verslagjaar gaan dan het jaar van de editie (zie de CBS-toelichting bij de tabel).',
} satisfies SourceDef;

export const kwb2024SociaalSource = {
  id: 'kwb-2024-sociaal',
  publisher: 'CBS',
  citation: 'CBS, Kerncijfers wijken en buurten 2024 (gemeenten en wijken)',
  table: 'Kerncijfers wijken en buurten 2024 (tabel 85984NED), gemeenten en wijken: inkomen, armoede, opleiding, uitkeringen en voorzieningen, wijkindeling 2024',
  file: kwbEdition(2024).file,
  license: 'CC BY 4.0',
  caveat: 'Inkomens- en armoedecijfers kunnen over een eerder verslagjaar gaan dan het jaar van de editie (zie de CBS-toelichting bij de tabel).',
} satisfies SourceDef;

/**
 * The share of persons in poverty by the armoedegrens CBS, Nibud and SCP set together (first
 * published in KWB 2024, p_ink_ar). Its own indicator, beside the lage-inkomensgrens (p_hh_lkk,
 * up to KWB 2023): another measure, never continued into one series. In no standard section: a
 * consultant asks for it (`figures: [vergelijking:pct_personen_armoede]`, or in a section's
 * indicators); without KWB 2024 in the data directory it has no values.
 */
export const personenInArmoede: IndicatorDef = {
  id: 'pct_personen_armoede',
  subject: 'het aandeel personen in armoede',
  label: 'Personen in armoede',
  title: 'Aandeel personen in armoede (armoedegrens CBS, Nibud en SCP)',
  definition:
    'Personen in particuliere huishoudens die volgens de armoedegrens van CBS, Nibud en SCP in armoede leven, als percentage van de personen in particuliere huishoudens (CBS, p_ink_ar). Volgens die methode, in 2024 door de drie instituten samen vastgesteld, is een huishouden arm als het niet genoeg financiële middelen heeft voor de minimaal noodzakelijke uitgaven in Nederland; behalve naar inkomen wordt gekeken naar vermogen en naar de werkelijke uitgaven aan wonen en energie. Een andere maat dan het aandeel huishoudens met een laag inkomen (lage-inkomensgrens van CBS, tot en met de kerncijfers van 2023): de twee zijn niet met elkaar te vergelijken.',
  domain: 'armoede',
  unit: 'percent',
  decimals: 1,
  higherIsBetter: false,
  source: 'kwb-2024-sociaal',
  fields: { gemeente: { 2024: 'kwb-2024-sociaal:p_ink_ar' }, wijk: { 2024: 'kwb-2024-sociaal:p_ink_ar' } },
  aggregate: byInwoners,
  factors: ['financiële middelen', 'inkomen', 'sociale ongelijkheid'],
  opportunity: true,
  kernpuntGroup: 'laag-inkomen',
};

/** An edition's wijken as read: code → name, gemeente, inhabitants. */
type EditionWijken = Map<string, { name: string; gemeenteCode: string; inwoners: number | null }>;

/**
 * Reads an edition's file into observations of the catalogue's targets (fields of this edition's
 * source); shares of counts (education level, bijstand per 1,000) are computed here with their counts.
 */
export async function readKwbEdition(files: DataFiles, edition: KwbEdition, targets: FieldTarget[]): Promise<SourceReading> {
  const path = join(files.dataDir, edition.file);
  const { header, records } = parseCsvRecords(await files.text(edition.file));
  for (const col of [...KWB_EDITION_HEADER, 'a_inw']) {
    if (!header.includes(col)) throw new ReportError(messages.dataColumnMissing(path, col), 'data');
  }
  const other = records.find((r) => r.values.kwb_jaar !== String(edition.year));
  if (other) throw new ReportError(messages.kwbEditionMismatch(path, other.line, other.values.kwb_jaar, edition.year), 'data');
  // A column empty in every row: the edition has not published the field (yet).
  const published = new Set(header.filter((c) => records.some((r) => toNumber(r.values[c]) !== null)));
  const has = (key: string) => {
    const name = shortName(key, edition.year);
    return name !== undefined && published.has(name) ? name : undefined;
  };
  const observations: SourceObservation[] = [];
  const wijken: EditionWijken = new Map();
  const year = edition.year;
  const opl = (['a_opl_lg', 'a_opl_md', 'a_opl_hg'] as const).map(has);
  const bijstand = has('a_soz_wb');
  let gemeenten = 0;
  for (const { values } of records) {
    const level = values.recs === 'Gemeente' ? 'gemeente' : values.recs === 'Wijk' ? 'wijk' : values.recs === 'Land' ? 'land' : undefined;
    if (!level) continue;
    const code = level === 'land' ? 'NL00' : values.gwb_code;
    if (level === 'gemeente') gemeenten++;
    const emit = (indicator: string, obs: Omit<SourceObservation, 'code' | 'indicator' | 'year' | 'indeling'>) => observations.push({ code, indicator, year, indeling: edition.indeling, ...obs });
    const inw = toNumber(values.a_inw);
    if (level === 'wijk') wijken.set(code, { name: values.regio, gemeenteCode: `GM${code.slice(2, 6)}`, inwoners: inw });
    const lookupLevel = level === 'land' ? 'gemeente' : level;
    for (const t of targets) {
      if (t.level !== lookupLevel || t.year !== year || t.field === 'derived' || !published.has(t.field)) continue;
      const value = toNumber(values[t.field]);
      emit(t.indicator, value === null ? { value: null, note: NOT_PUBLISHED } : { value });
    }
    // Derived figures (the catalogue's "<source>:derived" years, which fieldTargets does not list): kwb-editions.ts says which.
    if (opl.every((c) => c !== undefined)) {
      const counts = opl.map((c) => toNumber(values[c!]));
      const total = counts.every((v) => v !== null) ? counts.reduce((a, b) => a! + b!, 0)! : null;
      (['laag', 'midden', 'hoog'] as const).forEach((lvl, i) =>
        emit(`pct_opl_${lvl}`, total ? { value: (counts[i]! / total) * 100, numerator: counts[i]!, denominator: total } : { value: null, note: NOT_PUBLISHED }),
      );
    }
    if (bijstand && year >= BIJSTAND_NATIONAL_FROM) {
      const n = toNumber(values[bijstand]);
      emit('bijstand_per_1000', n !== null && inw ? { value: (n / inw) * 1000, numerator: n, denominator: inw } : { value: null, note: NOT_PUBLISHED });
    }
  }
  const fields = editionColumns(year)
    .map((c) => c.short)
    .filter((c) => published.has(c) && c !== 'a_inw' && c !== 'a_hh');
  return {
    observations,
    wijken,
    wijkindeling: edition.wijkindeling,
    notes: observations.some((o) => o.value !== null)
      ? [`KWB ${year} (tabel ${edition.tableId}): ${formatNumber(gemeenten)} gemeenten en ${formatNumber(wijken.size)} wijken (wijkindeling ${edition.wijkindeling}) gelezen; velden met cijfers: ${fields.join(', ') || 'geen'}.`]
      : [],
  };
}

function editionModule(year: 2023 | 2024, source: SourceDef, indicators: IndicatorDef[] = []): SourceModule {
  const edition = kwbEdition(year);
  return {
    id: source.id,
    sources: [source],
    optional: true,
    quietWhenAbsent: true,
    indicators,
    fetchTables: (k) => [
      {
        name: `cbs-kwb-${year}-sociaal`,
        sourceId: source.id,
        publisher: 'cbs',
        tableId: edition.tableId,
        year,
        file: edition.file,
        check: {
          kind: 'csv',
          sep: ',',
          columns: [...KWB_EDITION_HEADER, 'a_inw'],
          // A release may hold a few regions only (the staged Utrecht file): at least one gemeente.
          codes: { column: 'gwb_code', pattern: k.patterns.GM, min: 1 },
          // The edition the file holds, in every row.
          years: { column: 'kwb_jaar', expect: [year] },
          values: { key: ['gwb_code'], numbers: kwbShortNameBands('gwb_code'), wijkTotals: { code: 'gwb_code', column: 'a_inw', tolerance: 0.02 } },
        },
        fetch: k.cbs.kwbEdition(edition.tableId, year),
      },
    ],
    load: (ctx) => readKwbEdition(ctx.read, edition, (['gemeente', 'wijk'] as const).flatMap((level) => ctx.fieldTargets(level, source.id).map((t) => ({ ...t, level })))),
    // 2024: the map's own wijken; 2023: matched as KWB 2021's are (the gemeentelijke indeling is already that of 2024).
    matchWijken: (ctx, reading) => {
      const match =
        edition.wijkindeling === 2024
          ? new Map([...reading.wijken!.keys()].filter((c) => ctx.wijken.has(c)).map((c) => [c, c]))
          : matchWijken(reading.wijken!, ctx.inwoners2024);
      ctx.wijkindelingen.set(edition.wijkindeling, { wijken: reading.wijken!, match });
      return () => match;
    },
    afterLoad: (ctx, reading) => {
      if (!reading.notes.length) return;
      const match = ctx.wijkindelingen.get(edition.wijkindeling)!.match;
      const matched = new Set(match.values());
      const populated = [...ctx.wijken.values()].filter((w) => w.populated);
      ctx.notes.push(
        ...reading.notes,
        edition.wijkindeling === 2024
          ? `Wijkcijfers van KWB ${year}: op de wijken van 2024 zelf (${formatNumber(populated.filter((w) => matched.has(w.code)).length)} van de ${formatNumber(populated.length)} bewoonde wijken in het bestand).`
          : `Wijkcijfers van KWB ${year} (wijkindeling ${edition.wijkindeling}) op de wijken van 2024: ${formatNumber(populated.filter((w) => matched.has(w.code)).length)} van de ${formatNumber(populated.length)} bewoonde wijken gekoppeld op code en naam, op code en inwonertal of op naam en inwonertal binnen dezelfde gemeente; de andere staan voor deze editie zonder gegevens.`,
      );
    },
  };
}

export const kwb2023SociaalModule = editionModule(2023, kwb2023SociaalSource);
export const kwb2024SociaalModule = editionModule(2024, kwb2024SociaalSource, [personenInArmoede]);
