/**
 * `init [folder]`: a starter region config (commented, with the schema line for editor completion),
 * an example introduction and an example extra-data CSV, from templates/init/. It validates and
 * renders as written; the CSV holds the region's codes with empty values (no invented figure).
 * Existing files are never overwritten without --force.
 */
import type { CliCommand, GlobalArgs } from '../command.js';
import { ReportError } from '../../util/errors.js';
import { escapeControlChars } from '../../util/escape.js';
import { hideGlobals, valueRequired } from '../options.js';

interface InitArgs extends GlobalArgs {
  folder: string;
  gemeenten?: string;
  name?: string;
  client?: string;
  force: boolean;
}

/** The files init writes: name in the folder ← template in templates/init/. */
export const INIT_FILES = { config: 'regio.yaml', intro: 'inleiding.md', extraData: 'eigen-cijfers.csv' } as const;

/** Without --gemeenten: the gemeente of the README's examples. */
const DEFAULT_GEMEENTE = 'GM0796';

export const initCommand: CliCommand = ({ io }) => ({
  command: 'init [folder]',
  describe: 'Start a region config: a commented regio.yaml, an example text and an example extra-data CSV',
  builder: (y) =>
    hideGlobals(y, ['browser', 'allow-outside-files'])
      .positional('folder', { type: 'string', default: '.', describe: 'Folder to write in (made when absent)' })
      .option('gemeenten', { alias: 'g', type: 'string', coerce: valueRequired('gemeenten', 'gemeente codes or names, comma-separated', 'g'), describe: 'The area: gemeente codes or names, comma-separated', defaultDescription: `${DEFAULT_GEMEENTE} ('s-Hertogenbosch)` })
      .option('name', { type: 'string', coerce: valueRequired('name', 'the name of the area on the cover'), describe: 'Name of the area on the cover (for several gemeenten)', defaultDescription: 'the gemeenten\'s names' })
      .option('client', { type: 'string', default: 'Opdrachtgever', describe: 'Client organisation, printed on the cover' })
      .option('force', { type: 'boolean', default: false, describe: 'Overwrite files that already exist' })
      .example('$0 init zeeuws-vlaanderen --gemeenten Hulst,Sluis,Terneuzen', 'a region of three gemeenten')
      .example('$0 init mijn-gemeente -g Utrecht', 'one gemeente'),
  handler: async (a) => {
    const args = a as unknown as InitArgs;
    const { existsSync } = await import('node:fs');
    const { readFile, mkdir } = await import('node:fs/promises');
    const { basename, join, relative, resolve, sep } = await import('node:path');
    const { defaultTemplatesDir, projectRoot } = await import('../../paths.js');
    const { writeFileAtomic } = await import('../../util/write-atomic.js');
    const { messages } = await import('../../util/messages.js');
    const { displayPath } = await import('../../config/load.js');
    const { readGemeenteList } = await import('../../data/reference-data.js');
    const { gemeenteNotFound, lookupGemeente } = await import('../../data/gemeente-names.js');

    const folder = resolve(args.folder);
    const targets = Object.values(INIT_FILES).map((f) => join(folder, f));
    const existing = targets.filter((t) => existsSync(t));
    if (existing.length && !args.force) throw new ReportError(messages.initExists(existing.map(displayPath)), 'usage');

    // The area, each gemeente checked against the gemeente list (did you mean…).
    const asked = (args.gemeenten ?? DEFAULT_GEMEENTE).split(',').map((s) => s.trim()).filter(Boolean);
    if (asked.length === 0) throw new ReportError(messages.emptyRegionSet('--gemeenten'), 'usage');
    const { gemeenten } = await readGemeenteList(args.data);
    const found = asked.map((q) => {
      const g = lookupGemeente(gemeenten, q);
      // Typed on the command line: a bad command line (exit 2), as in batch.
      if (!g) throw new ReportError(gemeenteNotFound(gemeenten, q), 'usage');
      return g;
    });
    const unique = [...new Map(found.map((g) => [g.code, g])).values()];
    const names = unique.map((g) => g.name);
    const areaName = args.name ?? (names.length === 1 ? names[0] : `${names.slice(0, -1).join(', ')} en ${names[names.length - 1]}`);
    const yamlString = (s: string) => JSON.stringify(s);
    const commented = (value: string, comment: string) => `${value.padEnd(38)} # ${comment}`;
    const area =
      unique.length === 1
        ? commented(`  gemeente: ${unique[0].code}`, `${names[0]} (\`contextkaart gemeenten\` lists codes and names)`)
        : `${commented(`  gemeenten: [${unique.map((g) => g.code).join(', ')}]`, names.join(', '))}\n${commented(`  name: ${yamlString(areaName)}`, "the area's name on the cover")}`;
    const id =
      basename(folder)
        .normalize('NFD')
        .replace(/[\u0300-\u036f]/g, '')
        .toLowerCase()
        .replace(/[^a-z0-9]+/g, '-')
        .replace(/^-+|-+$/g, '') || 'mijn-regio';

    // The schema the package ships, relative to the config, for the editor's completion.
    const schemaPath = relative(folder, join(projectRoot, 'regions', 'region.schema.json')).split(sep).join('/');
    const configShown = displayPath(join(folder, INIT_FILES.config));
    // Tokens replaced; a line's trailing comment stays in its column when the value fits.
    const fill = (text: string, values: Record<string, string>) =>
      text
        .split('\n')
        .map((line) => {
          const filled = line.replace(/\{\{(\w+)\}\}/g, (m, k: string) => values[k] ?? m);
          const comment = /^(\s*[^#\s][^#]*?)\s+(# .*)$/.exec(line);
          if (!comment || filled === line || filled.includes('\n')) return filled;
          const head = /^(\s*[^#\s][^#]*?)\s+(# .*)$/.exec(filled);
          return head ? `${head[1].padEnd(line.indexOf('# ') - 1)} ${head[2]}` : filled;
        })
        .join('\n');
    const values: Record<string, string> = {
      schema: schemaPath.startsWith('.') ? schemaPath : `./${schemaPath}`,
      config: /^[\w./-]+$/.test(configShown) ? configShown : yamlString(configShown),
      id: /^[a-z0-9]/.test(id) ? id : `regio-${id}`,
      client: yamlString(args.client ?? 'Opdrachtgever'),
      source: yamlString(`${args.client ?? 'Opdrachtgever'}, vve-monitor`),
      area,
      name: areaName,
      // One row per gemeente of the area, the value left empty: fill in your own figures.
      rows: unique.map((g) => g.code).map((code) => `${code},vve_bereik,2024,,,`).join('\n'),
    };
    const template = (f: string) => readFile(join(defaultTemplatesDir, 'init', f), 'utf8');
    await mkdir(folder, { recursive: true });
    for (const file of Object.values(INIT_FILES)) await writeFileAtomic(join(folder, file), fill(await template(file), values));
    if (!args.quiet) {
      io.stderr(escapeControlChars(`✓ wrote ${targets.map(displayPath).join(', ')}${existing.length ? ` (overwrote ${existing.map(displayPath).join(', ')})` : ''}\n`));
      io.stderr(escapeControlChars(`Next: edit ${configShown}, then \`contextkaart validate ${values.config}\` and \`contextkaart render ${values.config}\`.\n`));
    }
  },
});
