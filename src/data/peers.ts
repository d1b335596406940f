/**
 * Similar gemeenten ("vergelijkbare gemeenten"), computed from the data: the
 * gemeenten nearest to the region on context measures, each measure standardised
 * over all gemeenten (z-scores), by plain Euclidean distance. Ties are broken by
 * CBS code, so the group is stable.
 */
import { aggregateObservation } from './aggregate.js';
import { catalogue } from './catalogue.js';
import type { Dataset } from './load-dataset.js';

export interface PeerFeature {
  indicator: string;
  year: number;
  /** Size and density are skewed: compared on a log scale. */
  log?: boolean;
  label: string;
}

export const peerFeatures: PeerFeature[] = [
  { indicator: 'omgevingsadressendichtheid', year: 2023, log: true, label: 'stedelijkheid (omgevingsadressendichtheid)' },
  { indicator: 'inwoners', year: 2024, log: true, label: 'aantal inwoners' },
  { indicator: 'pct_hh_laagste_40', year: 2022, label: 'aandeel huishoudens in de laagste 40% inkomens van Nederland' },
  { indicator: 'pct_herkomst_buiten_europa', year: 2023, label: 'aandeel inwoners met een herkomstland buiten Europa' },
  { indicator: 'pct_0_15', year: 2023, label: 'aandeel kinderen (0 tot 15 jaar)' },
  { indicator: 'pct_opl_laag', year: 2022, label: 'aandeel laag opgeleiden' },
];

export const PEER_COUNT = 10;

interface Scale {
  mean: number;
  sd: number;
}

const scales = new WeakMap<Dataset, Map<string, Scale>>();

function transform(f: PeerFeature, v: number): number {
  return f.log ? Math.log(Math.max(v, 1)) : v;
}

function scaleOf(dataset: Dataset, f: PeerFeature): Scale {
  const byFeature = scales.get(dataset) ?? new Map<string, Scale>();
  scales.set(dataset, byFeature);
  let s = byFeature.get(f.indicator);
  if (!s) {
    const xs = [...dataset.gemeenten.keys()].map((c) => dataset.series.value(f.indicator, f.year, c)).filter((v): v is number => v !== null).map((v) => transform(f, v));
    const mean = xs.reduce((a, b) => a + b, 0) / xs.length;
    const sd = Math.sqrt(xs.reduce((a, b) => a + (b - mean) ** 2, 0) / xs.length) || 1;
    s = { mean, sd };
    byFeature.set(f.indicator, s);
  }
  return s;
}

/** Standardised context profile of an area (one or more gemeenten); null if a measure is missing. */
export function peerProfile(dataset: Dataset, codes: readonly string[]): number[] | null {
  const out: number[] = [];
  for (const f of peerFeatures) {
    const v = aggregateObservation(dataset.series, catalogue.get(f.indicator)!, f.year, codes).value;
    if (v === null) return null;
    const s = scaleOf(dataset, f);
    out.push((transform(f, v) - s.mean) / s.sd);
  }
  return out;
}

export interface Peer {
  code: string;
  distance: number;
}

/** The `count` gemeenten nearest to the region, never the region's own gemeenten. */
export function computePeers(dataset: Dataset, regionCodes: readonly string[], count = PEER_COUNT): Peer[] {
  const own = peerProfile(dataset, regionCodes);
  if (!own) return [];
  const exclude = new Set(regionCodes);
  const candidates: Peer[] = [];
  for (const code of dataset.gemeenten.keys()) {
    if (exclude.has(code)) continue;
    const p = profileCache(dataset, code);
    if (!p) continue;
    const distance = Math.sqrt(p.reduce((s, v, i) => s + (v - own[i]) ** 2, 0));
    candidates.push({ code, distance });
  }
  return candidates.sort((a, b) => a.distance - b.distance || a.code.localeCompare(b.code)).slice(0, count);
}

const profiles = new WeakMap<Dataset, Map<string, number[] | null>>();
function profileCache(dataset: Dataset, code: string): number[] | null {
  const m = profiles.get(dataset) ?? new Map<string, number[] | null>();
  profiles.set(dataset, m);
  if (!m.has(code)) m.set(code, peerProfile(dataset, [code]));
  return m.get(code)!;
}

export const peerMethod = () =>
  `De ${PEER_COUNT} gemeenten die het meest op het gebied lijken op ${peerFeatures.map((f) => f.label).join(', ')}: elke maat gestandaardiseerd over alle gemeenten (z-score; inwoners en dichtheid op logaritmische schaal), gemeenten gerangschikt naar de afstand tot het gebied (euclidisch), bij gelijke afstand op CBS-code`;
