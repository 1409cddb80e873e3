// BatchMatMul for the wasm backend: products with a transposed operand go to XNNPACK instead of a scalar loop.
//
// tfjs-backend-wasm hands a product to XNNPACK only when neither operand is transposed (and
// there is one matrix per operand); anything else runs a naive triple loop. Backpropagation
// through a dense layer is exactly such products: dx = dy·Wᵀ and dW = xᵀ·dy, 10 to 30 times
// slower there than the forward pass. Transposing the operand explicitly (a memory copy, far
// cheaper than the product) puts them on XNNPACK's fast, SIMD path.

import * as tf from '@tensorflow/tfjs';
import type { BatchMatMulAttrs, BatchMatMulInputs, KernelFunc, TensorInfo } from '@tensorflow/tfjs';
import { disposeAll, registerWasmKernel, requireStock, reshape, transpose } from './wasmKernels';

/** A matrix (all leading dimensions 1) transposed into a new [1, cols, rows] buffer. */
function transposed(backend: unknown, m: TensorInfo): TensorInfo {
  const rank = m.shape.length;
  const rows = m.shape[rank - 2]!;
  const cols = m.shape[rank - 1]!;
  const flat = reshape(backend, m, [rows, cols]);
  const t = transpose(backend, flat, [1, 0]);
  try {
    return reshape(backend, t, [1, cols, rows]);
  } finally {
    disposeAll(backend, [flat, t]);
  }
}

function isSingleMatrix(t: TensorInfo): boolean {
  return t.shape.slice(0, -2).every((d) => d === 1);
}

const make = (stockOrNull: KernelFunc | null): KernelFunc => {
  const stock = requireStock(tf.BatchMatMul, stockOrNull);
  return (args) => {
    const { a, b } = args.inputs as BatchMatMulInputs;
    const { transposeA, transposeB } = args.attrs as unknown as BatchMatMulAttrs;
    if (a === undefined || b === undefined) throw new Error('BatchMatMul needs a and b');
    const fast = (transposeA || transposeB) && a.dtype === 'float32' && b.dtype === 'float32' && isSingleMatrix(a) && isSingleMatrix(b);
    if (!fast) return stock(args);
    const { backend } = args;
    const temporaries: TensorInfo[] = [];
    try {
      const a2 = transposeA ? transposed(backend, a) : a;
      if (transposeA) temporaries.push(a2);
      const b2 = transposeB ? transposed(backend, b) : b;
      if (transposeB) temporaries.push(b2);
      const out = stock({ inputs: { a: a2, b: b2 }, backend, attrs: { ...args.attrs, transposeA: false, transposeB: false } });
      if (Array.isArray(out)) throw new Error('BatchMatMul returned several tensors');
      // The leading dimensions the caller's operands give, as the stock kernel reports them.
      const lead = tf.backend_util.assertAndGetBroadcastShape(a.shape.slice(0, -2), b.shape.slice(0, -2));
      const shape = [...lead, ...out.shape.slice(-2)];
      if (tf.util.arraysEqual(shape, out.shape)) return out;
      temporaries.push(out);
      return reshape(backend, out, shape);
    } finally {
      // Disposing the transposed b also frees the XNNPACK operator cached on it.
      disposeAll(backend, temporaries);
    }
  };
};

export function registerBatchMatMulWasm(): void {
  registerWasmKernel(tf.BatchMatMul, make);
}
