/**
 * PDOK Locatieserver (api.pdok.nl/bzk/locatieserver/search/v3_1/free): the BAG address
 * of a postcode and house number, as a WGS84 point (centroide_ll "POINT(lon lat)").
 * Solr query syntax: q=postcode:1234AB and huisnummer:12, fq=type:adres; a postcode
 * that has no such number falls back to the postcode's own centroid (type:postcode).
 */
import { messages } from '../util/messages.js';
import { getJson, HttpFailure, isObject, jsonKind, type HttpOptions } from './http.js';
import { TableProblem } from './problem.js';



interface LocatieserverDoc {
  type?: string;
  centroide_ll?: string;
  postcode?: string;
  huisnummer?: number;
  huisletter?: string;
  huisnummertoevoeging?: string;
}

export interface DutchAddress {
  /** "1234AB" (spaces removed, upper case). */
  postcode: string;
  huisnummer: number;
  /** Letter and/or addition as DUO writes it after the number ("A", "-1", "bis"), upper case. */
  suffix: string;
}

export interface Geocoded {
  lon: number;
  lat: number;
  /** 'adres': the BAG address; 'postcode': only the postcode's centroid was found. */
  precision: 'adres' | 'postcode';
}

/** DUO's "HUISNUMMER-TOEVOEGING" ("12", "12 A", "12a", "12-14", "12 bis") with the postcode; null without a number. */
export function parseDutchAddress(postcode: string, numberAndSuffix: string): DutchAddress | null {
  const pc = postcode.replace(/\s+/g, '').toUpperCase();
  const m = /^\s*(\d+)\s*(.*?)\s*$/.exec(numberAndSuffix);
  if (!/^\d{4}[A-Z]{2}$/.test(pc) || !m) return null;
  return { postcode: pc, huisnummer: Number(m[1]), suffix: m[2].replace(/^[-\s]+/, '').toUpperCase() };
}

export function locatieserverUrl(base: string, q: string, fq: string): string {
  const p = new URLSearchParams({ q, fq, rows: '20', fl: 'type,centroide_ll,postcode,huisnummer,huisletter,huisnummertoevoeging' });
  return `${base}/free?${p}`;
}

const POINT = /^POINT\(\s*(-?\d+(?:\.\d+)?)\s+(-?\d+(?:\.\d+)?)\s*\)$/;

function point(doc: LocatieserverDoc | undefined): { lon: number; lat: number } | null {
  const m = doc?.centroide_ll ? POINT.exec(doc.centroide_ll) : null;
  return m ? { lon: Number(m[1]), lat: Number(m[2]) } : null;
}

/** Of the BAG addresses with this number, the one whose letter/addition matches; else the plain number; else the first. */
export function bestMatch(docs: LocatieserverDoc[], a: DutchAddress): LocatieserverDoc | undefined {
  const sameNumber = docs.filter((d) => d.postcode?.replace(/\s+/g, '').toUpperCase() === a.postcode && Number(d.huisnummer) === a.huisnummer);
  const suffixOf = (d: LocatieserverDoc) => `${d.huisletter ?? ''}${d.huisnummertoevoeging ?? ''}`.toUpperCase();
  const wanted = a.suffix.replace(/[-\s]/g, '');
  return sameNumber.find((d) => suffixOf(d) === wanted) ?? sameNumber.find((d) => suffixOf(d) === '') ?? sameNumber[0];
}

async function ask(url: string, http: HttpOptions): Promise<LocatieserverDoc[]> {
  try {
    const answer = await getJson<unknown>(url, http);
    if (!isObject(answer) || !isObject(answer.response) || !Array.isArray(answer.response.docs)) throw new TableProblem(url, 'the Locatieserver answer has no response.docs array', 'failed');
    const docs = answer.response.docs as unknown[];
    const bad = docs.findIndex((d) => !isObject(d) || (d.centroide_ll !== undefined && typeof d.centroide_ll !== 'string'));
    if (bad >= 0) {
      const d = docs[bad];
      throw new TableProblem(url, messages.fetchBadShape(`response.docs[${bad}]`, 'an object with centroide_ll "POINT(lon lat)"', isObject(d) ? `an object whose centroide_ll is ${jsonKind(d.centroide_ll)}` : jsonKind(d)), 'failed');
    }
    return docs as LocatieserverDoc[];
  } catch (e) {
    if (e instanceof HttpFailure) throw new TableProblem(e.url, `PDOK Locatieserver: ${e.reason}`, 'failed');
    throw e;
  }
}

/** One address: the BAG point, or the postcode centroid, or null when PDOK knows neither. */
export async function geocodeAddress(base: string, a: DutchAddress, http: HttpOptions): Promise<Geocoded | null> {
  const docs = await ask(locatieserverUrl(base, `postcode:${a.postcode} and huisnummer:${a.huisnummer}`, 'type:adres'), http);
  const hit = point(bestMatch(docs, a));
  if (hit) return { ...hit, precision: 'adres' };
  const pc = await ask(locatieserverUrl(base, `postcode:${a.postcode}`, 'type:postcode'), http);
  const centroid = point(pc.find((d) => d.postcode?.replace(/\s+/g, '').toUpperCase() === a.postcode));
  return centroid ? { ...centroid, precision: 'postcode' } : null;
}

/**
 * Many addresses, a few requests at a time (PDOK asks for fair use); the same address is
 * asked once. `onProgress` gets the number done.
 */
export async function geocodeAll(base: string, addresses: DutchAddress[], http: HttpOptions, onProgress?: (done: number) => void, parallel = 6): Promise<Map<string, Geocoded | null>> {
  const key = addressKey;
  const unique = [...new Map(addresses.map((a) => [key(a), a])).values()];
  const out = new Map<string, Geocoded | null>();
  let next = 0;
  let done = 0;
  const worker = async () => {
    while (next < unique.length) {
      const a = unique[next++];
      out.set(key(a), await geocodeAddress(base, a, http));
      if (++done % 100 === 0 || done === unique.length) onProgress?.(done);
    }
  };
  await Promise.all(Array.from({ length: Math.min(parallel, unique.length) }, worker));
  return out;
}

export const addressKey = (a: DutchAddress) => `${a.postcode}|${a.huisnummer}|${a.suffix}`;
