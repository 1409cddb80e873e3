// The SIMD loops as the browser runs them, on a shared memory (threaded WASM) and a plain one,
// found the way each build keeps its heap, against plain JavaScript references.
import { describe, expect, it } from 'vitest';
import { rng } from '../random';
import { simdLoops } from './simd';
import type { WasmBackend } from './wasmKernels';

const FLOAT = 4;

/** A backend stand-in whose heap is `memory`, kept where the threaded or the plain build keeps it. */
function backendOn(memory: WebAssembly.Memory, threaded: boolean): WasmBackend {
  return { wasm: threaded ? { wasmMemory: memory } : { asm: { memory } } } as unknown as WasmBackend;
}

function randomFloats(n: number, seed: number): Float32Array {
  const r = rng(seed);
  return Float32Array.from({ length: n }, () => r() * 2 - 1);
}

/** Max-pool gradient with windows that do not overlap, as maxPoolGradWasm's JavaScript loop computes it. */
function maxPoolGradReference(x: Float32Array, dy: Float32Array, b: number, h: number, w: number, c: number, oh: number, ow: number, f: number): Float32Array {
  const dx = new Float32Array(x.length);
  for (let n = 0; n < b; n++) {
    for (let r = 0; r < oh; r++) {
      for (let q = 0; q < ow; q++) {
        for (let d = 0; d < c; d++) {
          let best = -Infinity;
          let at = -1;
          for (let i = r * f; i < Math.min(h, r * f + f); i++) {
            for (let j = q * f; j < Math.min(w, q * f + f); j++) {
              const k = ((n * h + i) * w + j) * c + d;
              if (x[k]! > best) [best, at] = [x[k]!, k];
            }
          }
          dx[at] = dx[at]! + dy[((n * oh + r) * ow + q) * c + d]!;
        }
      }
    }
  }
  return dx;
}

describe.each([
  ['shared memory (threaded build)', true],
  ['plain memory', false],
])('SIMD loops on %s', (_, threaded) => {
  const memory = new WebAssembly.Memory(threaded ? { initial: 16, maximum: 65536, shared: true } : { initial: 16 });
  const loops = simdLoops(backendOn(memory, threaded));

  it('are found and compiled for the heap', () => {
    expect(loops).not.toBeNull();
    expect(memory.buffer instanceof SharedArrayBuffer).toBe(threaded);
  });

  it.each([
    [2, 6, 6, 8],
    [3, 7, 9, 12],
    [1, 28, 28, 32],
  ])('maxPoolGradTiled matches the reference (batch %i, %i×%i, %i channels, pool 2)', (b, h, w, c) => {
    const f = 2;
    const [oh, ow] = [Math.floor(h / f), Math.floor(w / f)];
    const x = randomFloats(b * h * w * c, h * 31 + c);
    const dy = randomFloats(b * oh * ow * c, w * 17 + c);
    const heap = new Float32Array(memory.buffer);
    const [xAt, dyAt, dxAt] = [0, x.length, x.length + dy.length];
    heap.set(x, xAt);
    heap.set(dy, dyAt);
    heap.fill(0, dxAt, dxAt + x.length); // as the kernel zeroes what the windows do not cover
    loops!.maxPoolGradTiled(xAt * FLOAT, dyAt * FLOAT, dxAt * FLOAT, b, h, w, c, oh, ow, f, f, f, f, 0, 0, 0, 0, 0); // no ReLU, no bias sums
    const dx = heap.slice(dxAt, dxAt + x.length);
    expect(Array.from(dx)).toEqual(Array.from(maxPoolGradReference(x, dy, b, h, w, c, oh, ow, f)));
  });

  it.each([
    [1, 4],
    [300, 12],
    [1000, 130],
  ])('columnSums matches a float64 reference (%i rows, %i columns)', (rows, cols) => {
    const x = randomFloats(rows * cols, rows + cols);
    const heap = new Float32Array(memory.buffer);
    const [outAt, blockAt] = [x.length, x.length + cols];
    heap.set(x, 0);
    loops!.columnSums(0, rows, cols, outAt * FLOAT, blockAt * FLOAT, 256);
    const expected = new Float64Array(cols);
    for (let i = 0; i < x.length; i++) expected[i % cols] = expected[i % cols]! + x[i]!;
    const got = heap.slice(outAt, outAt + cols);
    got.forEach((v, i) => expect(v).toBeCloseTo(expected[i]!, 3));
  });
});
