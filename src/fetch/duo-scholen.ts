/**
 * School points for the wijk maps: DUO's current address registers (bo, vo, and sbo/so/vso),
 * geocoded with the PDOK Locatieserver (BAG), written in the layout of the staged
 * duo/derived/scholen_2024_geocoded.geojson, with a `metadata` member saying when the
 * addresses were fetched and how they were placed.
 *
 * DUO's register columns differ by edition: current files (onderwijsdata.duo.nl adressen_bo /
 * adressen_vo, seen in public code that calls datastore_search) have INSTELLINGSCODE and
 * VESTIGINGSCODE; the files of 2020 have BRIN NUMMER and a 6-character VESTIGINGSNUMMER. Both
 * are read. The sbo/so/vso register is optional: when DUO has no such dataset under the name
 * in the catalogue, the points of bo and vo are written and the file says what is missing.
 */
import { cliNumber } from '../util/cli-number.js';
import type { Feature, Point } from 'geojson';
import { ckanResource, downloadText, parseDuoCsv } from './duo-ckan.js';
import { addressKey, geocodeAll, parseDutchAddress, type DutchAddress, type Geocoded } from './pdok-locatieserver.js';
import { TableProblem } from './problem.js';
import type { FetchContext, FetchedTable } from './types.js';

export type RegisterKind = 'bo' | 'vo' | 'so';

export interface RegisterSource {
  kind: RegisterKind;
  dataset: string;
  resource: RegExp;
  /** Left out (and said so in the file) when DUO does not publish it under this name. */
  optional?: boolean;
}

export interface SchoolRow {
  naam: string;
  type: string;
  denominatie: string;
  internetadres: string;
  straat: string;
  huisnummerToevoeging: string;
  postcode: string;
  plaats: string;
  gemeente: string;
  provincie: string;
  brin: string;
  vestigingscode: string;
  onderwijsgebied: string;
}

const pick = (v: Record<string, string>, ...names: string[]) => {
  for (const n of names) if (v[n] !== undefined && v[n].trim() !== '') return v[n].trim();
  return '';
};

/** A register row in the fields the map file keeps; null for a row without a vestiging code. */
export function registerRow(kind: RegisterKind, v: Record<string, string>): SchoolRow | null {
  const instelling = pick(v, 'INSTELLINGSCODE', 'BRIN NUMMER', 'BRIN_NUMMER');
  let vestiging = pick(v, 'VESTIGINGSCODE', 'VESTIGINGSNUMMER');
  if (/^\d{1,2}$/.test(vestiging) && instelling) vestiging = `${instelling}${vestiging.padStart(2, '0')}`;
  if (!/^[0-9A-Z]{4}\d{2}$/.test(vestiging)) return null;
  const soort = pick(v, 'SOORT PRIMAIR ONDERWIJS', 'SOORT_PO', 'SOORT PO').toUpperCase();
  const type = kind === 'bo' ? 'basisschool' : kind === 'vo' ? pick(v, 'ONDERWIJSSTRUCTUUR') || 'VO' : /SBAO|SBO/.test(soort) ? 'SBAO' : soort === 'SO' || soort === 'VSO' ? soort : '(V)SO';
  return {
    naam: pick(v, 'VESTIGINGSNAAM', 'INSTELLINGSNAAM'),
    type,
    denominatie: pick(v, 'DENOMINATIE'),
    internetadres: pick(v, 'INTERNETADRES'),
    straat: pick(v, 'STRAATNAAM'),
    huisnummerToevoeging: pick(v, 'HUISNUMMER-TOEVOEGING', 'HUISNUMMER - TOEVOEGING'),
    postcode: pick(v, 'POSTCODE').replace(/\s+/g, '').toUpperCase(),
    plaats: pick(v, 'PLAATSNAAM'),
    gemeente: pick(v, 'GEMEENTENAAM').toUpperCase(),
    provincie: pick(v, 'PROVINCIE'),
    brin: instelling || vestiging.slice(0, 4),
    vestigingscode: vestiging,
    onderwijsgebied: pick(v, 'ONDERWIJSGEBIED NAAM', 'ONDERWIJSGEBIED'),
  };
}

