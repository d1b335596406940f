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
 *
 * PDOK may ignore srsName and answer in its default, RD New (EPSG:28992; issue 22): a page whose
 * `crs` member names 28992, or whose coordinates lie in the RD range rather than in degrees, is
 * reprojected to WGS84 longitude/latitude with proj4 (`reprojectRdPage`).
 */
import type { Feature } from 'geojson';
import proj4 from 'proj4';
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
export async function wfsAll(serviceUrl: string, layer: string, http: HttpOptions, onPage?: (n: number) => void, onReprojected?: (layer: string) => void): Promise<Feature[]> {
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
    const crs = pageCrs(page, features as Feature[]);
    if (crs === 'unknown') throw new TableProblem(url, `the coordinates are neither WGS84 degrees (srsName=EPSG:4326 was asked) nor RD New (EPSG:28992): first position ${JSON.stringify(firstPosition(features as Feature[]))}${describeCrs(page.crs)}`);
    if (crs === 'rd') {
      reprojectRd(features as Feature[]);
      onReprojected?.(layer);
    }
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

/**
 * RD New (Amersfoort / RD New, EPSG:28992) as proj4 defines it: the definition PDOK and epsg.io
 * publish for 28992 (oblique stereographic on the Bessel ellipsoid, with the 7-parameter datum shift
 * to WGS84). proj4 knows EPSG:4326 itself.
 */
export const RD_NEW = '+proj=sterea +lat_0=52.15616055555555 +lon_0=5.38763888888889 +k=0.9999079 +x_0=155000 +y_0=463000 +ellps=bessel +towgs84=565.417,50.3319,465.552,-0.398957,0.343988,-1.8774,4.0725 +units=m +no_defs';
const rdToWgs84 = proj4(RD_NEW, 'EPSG:4326');

/** RD New's range over the Netherlands and its waters (metres), with a margin. */
const RD_RANGE = { x: [-10_000, 310_000], y: [280_000, 640_000] } as const;
const inRd = ([x, y]: number[]) => x >= RD_RANGE.x[0] && x <= RD_RANGE.x[1] && y >= RD_RANGE.y[0] && y <= RD_RANGE.y[1];
const inDegrees = ([x, y]: number[]) => Math.abs(x) <= 180 && Math.abs(y) <= 90;

type Position = number[];
function eachPosition(coords: unknown, f: (p: Position) => void): void {
  if (!Array.isArray(coords)) return;
  if (typeof coords[0] === 'number') return f(coords as Position);
  for (const c of coords) eachPosition(c, f);
}
function geometryCoordinates(g: unknown): unknown[] {
  if (!isObject(g)) return [];
  if (Array.isArray(g.geometries)) return g.geometries.flatMap(geometryCoordinates);
  return [g.coordinates];
}
function firstPosition(features: Feature[]): Position | undefined {
  for (const f of features) {
    let first: Position | undefined;
    for (const c of geometryCoordinates(f.geometry)) eachPosition(c, (p) => (first ??= p));
    if (first) return first;
  }
  return undefined;
}
/** A GeoJSON `crs` member (the old "name" form PDOK and GeoServer write) naming EPSG:28992. */
function crsIsRd(crs: unknown): boolean {
  const name = isObject(crs) && isObject(crs.properties) ? crs.properties.name : undefined;
  return typeof name === 'string' && /(^|[^0-9])28992$/.test(name.trim());
}
const describeCrs = (crs: unknown) => (crs === undefined ? '' : `, crs ${JSON.stringify(crs).slice(0, 120)}`);

/**
 * Which coordinates a page is in: 'rd' when its `crs` names EPSG:28992 or every position lies in the
 * RD range (metres) and not in degrees, 'wgs84' when every position is in degrees (or there are
 * none), 'unknown' otherwise (a mix, or metres outside the Netherlands).
 */
export function pageCrs(page: Record<string, unknown>, features: Feature[]): 'wgs84' | 'rd' | 'unknown' {
  if (crsIsRd(page.crs)) return 'rd';
  let degrees = 0;
  let rd = 0;
  let other = 0;
  for (const f of features) {
    for (const c of geometryCoordinates(f.geometry)) {
      eachPosition(c, (p) => {
        if (inDegrees(p)) degrees++;
        else if (inRd(p)) rd++;
        else other++;
      });
    }
  }
  if (other || (degrees && rd)) return 'unknown';
  return rd ? 'rd' : 'wgs84';
}

/** Reprojects every position of the features from RD New to WGS84 [longitude, latitude], in place (a third value is kept). */
export function reprojectRd(features: Feature[]): void {
  for (const f of features) {
    for (const c of geometryCoordinates(f.geometry)) {
      eachPosition(c, (p) => {
        const [lon, lat] = rdToWgs84.forward([p[0], p[1]]);
        p[0] = lon;
        p[1] = lat;
      });
    }
  }
}

/** PDOK's CBS figures: -99995, -99997 … mean "not published". */
export function pdokValue(v: unknown): unknown {
  return typeof v === 'number' && v <= -99990 ? null : v;
}
