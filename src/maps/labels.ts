/**
 * Wijk numbers on a printed map. A number sits inside its wijk, at the wijk's pole of
 * inaccessibility (the point farthest from its border), where it fits and touches no other
 * number; a referenced wijk whose number does not fit gets it beside the map's shapes with
 * a leader line to a dot in the wijk. Only numbers of wijken nobody refers to (context wijken
 * outside a wijk-level area) may be left out.
 */
import type { Geometry, Position } from 'geojson';

/** Text of the numbers: 10 px semibold, about 0.52 em per digit and 0.7 em cap height, plus the halo. */
export const LABEL_FONT_SIZE = 10;
/** A smaller number for a wijk that holds that but not the full size (still 6 pt in print). */
export const SMALL_LABEL_FONT_SIZE = 8;
const DIGIT_EM = 0.52;
const HEIGHT_EM = 1;
/** Wijken smaller than this (px²) hold no number of another wijk: leader labels keep off them. */
const SMALL_WIJK_AREA = 1200;
/** A number counts as inside its wijk when this share of its box lies on the wijk. */
const INSIDE_SHARE = 0.7;
/** Leader lines prefer white space: a box on land costs as much as this many px of extra line. */
const SMALL_WIJK_COST = 30;
const LAND_COST = 8;
const CROSSING_COST = 60;
/** Visible length of a leader line at least (px), so the line reads as one. */
const MIN_LEADER = 9;
/** A leader line scoring more than this (px and penalties) may take the smaller number if that lies much nearer. */
const FAR_LEADER = 30;

export interface LabelCandidate {
  nr: string;
  /** Fallback position (centroid of the largest part) when the wijk covers no pixel. */
  x: number;
  y: number;
  area: number;
  colour: string;
  halo: string;
  geometry: Geometry;
  /** Referenced by the table, text or legend: never left out. Default true. */
  required?: boolean;
}

export interface PlacedLabel {
  nr: string;
  x: number;
  y: number;
  colour: string;
  halo: string;
  fontSize: number;
  /** For a number outside its wijk: the line from the dot in the wijk (ax, ay) to the number's box (bx, by). */
  leader?: { ax: number; ay: number; bx: number; by: number };
}

type Box = { x0: number; x1: number; y0: number; y1: number };
type Segment = { ax: number; ay: number; bx: number; by: number };

const boxAt = (x: number, y: number, nr: string, pad = 0, size = LABEL_FONT_SIZE): Box => {
  const hw = (DIGIT_EM * size * nr.length + 2.6) / 2 + pad;
  const hh = (HEIGHT_EM * size) / 2 + pad;
  return { x0: x - hw, x1: x + hw, y0: y - hh, y1: y + hh };
};
const overlaps = (a: Box, b: Box) => a.x0 < b.x1 && a.x1 > b.x0 && a.y0 < b.y1 && a.y1 > b.y0;

/** Which feature (index + 1; 0 = none) covers each 1 px cell of the frame, by scanline fill (even-odd over all rings). */
export function ownershipGrid(geometries: Geometry[], width: number, height: number): { owner: Int32Array; width: number; height: number } {
  const W = Math.ceil(width);
  const H = Math.ceil(height);
  const owner = new Int32Array(W * H);
  geometries.forEach((g, index) => {
    const rings: Position[][] = g.type === 'Polygon' ? g.coordinates : g.type === 'MultiPolygon' ? g.coordinates.flat() : [];
    const edges: [number, number, number, number][] = [];
    let yMin = Infinity;
    let yMax = -Infinity;
    for (const ring of rings) {
      for (let i = 0; i < ring.length; i++) {
        const [x0, y0] = ring[i];
        const [x1, y1] = ring[(i + 1) % ring.length];
        if (y0 === y1) continue;
        edges.push([x0, y0, x1, y1]);
        yMin = Math.min(yMin, y0, y1);
        yMax = Math.max(yMax, y0, y1);
      }
    }
    const xs: number[] = [];
    for (let j = Math.max(0, Math.floor(yMin)); j < Math.min(H, Math.ceil(yMax)); j++) {
      const y = j + 0.5;
      xs.length = 0;
      for (const [x0, y0, x1, y1] of edges) {
        if ((y0 <= y && y < y1) || (y1 <= y && y < y0)) xs.push(x0 + ((y - y0) * (x1 - x0)) / (y1 - y0));
      }
      xs.sort((a, b) => a - b);
      for (let k = 0; k + 1 < xs.length; k += 2) {
        for (let i = Math.max(0, Math.ceil(xs[k] - 0.5)); i <= Math.min(W - 1, Math.floor(xs[k + 1] - 0.5)); i++) owner[j * W + i] = index + 1;
      }
    }
  });
  return { owner, width: W, height: H };
}

