// Comparing two moments of a run: how much each filter changed, and which test digits flipped between right and wrong.

/** The kernels of one conv layer, one k×k image per filter (averaged over input channels), as the worker sends them. */
export interface KernelImages {
  count: number;
  kernelSize: number;
  /** [count][kernelSize][kernelSize], row-major. */
  values: Float32Array;
}

export interface FilterChange {
  /** later − earlier, [count][k][k]. */
  diff: Float32Array;
  /** Per filter: ‖later − earlier‖ / ‖earlier‖ (Infinity from an all-zero filter that moved; 0 if neither moved). */
  relative: number[];
  /** The largest |difference| over all filters: one scale, so the difference images compare. */
  maxAbs: number;
}

function norm(values: Float32Array, from: number, length: number): number {
  let s = 0;
  for (let i = from; i < from + length; i++) s += values[i]! * values[i]!;
  return Math.sqrt(s);
}

/** How each filter changed from `earlier` to `later` (the same layer at two checkpoints). */
export function filterChange(earlier: KernelImages, later: KernelImages): FilterChange {
  if (earlier.count !== later.count || earlier.kernelSize !== later.kernelSize) {
    throw new Error(`the two checkpoints have different filters (${earlier.count} of ${earlier.kernelSize}×${earlier.kernelSize} against ${later.count} of ${later.kernelSize}×${later.kernelSize})`);
  }
  const size = earlier.kernelSize * earlier.kernelSize;
  const diff = new Float32Array(earlier.values.length);
  let maxAbs = 0;
  for (let i = 0; i < diff.length; i++) {
    diff[i] = later.values[i]! - earlier.values[i]!;
    maxAbs = Math.max(maxAbs, Math.abs(diff[i]!));
  }
  const relative = Array.from({ length: earlier.count }, (_, f) => {
    const moved = norm(diff, f * size, size);
    const base = norm(earlier.values, f * size, size);
    return base > 0 ? moved / base : moved > 0 ? Infinity : 0;
  });
  return { diff, relative, maxAbs };
}

export interface Flips {
  /** Test digits wrong at the earlier moment and right at the later one, by index. */
  fixed: number[];
  /** Right earlier, wrong later. */
  broken: number[];
  /** Right at each moment, out of all. */
  rightBefore: number;
  rightAfter: number;
}

/** Which test digits flipped between two scorings of the same test set (guesses by index). */
export function flippedDigits(labels: ArrayLike<number>, before: ArrayLike<number>, after: ArrayLike<number>): Flips {
  if (before.length !== labels.length || after.length !== labels.length) throw new Error('the two scorings cover different digits');
  const fixed: number[] = [];
  const broken: number[] = [];
  let rightBefore = 0;
  let rightAfter = 0;
  for (let i = 0; i < labels.length; i++) {
    const was = before[i] === labels[i];
    const is = after[i] === labels[i];
    if (was) rightBefore++;
    if (is) rightAfter++;
    if (!was && is) fixed.push(i);
    else if (was && !is) broken.push(i);
  }
  return { fixed, broken, rightBefore, rightAfter };
}

/** One way of flipping, as the worker sends it: how many, and the first few with their images. */
export interface FlipList {
  total: number;
  /** The first few, most confident (later guess) first: 784 bytes each. */
  images: Uint8Array;
  indices: Uint32Array;
  labels: Uint8Array;
  /** The guesses at the earlier and at the later moment. */
  before: Uint8Array;
  after: Uint8Array;
}

/** The test digits that flipped between two moments, both ways. */
export interface Flipped {
  fixed: FlipList;
  broken: FlipList;
  rightBefore: number;
  rightAfter: number;
  /** Test digits scored. */
  count: number;
}
