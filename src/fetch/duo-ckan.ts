/**
 * DUO open onderwijsdata through its CKAN action API: package_show?id=<dataset>
 * lists the dataset's resources with their download URL. DUO's older CSVs are
 * Windows-1252; they are stored as UTF-8.
 *
 * Checked against public code (issue 14), not the live service: package_show?id=adressen_bo /
 * adressen_vo (and adressen_so, adressen_ho, wpoadvies-v1, wpoprognoses …) answers success/result.
 * resources[] with name, format, last_modified and url
 * https://onderwijsdata.duo.nl/dataset/<uuid>/resource/<uuid>/download/vestigingenbo.csv
 * (vestigingenvo.csv, instellingenbo.csv …). Those current register files are ','-separated with
 * every field quoted, UTF-8 with a BOM (the ingestion notes of duo_schools_complete.py, 2025; the
 * Woonscore seed script parses them with ','), unlike DUO's ';'-separated files of before.
 */
import { parseCsvRecords } from '../util/csv.js';
import { messages } from '../util/messages.js';
import { getBytes, getJson, HttpFailure, isObject, jsonKind, samePublisher, type HttpOptions } from './http.js';
import { TableProblem } from './problem.js';
import { decodeText } from '../util/text-encoding.js';

export interface CkanResource {
  id?: string;
  name?: string;
  url: string;
  format?: string;
  last_modified?: string | null;
  created?: string;
}

interface PackageShow {
  success: boolean;
  result?: { name: string; title?: string; resources?: CkanResource[]; license_id?: string; license_title?: string };
  error?: { message?: string };
}

export const packageShowUrl = (duoBase: string, id: string) => `${duoBase}/api/3/action/package_show?id=${encodeURIComponent(id)}`;

/** The resources of a dataset (package_show). */
export async function ckanPackage(duoBase: string, dataset: string, http: HttpOptions): Promise<{ resources: CkanResource[]; packageUrl: string }> {
  const packageUrl = packageShowUrl(duoBase, dataset);
  let answer: PackageShow;
  try {
    answer = await getJson<PackageShow>(packageUrl, http);
    if (!isObject(answer)) throw new TableProblem(packageUrl, messages.fetchBadShape('the CKAN answer', 'an object with "success" and "result"', jsonKind(answer)), 'failed');
  } catch (e) {
    if (e instanceof HttpFailure) throw new TableProblem(e.url, e.status === 404 ? `DUO has no dataset "${dataset}" (404)` : e.reason, e.status === 404 ? 'not-published' : 'failed');
    throw e;
  }
  if (!answer.success || !answer.result) throw new TableProblem(packageUrl, `CKAN answers success=false (${answer.error?.message ?? 'no reason given'})`, 'not-published');
  if (!isObject(answer.result)) throw new TableProblem(packageUrl, messages.fetchBadShape('"result"', 'an object', jsonKind(answer.result)), 'failed');
  const resources: unknown = answer.result.resources ?? [];
  if (!Array.isArray(resources)) throw new TableProblem(packageUrl, messages.fetchBadShape('"result.resources"', 'an array of resources', jsonKind(resources)), 'failed');
  const bad = resources.findIndex((r) => !isObject(r) || typeof r.url !== 'string' || (r.name !== undefined && r.name !== null && typeof r.name !== 'string'));
  if (bad >= 0) {
    const r = resources[bad];
    throw new TableProblem(packageUrl, messages.fetchBadShape(`"result.resources"[${bad}]`, 'an object with a "url" string', isObject(r) ? `an object whose url is ${jsonKind(r.url)}` : jsonKind(r)), 'failed');
  }
  return { resources: resources as CkanResource[], packageUrl };
}

/** The resource of a dataset whose name or URL matches. */
export async function ckanResource(duoBase: string, dataset: string, match: RegExp, http: HttpOptions): Promise<{ resource: CkanResource; packageUrl: string }> {
  const { resources, packageUrl } = await ckanPackage(duoBase, dataset, http);
  const hit = resources.find((r) => match.test(r.name ?? '') || match.test(r.url));
  if (!hit) {
    throw new TableProblem(
      packageUrl,
      `no resource matching ${match} in dataset "${dataset}" (resources: ${resources.map((r) => r.name ?? r.url).join(', ') || 'none'}); not (yet) published?`,
      'not-published',
    );
  }
  // The download must stay with DUO (issue 21): a resource pointing elsewhere is not fetched.
  if (!samePublisher(duoBase, hit.url)) throw new TableProblem(packageUrl, messages.fetchForeignLink(`resource "${hit.name ?? ''}" links`, hit.url, duoBase), 'invalid');
  return { resource: hit, packageUrl };
}

export async function downloadText(url: string, http: HttpOptions): Promise<string> {
  let bytes: Uint8Array;
  try {
    bytes = await getBytes(url, http);
  } catch (e) {
    if (e instanceof HttpFailure) throw new TableProblem(e.url, e.reason, e.status === 404 ? 'not-published' : 'failed');
    throw e;
  }
  return decodeDuoText(bytes);
}

/** UTF-8 when the bytes are valid UTF-8, else Windows-1252 (DUO's older files). */
export function decodeDuoText(bytes: Uint8Array): string {
  return decodeText(bytes).text;
}

/** The separator of a DUO CSV, read from its header line: ';' in DUO's per-year files, ',' in the current CKAN registers. */
export function duoSeparator(text: string): ';' | ',' {
  const end = text.search(/[\r\n]/);
  const header = end === -1 ? text : text.slice(0, end);
  return header.split(';').length >= header.split(',').length ? ';' : ',';
}

/** A DUO CSV as records, whichever separator it has. */
export function parseDuoCsv(text: string): ReturnType<typeof parseCsvRecords> {
  return parseCsvRecords(text, duoSeparator(text));
}
