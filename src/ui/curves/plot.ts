// The line charts' geometry: where the plot sits, linear scales, round ticks, a series as one SVG path, the row under the pointer.
import type { Row } from '../../model/curves';

/** The chart's height in CSS pixels. */
export const HEIGHT = 220;
/** Where the plot sits inside the chart: the margins, the y axis's width (52) and the x axis's height (30). */
export const PLOT = { left: 6 + 52, right: 16, top: 8, bottom: 16 + 30 } as const;

export type Domain = readonly [number, number];

/** A linear map from `domain` onto `range` (a domain of zero width maps to the range's middle). */
export function linear(domain: Domain, range: Domain): (v: number) => number {
  const [d0, d1] = domain;
  const [r0, r1] = range;
  if (d1 === d0) return () => (r0 + r1) / 2;
  const k = (r1 - r0) / (d1 - d0);
  return (v) => r0 + (v - d0) * k;
}

/**
 * About `count` round ticks (1, 2, 2.5 or 5 times a power of ten apart) from `lo` to `hi`,
 * whole numbers only when `integer`.
 */
export function niceTicks(lo: number, hi: number, count = 5, integer = false): number[] {
  if (!Number.isFinite(lo) || !Number.isFinite(hi) || hi < lo) return [];
  if (hi === lo) return [lo];
  const raw = (hi - lo) / Math.max(1, count - 1);
  const power = 10 ** Math.floor(Math.log10(raw));
  let step = [1, 2, 2.5, 5, 10].map((m) => m * power).find((s) => s >= raw * (1 - 1e-9)) ?? 10 * power;
  if (integer) step = Math.max(1, Math.ceil(step));
  const ticks: number[] = [];
  for (let i = Math.ceil(lo / step - 1e-9); i * step <= hi * (1 + 1e-12) + 1e-12; i++) ticks.push(Number((i * step).toPrecision(12)));
  return ticks;
}

/**
 * An x axis's ticks: round ones, and the end of the range too when it is far enough from the last
 * (a live chart's end is the run's last batch, worth reading).
 */
export function axisTicks(lo: number, hi: number, integer = false): number[] {
  const ticks = niceTicks(lo, hi, 5, integer);
  const last = ticks.at(-1);
  const step = ticks.length > 1 ? ticks[1]! - ticks[0]! : 0;
  if (last !== undefined && step > 0 && hi - last >= 0.6 * step) ticks.push(hi);
  return ticks;
}

/** The x range of `rows`, or [0, 1] when they have none. */
export function dataDomain(rows: readonly Row[]): Domain {
  if (rows.length === 0) return [0, 1];
  const lo = rows[0]!.x;
  const hi = rows[rows.length - 1]!.x;
  return lo === hi ? [lo - 0.5, hi + 0.5] : [lo, hi];
}

/**
 * The column `key` of `rows` as one path of straight segments ("M x,y L x,y …"), joining its
 * points across rows that lack a finite value; `points` says how many it has.
 */
export function linePath(rows: readonly Row[], key: string, x: (v: number) => number, y: (v: number) => number): { d: string; points: number } {
  let d = '';
  let points = 0;
  for (const row of rows) {
    const v = row[key];
    if (v === undefined || !Number.isFinite(v) || !Number.isFinite(row.x)) continue;
    d += `${points === 0 ? 'M' : 'L'}${x(row.x).toFixed(1)},${y(v).toFixed(1)}`;
    points++;
  }
  return { d, points };
}

/** The index of the row whose x is nearest to `x` (rows sorted by x), or -1 without rows. */
export function nearestRow(rows: readonly Row[], x: number): number {
  if (rows.length === 0 || !Number.isFinite(x)) return -1;
  let lo = 0;
  let hi = rows.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (rows[mid]!.x < x) lo = mid + 1;
    else hi = mid;
  }
  return lo > 0 && x - rows[lo - 1]!.x <= rows[lo]!.x - x ? lo - 1 : lo;
}
