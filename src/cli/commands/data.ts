/**
 * `data <command>`: fetch, import, status, check, pack, unpack as subcommands with their own options
 * (data-subcommands.ts). Their module is loaded by the builder, which yargs runs only when `data` is given.
 */
import type { Argv } from 'yargs';
import type { CliCommand } from '../command.js';
import { ReportError } from '../../util/errors.js';
import { hideGlobals } from '../options.js';

export const DATA_SUBCOMMANDS = ['fetch', 'import', 'status', 'check', 'pack', 'unpack'] as const;

export const dataCommand: CliCommand = ({ io, argv, setExit }) => ({
  command: 'data',
  describe: "Get and inspect the data directory: fetch (from CBS, DUO and PDOK), import (a publisher's workbook), status, check, pack and unpack (a verified bundle for a machine without internet)",
  builder: async (y: Argv) => {
    const { dataSubcommands } = await import('./data-subcommands.js');
    const subcommands = dataSubcommands(argv, io, setExit);
    // The list in the message is the registered one (DATA_SUBCOMMANDS, for the help hint before this module loads, is tested against it).
    const names = subcommands.map((c) => String(c.command).split(' ')[0]);
    return hideGlobals(y, ['browser', 'allow-outside-files'])
      .command(subcommands)
      .demandCommand(1, `give a data command: ${names.join(', ')}. \`contextkaart data <command> --help\` shows its options.`);
  },
  handler: () => {
    // Reached only when no subcommand matched; demandCommand has refused that already.
    throw new ReportError(`give a data command: ${DATA_SUBCOMMANDS.join(', ')}.`, 'usage');
  },
});