/**
 * Per feature the pole of inaccessibility on the grid: the cell farthest from any cell of
 * another feature or of no feature (two-pass chamfer distance). null for a feature on no cell.
 */
export function polesOf(grid: { owner: Int32Array; width: number; height: number }, count: number, near: { x: number; y: number }[]): ({ x: number; y: number; distance: number } | null)[] {
  const { owner, width: W, height: H } = grid;
  const d = new Float32Array(W * H);
  const D = Math.SQRT2;
  const at = (i: number, j: number, own: number) => (i < 0 || j < 0 || i >= W || j >= H || owner[j * W + i] !== own ? 0 : d[j * W + i]);
  for (let j = 0; j < H; j++)
    for (let i = 0; i < W; i++) {
      const own = owner[j * W + i];
      if (!own) continue;
      d[j * W + i] = Math.min(at(i - 1, j, own) + 1, at(i, j - 1, own) + 1, at(i - 1, j - 1, own) + D, at(i + 1, j - 1, own) + D);
    }
  for (let j = H - 1; j >= 0; j--)
    for (let i = W - 1; i >= 0; i--) {
      const own = owner[j * W + i];
      if (!own) continue;
      d[j * W + i] = Math.min(d[j * W + i], at(i + 1, j, own) + 1, at(i, j + 1, own) + 1, at(i + 1, j + 1, own) + D, at(i - 1, j + 1, own) + D);
    }
  const poles: ({ x: number; y: number; distance: number; tie: number } | null)[] = Array.from({ length: count }, () => null);
  for (let j = 0; j < H; j++)
    for (let i = 0; i < W; i++) {
      const own = owner[j * W + i];
      if (!own) continue;
      const x = i + 0.5;
      const y = j + 0.5;
      const p = poles[own - 1];
      const tie = (x - near[own - 1].x) ** 2 + (y - near[own - 1].y) ** 2;
      const dist = d[j * W + i];
      // Among (nearly) equally deep cells the one nearest the centroid: numbers stay where readers look.
      if (!p || dist > p.distance + 0.5 || (Math.abs(dist - p.distance) <= 0.5 && tie < p.tie)) poles[own - 1] = { x, y, distance: dist, tie };
    }
  return poles.map((p) => (p ? { x: p.x, y: p.y, distance: p.distance } : null));
}

/** Share of the box's cells covered by feature `own` (or, with own = -1, by any feature). */
function coverShare(grid: { owner: Int32Array; width: number; height: number }, box: Box, own: number): number {
  let n = 0;
  let hit = 0;
  for (let j = Math.max(0, Math.floor(box.y0)); j < Math.min(grid.height, Math.ceil(box.y1)); j++)
    for (let i = Math.max(0, Math.floor(box.x0)); i < Math.min(grid.width, Math.ceil(box.x1)); i++) {
      n++;
      const o = grid.owner[j * grid.width + i];
      if (own === -1 ? o !== 0 : o === own) hit++;
    }
  return n ? hit / n : 0;
}

/**
 * What a leader label's box costs for the land it covers, as a summed-area table: most on
 * small wijken (theirs are the dots), some on other land, nothing on white space.
 */
function landCostTable(grid: { owner: Int32Array; width: number; height: number }, small: Uint8Array): (box: Box) => number {
  const W = grid.width;
  const H = grid.height;
  const sum = new Float64Array((W + 1) * (H + 1));
  for (let j = 0; j < H; j++)
    for (let i = 0; i < W; i++) {
      const o = grid.owner[j * W + i];
      const cost = o ? (small[o - 1] ? SMALL_WIJK_COST : LAND_COST) : 0;
      sum[(j + 1) * (W + 1) + i + 1] = cost + sum[j * (W + 1) + i + 1] + sum[(j + 1) * (W + 1) + i] - sum[j * (W + 1) + i];
    }
  return (box) => {
    const i0 = Math.max(0, Math.floor(box.x0));
    const i1 = Math.min(W, Math.ceil(box.x1));
    const j0 = Math.max(0, Math.floor(box.y0));
    const j1 = Math.min(H, Math.ceil(box.y1));
    if (i1 <= i0 || j1 <= j0) return 0;
    const total = sum[j1 * (W + 1) + i1] - sum[j0 * (W + 1) + i1] - sum[j1 * (W + 1) + i0] + sum[j0 * (W + 1) + i0];
    return total / ((i1 - i0) * (j1 - j0));
  };
}

