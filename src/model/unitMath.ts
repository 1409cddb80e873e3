// One unit's arithmetic written out: the sums, windows and formulas the unit-detail views show, from plain numbers.
//
// Everything here works in float64 on the float32 values the worker read back, so its own sum of
// products matches the forward pass to about 1e-6 of the numbers' size, not bit for bit.

import type { Activation, Padding } from './architecture';
import { volumeIndex } from './units';
import type { WindowCell } from './window';
import { windowAt, windowCells } from './window';

/** A height × width × channels volume, channels last as tfjs stores it. */
export interface Volume {
  height: number;
  width: number;
  channels: number;
  values: ArrayLike<number>;
}

export function valueAt(v: Volume, row: number, col: number, channel: number): number {
  return v.values[volumeIndex(row, col, channel, v.width, v.channels)]!;
}

/** The softmax of `z`, shifted by its largest value so nothing overflows (the ratios are the same). */
export function softmax(z: ArrayLike<number>): { shift: number; exps: number[]; sum: number; probabilities: number[] } {
  const values = Array.from(z);
  const max = Math.max(...values);
  // e^z itself reads better, and double precision holds it for any logit a digit network gives.
  const shift = max > 50 || max < -50 ? max : 0;
  const exps = values.map((v) => Math.exp(v - shift));
  const sum = exps.reduce((a, b) => a + b, 0);
  return { shift, exps, sum, probabilities: exps.map((e) => e / sum) };
}

/**
 * `activation` applied to z. Softmax needs every unit's z at the same place (`group`, with z at
 * index `self` in it): across the channels of one cell for conv, across the units for dense.
 */
export function activate(activation: Activation, z: number, group?: { values: ArrayLike<number>; self: number }): number {
  switch (activation) {
    case 'relu':
      return Math.max(0, z);
    case 'sigmoid':
      return 1 / (1 + Math.exp(-z));
    case 'tanh':
      return Math.tanh(z);
    case 'linear':
      return z;
    case 'softmax': {
      if (!group) throw new Error('softmax needs the whole group of values');
      return softmax(group.values).probabilities[group.self]!;
    }
  }
}

export interface ConvSpec {
  kernelSize: number;
  strides: number;
  padding: Padding;
  activation: Activation;
}

/** The window over one input channel: each cell's input (0 in the padding), weight and product. */
export interface ChannelTerms {
  channel: number;
  cells: (WindowCell & { input: number; weight: number; product: number })[];
  /** Sum of this channel's products. */
  sum: number;
}

export interface ConvUnit {
  /** Input row and column of the window's top-left cell (negative in the padding). */
  top: number;
  left: number;
  channels: ChannelTerms[];
  /** Sum of all products, over every input channel. */
  sum: number;
  bias: number;
  /** sum + bias: the unit's pre-activation. */
  preactivation: number;
  activation: Activation;
  /** The activation of the pre-activation: what the map holds at this cell. */
  value: number;
}

/**
 * Conv unit (row, col) of one filter: `kernel` is that filter's weights, kernelSize × kernelSize
 * × input channels, in tfjs's order (row, column, channel). `siblings`: the pre-activations of
 * every filter at this cell and this filter's index, needed only for a softmax activation.
 */
export function convUnit(input: Volume, kernel: ArrayLike<number>, bias: number, spec: ConvSpec, row: number, col: number, siblings?: { values: ArrayLike<number>; self: number }): ConvUnit {
  const k = spec.kernelSize;
  if (kernel.length !== k * k * input.channels) throw new Error(`a ${k}×${k} kernel over ${input.channels} channels has ${k * k * input.channels} weights, not ${kernel.length}`);
  const window = { size: k, stride: spec.strides, padding: spec.padding, inHeight: input.height, inWidth: input.width };
  const cells = windowCells(window, row, col);
  const channels: ChannelTerms[] = [];
  for (let ch = 0; ch < input.channels; ch++) {
    let sum = 0;
    const terms = cells.map((cell, i) => {
      const x = cell.inside ? valueAt(input, cell.row, cell.col, ch) : 0;
      const w = kernel[i * input.channels + ch]!;
      sum += x * w;
      return { ...cell, input: x, weight: w, product: x * w };
    });
    channels.push({ channel: ch, cells: terms, sum });
  }
  const sum = channels.reduce((a, c) => a + c.sum, 0);
  const preactivation = sum + bias;
  const { top, left } = windowAt(window, row, col);
  return { top, left, channels, sum, bias, preactivation, activation: spec.activation, value: activate(spec.activation, preactivation, siblings) };
}

