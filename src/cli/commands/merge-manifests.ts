/** `merge-manifests <manifests..>`: the manifest.json files of shards as one. */
import type { CliCommand, GlobalArgs, Io } from '../command.js';
import { ExitCode } from '../../util/errors.js';
import { hideGlobals, jsonLine, jsonOption, valueRequired } from '../options.js';

interface MergeArgs extends GlobalArgs {
  manifests: string[];
  output: string;
  json: boolean;
}

export const mergeManifestsCommand: CliCommand = ({ io, setExit }) => ({
  command: 'merge-manifests <manifests..>',
  describe: 'Merge the manifest.json files of shards into one',
  builder: (y) =>
    hideGlobals(y, ['browser', 'allow-outside-files'])
      .positional('manifests', { type: 'string', array: true, demandOption: true, describe: 'manifest.json files' })
      .option('output', { alias: 'o', type: 'string', demandOption: true, coerce: valueRequired('output', 'the merged manifest.json', 'o'), describe: 'The merged manifest (file paths are made relative to it)' })
      .option('json', jsonOption('The result on stdout: {manifest, manifests, regions, failed}'))
      .example('$0 merge-manifests out/shard-*/manifest.json -o out/manifest.json', 'after a sharded run'),
  handler: async (a) => setExit(await merge(a as unknown as MergeArgs, io)),
});

async function merge(args: MergeArgs, io: Io): Promise<number> {
  const { dirname, join, relative, resolve } = await import('node:path');
  const { mkdir } = await import('node:fs/promises');
  const { mergeManifests } = await import('../../pipeline/manifest.js');
  const { lockFolder } = await import('../../util/folder-lock.js');
  const { writeFileAtomic } = await import('../../util/write-atomic.js');
  const { displayPath } = await import('../../config/load.js');
  const out = resolve(args.output);
  await mkdir(dirname(out), { recursive: true });
  // The merged manifest is what a send of that folder reads: not while a batch or send works there.
  await using _lock = await lockFolder(dirname(out), { command: 'contextkaart merge-manifests' });
  const merged = mergeManifests(
    args.manifests.map((m) => resolve(m)),
    (manifestPath, file) => relative(dirname(out), join(dirname(manifestPath), file)),
  );
  await writeFileAtomic(out, `${JSON.stringify(merged, null, 2)}\n`);
  const failed = merged.reports.filter((r) => r.status === 'failed').length;
  if (args.json) jsonLine(io.stdout, { manifest: out, manifests: args.manifests.length, regions: merged.reports.length, failed });
  if (!args.quiet) io.stderr(`merged ${args.manifests.length} manifest${args.manifests.length === 1 ? '' : 's'}: ${merged.reports.length} region${merged.reports.length === 1 ? '' : 's'}, ${failed} failed → ${displayPath(out)}\n`);
  return failed ? ExitCode.regionFailed : ExitCode.ok;
}
