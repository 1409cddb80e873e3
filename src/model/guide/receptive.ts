// Which input pixels a unit can see: its window walked back through every earlier conv and pooling layer.

import type { Architecture } from '../architecture';
import { analyze } from '../analyze';
import type { PixelRange } from './answer';
import type { SelectedUnit } from './types';

interface Span {
  from: number;
  to: number;
}

/** Zeros tfjs adds before the first row/column for padding 'same' (half the total, rounded down). */
function padBefore(n: number, out: number, window: number, stride: number): number {
  return Math.floor(Math.max((out - 1) * stride + window - n, 0) / 2);
}

/**
 * The input pixels a unit's value depends on, inclusive, clipped to the input at every layer
 * (padding cells are zeros, so they see nothing). A dense unit, or anything after a Flatten,
 * sees the whole input. Null when the unit is not in the network or a shape cannot be computed.
 */
export function receptiveField(arch: Architecture, unit: SelectedUnit): PixelRange | null {
  const { rows } = analyze(arch);
  const row = rows[unit.layer];
  const out = row?.outputShape;
  const whole: PixelRange = { top: 0, left: 0, bottom: arch.input.height - 1, right: arch.input.width - 1 };
  if (!row || !out) return null;
  if (out.kind === 'flat') return unit.unit !== undefined && unit.unit >= 0 && unit.unit < out.units ? whole : null;
  const { row: r, col: c } = unit;
  if (r === undefined || c === undefined || r < 0 || c < 0 || r >= out.height || c >= out.width) return null;
  let rowsSpan: Span = { from: r, to: r };
  let colsSpan: Span = { from: c, to: c };
  for (let i = unit.layer; i >= 0; i--) {
    const { layer, inputShape, outputShape } = rows[i]!;
    if (!inputShape || !outputShape || inputShape.kind !== 'spatial' || outputShape.kind !== 'spatial') return whole;
    if (layer.type !== 'conv2d' && layer.type !== 'maxPooling2d' && layer.type !== 'averagePooling2d') continue;
    const k = layer.type === 'conv2d' ? layer.kernelSize : layer.poolSize;
    const s = layer.strides;
    const back = (span: Span, n: number, outN: number): Span => {
      const p = layer.padding === 'same' ? padBefore(n, outN, k, s) : 0;
      return { from: Math.max(0, span.from * s - p), to: Math.min(n - 1, span.to * s - p + k - 1) };
    };
    rowsSpan = back(rowsSpan, inputShape.height, outputShape.height);
    colsSpan = back(colsSpan, inputShape.width, outputShape.width);
  }
  return { top: rowsSpan.from, bottom: rowsSpan.to, left: colsSpan.from, right: colsSpan.to };
}

/** Side lengths of a range: [height, width]. */
export function rangeSize(r: PixelRange): [number, number] {
  return [r.bottom - r.top + 1, r.right - r.left + 1];
}
