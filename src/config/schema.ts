/**
 * The region config: single source of its TypeScript types and of the JSON
 * Schema in regions/region.schema.json (npm run schema).
 */
import { z } from 'zod';
import { domains } from '../domains.js';

const hexColour = z
  .string()
  .regex(/^#[0-9a-fA-F]{6}$/, { message: 'must be a colour like "#1f5fa8"' })
  .describe('Colour as #rrggbb.');

/** The two editions of a report: the short one a meeting reads, and the full one. */
export const editions = ['kort', 'volledig'] as const;
export type Edition = (typeof editions)[number];

const units = ['percent', 'count', 'km', 'euro-k', 'per-1000', 'per-km2', 'score'] as const;

export const ExtraIndicator = z
  .strictObject({
    id: z.string().regex(/^[a-z][a-z0-9_]*$/, { message: 'must be lower-case letters, digits and _ (e.g. vve_bereik)' }).describe('Indicator id as used in the data file.'),
    label: z.string().min(1).describe('Short Dutch label.'),
    subject: z
      .string()
      .regex(/^(de|het) /, { message: 'must start with "de" or "het", e.g. "het aantal thuiszitters per 1.000 leerplichtigen"' })
      .optional()
      .describe('The measure as the subject of a sentence, with its article: "het aandeel peuters met vve". Default: made from the label and unit.'),
    base: z.string().optional().describe('What a rate per 1.000 is per ("leerplichtigen"); default: taken from a label like "… per 1.000 leerplichtigen", else "inwoners".'),
    definition: z.string().default('').describe('What the figure measures, in Dutch.'),
    domain: z.enum(domains).describe('Section the indicator belongs to.'),
    unit: z.enum(units).describe('Unit of the value.'),
    decimals: z.number().int().min(0).max(3).default(1).describe('Decimals shown.'),
    higherIsBetter: z.boolean().nullable().default(null).describe('true/false, or null when neutral.'),
    source: z.string().min(1).describe('Citation shown under the figure, e.g. "Gemeente X, vve-monitor 2024".'),
    chart: z.boolean().default(true).describe('Also draw a comparison chart (else only in the table).'),
  })
  .describe('An indicator of the client\'s own, with values in an extra data file.');

export const ExtraData = z
  .strictObject({
    file: z.string().describe('CSV in long format: code,indicator,year,value[,numerator,denominator]. Relative to this config.'),
    indicators: z.array(ExtraIndicator).min(1).describe('The indicators in the file.'),
  })
  .describe('A data file of the client\'s own.');

export const Section = z
  .strictObject({
    domain: z.enum(domains).describe('Domain of the section.'),
    title: z.string().optional().describe('Heading; defaults to the domain title.'),
    figures: z.array(z.string()).optional().describe('Figure ids in order; defaults to the standard figures of the domain.'),
    indicators: z.array(z.string()).optional().describe('Indicator ids for the table of the section; defaults to the standard set.'),
    text: z.string().optional().describe('Interpretation text (Markdown), printed before the figures.'),
    textMode: z
      .enum(['follow', 'replace'])
      .default('follow')
      .describe('follow: your text follows the computed sentences; replace: your text replaces them.'),
    indicatorTexts: z
      .record(z.string(), z.string())
      .optional()
      .describe('Your own text (Markdown) per indicator id, replacing its computed sentence; an empty text removes it.'),
    textFile: z.string().optional().describe('Markdown file with the interpretation text, relative to this config.'),
  })
  .describe('One section of the report.');

export const Area = z
  .strictObject({
    gemeente: z.string().optional().describe('One gemeente: CBS code (GM0796) or name.'),
    gemeenten: z.array(z.string()).min(1).optional().describe('Several gemeenten (codes or names), e.g. a samenwerkingsverband.'),
    wijken: z.array(z.string()).min(1).optional().describe('Several wijken (WK codes) of one or more gemeenten.'),
    name: z.string().optional().describe('Name of the area; required for gemeenten and wijken.'),
  })
  .superRefine((a, ctx) => {
    const kinds = [a.gemeente, a.gemeenten, a.wijken].filter((v) => v !== undefined).length;
    if (kinds !== 1) ctx.addIssue({ code: 'custom', message: 'give exactly one of gemeente, gemeenten or wijken' });
    if ((a.gemeenten || a.wijken) && !a.name) ctx.addIssue({ code: 'custom', path: ['name'], message: 'is required for an area of several gemeenten or wijken' });
  })
  .describe('The region the report is about.');

export const RegionConfig = z
  .strictObject({
    id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, { message: 'must be lower-case letters, digits and hyphens (e.g. regio-noord)' }).describe('Identifier; the default output is out/<id>.pdf.'),
    title: z.string().default('Contextkaart kansengelijkheid').describe('Title on the cover and in the running header of every page.'),
    subtitle: z.string().optional().describe('Subtitle on the cover (default: the years of the figures shown).'),
    coverLine: z.string().optional().describe('The line under the region name on the cover (default: what the report is and for whom).'),
    edition: z
      .enum(editions)
      .default('kort')
      .describe('kort: the short edition a meeting reads (at most about 14 pages: summary, kernpunten, per domain its most telling figures, the wijken, a short verantwoording); volledig: every figure, table and definition. The command line option --edition overrides it.'),
    intro: z.string().optional().describe('Your introduction (Markdown), on its own page after the cover.'),
    introFile: z.string().optional().describe('Markdown file with the introduction, relative to this config (follows intro when both are given).'),
    client: z
      .strictObject({
        name: z.string().describe('Client organisation, printed on the cover and as PDF author.'),
        logo: z.string().optional().describe('Logo file (SVG, PNG or JPEG), relative to this config.'),
      })
      .optional()
      .describe('Who the report is made for.'),
    brand: z
      .strictObject({
        primary: hexColour.default('#1d5c96').describe('Main brand colour: the region in charts, headings.'),
        secondary: hexColour.default('#8a9bb0').describe('Secondary colour.'),
      })
      .default({ primary: '#1d5c96', secondary: '#8a9bb0' })
      .describe('Brand colours.'),
    area: Area,
    maps: z
      .object({
        schools: z.boolean().default(false).describe('Draw the schools (DUO addresses of November 2024) as points on the wijk maps.'),
      })
      .strict()
      .default({ schools: false })
      .describe('Options for the wijk maps.'),
    comparisons: z
      .strictObject({
        province: z.boolean().default(true).describe('Compare with the province.'),
        similar: z.boolean().default(true).describe('Compare with similar gemeenten (computed from the data, or the list in peers).'),
        peers: z.array(z.string()).min(1).optional().describe('Your own list of similar gemeenten (codes or names), instead of the computed one.'),
      })
      .default({ province: true, similar: true })
      .describe('Comparison areas; Nederland is always shown.'),
    sections: z.array(Section).min(1).optional().describe('Sections in order; defaults to the standard contextkaart.'),
    kernpunten: z.string().optional().describe('Key findings text (Markdown) for the page after the cover.'),
    kernpuntenMode: z
      .enum(['follow', 'replace'])
      .default('follow')
      .describe('follow: your key findings follow the computed ones; replace: yours replace them.'),
    interpretation: z
      .strictObject({
        computed: z.boolean().default(true).describe('Print sentences computed from the data (key findings, per indicator, per wijk).'),
        exclude: z.array(z.string()).default([]).describe('Indicator ids whose computed sentences are left out, everywhere.'),
      })
      .default({ computed: true, exclude: [] })
      .describe('The interpretation computed from the data.'),
    extraData: z.array(ExtraData).default([]).describe('Data files of the client\'s own.'),
  })
  .describe('Region config of a contextkaart.');

export type RegionConfig = z.infer<typeof RegionConfig>;
export type RegionConfigInput = z.input<typeof RegionConfig>;
export type SectionConfig = z.infer<typeof Section>;
export type ExtraIndicatorConfig = z.infer<typeof ExtraIndicator>;
