// Where a conv or pooling window sits in its input: TF's padding rule and the cells one output reads.

import type { Padding } from './architecture';
import { outputLength } from './shape';

/** Padding added before and after one axis of the input. */
export interface AxisPadding {
  before: number;
  after: number;
}

/**
 * Padding along one axis, exactly as TF/Keras (and tfjs) pad: "valid" adds none; "same" adds
 * just enough for ceil(n / s) outputs, half before and the odd one after (the bottom or right),
 * so a 28-pixel row with a 4-wide kernel gets 1 zero on the left and 2 on the right.
 */
export function axisPadding(n: number, kernel: number, stride: number, padding: Padding): AxisPadding {
  if (padding === 'valid') return { before: 0, after: 0 };
  const out = outputLength(n, kernel, stride, 'same');
  const total = Math.max((out - 1) * stride + kernel - n, 0);
  const before = Math.floor(total / 2);
  return { before, after: total - before };
}

/** A square window slid over a square-celled input: a conv kernel or a pooling window. */
export interface WindowSpec {
  /** Side of the window (kernel or pool size). */
  size: number;
  stride: number;
  padding: Padding;
  /** Input height and width. */
  inHeight: number;
  inWidth: number;
}

export interface WindowPlace {
  /** Input row and column of the window's top-left cell; negative inside the padding. */
  top: number;
  left: number;
  /** Output size of the layer: how many positions the window takes in all. */
  outHeight: number;
  outWidth: number;
}

/** Where the window stands when it computes output (row, col). */
export function windowAt(spec: WindowSpec, row: number, col: number): WindowPlace {
  const pr = axisPadding(spec.inHeight, spec.size, spec.stride, spec.padding);
  const pc = axisPadding(spec.inWidth, spec.size, spec.stride, spec.padding);
  return {
    top: row * spec.stride - pr.before,
    left: col * spec.stride - pc.before,
    outHeight: outputLength(spec.inHeight, spec.size, spec.stride, spec.padding),
    outWidth: outputLength(spec.inWidth, spec.size, spec.stride, spec.padding),
  };
}

/** One cell under the window: its input coordinates, and whether it is a real cell or padding. */
export interface WindowCell {
  row: number;
  col: number;
  inside: boolean;
}

/** The size × size cells under the window at output (row, col), row by row. */
export function windowCells(spec: WindowSpec, row: number, col: number): WindowCell[] {
  const { top, left } = windowAt(spec, row, col);
  const cells: WindowCell[] = [];
  for (let dy = 0; dy < spec.size; dy++) {
    for (let dx = 0; dx < spec.size; dx++) {
      const r = top + dy;
      const c = left + dx;
      cells.push({ row: r, col: c, inside: r >= 0 && r < spec.inHeight && c >= 0 && c < spec.inWidth });
    }
  }
  return cells;
}