/** Does the segment cross the box (Liang–Barsky)? */
function segmentHitsBox(s: Segment, b: Box): boolean {
  let t0 = 0;
  let t1 = 1;
  const dx = s.bx - s.ax;
  const dy = s.by - s.ay;
  for (const [p, q] of [
    [-dx, s.ax - b.x0],
    [dx, b.x1 - s.ax],
    [-dy, s.ay - b.y0],
    [dy, b.y1 - s.ay],
  ]) {
    if (p === 0) {
      if (q < 0) return false;
    } else {
      const t = q / p;
      if (p < 0) t0 = Math.max(t0, t);
      else t1 = Math.min(t1, t);
      if (t0 > t1) return false;
    }
  }
  return true;
}

function segmentsCross(a: Segment, b: Segment): boolean {
  const cross = (ox: number, oy: number, px: number, py: number, qx: number, qy: number) => (px - ox) * (qy - oy) - (py - oy) * (qx - ox);
  const d1 = cross(b.ax, b.ay, b.bx, b.by, a.ax, a.ay);
  const d2 = cross(b.ax, b.ay, b.bx, b.by, a.bx, a.by);
  const d3 = cross(a.ax, a.ay, a.bx, a.by, b.ax, b.ay);
  const d4 = cross(a.ax, a.ay, a.bx, a.by, b.bx, b.by);
  return d1 * d2 < 0 && d3 * d4 < 0;
}

function distanceToSegment(x: number, y: number, s: Segment): number {
  const dx = s.bx - s.ax;
  const dy = s.by - s.ay;
  const t = Math.max(0, Math.min(1, ((x - s.ax) * dx + (y - s.ay) * dy) / (dx * dx + dy * dy || 1)));
  return Math.hypot(x - (s.ax + t * dx), y - (s.ay + t * dy));
}

/** Where the line from the box's centre towards (ax, ay) leaves the box, 1 px further. */
function leaderEnd(cx: number, cy: number, ax: number, ay: number, b: Box): { bx: number; by: number } {
  const dx = ax - cx;
  const dy = ay - cy;
  const hw = (b.x1 - b.x0) / 2;
  const hh = (b.y1 - b.y0) / 2;
  const len = Math.hypot(dx, dy) || 1;
  const s = Math.min(dx ? hw / Math.abs(dx) : Infinity, dy ? hh / Math.abs(dy) : Infinity) + 1 / len;
  return { bx: cx + dx * Math.min(1, s), by: cy + dy * Math.min(1, s) };
}

const r1 = (v: number) => Math.round(v * 10) / 10;

/**
 * Places the numbers of projected wijken in a frame of width × height px: inside where they
 * fit and do not touch another number (larger wijken first), else, for referenced wijken,
 * outside with a leader line at the nearest free spot, preferring white space.
 */