/** Every pre-activation of one filter's map, computed the way convUnit does: for the step-through. */
export function convMap(input: Volume, kernel: ArrayLike<number>, bias: number, spec: ConvSpec): { height: number; width: number; values: Float64Array } {
  const window = { size: spec.kernelSize, stride: spec.strides, padding: spec.padding, inHeight: input.height, inWidth: input.width };
  const { outHeight, outWidth } = windowAt(window, 0, 0);
  const values = new Float64Array(outHeight * outWidth);
  const k = spec.kernelSize;
  const c = input.channels;
  for (let r = 0; r < outHeight; r++) {
    for (let q = 0; q < outWidth; q++) {
      const { top, left } = windowAt(window, r, q);
      let sum = bias;
      for (let dy = 0; dy < k; dy++) {
        const y = top + dy;
        if (y < 0 || y >= input.height) continue;
        for (let dx = 0; dx < k; dx++) {
          const x = left + dx;
          if (x < 0 || x >= input.width) continue;
          const base = volumeIndex(y, x, 0, input.width, c);
          const wBase = (dy * k + dx) * c;
          for (let ch = 0; ch < c; ch++) sum += input.values[base + ch]! * kernel[wBase + ch]!;
        }
      }
      values[r * outWidth + q] = sum;
    }
  }
  return { height: outHeight, width: outWidth, values };
}

export interface PoolSpec {
  op: 'max' | 'average';
  poolSize: number;
  strides: number;
  padding: Padding;
}

export interface PoolUnit {
  top: number;
  left: number;
  /** The window's cells; cells in the padding take no part (as in TF: max and average skip them). */
  cells: (WindowCell & { value: number })[];
  /** Index into cells of the largest value (max pooling), or -1. */
  winner: number;
  /** How many real cells were averaged. */
  count: number;
  value: number;
}

/** Pooling unit (row, col) of map `channel`. */
export function poolUnit(input: Volume, channel: number, spec: PoolSpec, row: number, col: number): PoolUnit {
  const window = { size: spec.poolSize, stride: spec.strides, padding: spec.padding, inHeight: input.height, inWidth: input.width };
  const cells = windowCells(window, row, col).map((cell) => ({ ...cell, value: cell.inside ? valueAt(input, cell.row, cell.col, channel) : 0 }));
  const { top, left } = windowAt(window, row, col);
  let winner = -1;
  let sum = 0;
  let count = 0;
  cells.forEach((cell, i) => {
    if (!cell.inside) return;
    count++;
    sum += cell.value;
    if (winner < 0 || cell.value > cells[winner]!.value) winner = i;
  });
  if (spec.op === 'max') return { top, left, cells, winner, count, value: winner < 0 ? 0 : cells[winner]!.value };
  return { top, left, cells, winner: -1, count, value: count > 0 ? sum / count : 0 };
}

export interface BatchNormParams {
  mean: number;
  variance: number;
  gamma: number;
  beta: number;
  epsilon: number;
}

/** Batch normalisation at inference, as tfjs computes it: (x − mean) / √(variance + ε) · γ + β. */
export function batchNormUnit(x: number, p: BatchNormParams): { centred: number; normalised: number; value: number } {
  const centred = x - p.mean;
  const normalised = centred / Math.sqrt(p.variance + p.epsilon);
  return { centred, normalised, value: normalised * p.gamma + p.beta };
}

export interface Contribution {
  /** Index of the input unit. */
  index: number;
  input: number;
  weight: number;
  product: number;
}

export interface DenseUnit {
  /** Every input's weight × input, in input order. */
  products: Float64Array;
  /** The `top` largest contributions by size, largest first. */
  largest: Contribution[];
  /** Sum of the contributions not in `largest`. */
  rest: number;
  sum: number;
  bias: number;
  preactivation: number;
  activation: Activation;
  value: number;
}

/** A dense unit: `weights` is its column of the kernel, one weight per input. */
export function denseUnit(input: ArrayLike<number>, weights: ArrayLike<number>, bias: number, activation: Activation, top: number, siblings?: { values: ArrayLike<number>; self: number }): DenseUnit {
  if (weights.length !== input.length) throw new Error(`a dense unit over ${input.length} inputs has ${input.length} weights, not ${weights.length}`);
  const products = new Float64Array(input.length);
  let sum = 0;
  for (let i = 0; i < input.length; i++) {
    products[i] = input[i]! * weights[i]!;
    sum += products[i]!;
  }
  const order = Array.from(products.keys()).sort((a, b) => Math.abs(products[b]!) - Math.abs(products[a]!) || a - b);
  const largest = order.slice(0, top).map((index) => ({ index, input: input[index]!, weight: weights[index]!, product: products[index]! }));
  let rest = 0;
  for (const i of order.slice(top)) rest += products[i]!;
  const preactivation = sum + bias;
  return { products, largest, rest, sum, bias, preactivation, activation, value: activate(activation, preactivation, siblings) };
}
