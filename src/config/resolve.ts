/**
 * RegionConfig → ResolvedRegionConfig: defaults filled, files next to the config
 * read (Markdown texts, logo, extra data paths made absolute). No dataset needed.
 */
import { readFile } from 'node:fs/promises';
import { dirname, extname, resolve } from 'node:path';
import { ReportError } from '../errors.js';
import { messages } from '../messages.js';
import type { LoadedConfig } from './load.js';
import type { ExtraIndicatorConfig, RegionConfig, SectionConfig } from './schema.js';

export interface ResolvedSection extends Omit<SectionConfig, 'textFile'> {
  /** Markdown from `text` or `textFile`. */
  markdown?: string;
  /** Field path in the config, for error messages. */
  configPath: (string | number)[];
}

export interface ResolvedRegionConfig extends Omit<RegionConfig, 'sections' | 'extraData'> {
  sections?: ResolvedSection[];
  extraData: { file: string; displayFile: string; indicators: ExtraIndicatorConfig[] }[];
  logo?: { dataUri: string };
  source: LoadedConfig;
}

const logoTypes: Record<string, string> = { '.svg': 'image/svg+xml', '.png': 'image/png', '.jpg': 'image/jpeg', '.jpeg': 'image/jpeg' };

export async function resolveRegionConfig(loaded: LoadedConfig): Promise<ResolvedRegionConfig> {
  const { config, file, displayFile } = loaded;
  const base = dirname(file);
  const readRelative = async (field: string, path: string): Promise<Buffer> => {
    try {
      return await readFile(resolve(base, path));
    } catch (cause) {
      const line = loaded.lineOf(field.split(/[.[\]]+/).filter(Boolean).map((p) => (/^\d+$/.test(p) ? Number(p) : p)));
      throw new ReportError(messages.fileNotFound(`${displayFile}${line ? `:${line}` : ''}`, field, path), 'config', { cause });
    }
  };

  let logo: ResolvedRegionConfig['logo'];
  if (config.client?.logo) {
    const type = logoTypes[extname(config.client.logo).toLowerCase()];
    if (!type) throw new ReportError(messages.logoUnsupported(displayFile, config.client.logo), 'config');
    const bytes = await readRelative('client.logo', config.client.logo);
    logo = { dataUri: `data:${type};base64,${bytes.toString('base64')}` };
  }

  let sections: ResolvedSection[] | undefined;
  if (config.sections) {
    sections = [];
    for (const [i, s] of config.sections.entries()) {
      const { textFile, ...rest } = s;
      let markdown = s.text;
      if (textFile) markdown = [markdown, (await readRelative(`sections[${i}].textFile`, textFile)).toString('utf8')].filter(Boolean).join('\n\n');
      sections.push({ ...rest, markdown, configPath: ['sections', i] });
    }
  }

  const extraData = config.extraData.map((e, i) => {
    const abs = resolve(base, e.file);
    return { file: abs, displayFile: e.file, indicators: e.indicators, configPath: ['extraData', i, 'file'] };
  });

  const { sections: _s, extraData: _e, ...rest } = config;
  return { ...rest, sections, extraData, logo, source: loaded };
}

/** The config of the standard contextkaart of one gemeente, for `render GM0796`. */
export function defaultConfigFor(code: string, name: string): RegionConfig {
  return {
    id: code.toLowerCase(),
    title: 'Contextkaart kansengelijkheid',
    brand: { primary: '#1d5c96', secondary: '#8a9bb0' },
    area: { gemeente: code, name },
    maps: { schools: false },
    comparisons: { province: true, similar: true },
    kernpuntenMode: 'follow',
    interpretation: { computed: true, exclude: [] },
    extraData: [],
  };
}
