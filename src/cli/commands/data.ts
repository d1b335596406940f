/**
 * `data <command>`: fetch, import, status, check, pack, unpack as subcommands with their own options
 * (src/fetch/cli.ts). Their module is loaded by the builder, which yargs runs only when `data` is given.
 */
import type { Argv } from 'yargs';
import type { CliCommand } from '../command.js';
import { ReportError } from '../../util/errors.js';

export const DATA_SUBCOMMANDS = ['fetch', 'import', 'status', 'check', 'pack', 'unpack'] as const;

export const dataCommand: CliCommand = ({ io, argv, setExit }) => ({
  command: 'data',
  describe: "Get and inspect the data directory: fetch (from CBS, DUO and PDOK), import (a publisher's workbook), status, check, pack and unpack (a verified bundle for a machine without internet)",
  builder: async (y: Argv) => {
    const { dataSubcommands } = await import('../../fetch/cli.js');
    return y
      .command(dataSubcommands(argv, io, setExit))
      .demandCommand(1, `give a data command: ${DATA_SUBCOMMANDS.join(', ')}. \`contextkaart data <command> --help\` shows its options.`);
  },
  handler: () => {
    // Reached only when no subcommand matched; demandCommand has refused that already.
    throw new ReportError(`give a data command: ${DATA_SUBCOMMANDS.join(', ')}.`, 'usage');
  },
});
