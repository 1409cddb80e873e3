// Tensor shapes between layers and the output-size arithmetic tfjs/Keras use.

import type { Padding } from './architecture';

/** A feature-map volume (height × width × channels) or a flat vector. */
export type Shape =
  | { kind: 'spatial'; height: number; width: number; channels: number }
  | { kind: 'flat'; units: number };

export function spatial(height: number, width: number, channels: number): Shape {
  return { kind: 'spatial', height, width, channels };
}

export function flat(units: number): Shape {
  return { kind: 'flat', units };
}

/** Number of values in one example's tensor of this shape. */
export function shapeSize(shape: Shape): number {
  return shape.kind === 'flat' ? shape.units : shape.height * shape.width * shape.channels;
}

/** "24x24x32" or "128": the form of the data-output-shape hook. */
export function shapeKey(shape: Shape): string {
  return shape.kind === 'flat' ? String(shape.units) : `${shape.height}x${shape.width}x${shape.channels}`;
}

/** "24×24×32" or "128": for people. */
export function shapeLabel(shape: Shape): string {
  return shape.kind === 'flat' ? String(shape.units) : `${shape.height}×${shape.width}×${shape.channels}`;
}

/**
 * Output length of a window of size `window` slid with `stride` over `n` inputs, exactly as
 * tfjs-layers' convOutputLength: valid floor((n - k) / s) + 1, same ceil(n / s).
 * Returns 0 or less when a valid window does not fit.
 */
export function outputLength(n: number, window: number, stride: number, padding: Padding): number {
  if (padding === 'same') return Math.ceil(n / stride);
  return Math.floor((n - window) / stride) + 1;
}
