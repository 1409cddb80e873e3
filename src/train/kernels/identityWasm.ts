// Identity for the wasm backend: shares the input's buffer (reference-counted) instead of copying it.
//
// The engine clones every tensor it saves for the backward pass through this kernel, and the
// stock wasm kernel copies the bytes: for a conv layer's 200×24×24×32 activations that is
// 15 MB per saved tensor per step. Tensors are immutable and no wasm kernel writes into its
// inputs, so sharing is safe; the backend already counts references (its Reshape shares too).

import * as tf from '@tensorflow/tfjs';
import type { IdentityInputs, KernelFunc } from '@tensorflow/tfjs';
import { registerWasmKernel, requireStock, wasmBackend } from './wasmKernels';

const make = (stockOrNull: KernelFunc | null): KernelFunc => {
  const stock = requireStock(tf.Identity, stockOrNull);
  return (args) => {
    const { x } = args.inputs as IdentityInputs;
    if (x === undefined) throw new Error('Identity needs x');
    // Strings live in JavaScript, not on the heap: leave them to the stock kernel.
    if (x.dtype === 'string') return stock(args);
    wasmBackend(args.backend).incRef(x.dataId);
    return { dataId: x.dataId, shape: [...x.shape], dtype: x.dtype };
  };
};

export function registerIdentityWasm(): void {
  registerWasmKernel(tf.Identity, make);
}
