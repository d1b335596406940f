/**
 * Lists a config writer needs, each with the ids a config takes: `gemeenten` (codes and names, per
 * province), `wijken <gemeente>` (the WK codes of area.wijken) and `indicators` (per domain the
 * named figures and the indicator ids of sections[].figures and indicators). The first two read
 * only the light lists of the data directory, never the dataset.
 */
import type { CliCommand, GlobalArgs } from '../command.js';
import { ReportError } from '../../util/errors.js';
import { escapeControlChars } from '../../util/escape.js';
import { hideGlobals } from '../options.js';

/** Other names in use for a province, to the CBS name the gemeente list holds. */
const provinceAliases: Record<string, string> = { Friesland: 'Fryslân' };

const jsonOption = { type: 'boolean', default: false, describe: 'As JSON on stdout' } as const;

export const gemeentenCommand: CliCommand = ({ io }) => ({
  command: 'gemeenten',
  describe: 'List the gemeenten (CBS codes and names, indeling 2023) with their province',
  builder: (y) =>
    hideGlobals(y, ['browser', 'allow-outside-files'])
      .option('province', { alias: 'p', type: 'string', describe: 'Only the gemeenten of one province (name or PV code)' })
      .option('json', jsonOption)
      .example('$0 gemeenten --province Zeeland', 'the 13 gemeenten of Zeeland'),
  handler: async (a) => {
    const args = a as unknown as GlobalArgs & { province?: string; json: boolean };
    const { readGemeenteList } = await import('../../data/reference-data.js');
    const { normalizeName } = await import('../../data/gemeente-names.js');
    const { messages } = await import('../../util/messages.js');
    const { gemeenten, provinces } = await readGemeenteList(args.data);
    let list = [...gemeenten.values()];
    if (args.province !== undefined) {
      const { editDistance } = await import('../../util/edit-distance.js');
      const all = [...provinces.values()];
      const q = normalizeName(args.province);
      // A province by its code, its CBS name, or another name in use (Friesland for Fryslân).
      const named = (p: (typeof all)[number]) => [normalizeName(p.name), ...Object.entries(provinceAliases).filter(([, name]) => name === p.name).map(([alias]) => normalizeName(alias))];
      const province = all.find((p) => p.code.toLowerCase() === args.province!.trim().toLowerCase() || named(p).includes(q));
      if (!province) {
        const shownProvince = (p: (typeof all)[number]) => `${p.name} (${p.code})`;
        const known = all.map(shownProvince).sort();
        const ranked = all.map((p) => ({ p, d: Math.min(...named(p).map((n) => editDistance(q, n))) })).sort((a, b) => a.d - b.d)[0];
        if (ranked && ranked.d <= Math.max(1, Math.min(3, Math.floor(q.length / 3)))) throw new ReportError(messages.unknownProvinceNear(args.province, shownProvince(ranked.p), known), 'usage');
        throw new ReportError(messages.unknownProvince(args.province, known), 'usage');
      }
      list = list.filter((g) => g.provinceCode === province.code);
    }
    list.sort((x, y) => x.name.localeCompare(y.name, 'nl'));
    if (args.json) io.stdout(`${JSON.stringify(list, null, 2)}\n`);
    else for (const g of list) io.stdout(escapeControlChars(`${g.code}  ${g.name.padEnd(32)} ${g.provinceName}\n`));
  },
});

