/**
 * DUO files, taken as published (re-encoded to UTF-8): the per-year files from DUO's
 * open-data pages (duo.nl/open_onderwijsdata/images/<file>.csv, downloaded so by public
 * code), and the current address registers from the CKAN datasets adressen_bo/adressen_vo,
 * written in the readers' layout. The file names and datasets are in the catalogue.
 */
import { parseCsv } from '../data/csv.js';
import { toCsv } from './csv-out.js';
import { ckanResource, downloadText, duoSeparator } from './duo-ckan.js';
import type { FetchContext, FetchedTable } from './types.js';

export const duoFileUrl = (duoFiles: string, name: string) => `${duoFiles}/${encodeURIComponent(name)}.csv`;

/** One of DUO's files by its name (without ".csv"); a 404 is "not (yet) published". */
export async function fetchDuoFile(ctx: FetchContext, name: string): Promise<FetchedTable> {
  const url = duoFileUrl(ctx.bases.duoFiles, name);
  ctx.progress(`${name}.csv`);
  return { text: await downloadText(url, ctx.http), urls: [url] };
}

/** DUO's current names of the register's identifiers and the names the reader knows (the 2020 files). */
const registerRenames: Record<string, string> = { INSTELLINGSCODE: 'BRIN NUMMER', VESTIGINGSCODE: 'VESTIGINGSNUMMER' };

/**
 * A register in the layout of DUO's 2020 files the reader knows: ';'-separated, BRIN NUMMER and
 * VESTIGINGSNUMMER. The current files are ','-separated with INSTELLINGSCODE and VESTIGINGSCODE
 * (the latter 6 characters in some releases and 2 in others: the reader takes both). Values are
 * kept as they are; the other columns keep DUO's names.
 */
export function toRegisterLayout(text: string): string {
  const rows = parseCsv(text, duoSeparator(text));
  if (!rows.length) return text;
  const header = rows[0].map((h) => h.trim()).map((h) => registerRenames[h] ?? h);
  return toCsv(header, rows.slice(1), ';');
}

/** The register of a CKAN dataset (the resource whose name or URL matches), in the reader's layout. */
export async function fetchDuoRegister(ctx: FetchContext, dataset: string, resource: RegExp): Promise<FetchedTable> {
  const { resource: r, packageUrl } = await ckanResource(ctx.bases.duo, dataset, resource, ctx.http);
  ctx.progress(r.name ?? r.url);
  const text = await downloadText(r.url, ctx.http);
  return { text: toRegisterLayout(text), urls: [r.url, packageUrl] };
}
