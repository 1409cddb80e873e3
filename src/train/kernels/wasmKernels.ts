// Shared plumbing for the wasm kernels in this folder: calling the backend's own kernels, heap access, overrides.

import * as tf from '@tensorflow/tfjs';
import type { DataId, KernelBackend, KernelConfig, KernelFunc, NamedAttrMap, NamedTensorInfoMap, TensorInfo } from '@tensorflow/tfjs';

export const BACKEND = 'wasm';

/**
 * The parts of tfjs-backend-wasm's BackendWasm these kernels use. The package exports the class,
 * but only as a type tied to its own copy of tfjs-core; describing what we call keeps us on the
 * instance the engine created and on methods its own kernels rely on.
 */
export interface WasmBackend extends KernelBackend {
  /** A fresh, uninitialised tensor on the wasm heap (malloc'd: not zeroed). */
  makeOutput(shape: number[], dtype: 'float32' | 'int32'): TensorInfo;
  /** A view of a tensor's bytes on the heap. Invalid once the heap grows: take it after allocating. */
  typedArrayFromHeap(info: TensorInfo): Float32Array | Int32Array | Uint8Array;
  incRef(dataId: DataId): void;
}

export function wasmBackend(backend: unknown): WasmBackend {
  return backend as WasmBackend;
}

export function floats(backend: WasmBackend, info: TensorInfo): Float32Array {
  const view = backend.typedArrayFromHeap(info);
  if (!(view instanceof Float32Array)) throw new Error(`expected a float32 tensor, got ${info.dtype}`);
  return view;
}

/**
 * Calls another wasm kernel directly with the same backend, as the backend's composite kernels
 * do: the result is a TensorInfo the wasm backend owns, which the caller must dispose (or return).
 * Going through the registry instead of deep-importing the package's kernel modules keeps us on
 * its public API and on the very instance the engine initialised.
 */
export function callKernel(name: string, backend: unknown, inputs: NamedTensorInfoMap, attrs: NamedAttrMap = {}): TensorInfo {
  // getKernel's declared type omits the undefined it returns for a missing kernel.
  const config = tf.getKernel(name, BACKEND) as KernelConfig | undefined;
  if (config === undefined) throw new Error(`the wasm backend has no '${name}' kernel`);
  const out = config.kernelFunc({ inputs, backend: backend as KernelBackend, attrs });
  if (Array.isArray(out)) throw new Error(`wasm '${name}' returned several tensors`);
  return out;
}

export function transpose(backend: unknown, x: TensorInfo, perm: number[]): TensorInfo {
  return callKernel(tf.Transpose, backend, { x }, { perm });
}

/** The same buffer under another shape (no copy; dispose it like any other result). */
export function reshape(backend: unknown, x: TensorInfo, shape: number[]): TensorInfo {
  return callKernel(tf.Reshape, backend, { x }, { shape });
}

/** Frees kernel intermediates: buffers the engine never sees, so nothing else will. */
export function disposeAll(backend: unknown, infos: TensorInfo[]): void {
  for (const t of infos) (backend as KernelBackend).disposeData(t.dataId);
}

/** Our kernels, to tell them from tfjs's own when registration runs again. */
const ours = new WeakSet<KernelFunc>();

/**
 * Registers `kernelFunc` for the wasm backend unless ours is there already. `stock` receives the
 * kernel tfjs registered under that name (if any), so a kernel can hand the cases it does not
 * speed up back to it; its setup function (the backend runs it once at start-up to bind its
 * WASM exports) is kept. Call before the backend starts.
 */
export function registerWasmKernel(name: string, make: (stock: KernelFunc | null) => KernelFunc): void {
  const existing = tf.getKernel(name, BACKEND) as KernelConfig | undefined;
  if (existing && ours.has(existing.kernelFunc)) return;
  const kernelFunc = make(existing?.kernelFunc ?? null);
  ours.add(kernelFunc);
  if (existing) tf.unregisterKernel(name, BACKEND);
  tf.registerKernel({ kernelName: name, backendName: BACKEND, kernelFunc, setupFunc: existing?.setupFunc });
}

/** The stock kernel, for a kernel that only takes over some cases. */
export function requireStock(name: string, stock: KernelFunc | null): KernelFunc {
  if (stock === null) throw new Error(`the wasm backend has no '${name}' kernel to fall back on`);
  return stock;
}
