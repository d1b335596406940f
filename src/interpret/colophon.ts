/**
 * The report's own words around the figures: the cover line, the edition line, the reading guide,
 * how areas are combined and how small numbers are withheld. The templates print these; render
 * builds no sentence of its own.
 */
import type { Domain } from '../domains.js';
import type { IndicatorDef } from '../data/catalogue.js';
import type { ReportData } from '../data/select.js';
import { suppression } from '../data/series.js';
import { formatNumber, inSentence } from '../format.js';
import { joinAnd } from '../util/dutch-list.js';

/** What a chapter is about, as one noun for a list in a sentence ("bevolking, wijken, armoede en onderwijs"). */
export const topicNouns: Record<Domain, string> = {
  demografie: 'bevolking',
  wijk: 'wijken',
  armoede: 'armoede',
  jeugdhulp: 'jeugdhulp',
  onderwijs: 'onderwijs',
  signalering: 'vroegsignalering',
  verbanden: 'verbanden',
};

/** Under the title on the cover, unless the config gives its own. */
export function coverLine(regionName: string, chapters: string[]): string {
  return `Openbare cijfers over ${joinAnd(chapters)} van ${regionName}, naast elkaar gezet en toegelicht, voor het gesprek tussen gemeente, scholen en partners over gelijke kansen voor kinderen.`;
}

/** Which edition this is, and how to make the other. */
export function editionLine(regionName: string, edition: 'kort' | 'volledig'): string {
  const other = edition === 'volledig' ? 'kort' : 'volledig';
  return edition === 'volledig'
    ? `Dit is de volledige editie: alle figuren, tabellen en definities. De korte editie (voor het overleg) zet per hoofdstuk alleen de cijfers die het meest zeggen op een rij; maak die met contextkaart render … --edition ${other} (of edition: ${other} in de regioconfig).`
    : `Dit is de korte editie: per hoofdstuk de cijfers die voor ${regionName} het meest zeggen. De volledige editie heeft alle figuren, kaarten per wijk, tabellen en definities; maak die met contextkaart render … --edition ${other} (of edition: ${other} in de regioconfig), of vraag haar aan bij de opsteller.`;
}

/** What the region is mainly compared with, in a sentence. */
export function mainComparison(report: ReportData): string {
  const gemeenten = report.comparisons.filter((c) => c.role === 'gemeente');
  return gemeenten.length ? joinAnd(gemeenten.map((c) => c.name)) : report.peers.length ? 'vergelijkbare gemeenten' : 'Nederland';
}

/** How small numbers are withheld, for the verantwoording. */
export function suppressionText(): string {
  return `Kleine aantallen zijn afgeschermd zoals CBS dat doet: geen percentage op minder dan ${suppression.minNumerator} personen of een basis van minder dan ${suppression.minDenominator}; DUO-opleidingen met "<5" kandidaten tellen niet mee. Afgeschermde waarden staan er als "afgeschermd", ontbrekende als "geen gegevens".`;
}

/** "Zo leest u deze contextkaart": naming only the chapters this report has. */
export function readingGuide(report: ReportData, chapters: string[]): string[] {
  const { region } = report;
  const full = report.config.edition === 'volledig';
  const comparisons = report.comparisons.filter((c) => c.role !== 'region');
  const names = comparisons.map((c) => (c.role === 'province' ? 'de provincie' : c.role === 'similar' ? `${report.peers.length === 10 ? 'tien' : formatNumber(report.peers.length)} vergelijkbare gemeenten` : c.role === 'gemeente' ? `de gemeente ${c.name}` : 'Nederland'));
  return [
    `Deze contextkaart zet openbare cijfers over ${region.name} naast elkaar: ${joinAnd(chapters)}. Vooraan staan de samenvatting en de kernpunten, met de wijken waar de achterstanden zich opstapelen. Elk hoofdstuk begint met een korte duiding, gevolgd door ${full ? 'figuren en een tabel' : 'de figuren die het meest zeggen'}.`,
    `In de figuren staat ${region.name} in de eigen kleur; ter vergelijking staan ${joinAnd(names)} in grijstinten. Onder elke figuur staan de bron en het jaar. Cijfers van verschillende jaren en bronnen staan naast elkaar: let op het jaar.`,
    'Waar een cijfer ontbreekt staat ‘geen gegevens’, met de reden. Kleine aantallen zijn afgeschermd. Hoe gebieden zijn samengesteld en cijfers zijn berekend staat in de verantwoording.',
  ];
}

/** How an indicator's values of several areas are combined, for the full edition's definitions. */
export function aggregationText(def: IndicatorDef): string {
  switch (def.aggregate.kind) {
    case 'sum':
      return 'opgeteld';
    case 'ratio':
      return 'herberekend uit tellers en noemers';
    case 'weighted':
      return def.aggregate.weightNote;
    case 'class-from':
      return 'klasse herberekend uit de gemiddelde omgevingsadressendichtheid';
    case 'none':
      return 'niet op te tellen; alleen per gemeente';
  }
}

/** Under a Kerncijfers table: why the region's cells are empty, grouped by what they say and why, and what an approximate figure rests on. */
export function kerncijfersNotes(report: ReportData, defs: IndicatorDef[]): string[] {
  const { region } = report;
  const missing = new Map<string, string[]>();
  const approximations: string[] = [];
  for (const def of defs) {
    const v = report.value(def.id, region);
    const key = `${v.suppressed ? 'Afgeschermd' : 'Geen gegevens'}|${v.note}`;
    if (v.value === null && v.note && !v.notApplicable) missing.set(key, [...(missing.get(key) ?? []), def.label]);
    if (v.value !== null && v.approximate && v.note) approximations.push(`${def.label} (${region.name}): ${v.note}.`);
  }
  return [...[...missing].map(([key, labels]) => `${key.split('|')[0]} voor ${region.name} bij ${labels.map(inSentence).join(', ')}: ${key.slice(key.indexOf('|') + 1)}.`), ...approximations];
}