export const wijkenCommand: CliCommand = ({ io }) => ({
  command: 'wijken <gemeente>',
  describe: 'List the wijken of a gemeente (WK codes for area.wijken, indeling 2024)',
  builder: (y) =>
    hideGlobals(y, ['browser', 'allow-outside-files'])
      .positional('gemeente', { type: 'string', demandOption: true, describe: 'A CBS gemeente code (GM0796) or name' })
      .option('json', jsonOption)
      .example('$0 wijken Utrecht', 'the ten wijken of Utrecht'),
  handler: async (a) => {
    const args = a as unknown as GlobalArgs & { gemeente: string; json: boolean };
    const { readGemeenteList, readWijkList } = await import('../../data/reference-data.js');
    const { gemeenteNotFound, lookupGemeente } = await import('../../data/gemeente-names.js');
    const { messages } = await import('../../util/messages.js');
    const { gemeenten } = await readGemeenteList(args.data);
    const g = lookupGemeente(gemeenten, args.gemeente);
    // Typed on the command line: a bad command line (exit 2), as in batch.
    if (!g) throw new ReportError(gemeenteNotFound(gemeenten, args.gemeente), 'usage');
    const wijken = [...(await readWijkList(args.data, new Map([[g.code, g]]))).values()].sort((x, y) => x.code.localeCompare(y.code));
    if (args.json) {
      io.stdout(`${JSON.stringify({ gemeente: { code: g.code, name: g.name }, wijken }, null, 2)}\n`);
      return;
    }
    io.stdout(escapeControlChars(`${g.name} (${g.code}): ${wijken.length} wijken\n`));
    for (const w of wijken) io.stdout(escapeControlChars(`${w.code}  ${w.name}${w.populated ? '' : '  (no inhabitants: no figures)'}\n`));
  },
});

export const indicatorsCommand: CliCommand = ({ io }) => ({
  command: 'indicators',
  describe: 'List per domain the figures and indicator ids a config takes (sections[].figures, indicators)',
  builder: (y) =>
    hideGlobals(y, ['browser', 'allow-outside-files'])
      .option('domain', { alias: 'd', type: 'string', describe: 'Only one domain (demografie, wijk, armoede, jeugdhulp, onderwijs, signalering, verbanden)' })
      .option('json', jsonOption)
      .example('$0 indicators --domain armoede', 'the figures and indicators of the armoede section'),
  handler: async (a) => {
    const args = a as unknown as { json: boolean; domain?: string };
    const { indicatorList, yearLabel, indicatorYears, domainTitles, domains } = await import('../../data/catalogue.js');
    const { figureList } = await import('../../data/figures.js');
    const { figureKinds } = await import('../../data/figure-def.js');
    const { messages } = await import('../../util/messages.js');
    const domain = args.domain?.trim().toLowerCase();
    if (domain !== undefined && !(domains as readonly string[]).includes(domain)) throw new ReportError(messages.unknownDomain(args.domain!, domains), 'usage');
    const shownDomains = domains.filter((d) => !domain || d === domain);
    const words = Object.values(figureKinds).flatMap((t) => ('configWord' in t ? [{ word: t.configWord as string, wijk: t.configWord === 'wijkkaart' }] : []));
    const indicators = indicatorList.filter((d) => !d.internal && shownDomains.includes(d.domain));
    /** The generic figure ids of an indicator ("vergelijking:<id>"; wijkkaart only with wijk data). */
    const figureIds = (d: (typeof indicators)[number]) => words.filter((w) => !w.wijk || d.fields.wijk).map((w) => `${w.word}:${d.id}`);
    if (args.json) {
      const figures = figureList.filter((f) => shownDomains.includes(f.domain)).map((f) => ({ id: f.id, domain: f.domain, title: f.title, kind: f.kind, indicators: f.indicators }));
      io.stdout(`${JSON.stringify({ figures, indicators: indicators.map((d) => ({ ...d, figureIds: figureIds(d) })) }, null, 2)}\n`);
      return;
    }
    for (const dm of shownDomains) {
      io.stdout(`${dm} (${domainTitles[dm]})\n  figures: ${figureList.filter((f) => f.domain === dm).map((f) => f.id).join(', ') || '(none)'}\n`);
      const ofDomain = indicators.filter((d) => d.domain === dm);
      if (ofDomain.length) io.stdout('  indicators (for indicators: and as <kind>:<id> in figures:):\n');
      for (const d of ofDomain) {
        const levels = (['gemeente', 'wijk'] as const).filter((l) => d.fields[l]).map((l) => `${l} ${indicatorYears(d, l).map((y) => yearLabel(d, y)).join(', ')}${l === 'gemeente' && d.laterYears ? ' and later years the data holds' : ''}`);
        io.stdout(`    ${d.id.padEnd(28)} ${d.label} (${levels.join('; ')})\n`);
      }
    }
    io.stdout(`\nA figure of any indicator: ${words.map((w) => `${w.word}:<id>`).join(', ')} (wijkkaart: indicators with wijk data).\n`);
  },
});
