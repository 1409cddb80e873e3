// Sum for the wasm backend when it adds up every leading axis (a bias gradient): one pass, no transpose.
//
// The gradient of a bias added to a [batch, h, w, channels] activation sums dy over all but the
// channel axis. The stock kernel first transposes dy so the summed axes come last (a full copy
// of a 15 MB tensor in the seed CNN), then sums. Summing rows of the [rows, channels] matrix as
// it lies is a single read: WASM SIMD from 4 channels up, JavaScript below that.

import * as tf from '@tensorflow/tfjs';
import type { KernelFunc, SumAttrs, SumInputs, TensorInfo } from '@tensorflow/tfjs';
import { simdLoops } from './simd';
import { disposeAll, floats, registerWasmKernel, requireStock, wasmBackend } from './wasmKernels';
import type { WasmBackend } from './wasmKernels';

/** Rows summed in float32 before being folded into the total: bounds the rounding error. */
const BLOCK_ROWS = 256;

/** Column sums of x as a [rows, cols] matrix, into `out` (cols floats). */
function columnSums(backend: WasmBackend, x: TensorInfo, rows: number, cols: number, out: TensorInfo): void {
  const simd = cols >= 4 ? simdLoops(backend) : null;
  if (simd !== null) {
    const block = backend.makeOutput([cols], 'float32');
    try {
      simd.columnSums(floats(backend, x).byteOffset, rows, cols, floats(backend, out).byteOffset, floats(backend, block).byteOffset, BLOCK_ROWS);
    } finally {
      disposeAll(backend, [block]);
    }
    return;
  }
  const src = floats(backend, x);
  const totals = new Float64Array(cols);
  for (let r = 0, at = 0; r < rows; r++) {
    for (let c = 0; c < cols; c++, at++) totals[c] = totals[c]! + src[at]!;
  }
  floats(backend, out).set(totals);
}

const make = (stockOrNull: KernelFunc | null): KernelFunc => {
  const stock = requireStock(tf.Sum, stockOrNull);
  return (args) => {
    const backend = wasmBackend(args.backend);
    const { x } = args.inputs as SumInputs;
    if (x === undefined) throw new Error('Sum needs x');
    const { axis, keepDims } = args.attrs as unknown as SumAttrs;
    const rank = x.shape.length;
    const axes = tf.util.parseAxisParam(axis, x.shape).sort((a, b) => a - b);
    const leading = rank >= 2 && axes.length === rank - 1 && axes.every((a, i) => a === i);
    if (!leading || x.dtype !== 'float32') return stock(args);
    const cols = x.shape[rank - 1]!;
    const rows = tf.util.sizeFromShape(x.shape) / Math.max(cols, 1);
    const out = backend.makeOutput(keepDims ? [...x.shape.slice(0, -1).map(() => 1), cols] : [cols], 'float32');
    if (rows === 0 || cols === 0) floats(backend, out).fill(0);
    else columnSums(backend, x, rows, cols, out);
    return out;
  };
};

export function registerSumWasm(): void {
  registerWasmKernel(tf.Sum, make);
}
