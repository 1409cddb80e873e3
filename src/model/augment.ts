// Random shifts, rotations and zooms of digits as projective matrices for tf.image.transform: pure maths.

import type { TrainSettings } from './training';

export type AugmentRanges = Pick<TrainSettings, 'shiftPixels' | 'rotationDegrees' | 'zoomPercent'>;

/** One digit's distortion: where it moves, how far it turns, how much it grows. */
export interface Distortion {
  /** Shift right and down, in pixels. */
  dx: number;
  dy: number;
  /** Clockwise on screen (rows grow downwards), in radians. */
  angle: number;
  /** Size factor: 1.1 draws the digit 10% larger. */
  scale: number;
}

export const IDENTITY: Distortion = { dx: 0, dy: 0, angle: 0, scale: 1 };

/** A distortion drawn uniformly within the ranges, using `random` (values in [0, 1)). */
export function sampleDistortion(ranges: AugmentRanges, random: () => number): Distortion {
  const spread = (r: number) => (2 * random() - 1) * r;
  return {
    dx: spread(ranges.shiftPixels),
    dy: spread(ranges.shiftPixels),
    angle: (spread(ranges.rotationDegrees) * Math.PI) / 180,
    scale: 1 + spread(ranges.zoomPercent) / 100,
  };
}

/**
 * The 8 numbers [a0, a1, a2, b0, b1, b2, c0, c1] that tf.image.transform reads: for each output
 * pixel (x, y) it samples the input at (a0·x + a1·y + a2, b0·x + b1·y + b2). So this is the
 * inverse of the distortion: undo the shift, then rotate back and shrink about the centre.
 */
export function transformRow(d: Distortion, side: number): number[] {
  const c = (side - 1) / 2;
  const cos = Math.cos(d.angle) / d.scale;
  const sin = Math.sin(d.angle) / d.scale;
  // input = C + M · (output − C − shift), with M the inverse rotation divided by the scale.
  const ox = c + d.dx;
  const oy = c + d.dy;
  return [cos, sin, c - cos * ox - sin * oy, -sin, cos, c + sin * ox - cos * oy, 0, 0];
}

/** Where the input point (x, y) lands under the distortion (for tests and for reasoning). */
export function distortPoint(d: Distortion, side: number, x: number, y: number): [number, number] {
  const c = (side - 1) / 2;
  const cos = Math.cos(d.angle) * d.scale;
  const sin = Math.sin(d.angle) * d.scale;
  const rx = x - c;
  const ry = y - c;
  return [c + cos * rx - sin * ry + d.dx, c + sin * rx + cos * ry + d.dy];
}
