/**
 * The `data` subcommands: fetch, import, status, check, pack, unpack, each with its own options and
 * help. src/cli/commands/data.ts loads this module only when `data` is run; the work itself
 * (network, zip, checks) is imported inside each handler.
 */
import type { Argv, CommandModule } from 'yargs';
import { ExitCode, ReportError } from '../../util/errors.js';
import { messages } from '../../util/messages.js';
import { defaultHttp, defaultLimits, type FetchLimits } from '../../fetch/http.js';
import { defaultFetchDir } from '../../paths.js';
import type { Bases } from '../../fetch/types.js';
import { numberInRange, valueRequired } from '../options.js';

interface DataArgs {
  data: string;
  quiet: boolean;
  json?: boolean;
  /** import: the workbook; unpack: the bundle. */
  source?: string;
  only?: 'cbs' | 'duo' | 'pdok';
  year?: number;
  dryRun?: boolean;
  missing?: boolean;
  output?: string;
  baseUrl?: string;
  baseUrlCbs?: string;
  baseUrlDuo?: string;
  baseUrlDuoFiles?: string;
  baseUrlPdok?: string;
  baseUrlLocatieserver?: string;
  timeout?: number;
  retries?: number;
  backoff?: number;
  maxResponseMb?: number;
  maxPages?: number;
  maxRows?: number;
  maxVertices?: number;
  maxVerticesPerFeature?: number;
}

const explicitData = (argv: string[]) => argv.some((a) => a === '--data' || a.startsWith('--data='));

/** A yargs coerce: a whole number from `min` to `max`, else a usage error (exit 2) naming the option and the value (shared with the other commands). */
const wholeNumber = (argv: string[], name: string, min: number, max: number, unit: string) => numberInRange(argv, name, min, max, unit);

type Io = { stdout: (s: string) => void; stderr: (s: string) => void };
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Command = CommandModule<any, any>;