/** Registers in, one GeoJSON point per vestiging out (a vestiging listed twice is kept once). */
export async function fetchSchoolPoints(ctx: FetchContext, registers: RegisterSource[], today = new Date()): Promise<FetchedTable> {
  const rows: SchoolRow[] = [];
  const urls: string[] = [];
  const missing: string[] = [];
  for (const reg of registers) {
    let text: string;
    try {
      const { resource, packageUrl } = await ckanResource(ctx.bases.duo, reg.dataset, reg.resource, ctx.http);
      ctx.progress(`${reg.kind}: ${resource.name ?? resource.url}`);
      text = await downloadText(resource.url, ctx.http);
      urls.push(resource.url, packageUrl);
    } catch (e) {
      if (reg.optional && e instanceof TableProblem && e.kind === 'not-published') {
        missing.push(`${reg.kind}: ${e.problem}`);
        continue;
      }
      throw e;
    }
    // The current registers are ','-separated (public code, issue 14), older DUO files ';'.
    const { header, records } = parseDuoCsv(text);
    if (!header.some((h) => h === 'POSTCODE') || !header.some((h) => /^HUISNUMMER ?- ?TOEVOEGING$/.test(h))) {
      throw new TableProblem(urls[urls.length - 2], `the ${reg.kind} register has no POSTCODE and HUISNUMMER-TOEVOEGING columns (header: ${header.slice(0, 12).join(';')}…)`);
    }
    for (const r of records) {
      const row = registerRow(reg.kind, r.values);
      if (row) rows.push(row);
    }
  }
  const byCode = new Map(rows.map((r) => [r.vestigingscode, r]));
  const addresses = new Map<string, DutchAddress>();
  for (const r of byCode.values()) {
    const a = parseDutchAddress(r.postcode, r.huisnummerToevoeging);
    if (a) addresses.set(r.vestigingscode, a);
  }
  // Addresses placed at their BAG address by an earlier fetch keep that place (a BAG address does not move): only new ones are asked.
  const known = placedBefore(await ctx.previous?.(SCHOOL_POINTS_FILE).catch(() => null), today);
  const toAsk = [...addresses.values()].filter((a) => !known.has(addressKey(a)));
  ctx.progress(`${cliNumber(toAsk.length)} addresses to the PDOK Locatieserver (${cliNumber(addresses.size - toAsk.length)} placed before)`);
  const points = await geocodeAll(ctx.bases.locatieserver, toAsk, ctx.http, (n) => ctx.progress(`${cliNumber(n)} of ${cliNumber(toAsk.length)} addresses geocoded`));
  for (const [k, at] of known) if (!points.has(k)) points.set(k, at);
  const features: Feature<Point>[] = [];
  let notFound = 0;
  let postcodeOnly = 0;
  for (const r of byCode.values()) {
    const a = addresses.get(r.vestigingscode);
    const at = a ? points.get(addressKey(a)) : null;
    if (!a || !at) {
      notFound++;
      continue;
    }
    if (at.precision === 'postcode') postcodeOnly++;
    features.push({
      type: 'Feature',
      properties: {
        naam: r.naam,
        type: r.type,
        denominatie: r.denominatie,
        internetadres: r.internetadres,
        straat: r.straat,
        huisnummer: a.huisnummer,
        huisnummertoevoeging: a.suffix || null,
        postcode: r.postcode,
        plaats: r.plaats,
        gemeente: r.gemeente,
        provincie: r.provincie,
        brin_nummer: r.brin,
        vestigingscode: r.vestigingscode,
        onderwijsgebied: r.onderwijsgebied,
        geocodering: at.precision,
      },
      geometry: { type: 'Point', coordinates: [round6(at.lon), round6(at.lat)] },
    });
  }
  urls.push(`${ctx.bases.locatieserver}/free`);
  const metadata = {
    generator: 'contextkaart data fetch',
    addressesFetched: today.toISOString().slice(0, 10),
    geocoder: 'PDOK Locatieserver (BAG)',
    vestigingen: byCode.size,
    placed: features.length,
    postcodeOnly,
    notFound,
    reusedFromEarlierFetch: addresses.size - toAsk.length,
    notFetched: missing,
  };
  return { text: `${JSON.stringify({ type: 'FeatureCollection', metadata, features })}\n`, urls };
}

const round6 = (x: number) => Math.round(x * 1e6) / 1e6;

/** Where the school points file lives in a data directory (the staged file's path, which the reader knows). */
export const SCHOOL_POINTS_FILE = 'duo/derived/scholen_2024_geocoded.geojson';
/** Places older than this are asked again (addresses are renumbered now and then). */
const REUSE_DAYS = 400;

/** The BAG places of an earlier fetch's file, by address; nothing from a file data fetch did not write, or an old one. */
export function placedBefore(text: string | null | undefined, today: Date): Map<string, Geocoded> {
  const out = new Map<string, Geocoded>();
  if (!text) return out;
  let fc: { metadata?: { generator?: string; addressesFetched?: string }; features?: { properties?: Record<string, unknown>; geometry?: { coordinates?: number[] } }[] };
  try {
    fc = JSON.parse(text);
  } catch {
    return out;
  }
  const fetched = Date.parse(`${fc.metadata?.addressesFetched ?? ''}T00:00:00Z`);
  if (fc.metadata?.generator !== 'contextkaart data fetch' || !Number.isFinite(fetched) || today.getTime() - fetched > REUSE_DAYS * 86_400_000) return out;
  for (const f of fc.features ?? []) {
    const p = f.properties ?? {};
    const [lon, lat] = f.geometry?.coordinates ?? [];
    if (p.geocodering !== 'adres' || typeof lon !== 'number' || typeof lat !== 'number') continue;
    const a = parseDutchAddress(String(p.postcode ?? ''), `${p.huisnummer ?? ''} ${p.huisnummertoevoeging ?? ''}`);
    if (a) out.set(addressKey(a), { lon, lat, precision: 'adres' });
  }
  return out;
}
