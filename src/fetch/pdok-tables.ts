/**
 * PDOK layers, written in the layout of the staged geo files: the CBS wijk- en
 * buurtkaart (service cbs/wijkenbuurten/<year>, layers gemeenten and wijken) and the
 * CBS gebiedsindelingen (cbs/gebiedsindelingen/<year>, generalised boundaries).
 *
 * Checked against public code (issue 14): gemeente_gegeneraliseerd and provincie_gegeneraliseerd
 * in service.pdok.nl/cbs/gebiedsindelingen/2023/wfs/v1_0 with statcode/statnaam (several scripts;
 * 342 gemeenten and 12 provincies in one answer); wijkenbuurten/2023 and /2024 with layers
 * gemeenten and wijken, properties gemeentecode, gemeentenaam, wijkcode, wijknaam, water (JA/NEE:
 * the 2024 gemeenten layer has 424 features, 342 on land), aantalInwoners, aantalHuishoudens,
 * gemiddeldeHuishoudsgrootte, bevolkingsdichtheidInwonersPerKm2, percentagePersonen0Tot15Jaar …
 */
import { cliNumber } from '../util/cli-number.js';
import type { Feature, FeatureCollection } from 'geojson';
import { pdokValue, wfsAll, wfsUrl } from './pdok-wfs.js';
import { simplifyForPrint } from './simplify.js';
import type { FetchContext, FetchedTable } from './types.js';

export const wijkenbuurtenService = (pdok: string, year: number) => `${pdok}/cbs/wijkenbuurten/${year}/wfs/v1_0`;
export const gebiedsindelingenService = (pdok: string, year: number) => `${pdok}/cbs/gebiedsindelingen/${year}/wfs/v1_0`;

async function layer(ctx: FetchContext, service: string, name: string): Promise<{ features: Feature[]; urls: string[] }> {
  let rd = false;
  const features = await wfsAll(
    service,
    name,
    ctx.http,
    (n) => ctx.progress(`${cliNumber(n)} features${rd ? ', answered in RD New (EPSG:28992) and reprojected to WGS84' : ''}`),
    () => (rd = true),
  );
  return { features, urls: [wfsUrl(service, name, 0)] };
}

const fc = (features: Feature[], extra: Record<string, unknown> = {}): FeatureCollection => ({ type: 'FeatureCollection', ...extra, features } as FeatureCollection);
const json = (x: unknown) => `${JSON.stringify(x)}\n`;

/** Gemeenten with the KWB figures PDOK carries (camelCase names kept), simplified. */
export const gemeentenKwbProperties = [
  'gemeentecode', 'gemeentenaam', 'water', 'omgevingsadressendichtheid', 'stedelijkheidAdressenPerKm2', 'bevolkingsdichtheidInwonersPerKm2',
  'aantalInwoners', 'mannen', 'vrouwen', 'percentagePersonen0Tot15Jaar', 'percentagePersonen15Tot25Jaar', 'percentagePersonen25Tot45Jaar',
  'percentagePersonen45Tot65Jaar', 'percentagePersonen65JaarEnOuder', 'aantalHuishoudens', 'percentageEenpersoonshuishoudens',
  'percentageHuishoudensZonderKinderen', 'percentageHuishoudensMetKinderen', 'gemiddeldeHuishoudsgrootte', 'percentageMetHerkomstlandNederland',
  'percentageMetHerkomstlandUitEuropaExclNl', 'percentageMetHerkomstlandBuitenEuropa', 'oppervlakteTotaalInHa', 'oppervlakteLandInHa',
  'oppervlakteWaterInHa', 'jrstatcode', 'jaar',
];

export async function fetchGemeentenKwb(ctx: FetchContext, year: number): Promise<FetchedTable> {
  const { features, urls } = await layer(ctx, wijkenbuurtenService(ctx.bases.pdok, year), 'gemeenten');
  const kept = features
    .filter((f) => f.properties?.water !== 'JA')
    .map((f) => ({ ...f, properties: Object.fromEntries(gemeentenKwbProperties.filter((p) => f.properties && p in f.properties).map((p) => [p, pdokValue(f.properties![p])])) }));
  return { text: json(simplifyForPrint(fc(kept))), urls };
}

/** Wijken with the demographic figures, renamed as in the staged file (its build script's names). */
const wijkFields: [name: string, pdok: string][] = [
  ['aantal_inwoners', 'aantalInwoners'],
  ['mannen', 'mannen'],
  ['vrouwen', 'vrouwen'],
  ['0_15', 'percentagePersonen0Tot15Jaar'],
  ['15_25', 'percentagePersonen15Tot25Jaar'],
  ['25_45', 'percentagePersonen25Tot45Jaar'],
  ['45_65', 'percentagePersonen45Tot65Jaar'],
  ['65plus', 'percentagePersonen65JaarEnOuder'],
  ['huishoudens', 'aantalHuishoudens'],
  ['gem_huishouden_grootte', 'gemiddeldeHuishoudsgrootte'],
  ['bevolkingsdichtheid', 'bevolkingsdichtheidInwonersPerKm2'],
];
export const wijkFieldsPdok = wijkFields;

export async function fetchWijken(ctx: FetchContext, year: number): Promise<FetchedTable> {
  const { features, urls } = await layer(ctx, wijkenbuurtenService(ctx.bases.pdok, year), 'wijken');
  const kept = features
    // "Groot water" wijken (WKgggg99) stay: the staged file has them, without inhabitants.
    .filter((f) => f.properties?.wijkcode && f.geometry)
    .map((f) => {
      const p = f.properties!;
      const props: Record<string, unknown> = { wijkcode: p.wijkcode, wijknaam: p.wijknaam, gemeentecode: p.gemeentecode, gemeentenaam: p.gemeentenaam };
      for (const [name, key] of wijkFields) {
        const v = pdokValue(p[key]);
        if (v !== null && v !== undefined) props[name] = v;
      }
      return { ...f, properties: props };
    });
  const out = simplifyForPrint(fc(kept));
  return { text: json({ type: 'FeatureCollection', metadata: { type: 'wijken', year, count: out.features.length }, features: out.features }), urls };
}

/** Generalised gemeente or provincie boundaries (statcode/statnaam), in the staged property names. */
export async function fetchGebiedsindeling(ctx: FetchContext, year: number, which: 'gemeente' | 'provincie'): Promise<FetchedTable> {
  const { features, urls } = await layer(ctx, gebiedsindelingenService(ctx.bases.pdok, year), `${which}_gegeneraliseerd`);
  const [codeName, nameName] = which === 'gemeente' ? ['gemeenteCode', 'gemeenteNaam'] : ['provincieCode', 'provincie'];
  const kept = features.map((f) => ({ ...f, properties: { [codeName]: String(f.properties?.statcode ?? '').trim(), [nameName]: String(f.properties?.statnaam ?? '').trim() } }));
  return { text: json(fc(kept)), urls };
}
