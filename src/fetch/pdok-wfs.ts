/**
 * PDOK WFS 2.0 GetFeature with outputFormat=application/json in EPSG:4326, paged with
 * count/startIndex (PDOK serves at most 1,000 features per request). PDOK marks
 * missing CBS figures with values of -99990 and below: they become null.
 *
 * Checked against public code that ran (issue 14), not the live service: the same parameters,
 * count=1000/startIndex paging until a short page, and "GeoJSON is (lon, lat)" with
 * srsName=EPSG:4326, while without it PDOK answers in EPSG:28992 (fetch_nl_zones.py, on
 * cbs/wijkenbuurten/2023 wijken); answers capped at 1,000 features and CQL_FILTER ignored (an
 * Amsterdam map builder on wijkenbuurten/2024); typeName with or without the "gebiedsindelingen:"
 * prefix; -99997 for masked CBS figures (a CBS-on-PDOK data note: "suppression sentinel (-99997)").
 */
import type { Feature, FeatureCollection } from 'geojson';
import { getJson, HttpFailure, type HttpOptions } from './http.js';
import { TableProblem } from './problem.js';

export const PDOK_PAGE = 1000;

export function wfsUrl(serviceUrl: string, layer: string, startIndex: number, count = PDOK_PAGE): string {
  const p = new URLSearchParams({
    service: 'WFS',
    version: '2.0.0',
    request: 'GetFeature',
    typeNames: layer,
    outputFormat: 'application/json',
    srsName: 'EPSG:4326',
    count: String(count),
    startIndex: String(startIndex),
  });
  return `${serviceUrl}?${p}`;
}

export async function wfsAll(serviceUrl: string, layer: string, http: HttpOptions, onPage?: (n: number) => void): Promise<Feature[]> {
  const out: Feature[] = [];
  for (;;) {
    const url = wfsUrl(serviceUrl, layer, out.length);
    let page: FeatureCollection & { numberMatched?: number | string };
    try {
      page = await getJson(url, http);
    } catch (e) {
      if (e instanceof HttpFailure) throw new TableProblem(e.url, e.status === 404 ? 'PDOK answers 404: no such service or layer (not yet published?)' : e.reason, e.status === 404 ? 'not-published' : 'failed');
      throw e;
    }
    if (!Array.isArray(page.features)) throw new TableProblem(url, 'the answer is not a GeoJSON FeatureCollection');
    out.push(...page.features);
    onPage?.(out.length);
    const matched = Number(page.numberMatched);
    if (page.features.length < PDOK_PAGE || (Number.isFinite(matched) && matched > 0 && out.length >= matched)) break;
  }
  return out;
}

/** PDOK's CBS figures: -99995, -99997 … mean "not published". */
export function pdokValue(v: unknown): unknown {
  return typeof v === 'number' && v <= -99990 ? null : v;
}
