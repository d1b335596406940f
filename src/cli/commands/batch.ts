/** `batch`: the standard contextkaart of many gemeenten (or many region configs) with one browser. */
import type { CliCommand, GlobalArgs, Io } from '../command.js';
import type { Edition } from '../../config/schema.js';
import type { Dataset } from '../../data/load-dataset.js';
import type { BatchJob } from '../../pipeline/render-batch.js';
import { availableParallelism } from 'node:os';
import { ExitCode, ReportError } from '../../util/errors.js';
import { escapeControlChars } from '../../util/escape.js';
import { messages } from '../../util/messages.js';
import { editionOption, jsonOption, numberInRange, valueRequired } from '../options.js';

interface BatchArgs extends GlobalArgs {
  gemeenten: string;
  output: string;
  concurrency: number;
  shard?: string;
  force: boolean;
  timeout: number;
  json: boolean;
  edition?: Edition;
}

/** More pages at once than this only queue in one browser. */
const MAX_CONCURRENCY = 64;

export function defaultConcurrency(): number {
  return Math.max(1, Math.min(8, availableParallelism()));
}

export const batchCommand: CliCommand = ({ io, argv, setExit }) => ({
  command: 'batch',
  describe: 'Render the standard contextkaart of many gemeenten (or many region configs) with one browser',
  builder: (y) =>
    y
      .option('gemeenten', {
        alias: 'g',
        type: 'string',
        demandOption: true,
        coerce: valueRequired('gemeenten', '"all", "gka", a list file or comma-separated codes or names', 'g'),
        describe: '"all" (342), "gka" (the GKA list in the data directory), a file with one code, name or .yaml per line, or a comma-separated list',
      })
      .option('output', { alias: 'o', type: 'string', demandOption: true, coerce: valueRequired('output', 'the output folder', 'o'), describe: 'Output folder: <id>.pdf per region and manifest.json' })
      .option('concurrency', {
        alias: 'c',
        type: 'number',
        default: defaultConcurrency(),
        coerce: numberInRange(argv, 'concurrency', 1, MAX_CONCURRENCY, 'pages', { alias: 'c' }),
        defaultDescription: 'the number of cores',
        describe: 'Pages printed at once',
      })
      .option('shard', { type: 'string', coerce: valueRequired('shard', 'k/n, e.g. --shard 3/8'), describe: 'k/n: render only the k-th of n equal parts (k from 1; e.g. JOB_COMPLETION_INDEX + 1)' })
      .option('force', { type: 'boolean', default: false, describe: 'Render every region again, even when its PDF is up to date' })
      .option('timeout', { type: 'number', default: 60_000, coerce: numberInRange(argv, 'timeout', 1_000, 86_400_000, 'milliseconds'), describe: 'ms for one page; a page past it is closed and the region retried once' })
      .option('json', jsonOption('NDJSON on stdout: one line per region and a summary'))
      .option('edition', editionOption)
      .example('$0 batch --gemeenten all -o out/alle-gemeenten/', 'all 342 gemeenten')
      .example('$0 batch --gemeenten gka -o out/gka/', 'the GKA gemeenten')
      .example('$0 batch --gemeenten GM0363,GM0599 --concurrency 2 -o out/x/', 'a list')
      .example('$0 batch --gemeenten all --shard 3/8 -o out/x/', 'one eighth, for a job runner'),
  handler: async (a) => setExit(await batch(a as unknown as BatchArgs, io)),
});

async function batch(args: BatchArgs, io: Io): Promise<number> {
  const { join, resolve } = await import('node:path');
  const { parseShard, shardOf } = await import('../../pipeline/region-sets.js');
  const { renderBatch } = await import('../../pipeline/render-batch.js');
  const { toolInputsHash } = await import('../../pipeline/inputs-hash.js');
  const { MANIFEST_FILE } = await import('../../pipeline/manifest.js');
  const { getDataset } = await import('../../pipeline/render-region.js');
  const { BrowserSession } = await import('../../print/browser-session.js');
  const { displayPath } = await import('../../config/load.js');
  const { defaultTemplatesDir, projectRoot, toolVersion } = await import('../../paths.js');
  const { createProgress, progressMode } = await import('../progress.js');
  const shard = args.shard ? parseShard(args.shard) : undefined;
  const dataset = await getDataset(args.data);
  const jobs = await batchJobs(args.gemeenten, dataset);
  const mode = progressMode({ json: args.json, quiet: args.quiet });
  for (const w of jobs.warnings) if (mode !== 'quiet') io.stderr(`note: ${w}\n`);
  const mine = shardOf(jobs.jobs, shard);
  const outDir = resolve(args.output);
  const progress = createProgress({ mode, stderr: io.stderr, stdout: io.stdout });
  await using session = new BrowserSession({ executablePath: args.browser, timeout: args.timeout });
  const summary = await renderBatch({
    jobs: mine,
    outDir,
    dataset,
    session,
    toolHash: toolInputsHash(projectRoot, toolVersion, defaultTemplatesDir),
    edition: args.edition,
    concurrency: args.concurrency,
    force: args.force,
    set: jobs.description,
    shard: args.shard ?? null,
    onEvent: progress.onEvent,
    log: (line) => mode !== 'quiet' && io.stderr(`${escapeControlChars(line)}\n`),
  });
  progress.finish(summary, displayPath(join(outDir, MANIFEST_FILE)));
  return summary.failed ? ExitCode.regionFailed : ExitCode.ok;
}

/** The set as jobs: gemeenten by code, and region configs (.yaml) by their id. */
async function batchJobs(spec: string, dataset: Dataset): Promise<{ jobs: BatchJob[]; description: string; warnings: string[] }> {
  const { resolveRegionSet } = await import('../../pipeline/region-sets.js');
  const set = resolveRegionSet(spec, dataset);
  // In the order given; region-sets has kept each gemeente and config once (with a warning).
  const jobs: BatchJob[] = await Promise.all(
    set.members.map(async (m) => {
      if (m.kind === 'gemeente') return { arg: m.gemeente.code, key: m.gemeente.code, name: m.gemeente.name };
      const id = await configId(m.path);
      return { arg: m.path, key: id, name: id };
    }),
  );
  // Two different config files with the same id would write one PDF: region-sets does not read ids.
  const keys = new Set<string>();
  for (const j of jobs) {
    if (keys.has(j.key)) throw new ReportError(messages.duplicateInSet(j.key), 'usage');
    keys.add(j.key);
  }
  return { jobs, description: set.description, warnings: set.warnings };
}

/** The id of a region config, read without validating (validation happens when it renders). */
async function configId(path: string): Promise<string> {
  const { readFileSync, statSync } = await import('node:fs');
  const { basename } = await import('node:path');
  const { parse } = await import('yaml');
  const { MAX_CONFIG_BYTES } = await import('../../config/load.js');
  const { shown } = await import('../../util/escape.js');
  try {
    if (statSync(path).size > MAX_CONFIG_BYTES) throw new Error('too large to be a config');
    const id = (parse(readFileSync(path, 'utf8')) as { id?: unknown })?.id;
    if (typeof id === 'string' && /^[a-z0-9][a-z0-9-]*$/.test(id)) return id;
  } catch {
    // fall back to the file name
  }
  return shown(basename(path).replace(/\.ya?ml$/i, ''));
}
