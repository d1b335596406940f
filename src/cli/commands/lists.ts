/** Lists a config writer needs: `indicators` (the catalogue with the ids `figures:` takes). */
import type { CliCommand } from '../command.js';

export const indicatorsCommand: CliCommand = ({ io }) => ({
  command: 'indicators',
  describe: 'List the indicator catalogue',
  builder: (y) => y.option('json', { type: 'boolean', default: false, describe: 'As JSON on stdout' }),
  handler: async (a) => {
    const args = a as unknown as { json: boolean };
    const { indicatorList, yearLabel, indicatorYears, domainTitles } = await import('../../data/catalogue.js');
    if (args.json) io.stdout(`${JSON.stringify(indicatorList.filter((d) => !d.internal), null, 2)}\n`);
    else {
      for (const d of indicatorList.filter((x) => !x.internal)) {
        const levels = (['gemeente', 'wijk'] as const).filter((l) => d.fields[l]).map((l) => `${l} ${indicatorYears(d, l).map((y) => yearLabel(d, y)).join(', ')}${l === 'gemeente' && d.laterYears ? ' and later years the data holds' : ''}`);
        io.stdout(`${d.id.padEnd(28)} ${domainTitles[d.domain].padEnd(22)} ${d.label} (${levels.join('; ')})\n`);
      }
    }
  },
});