export function placeLabels(candidates: LabelCandidate[], width: number, height: number): PlacedLabel[] {
  const grid = ownershipGrid(candidates.map((c) => c.geometry), width, height);
  const poles = polesOf(grid, candidates.length, candidates);
  const anchors = candidates.map((c, i) => (poles[i] ? { x: poles[i]!.x, y: poles[i]!.y } : { x: c.x, y: c.y }));
  const placedBoxes: Box[] = [];
  const leaders: Segment[] = [];
  const out: PlacedLabel[] = [];
  const outside: number[] = [];
  const order = candidates.map((_, i) => i).sort((a, b) => Number(candidates[b].required !== false) - Number(candidates[a].required !== false) || candidates[b].area - candidates[a].area);
  for (const i of order) {
    const c = candidates[i];
    const { x, y } = anchors[i];
    // The full size where it fits, else the smaller one, else (referenced wijken) outside.
    const size = [LABEL_FONT_SIZE, SMALL_LABEL_FONT_SIZE].find(
      (s) => poles[i] !== null && coverShare(grid, boxAt(x, y, c.nr, 0, s), i + 1) >= INSIDE_SHARE && !placedBoxes.some((p) => overlaps(boxAt(x, y, c.nr, 1, s), p)),
    );
    if (size) {
      placedBoxes.push(boxAt(x, y, c.nr, 0, size));
      out.push({ nr: c.nr, x: r1(x), y: r1(y), colour: c.colour, halo: c.halo, fontSize: size });
    } else if (c.required !== false) outside.push(i);
  }
  const landCost = landCostTable(grid, Uint8Array.from(candidates, (c) => (c.area < SMALL_WIJK_AREA ? 1 : 0)));
  /** The best free spot for wijk i's number at this size: nearest, on white space, crossing nothing. */
  const spotFor = (i: number, size: number) => {
    const c = candidates[i];
    const { x: ax, y: ay } = anchors[i];
    const probe = boxAt(0, 0, c.nr, 0, size);
    const hw = (probe.x1 - probe.x0) / 2;
    const hh = (probe.y1 - probe.y0) / 2;
    let best: { x: number; y: number; score: number; box: Box; leader: Segment; size: number } | null = null;
    const maxR = Math.hypot(width, height);
    for (let r = Math.hypot(hw, hh) + MIN_LEADER; r < maxR && (!best || r < best.score); r += 3) {
      const steps = Math.max(12, Math.round((2 * Math.PI * r) / 6));
      for (let k = 0; k < steps; k++) {
        const angle = (2 * Math.PI * k) / steps;
        const x = ax + r * Math.cos(angle);
        const y = ay + r * Math.sin(angle);
        if (x - hw < 1 || x + hw > width - 1 || y - hh < 1 || y + hh > height - 1) continue;
        const padded = boxAt(x, y, c.nr, 1, size);
        if (placedBoxes.some((p) => overlaps(padded, p))) continue;
        const box = boxAt(x, y, c.nr, 0, size);
        let score = r + landCost(box);
        if (best && score >= best.score) continue;
        const leader = { ax, ay, ...leaderEnd(x, y, ax, ay, box) };
        // A line through another number or across another line costs as much as a much longer line.
        for (const p of placedBoxes) if (segmentHitsBox(leader, p)) score += CROSSING_COST;
        for (const l of leaders) if (segmentsCross(leader, l) || segmentHitsBox(l, padded)) score += CROSSING_COST;
        // A line past the dot of another wijk's line would seem to point there.
        for (const o of outside) if (o !== i && distanceToSegment(anchors[o].x, anchors[o].y, leader) < 3) score += CROSSING_COST;
        // Not on the dot of another leader or on the pole of a wijk still to be numbered.
        if (outside.some((o) => o !== i && anchors[o].x > padded.x0 - 2 && anchors[o].x < padded.x1 + 2 && anchors[o].y > padded.y0 - 2 && anchors[o].y < padded.y1 + 2)) score += 1e3;
        if (!best || score < best.score) best = { x, y, score, box, leader, size };
      }
    }
    return best;
  };
  for (const i of outside) {
    const c = candidates[i];
    const { x: ax, y: ay } = anchors[i];
    // The full size, unless only the smaller one finds a spot clearly nearer (in a dense city centre).
    let best = spotFor(i, LABEL_FONT_SIZE);
    if (!best || best.score > FAR_LEADER) {
      const smaller = spotFor(i, SMALL_LABEL_FONT_SIZE);
      if (smaller && (!best || smaller.score + FAR_LEADER / 2 < best.score)) best = smaller;
    }
    // A frame too small for any spot (never for a real map): on its pole, overlapping, rather than left out.
    const chosen = best ?? { x: ax, y: ay, box: boxAt(ax, ay, c.nr), leader: null, size: LABEL_FONT_SIZE };
    placedBoxes.push(chosen.box);
    if (chosen.leader) leaders.push(chosen.leader);
    out.push({
      nr: c.nr,
      x: r1(chosen.x),
      y: r1(chosen.y),
      colour: '#1f1f1f',
      halo: '#ffffff',
      fontSize: chosen.size,
      ...(chosen.leader ? { leader: { ax: r1(ax), ay: r1(ay), bx: r1(chosen.leader.bx), by: r1(chosen.leader.by) } } : {}),
    });
  }
  return out.sort((a, b) => Number(a.nr) - Number(b.nr));
}
