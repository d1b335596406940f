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

export async function resolveRegionConfig(loaded: LoadedConfig, options: ResolveOptions = {}): Promise<ResolvedRegionConfig> {
  const { config, file, displayFile } = loaded;
  const base = dirname(file);
  const allowOutside = options.allowOutsideFiles ?? outsideFilesAllowed();
  // Every file the config names goes through resolveConfigFile: inside the config's folder, a regular file.
  const locate = (field: string, path: string, maxBytes?: number) => {
    const line = loaded.lineOf(field.split(/[.[\]]+/).filter(Boolean).map((p) => (/^\d+$/.test(p) ? Number(p) : p)));
    return resolveConfigFile({ configDir: base, where: `${displayFile}${line ? `:${line}` : ''}`, field, path }, { maxBytes, allowOutside });
  };
  // A Markdown text goes into the report as it is: binary or non-UTF-8 bytes would print as garbage.
  const readText = async (field: string, path: string): Promise<string> => {
    const bytes = await readFile((await locate(field, path, MAX_TEXT_FILE_BYTES)).path);
    const line = loaded.lineOf(field.split(/[.[\]]+/).filter(Boolean).map((p) => (/^\d+$/.test(p) ? Number(p) : p)));
    const notText = (problem: string) => new ReportError(messages.textFileNotText(`${displayFile}${line ? `:${line}` : ''}`, field, path, problem), 'config');
    if (bytes.includes(0)) throw notText('it holds NUL bytes (a binary file)');
    try {
      return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    } catch {
      throw notText('its bytes are not UTF-8 (perhaps Latin-1 or Windows-1252)');
    }
  };

  let logo: ResolvedRegionConfig['logo'];
  if (config.client?.logo) {
    const extension = extname(config.client.logo).toLowerCase();
    const line = loaded.lineOf(['client', 'logo']);
    const where = `${displayFile}${line ? `:${line}` : ''}`;
    if (!logoTypes[extension]) throw new ReportError(messages.logoUnsupported(where, config.client.logo), 'config');
    const found = await locate('client.logo', config.client.logo);
    if (found.bytes > MAX_LOGO_BYTES) throw new ReportError(messages.logoTooLarge(where, config.client.logo, found.bytes, MAX_LOGO_BYTES), 'config');
    const bytes = await readFile(found.path);
    // The type comes from the bytes, not the name: a PNG named .jpg is shown as the PNG it is.
    const { mime } = checkLogo(bytes, where, config.client.logo, extension);
    logo = { dataUri: `data:${mime};base64,${bytes.toString('base64')}` };
  }

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
