/**
 * DUO files, taken as published (re-encoded to UTF-8) from the resources of a CKAN
 * dataset on onderwijsdata.duo.nl. The dataset names and resource patterns are in
 * the catalogue.
 */
import { ckanResource, downloadText } from './duo-ckan.js';
import type { FetchContext, FetchedTable } from './types.js';

export async function fetchDuoResource(ctx: FetchContext, dataset: string, resource: RegExp): Promise<FetchedTable> {
  const { resource: r, packageUrl } = await ckanResource(ctx.bases.duo, dataset, resource, ctx.http);
  ctx.progress(r.name ?? r.url);
  const text = await downloadText(r.url, ctx.http);
  return { text, urls: [r.url, packageUrl] };
}
