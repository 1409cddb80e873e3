// The SIMD loops of simd.wat, instantiated on the wasm backend's own heap (null where that cannot be done).

import { SIMD_PLAIN, SIMD_SHARED } from './simdBinary';
import type { WasmBackend } from './wasmKernels';

export interface SimdLoops {
  maxPoolGradTiled(
    x: number, dy: number, dx: number,
    batch: number, inHeight: number, inWidth: number, channels: number,
    outHeight: number, outWidth: number, filterHeight: number, filterWidth: number,
    strideHeight: number, strideWidth: number, padTop: number, padLeft: number,
    relu: number, db: number, block: number,
  ): void;
  columnSums(src: number, rows: number, cols: number, out: number, block: number, blockRows: number): void;
  reluGradColumnSums(dy: number, y: number, dz: number, rows: number, cols: number, out: number, block: number, blockRows: number): void;
  patchRows(
    x: number, out: number, batch: number, inHeight: number, inWidth: number, channels: number,
    outHeight: number, outWidth: number, filterHeight: number, filterWidth: number,
    strideHeight: number, strideWidth: number, padTop: number, padLeft: number,
  ): void;
  col2imAdd(
    cols: number, dx: number, batch: number, inHeight: number, inWidth: number, channels: number,
    outHeight: number, outWidth: number, filterHeight: number, filterWidth: number,
    strideHeight: number, strideWidth: number, padTop: number, padLeft: number,
  ): void;
  batchNormStats(x: number, rows: number, cols: number, mean: number, variance: number, block: number, blockRows: number): void;
  /** dy 0 for the forward output (x − mean)·a + b; otherwise a·dy + k·(x − mean) + b. */
  batchNormApply(x: number, dy: number, mean: number, a: number, k: number, b: number, out: number, rows: number, cols: number): void;
  batchNormGradSums(dy: number, x: number, mean: number, sumDy: number, sumDyXc: number, rows: number, cols: number, blockA: number, blockB: number, blockRows: number): void;
  rowsTimesMatrix(a: number, rows: number, k: number, b: number, n: number, out: number): void;
  adamUpdate(
    w: number, m: number, v: number, g: number, outW: number, outM: number, outV: number, n: number,
    beta1: number, oneMinusBeta1: number, beta2: number, oneMinusBeta2: number,
    oneMinusAccBeta1: number, oneMinusAccBeta2: number, epsilon: number, negativeRate: number,
  ): void;
}

/** The backend's heap: the threaded build keeps it on the module, the plain build exports it. */
function heapOf(backend: WasmBackend): WebAssembly.Memory | null {
  const module = (backend as unknown as { wasm?: { wasmMemory?: WebAssembly.Memory; asm?: { memory?: WebAssembly.Memory } } }).wasm;
  const memory = module?.wasmMemory ?? module?.asm?.memory;
  return memory instanceof WebAssembly.Memory ? memory : null;
}

function decode(base64: string): Uint8Array<ArrayBuffer> {
  return Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
}

/** One instance per heap (a backend that restarts gets a new heap). */
const instances = new WeakMap<WebAssembly.Memory, SimdLoops | null>();

/**
 * The loops for this backend's heap, compiled on first use (a few hundred bytes, synchronously),
 * or null when the heap cannot be found or this engine lacks WASM SIMD: callers then use their
 * JavaScript loops.
 */
export function simdLoops(backend: WasmBackend): SimdLoops | null {
  const memory = heapOf(backend);
  if (memory === null) return null;
  const known = instances.get(memory);
  if (known !== undefined) return known;
  let loops: SimdLoops | null;
  try {
    const shared = typeof SharedArrayBuffer !== 'undefined' && memory.buffer instanceof SharedArrayBuffer;
    const module = new WebAssembly.Module(decode(shared ? SIMD_SHARED : SIMD_PLAIN));
    loops = new WebAssembly.Instance(module, { env: { memory } }).exports as unknown as SimdLoops;
  } catch {
    loops = null;
  }
  instances.set(memory, loops);
  return loops;
}