/** The subcommands of `data`, in the order `data --help` lists them. */
export function dataSubcommands(argv: string[], io: Io, setExit: (code: number) => void): Command[] {
  const log = (args: { quiet?: boolean }) => (s: string) => {
    if (!args.quiet) io.stderr(`${s}\n`);
  };
  /** The directory fetch, import, pack and unpack write: --data when given, else $CONTEXTKAART_DATA or the fetch cache (not ../shared/data). */
  const writeDir = (args: DataArgs) => (explicitData(argv) ? args.data : (process.env.CONTEXTKAART_DATA ?? defaultFetchDir()));
  const limitsOf = (args: DataArgs): FetchLimits => ({
    maxResponseBytes: (args.maxResponseMb ?? defaultLimits.maxResponseBytes / 1024 / 1024) * 1024 * 1024,
    maxPages: args.maxPages ?? defaultLimits.maxPages,
    maxRows: args.maxRows ?? defaultLimits.maxRows,
    maxVerticesPerFile: args.maxVertices ?? defaultLimits.maxVerticesPerFile,
    maxVerticesPerFeature: args.maxVerticesPerFeature ?? defaultLimits.maxVerticesPerFeature,
  });
  // Options of the requests fetch and import make.
  const httpOptions = (y: Argv, only: 'fetch' | 'import') =>
    y
      .option('timeout', { type: 'number', default: 60_000, coerce: wholeNumber(argv, 'timeout', 1, 86_400_000, 'milliseconds'), describe: 'ms to wait for one answer' })
      .option('retries', { type: 'number', default: 4, coerce: wholeNumber(argv, 'retries', 0, 20, 'tries'), describe: 'Tries after the first on network errors and 5xx (with backoff)' })
      .option('backoff', { type: 'number', default: 1_000, hidden: true, coerce: wholeNumber(argv, 'backoff', 0, 600_000, 'milliseconds'), describe: 'First wait between tries, ms (doubles)' })
      // Bounds against a broken or hostile publisher (issue 21); the defaults are several times the largest real table.
      .option('max-response-mb', {
        type: 'number',
        default: defaultLimits.maxResponseBytes / 1024 / 1024,
        coerce: wholeNumber(argv, 'max-response-mb', 1, 4_096, 'MiB'),
        describe: only === 'fetch' ? 'Largest answer taken, in MiB after decompression' : 'Largest workbook taken, in MiB after decompression',
      });
  const proxyNote =
    'Proxy: HTTPS_PROXY (and HTTP_PROXY for http:// addresses) is used for every request, e.g. HTTPS_PROXY=http://proxy.example:8080; NO_PROXY lists hosts to reach directly (comma-separated, e.g. localhost,.intranet). Lowercase names work too.';

  const fetch: Command = {
    command: 'fetch',
    describe: 'Fetch the newest tables from CBS, DUO and PDOK into the data directory',
    builder: (y: Argv) =>
      httpOptions(
        y
          .option('only', { choices: ['cbs', 'duo', 'pdok'] as const, describe: 'One publisher only' })
          .option('year', { type: 'number', describe: 'Only the tables of this year' })
          .option('dry-run', { type: 'boolean', default: false, describe: 'List what would be fetched, fetch nothing' })
          .option('missing', { type: 'boolean', default: false, describe: 'Only the tables the directory lacks or whose last fetch failed (after a partial fetch)' })
          .option('base-url', { type: 'string', describe: 'One server for all publishers (<url>/cbs, /duo, /duo-files, /pdok, /locatieserver), for tests and mirrors' })
          .option('base-url-cbs', { type: 'string', describe: 'CBS OData server', defaultDescription: 'https://opendata.cbs.nl' })
          .option('base-url-duo', { type: 'string', describe: 'DUO CKAN server', defaultDescription: 'https://onderwijsdata.duo.nl' })
          .option('base-url-duo-files', { type: 'string', describe: "Where DUO's per-year files are", defaultDescription: 'https://duo.nl/open_onderwijsdata/images' })
          .option('base-url-pdok', { type: 'string', describe: 'PDOK server', defaultDescription: 'https://service.pdok.nl' })
          .option('base-url-locatieserver', { type: 'string', describe: 'PDOK Locatieserver (geocodes school addresses)', defaultDescription: 'https://api.pdok.nl/bzk/locatieserver/search/v3_1' }),
        'fetch',
      )
        .option('max-pages', { type: 'number', default: defaultLimits.maxPages, coerce: wholeNumber(argv, 'max-pages', 1, 1_000_000, 'pages'), describe: 'Most pages of one table (OData next-links, WFS pages)' })
        .option('max-rows', { type: 'number', default: defaultLimits.maxRows, coerce: wholeNumber(argv, 'max-rows', 1, 1_000_000_000, 'rows'), describe: 'Most rows (or map features) of one table' })
        .option('max-vertices', { type: 'number', default: defaultLimits.maxVerticesPerFile, coerce: wholeNumber(argv, 'max-vertices', 1, 1_000_000_000, 'coordinates'), describe: 'Most coordinates of one map layer' })
        .option('max-vertices-per-feature', { type: 'number', default: defaultLimits.maxVerticesPerFeature, coerce: wholeNumber(argv, 'max-vertices-per-feature', 1, 1_000_000_000, 'coordinates'), describe: 'Most coordinates of one area' })
        .example('$0 data fetch', 'the tables into ~/.cache/contextkaart/data (or --data DIR)')
        .example('$0 data fetch --only cbs --year 2022 --dry-run', 'what would be fetched')
        .example('$0 data fetch --missing', 'after a partial fetch: ask again only for the tables that did not arrive')
        .epilog(
          [
            'Exit codes: 0 when every table arrived (complete); 5 when some did not (partial: the others are switched in, a failed table keeps its previous version or is absent, and the run says which and whether the directory can render); 3 when none arrived (the directory is left as it was); 6 when no publisher could be reached at all (offline, or a proxy is needed); 75 when another fetch holds the folder.',
            proxyNote,
          ].join('\n\n'),
        ),
    handler: async (raw: unknown) => {
      const args = raw as DataArgs;
      const say = log(args);
      if (args.year !== undefined && !Number.isInteger(args.year)) throw new ReportError(messages.fetchBadYear(String(args.year)), 'usage');
      const { runFetch } = await import('../../fetch/run-fetch.js');
      const bases: Partial<Bases> = {};
      if (args.baseUrl) Object.assign(bases, { cbs: `${args.baseUrl}/cbs`, duo: `${args.baseUrl}/duo`, duoFiles: `${args.baseUrl}/duo-files`, pdok: `${args.baseUrl}/pdok`, locatieserver: `${args.baseUrl}/locatieserver` });
      if (args.baseUrlCbs) bases.cbs = args.baseUrlCbs;
      if (args.baseUrlDuo) bases.duo = args.baseUrlDuo;
      if (args.baseUrlDuoFiles) bases.duoFiles = args.baseUrlDuoFiles;
      if (args.baseUrlPdok) bases.pdok = args.baseUrlPdok;
      if (args.baseUrlLocatieserver) bases.locatieserver = args.baseUrlLocatieserver;
      const tty = process.stderr.isTTY && !args.quiet && !process.env.CI;
      const result = await runFetch({
        dir: writeDir(args),
        only: args.only,
        year: args.year,
        dryRun: args.dryRun,
        missing: args.missing,
        bases,
        http: { timeoutMs: args.timeout, retries: args.retries, backoffMs: args.backoff, limits: limitsOf(args) },
        log: (s) => say(tty ? `\r\x1b[2K${s}` : s),
        tty: tty ? (s) => io.stderr(`\r\x1b[2K${s.slice(0, (process.stderr.columns || 100) - 1)}`) : undefined,
      });
      if (!args.dryRun && result.failed.length) {
        say(`! ${result.dir}: partial: ${result.fetched.length} table(s) fetched, ${result.reused.length} kept from the previous run, ${result.failed.length} did not arrive (above); datapackage.json written.`);
        return void setExit(ExitCode.partial);
      }
      if (!args.dryRun) say(`✓ ${result.dir}: ${result.fetched.length} table(s) fetched, ${result.reused.length} kept from the previous run; datapackage.json written. Render with --data ${result.dir} (the default when ../shared/data is absent).`);
      setExit(0);
    },
  };

  const importCommand: Command = {
    command: 'import [source]',
    describe: "Import a table published only as a workbook (.xlsx file or URL) into the data directory",
    builder: (y: Argv) =>
      httpOptions(y.positional('source', { type: 'string', describe: "The workbook (.xlsx file or URL) as the publisher published it" }), 'import')
        .example('$0 data import achterstandsscores-scholen-2019.xlsx', 'CBS achterstandsscores 2019 (Excel from cbs.nl) into the fetched directory')
        .epilog(proxyNote),
    handler: async (raw: unknown) => {
      const args = raw as DataArgs;
      const say = log(args);
      if (!args.source) throw new ReportError(messages.importNoSource(), 'usage');
      const { importWorkbook } = await import('../../fetch/import-workbook.js');
      const dir = writeDir(args);
      const result = await importWorkbook(dir, args.source, { timeoutMs: args.timeout ?? defaultHttp.timeoutMs, retries: args.retries ?? defaultHttp.retries, backoffMs: args.backoff ?? defaultHttp.backoffMs, limits: limitsOf(args) }, new Date(), say);
      for (const f of result.files) say(`✓ ${f.path}: ${f.rows.toLocaleString('en-GB')} rows`);
      say(`✓ ${dir}: imported from ${args.source}; datapackage.json updated.`);
      setExit(0);
    },
  };

  const status: Command = {
    command: 'status',
    describe: 'What the data directory holds: each table, year, source, date fetched, checksum',
    builder: (y: Argv) =>
      y
        .option('json', { type: 'boolean', default: false, describe: 'The directory as JSON on stdout: {dir, describedBy, tables: [{path, year, publisher, tableId, fetchedAt, sha256, bytes, present}]}' })
        .example('$0 data status --data ../shared/data', 'each table, year, source, date fetched, checksum'),
    handler: async (raw: unknown) => {
      const args = raw as DataArgs;
      const { dataStatus } = await import('../../fetch/inspect.js');
      // The table goes to stderr as a log either way; --json adds the structure on stdout.
      await dataStatus(args.data, log(args));
      if (args.json) {
        const { describeDirectory } = await import('../../fetch/datapackage.js');
        const { pkg, from } = await describeDirectory(args.data);
        const tables = pkg.resources.map((r) => ({
          path: r.path,
          year: r.year || null,
          publisher: r.publisher ?? null,
          tableId: r.tableId || null,
          fetchedAt: r.fetchedAt ?? null,
          sha256: r.hash ? String(r.hash).replace('sha256:', '') : null,
          bytes: r.bytes ?? null,
          present: Boolean(r.hash),
        }));
        io.stdout(`${JSON.stringify({ dir: args.data, describedBy: from, tables, failedLastRun: pkg.failedLastRun ?? [] }, null, 2)}\n`);
      }
    },
  };

  const check: Command = {
    command: 'check',
    describe: 'Validate the data directory: files, columns, codes, years and plausible values (exit 3 with the fix)',
    builder: (y: Argv) => y.example('$0 data check', 'validate files, columns, codes and years (exit 3 with the fix)'),
    handler: async (raw: unknown) => {
      const args = raw as DataArgs;
      const { dataCheck } = await import('../../fetch/inspect.js');
      await dataCheck(args.data, log(args));
    },
  };

  const pack: Command = {
    command: 'pack',
    describe: 'The fetched directory as one verified .zip, for a machine without internet',
    builder: (y: Argv) =>
      y
        .option('output', { alias: 'o', type: 'string', coerce: valueRequired('output', 'the .zip to write', 'o'), describe: 'The bundle to write', defaultDescription: './contextkaart-data-<date>.zip' })
        .example('$0 data pack -o data.zip', 'with internet: the fetched directory, every sha256 checked, as one .zip to hand over')
        .epilog(
          'data pack checks every file of the fetched directory (or --data DIR) against its datapackage.json (sha256 and size; a file not described, missing or changed is an error naming it, exit 3) and writes one .zip atomically.',
        ),
    handler: async (raw: unknown) => {
      const args = raw as DataArgs;
      const say = log(args);
      const { packData } = await import('../../fetch/pack.js');
      const r = await packData(writeDir(args), args.output, { log: say });
      say(messages.packWritten(r.file, r.bytes, r.files, r.fetched));
      setExit(0);
    },
  };

  const unpack: Command = {
    command: 'unpack [source]',
    describe: 'A bundle data pack wrote, checked and switched in like a fetch',
    builder: (y: Argv) =>
      y
        .positional('source', { type: 'string', describe: 'The bundle (.zip) data pack wrote' })
        .example('$0 data unpack data.zip', 'without internet: every sha256 and plausibility rule checked, then switched in like a fetch')
        .epilog(
          'data unpack BUNDLE refuses entries with "..", absolute paths, backslashes, symbolic links and files its datapackage.json does not describe, checks every sha256 and size and the plausibility rules of data check, then switches the files in like a fetch (same lock, same journalled switch); a bundle that fails any check changes nothing and names the file and why (exit 3).',
        ),
    handler: async (raw: unknown) => {
      const args = raw as DataArgs;
      const say = log(args);
      if (!args.source) throw new ReportError(messages.unpackNoBundle(), 'usage');
      const { unpackData } = await import('../../fetch/pack.js');
      const r = await unpackData(args.source, writeDir(args), { log: say });
      say(messages.unpackDone(args.source, r.dir, r.files, r.fetched));
      setExit(0);
    },
  };

  return [fetch, importCommand, status, check, pack, unpack];
}
