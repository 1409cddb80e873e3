// Painting numbers as pixels on small canvases: activations, kernels and strips, via ImageData.

/** Lowest and highest of `values` at `count` positions picked by `at` (0 and 1 when empty or flat). */
export function rangeOf(count: number, at: (i: number) => number): { lo: number; hi: number } {
  let lo = Infinity;
  let hi = -Infinity;
  for (let i = 0; i < count; i++) {
    const v = at(i);
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  if (!Number.isFinite(lo)) return { lo: 0, hi: 1 };
  return hi > lo ? { lo, hi } : { lo: Math.min(lo, 0), hi: Math.max(hi, lo + 1e-6) };
}

/** Every grey from black (0) to white (255), made once: painting picks them instead of making a colour a cell. */
export const GRAYS: readonly (readonly [number, number, number])[] = Array.from({ length: 256 }, (_, v) => Object.freeze([v, v, v] as const));

/** Each canvas's pixel buffer, kept between paints: a live view repaints dozens of canvases a second, and fresh buffers are garbage. */
const buffers = new WeakMap<HTMLCanvasElement, ImageData>();

/** Paint a width × height canvas cell by cell (one canvas pixel a cell; CSS scales it up, pixelated). */
export function paintCells(canvas: HTMLCanvasElement | null, width: number, height: number, color: (i: number) => readonly [number, number, number]): void {
  if (!canvas) return;
  if (canvas.width !== width) canvas.width = width;
  if (canvas.height !== height) canvas.height = height;
  // A software canvas: these are tiny and painted whole from numbers, which the CPU path does without a trip through the GPU.
  const ctx = canvas.getContext('2d', { willReadFrequently: true });
  if (!ctx) return;
  let image = buffers.get(canvas);
  if (!image || image.width !== width || image.height !== height) {
    image = ctx.createImageData(width, height);
    buffers.set(canvas, image);
  }
  for (let i = 0; i < width * height; i++) {
    const [r, g, b] = color(i);
    image.data[i * 4] = r;
    image.data[i * 4 + 1] = g;
    image.data[i * 4 + 2] = b;
    image.data[i * 4 + 3] = 255;
  }
  ctx.putImageData(image, 0, 0);
}

/** Paint a width×height canvas grey, pixel i at brightness `level(i)` from 0 (black) to 255. */
export function paintGray(canvas: HTMLCanvasElement | null, width: number, height: number, level: (i: number) => number): void {
  paintCells(canvas, width, height, (i) => GRAYS[Math.min(255, Math.max(0, Math.round(level(i))))] ?? GRAYS[0]!);
}

/** Brightness for `v` on a scale from lo (black) to hi (white). */
export function linearLevel(v: number, lo: number, hi: number): number {
  return Math.round((255 * (v - lo)) / (hi - lo));
}

/** Brightness for a signed weight: mid-grey at 0, white at +max, black at -max. */
export function signedLevel(v: number, max: number): number {
  return Math.round(127.5 + (127.5 * v) / (max || 1));
}
