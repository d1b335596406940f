/**
 * RegionConfig → ResolvedRegionConfig: defaults filled, files next to the config
 * read (Markdown texts, logo, extra data paths made absolute). No dataset needed.
 */
import { readFile } from 'node:fs/promises';
import { dirname, extname } from 'node:path';
import { ReportError } from '../util/errors.js';
import { messages } from '../util/messages.js';
import { MAX_TEXT_FILE_BYTES, outsideFilesAllowed, resolveConfigFile } from './files.js';
import type { LoadedConfig } from './load.js';
import { checkLogo, MAX_LOGO_BYTES } from './logo.js';
import type { Edition, ExtraIndicatorConfig, RegionConfig, SectionConfig } from './schema.js';

export interface ResolvedSection extends Omit<SectionConfig, 'textFile'> {
  /** Markdown from `text` or `textFile`. */
  markdown?: string;
  /** Field path in the config, for error messages. */
  configPath: (string | number)[];
}

export interface ResolvedRegionConfig extends Omit<RegionConfig, 'sections' | 'extraData' | 'introFile'> {
  sections?: ResolvedSection[];
  /** The introduction, Markdown from `intro` and `introFile`. */
  introMarkdown?: string;
  extraData: { file: string; displayFile: string; indicators: ExtraIndicatorConfig[] }[];
  logo?: { dataUri: string };
  source: LoadedConfig;
}

const logoTypes: Record<string, string> = { '.svg': 'image/svg+xml', '.png': 'image/png', '.jpg': 'image/jpeg', '.jpeg': 'image/jpeg' };

export interface ResolveOptions {
  allowOutsideFiles?: boolean;
  /** The edition asked on the command line; wins over the config's `edition`. */
  edition?: Edition;
}

/** The file as read for a config: a field path string ("sections[2].textFile") as a path of keys. */
function fieldPath(field: string): (string | number)[] {
  return field.split(/[.[\]]+/).filter(Boolean).map((p) => (/^\d+$/.test(p) ? Number(p) : p));
}

/**
 * Reads the files a config names, each through resolveConfigFile (inside the config's folder, a
 * regular file, within its size limit); every problem is a ReportError naming file:line and field.
 * Used by resolveRegionConfig and by `validate`, which reads them all before any data.
 */
export function configFileReader(source: Pick<LoadedConfig, 'file' | 'displayFile' | 'lineOf'>, allowOutside: boolean) {
  const base = dirname(source.file);
  const whereOf = (field: string) => {
    const line = source.lineOf(fieldPath(field));
    return `${source.displayFile}${line ? `:${line}` : ''}`;
  };
  const locate = (field: string, path: string, maxBytes?: number) => resolveConfigFile({ configDir: base, where: whereOf(field), field, path }, { maxBytes, allowOutside });
  // A Markdown text goes into the report as it is: binary or non-UTF-8 bytes would print as garbage.
  const readText = async (field: string, path: string): Promise<string> => {
    const bytes = await readFile((await locate(field, path, MAX_TEXT_FILE_BYTES)).path);
    const notText = (problem: string) => new ReportError(messages.textFileNotText(whereOf(field), field, path, problem), 'config');
    if (bytes.includes(0)) throw notText('it holds NUL bytes (a binary file)');
    try {
      return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    } catch {
      throw notText('its bytes are not UTF-8 (perhaps Latin-1 or Windows-1252)');
    }
  };
  const readLogo = async (path: string): Promise<{ dataUri: string }> => {
    const extension = extname(path).toLowerCase();
    const where = whereOf('client.logo');
    if (!logoTypes[extension]) throw new ReportError(messages.logoUnsupported(where, path), 'config');
    const found = await locate('client.logo', path);
    if (found.bytes > MAX_LOGO_BYTES) throw new ReportError(messages.logoTooLarge(where, path, found.bytes, MAX_LOGO_BYTES), 'config');
    const bytes = await readFile(found.path);
    // The type comes from the bytes, not the name: a PNG named .jpg is shown as the PNG it is.
    const { mime } = checkLogo(bytes, where, path, extension);
    return { dataUri: `data:${mime};base64,${bytes.toString('base64')}` };
  };
  return { locate, readText, readLogo };
}

export async function resolveRegionConfig(loaded: LoadedConfig, options: ResolveOptions = {}): Promise<ResolvedRegionConfig> {
  const { config } = loaded;
  const allowOutside = options.allowOutsideFiles ?? outsideFilesAllowed();
  const { locate, readText, readLogo } = configFileReader(loaded, allowOutside);
  const logo: ResolvedRegionConfig['logo'] = config.client?.logo ? await readLogo(config.client.logo) : undefined;

  let sections: ResolvedSection[] | undefined;
  if (config.sections) {
    sections = [];
    for (const [i, s] of config.sections.entries()) {
      const { textFile, ...rest } = s;
      let markdown = s.text;
      if (textFile) markdown = [markdown, await readText(`sections[${i}].textFile`, textFile)].filter(Boolean).join('\n\n');
      sections.push({ ...rest, markdown, configPath: ['sections', i] });
    }
  }

  const introMarkdown = [config.intro, config.introFile ? await readText('introFile', config.introFile) : undefined].filter((t) => t?.trim()).join('\n\n') || undefined;

  const extraData: ResolvedRegionConfig['extraData'] = [];
  for (const [i, e] of config.extraData.entries()) {
    const found = await locate(`extraData[${i}].file`, e.file);
    extraData.push({ file: found.path, displayFile: e.file, indicators: e.indicators });
  }

  const { sections: _s, extraData: _e, introFile: _i, ...rest } = config;
  return { ...rest, edition: options.edition ?? config.edition, sections, extraData, logo, introMarkdown, source: loaded };
}

/** The config of the standard contextkaart of one gemeente, for `render GM0796`. */
export function defaultConfigFor(code: string, name: string): RegionConfig {
  return {
    id: code.toLowerCase(),
    title: 'Contextkaart kansengelijkheid',
    edition: 'kort',
    brand: { primary: '#1d5c96', secondary: '#8a9bb0' },
    area: { gemeente: code, name },
    maps: { schools: false },
    comparisons: { province: true, similar: true },
    kernpuntenMode: 'follow',
    interpretation: { computed: true, exclude: [] },
    extraData: [],
  };
}
