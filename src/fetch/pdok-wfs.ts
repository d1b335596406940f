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
import type { Feature } from 'geojson';
import { messages } from '../util/messages.js';
import { getText, HttpFailure, isObject, jsonKind, limitsOf, parseJson, type HttpOptions } from './http.js';
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

/**
 * Every feature of a layer, page by page until a short page or numberMatched: at most
 * limits.maxPages pages and limits.maxRows features; each page's coordinates are counted in its
 * text before it is parsed (countVertices), so a feature or layer past the vertex caps costs no
 * more memory than its bytes.
 */
export async function wfsAll(serviceUrl: string, layer: string, http: HttpOptions, onPage?: (n: number) => void): Promise<Feature[]> {
  const limits = limitsOf(http);
  const out: Feature[] = [];
  let vertices = 0;
  for (let pages = 0; ; pages++) {
    const url = wfsUrl(serviceUrl, layer, out.length);
    if (pages >= limits.maxPages) throw new TableProblem(url, messages.fetchTooManyPages(limits.maxPages, out.length));
    let page: unknown;
    try {
      const text = await getText(url, http);
      const counted = countVertices(text, limits.maxVerticesPerFeature, limits.maxVerticesPerFile - vertices);
      if (counted.tooMany) {
        const perFeature = counted.tooMany === 'feature';
        const where = perFeature ? `feature ${out.length + counted.feature + 1} of layer ${layer}` : `layer ${layer}`;
        throw new TableProblem(url, messages.fetchTooManyVertices(where, perFeature ? counted.count : vertices + counted.count, perFeature ? limits.maxVerticesPerFeature : limits.maxVerticesPerFile, perFeature ? '--max-vertices-per-feature' : '--max-vertices'));
      }
      vertices += counted.count;
      page = parseJson(url, text);
    } catch (e) {
      if (e instanceof HttpFailure) throw new TableProblem(e.url, e.status === 404 ? 'PDOK answers 404: no such service or layer (not yet published?)' : e.reason, e.status === 404 ? 'not-published' : 'failed');
      throw e;
    }
    if (!isObject(page) || !Array.isArray(page.features)) throw new TableProblem(url, 'the answer is not a GeoJSON FeatureCollection');
    const features = page.features as unknown[];
    const bad = features.findIndex((f) => !isObject(f) || (f.properties !== null && f.properties !== undefined && !isObject(f.properties)) || (f.geometry !== null && f.geometry !== undefined && !isObject(f.geometry)));
    if (bad >= 0) throw new TableProblem(url, messages.fetchBadShape(`feature ${out.length + bad + 1} of layer ${layer}`, 'a GeoJSON Feature (an object with object properties and geometry)', describeFeature(features[bad])));
    if (out.length + features.length > limits.maxRows) throw new TableProblem(url, messages.fetchTooManyRows(limits.maxRows));
    for (const f of features as Feature[]) out.push(f);
    onPage?.(out.length);
    const matched = Number(page.numberMatched);
    if (features.length < PDOK_PAGE || (Number.isFinite(matched) && matched > 0 && out.length >= matched)) break;
  }
  return out;
}

function describeFeature(f: unknown): string {
  if (!isObject(f)) return jsonKind(f);
  return isObject(f.properties) || f.properties == null ? `an object whose geometry is ${jsonKind(f.geometry)}` : `an object whose properties are ${jsonKind(f.properties)}`;
}

/**
 * The coordinates (positions: "[" followed by a number) in a GeoJSON FeatureCollection's text,
 * per element of its top-level "features" array, without parsing it. Stops at the first feature
 * over `perFeature` or once the total passes `total`.
 */
export function countVertices(text: string, perFeature: number, total: number): { count: number; tooMany?: 'feature' | 'file'; feature: number } {
  let depth = 0;
  let inString = false;
  let stringStart = 0;
  let lastRootString = '';
  /** Depth of the top-level "features" array while inside it, else -1. */
  let featuresDepth = -1;
  let feature = -1;
  let inFeature = 0;
  let count = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 92) i++; // backslash: skip the escaped character
      else if (c === 34) {
        inString = false;
        if (depth === 1) lastRootString = text.slice(stringStart, i);
      }
      continue;
    }
    if (c === 34) {
      inString = true;
      stringStart = i + 1;
    } else if (c === 123 || c === 91) {
      depth++;
      if (c === 91) {
        if (depth === 2 && lastRootString === 'features') featuresDepth = 2;
        // A position: "[" whose next non-blank character starts a number.
        let j = i + 1;
        while (j < text.length && (text.charCodeAt(j) === 32 || text.charCodeAt(j) === 10 || text.charCodeAt(j) === 13 || text.charCodeAt(j) === 9)) j++;
        const n = text.charCodeAt(j);
        if ((n >= 48 && n <= 57) || n === 45) {
          count++;
          if (featuresDepth > 0 && depth > featuresDepth) inFeature++;
          if (inFeature > perFeature) return { count: inFeature, tooMany: 'feature', feature };
          if (count > total) return { count, tooMany: 'file', feature };
        }
      }
      if (featuresDepth > 0 && depth === featuresDepth + 1) {
        feature++;
        inFeature = 0;
      }
    } else if (c === 125 || c === 93) {
      if (featuresDepth > 0 && depth === featuresDepth) featuresDepth = -1;
      depth--;
    }
  }
  return { count, feature };
}

/** PDOK's CBS figures: -99995, -99997 … mean "not published". */
export function pdokValue(v: unknown): unknown {
  return typeof v === 'number' && v <= -99990 ? null : v;
}
