// MNIST-style preprocessing of a drawn digit: crop to the ink, fit the long side to 20 px, centre by mass.
//
// MNIST was made this way (LeCun et al.): each NIST digit was size-normalised to fit a 20×20 box
// keeping its aspect ratio, with anti-aliasing that leaves grey edges, then placed in a 28×28
// field so that its centre of mass sits at the field's centre. A drawing that skips these steps
// (small, off-centre, thin) looks nothing like the training digits and is misread.

/** Side of an MNIST image. */
export const MNIST_SIDE = 28;
/** Side of the box the long side of the ink is scaled to. */
export const FIT_SIDE = 20;
/** Where MNIST puts the centre of mass: pixel (14, 14), counting pixels from 0. */
export const MASS_CENTRE = 14;

/** A grayscale image: ink from 0 (none) to 255 (full), row by row. */
export interface Gray {
  width: number;
  height: number;
  pixels: ArrayLike<number>;
}

/** A half-open rectangle of pixels: x0 <= x < x1, y0 <= y < y1. */
export interface Box {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

/** The ink of an RGBA image (a canvas's ImageData) drawn on a transparent background: its alpha. */
export function inkFromRgba(rgba: ArrayLike<number>, width: number, height: number): Gray {
  const pixels = new Uint8Array(width * height);
  for (let i = 0; i < pixels.length; i++) pixels[i] = rgba[i * 4 + 3]!;
  return { width, height, pixels };
}

/** The smallest box holding every pixel with ink, or null for an empty image. */
export function inkBounds(img: Gray): Box | null {
  let x0 = img.width;
  let y0 = img.height;
  let x1 = 0;
  let y1 = 0;
  for (let y = 0; y < img.height; y++) {
    const row = y * img.width;
    for (let x = 0; x < img.width; x++) {
      if (img.pixels[row + x]! > 0) {
        if (x < x0) x0 = x;
        if (x >= x1) x1 = x + 1;
        if (y < y0) y0 = y;
        y1 = y + 1;
      }
    }
  }
  return x1 > x0 ? { x0, y0, x1, y1 } : null;
}

/** For each of `out` output pixels, which source pixels (from `start`, `length` of them) it covers and how much. */
function coverage(start: number, length: number, out: number): { first: number; weights: number[] }[] {
  const step = length / out;
  return Array.from({ length: out }, (_, o) => {
    const lo = start + o * step;
    const hi = lo + step;
    const first = Math.floor(lo);
    const weights: number[] = [];
    // Stop at the box's edge: rounding can leave `hi` a hair beyond it.
    for (let s = first; s < Math.min(hi, start + length); s++) weights.push(Math.min(hi, s + 1) - Math.max(lo, s));
    return { first, weights };
  });
}

/**
 * Resample `box` of `img` to `outW`×`outH` pixels by area averaging: each output pixel is the
 * mean of the source area it covers, so a stroke's edges turn grey as MNIST's do and the ink's
 * total (times the area ratio) is kept.
 */
export function resampleArea(img: Gray, box: Box, outW: number, outH: number): Float32Array {
  const cols = coverage(box.x0, box.x1 - box.x0, outW);
  const rows = coverage(box.y0, box.y1 - box.y0, outH);
  const area = ((box.x1 - box.x0) / outW) * ((box.y1 - box.y0) / outH);
  // Separable: average along x into an intermediate of outW columns, then along y.
  const across = new Float32Array(outW * (box.y1 - box.y0));
  for (let y = box.y0; y < box.y1; y++) {
    const row = y * img.width;
    cols.forEach(({ first, weights }, o) => {
      let sum = 0;
      weights.forEach((w, k) => (sum += w * img.pixels[row + first + k]!));
      across[(y - box.y0) * outW + o] = sum;
    });
  }
  const out = new Float32Array(outW * outH);
  rows.forEach(({ first, weights }, o) => {
    for (let x = 0; x < outW; x++) {
      let sum = 0;
      weights.forEach((w, k) => (sum += w * across[(first - box.y0 + k) * outW + x]!));
      out[o * outW + x] = sum / area;
    }
  });
  return out;
}

/** Centre of mass of an image's ink, in pixel indices (pixel (0, 0) has its centre at (0, 0)). */
export function centreOfMass(pixels: ArrayLike<number>, width: number): { x: number; y: number; mass: number } {
  let mass = 0;
  let mx = 0;
  let my = 0;
  for (let i = 0; i < pixels.length; i++) {
    const v = pixels[i]!;
    mass += v;
    mx += v * (i % width);
    my += v * Math.floor(i / width);
  }
  return mass > 0 ? { x: mx / mass, y: my / mass, mass } : { x: (width - 1) / 2, y: (pixels.length / width - 1) / 2, mass: 0 };
}

/** Zero-pad a square image by `pad` pixels on each side (28×28 → 32×32 for LeNet-style inputs). */
export function padImage(pixels: Uint8Array, side: number, pad: number): Uint8Array {
  const outSide = side + 2 * pad;
  const out = new Uint8Array(outSide * outSide);
  for (let y = 0; y < side; y++) out.set(pixels.subarray(y * side, y * side + side), (y + pad) * outSide + pad);
  return out;
}

/** The ink cropped to its box with its long side scaled to `fit` pixels (aspect kept), or null when there is none. */
export function fitInk(img: Gray, fit: number): { fitted: Float32Array; width: number; height: number } | null {
  const box = inkBounds(img);
  if (!box) return null;
  const w = box.x1 - box.x0;
  const h = box.y1 - box.y0;
  const scale = fit / Math.max(w, h);
  const width = w >= h ? fit : Math.max(1, Math.round(w * scale));
  const height = h >= w ? fit : Math.max(1, Math.round(h * scale));
  return { fitted: resampleArea(img, box, width, height), width, height };
}

/** A fitted image placed at (left, top) in an empty 28×28 field, rounded to bytes. */
export function placeInField(fitted: Float32Array, width: number, height: number, left: number, top: number): Uint8Array {
  const out = new Uint8Array(MNIST_SIDE * MNIST_SIDE);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) out[(top + y) * MNIST_SIDE + left + x] = clamp(Math.round(fitted[y * width + x]!), 0, 255);
  }
  return out;
}

/**
 * The drawn digit as MNIST would have it: a `side`×`side` byte image (28, or 32 with the 2-pixel
 * zero border), or null when nothing is drawn.
 */
export function preprocessDigit(img: Gray, side: number = MNIST_SIDE): Uint8Array | null {
  const fit = fitInk(img, FIT_SIDE);
  if (!fit) return null;
  const { fitted, width: outW, height: outH } = fit;
  // Whole-pixel shift, as MNIST did, so the 20-pixel box stays sharp-edged.
  const com = centreOfMass(fitted, outW);
  const left = clamp(Math.round(MASS_CENTRE - com.x), 0, MNIST_SIDE - outW);
  const top = clamp(Math.round(MASS_CENTRE - com.y), 0, MNIST_SIDE - outH);
  const out = placeInField(fitted, outW, outH, left, top);
  const pad = (side - MNIST_SIDE) / 2;
  return pad > 0 ? padImage(out, MNIST_SIDE, pad) : out;
}

function clamp(v: number, lo: number, hi: number): number {
  return Math.min(hi, Math.max(lo, v));
}
