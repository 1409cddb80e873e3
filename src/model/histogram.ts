// Histograms of weights for replay: one set of bins per tensor shared by every checkpoint, so ridges and heat strips compare.
//
// The bins of a tensor (a layer's kernel, say) span the lowest to the highest value it held at
// any checkpoint, in equal widths; the last bin includes its upper edge. A checkpoint's counts
// are then directly comparable with every other's: the same bin is the same range of values.

/** Bins per histogram: enough to show a shape, few enough that each bin holds many weights. */
export const HISTOGRAM_BINS = 40;

/**
 * Bins for a tensor of `size` numbers: about two per square root of its size, between 8 and
 * HISTOGRAM_BINS, so ten biases make a shape rather than ten lonely spikes.
 */
export function binsFor(size: number): number {
  return Math.max(8, Math.min(HISTOGRAM_BINS, Math.round(2 * Math.sqrt(size))));
}

export interface Bins {
  lo: number;
  hi: number;
  count: number;
}

/** The lowest and highest finite values of a tensor at one checkpoint. */
export interface ValueRange {
  min: number;
  max: number;
}

export interface Histogram {
  /** counts[b]: values in [lo + b·w, lo + (b+1)·w), the last bin closed at hi. */
  counts: number[];
  /** NaN and infinite values, which no bin holds. */
  nonFinite: number;
}

/** The finite range of `values`; {min: Infinity, max: -Infinity} when there is none. */
export function rangeOfValues(values: ArrayLike<number>): ValueRange {
  let min = Infinity;
  let max = -Infinity;
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (!Number.isFinite(v)) continue;
    if (v < min) min = v;
    if (v > max) max = v;
  }
  return { min, max };
}

/**
 * Bins covering every range in `ranges` (one per checkpoint). A tensor that never varied (biases
 * before training are all 0) gets a narrow range around its value, so it shows as one spike.
 */
export function sharedBins(ranges: readonly ValueRange[], count = HISTOGRAM_BINS): Bins {
  let lo = Infinity;
  let hi = -Infinity;
  for (const r of ranges) {
    if (r.min < lo) lo = r.min;
    if (r.max > hi) hi = r.max;
  }
  if (!(lo <= hi)) return { lo: -1, hi: 1, count };
  if (hi === lo) {
    const half = Math.max(Math.abs(lo) * 0.05, 1e-3);
    return { lo: lo - half, hi: hi + half, count };
  }
  return { lo, hi, count };
}

export function histogram(values: ArrayLike<number>, bins: Bins): Histogram {
  const counts = new Array<number>(bins.count).fill(0);
  let nonFinite = 0;
  const scale = bins.count / (bins.hi - bins.lo);
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (!Number.isFinite(v)) {
      nonFinite++;
      continue;
    }
    const b = Math.floor((v - bins.lo) * scale);
    counts[b < 0 ? 0 : b >= bins.count ? bins.count - 1 : b]!++;
  }
  return { counts, nonFinite };
}

/** The value at the middle of bin `b`. */
export function binCentre(b: number, bins: Bins): number {
  return bins.lo + ((b + 0.5) * (bins.hi - bins.lo)) / bins.count;
}

/** Mean and standard deviation of the finite values (both 0 when there are none). */
export function meanAndSpread(values: ArrayLike<number>): { mean: number; std: number } {
  let n = 0;
  let sum = 0;
  let squares = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (!Number.isFinite(v)) continue;
    n++;
    sum += v;
    squares += v * v;
  }
  if (n === 0) return { mean: 0, std: 0 };
  const mean = sum / n;
  return { mean, std: Math.sqrt(Math.max(0, squares / n - mean * mean)) };
}

/** One weight tensor's histograms over a run: the same bins at every checkpoint. */
export interface TensorHistograms {
  /** Position of its layer in the architecture. */
  layer: number;
  /** kernel, bias, gamma or beta. */
  role: string;
  /** Numbers in the tensor. */
  size: number;
  bins: Bins;
  /** The checkpoint of each column, in order; null for the live weights. */
  ids: (number | null)[];
  /** counts[column][bin]. */
  counts: number[][];
  stats: { mean: number; std: number }[];
}
