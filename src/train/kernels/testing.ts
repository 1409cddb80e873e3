// Test helpers for the wasm kernels: seeded values, a relative error, and running one computation on cpu and wasm.

import * as tf from '@tensorflow/tfjs';
import { expect } from 'vitest';
import type { Rng } from '../random';

export { rng } from '../random';

export function randomValues(r: Rng, size: number): Float32Array {
  return Float32Array.from({ length: size }, () => r() * 2 - 1);
}

export function randomInt(r: Rng, lo: number, hi: number): number {
  return lo + Math.floor(r() * (hi - lo + 1));
}

/** Largest difference, relative to the largest magnitude: robust where single entries cancel to ~0. */
export function relativeError(actual: ArrayLike<number>, expected: ArrayLike<number>): number {
  expect(actual.length).toBe(expected.length);
  let diff = 0;
  let scale = 0;
  for (let i = 0; i < expected.length; i++) {
    const a = actual[i] ?? NaN;
    const e = expected[i] ?? NaN;
    // The same non-finite value on both sides agrees.
    if (!(Number.isNaN(a) && Number.isNaN(e)) && a !== e) diff = Math.max(diff, Math.abs(a - e));
    if (Number.isFinite(e)) scale = Math.max(scale, Math.abs(e));
  }
  return diff / Math.max(scale, 1e-30);
}

/**
 * Runs `compute` on `backend` (in a tidy, so it may create its inputs) and reads its result, checking that it leaves no tensor and no
 * backend buffer behind (kernel intermediates are buffers the engine never sees as tensors).
 */
export async function runOn(backend: 'cpu' | 'wasm', compute: () => tf.Tensor): Promise<{ values: Float32Array; shape: number[] }> {
  expect(await tf.setBackend(backend)).toBe(true);
  const tensors = tf.memory().numTensors;
  const buffers = tf.backend().numDataIds();
  const out = tf.tidy(compute);
  const values = (await out.data()) as Float32Array;
  const shape = out.shape.slice();
  out.dispose();
  expect(tf.memory().numTensors).toBe(tensors);
  expect(tf.backend().numDataIds()).toBe(buffers);
  return { values, shape };
}

/** The relative error of wasm against cpu for `compute` (which creates its own inputs), after checking shapes agree. */
export async function wasmVersusCpu(compute: () => tf.Tensor): Promise<number> {
  const expected = await runOn('cpu', compute);
  const actual = await runOn('wasm', compute);
  expect(actual.shape).toEqual(expected.shape);
  return relativeError(actual.values, expected.values);
}
