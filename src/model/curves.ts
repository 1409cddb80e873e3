// Learning-curve maths: smoothing, downsampling and merging series for overlaid charts. Pure.

/**
 * Exponential moving average with bias correction (as TensorBoard smooths), so the first points
 * are not dragged towards zero. `weight` 0 returns the values; 0.9 is heavy smoothing.
 * Non-finite values pass through and do not poison the average that follows.
 */
export function smooth(values: readonly number[], weight: number): number[] {
  const w = Math.min(Math.max(Number.isFinite(weight) ? weight : 0, 0), 0.999);
  let average = 0;
  let seen = 0;
  return values.map((v) => {
    if (!Number.isFinite(v)) return v;
    seen++;
    average = average * w + (1 - w) * v;
    return average / (1 - w ** seen);
  });
}

/**
 * Which points to keep so a series of `xs`/`ys` fits in `max` points while keeping its shape
 * (largest-triangle-three-buckets): the first and last always, and from each bucket between them
 * the point that makes the largest triangle with the point kept before and the next bucket's mean.
 */
export function downsampleIndices(xs: readonly number[], ys: readonly number[], max: number): number[] {
  const n = Math.min(xs.length, ys.length);
  if (n <= Math.max(max, 2)) return Array.from({ length: n }, (_, i) => i);
  if (max < 3) return [0, n - 1];
  const kept = [0];
  const every = (n - 2) / (max - 2);
  let a = 0;
  for (let bucket = 0; bucket < max - 2; bucket++) {
    const start = Math.floor(bucket * every) + 1;
    const end = Math.min(Math.floor((bucket + 1) * every) + 1, n - 1);
    const nextEnd = Math.min(Math.floor((bucket + 2) * every) + 1, n);
    const [mx, my] = mean(xs, ys, end, nextEnd);
    let best = start;
    let bestArea = -1;
    for (let i = start; i < end; i++) {
      const area = Math.abs((xs[a]! - mx) * (ys[i]! - ys[a]!) - (xs[a]! - xs[i]!) * (my - ys[a]!));
      if (area > bestArea) {
        bestArea = area;
        best = i;
      }
    }
    kept.push(best);
    a = best;
  }
  kept.push(n - 1);
  return kept;
}

/** Mean point of [from, to), ignoring non-finite values; falls back to the last point. */
function mean(xs: readonly number[], ys: readonly number[], from: number, to: number): [number, number] {
  let sx = 0;
  let sy = 0;
  let count = 0;
  for (let i = from; i < to; i++) {
    if (Number.isFinite(ys[i]) && Number.isFinite(xs[i])) {
      sx += xs[i]!;
      sy += ys[i]!;
      count++;
    }
  }
  if (count === 0) return [xs[xs.length - 1] ?? 0, ys[ys.length - 1] ?? 0];
  return [sx / count, sy / count];
}

/** `points` cut down to at most `max`, keeping the shape of `y` against `x`. */
export function downsample<T>(points: readonly T[], max: number, x: (p: T) => number, y: (p: T) => number): T[] {
  if (points.length <= max) return points.slice();
  return downsampleIndices(points.map(x), points.map(y), max).map((i) => points[i]!);
}

export interface XY {
  x: number;
  y: number;
}

/** A chart row: the x value and one column per series that has a point there. */
export type Row = { x: number } & Record<string, number>;

/**
 * Several series with their own x values as one table for a chart, sorted by x. A series with no
 * point at some x simply has no column in that row (the chart joins its points across the gap).
 */
export function mergeSeries(series: readonly { key: string; points: readonly XY[] }[]): Row[] {
  const rows = new Map<number, Row>();
  for (const { key, points } of series) {
    for (const p of points) {
      if (!Number.isFinite(p.x)) continue;
      let row = rows.get(p.x);
      if (!row) {
        row = { x: p.x } as Row;
        rows.set(p.x, row);
      }
      row[key] = p.y;
    }
  }
  return [...rows.values()].sort((a, b) => a.x - b.x);
}

/**
 * `points` (sorted by x) read at each of `xs` by straight-line interpolation; xs outside the
 * series' own range are left out, so a shorter run's line simply ends.
 */
export function resample(points: readonly XY[], xs: readonly number[]): XY[] {
  const out: XY[] = [];
  if (points.length === 0) return out;
  let j = 0;
  for (const x of xs) {
    if (x < points[0]!.x || x > points[points.length - 1]!.x) continue;
    while (j < points.length - 2 && points[j + 1]!.x < x) j++;
    const a = points[j]!;
    const b = points[Math.min(j + 1, points.length - 1)]!;
    const t = b.x === a.x ? 0 : (x - a.x) / (b.x - a.x);
    out.push({ x, y: a.y + t * (b.y - a.y) });
  }
  return out;
}

/** `count` evenly spaced values from `from` to `to`, both included. */
export function grid(from: number, to: number, count: number): number[] {
  if (count < 2 || to <= from) return [from];
  return Array.from({ length: count }, (_, i) => from + ((to - from) * i) / (count - 1));
}
