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
 * limits.maxPages pages and limits.maxRows features; each page's coordinates are counted while it
 * streams in (VertexCounter), so reading stops at the first coordinate past a vertex cap.
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
      // Counted as the bytes arrive: reading stops at the first coordinate past a cap.
      const counter = new VertexCounter(limits.maxVerticesPerFeature, limits.maxVerticesPerFile - vertices);
      const text = await getText(url, http, (chunk) => {
        if (counter.feed(chunk)) return;
        const perFeature = counter.tooMany === 'feature';
        const where = perFeature ? `feature ${out.length + counter.feature + 1} of layer ${layer}` : `layer ${layer}`;
        throw new TableProblem(url, messages.fetchTooManyVertices(where, perFeature ? counter.inFeature : vertices + counter.count, perFeature ? limits.maxVerticesPerFeature : limits.maxVerticesPerFile, perFeature ? '--max-vertices-per-feature' : '--max-vertices'));
      });
      vertices += counter.count;
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
 * Counts the coordinates (positions: "[" followed by a number) of a GeoJSON FeatureCollection as
 * its bytes arrive, per element of its top-level "features" array, without parsing it; stops at the
 * first feature over `perFeature` or once the total passes `total`. Works on UTF-8 bytes: every
 * byte it looks at is ASCII, which never occurs inside a multi-byte character.
 */
export class VertexCounter {
  count = 0;
  /** Index of the feature being read (0-based), -1 before the first. */
  feature = -1;
  tooMany?: 'feature' | 'file';
  inFeature = 0;
  private depth = 0;
  private inString = false;
  private escaped = false;
  private key: number[] = [];
  private lastRootString = '';
  private featuresDepth = -1;
  /** After a "[": whether the next non-blank byte starts a number is still to be seen. */
  private bracketPending = false;

  constructor(
    readonly perFeature: number,
    readonly total: number,
  ) {}

  /** Reads a chunk; false once a cap is passed (this.tooMany says which). */
  feed(bytes: Uint8Array): boolean {
    for (let i = 0; i < bytes.length; i++) {
      const c = bytes[i];
      if (this.inString) {
        if (this.escaped) this.escaped = false;
        else if (c === 92) this.escaped = true;
        else if (c === 34) {
          this.inString = false;
          if (this.depth === 1) this.lastRootString = String.fromCharCode(...this.key);
        } else if (this.depth === 1 && this.key.length < 32) this.key.push(c);
        continue;
      }
      if (c === 32 || c === 10 || c === 13 || c === 9) continue;
      if (this.bracketPending) {
        this.bracketPending = false;
        if ((c >= 48 && c <= 57) || c === 45) {
          this.count++;
          if (this.featuresDepth > 0 && this.depth > this.featuresDepth + 1) this.inFeature++;
          if (this.inFeature > this.perFeature) this.tooMany = 'feature';
          else if (this.count > this.total) this.tooMany = 'file';
          if (this.tooMany) return false;
        }
      }
      if (c === 34) {
        this.inString = true;
        this.key = [];
      } else if (c === 123 || c === 91) {
        this.depth++;
        if (c === 91) {
          if (this.depth === 2 && this.lastRootString === 'features') this.featuresDepth = 2;
          this.bracketPending = true;
        }
        if (this.featuresDepth > 0 && this.depth === this.featuresDepth + 1) {
          this.feature++;
          this.inFeature = 0;
        }
      } else if (c === 125 || c === 93) {
        if (this.featuresDepth > 0 && this.depth === this.featuresDepth) this.featuresDepth = -1;
        this.depth--;
      }
    }
    return true;
  }
}

/** The counts of a whole text (see VertexCounter). */
export function countVertices(text: string, perFeature: number, total: number): { count: number; tooMany?: 'feature' | 'file'; feature: number } {
  const v = new VertexCounter(perFeature, total);
  v.feed(Buffer.from(text, 'utf8'));
  return v.tooMany ? { count: v.tooMany === 'feature' ? v.inFeature : v.count, tooMany: v.tooMany, feature: v.feature } : { count: v.count, feature: v.feature };
}

/** PDOK's CBS figures: -99995, -99997 … mean "not published". */
export function pdokValue(v: unknown): unknown {
  return typeof v === 'number' && v <= -99990 ? null : v;
}
