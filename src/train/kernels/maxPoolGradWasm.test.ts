// Checks the wasm MaxPoolGrad against tfjs's cpu backend, including ties, -Infinity and NaN.
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { beforeAll, describe, expect, it } from 'vitest';
import { registerWasmKernels } from '.';
import { randomInt, randomValues, rng, wasmVersusCpu } from './testing';

beforeAll(() => registerWasmKernels());

interface Case {
  shape: [number, number, number, number];
  pool: [number, number];
  strides: [number, number];
  pad: 'valid' | 'same';
  /** Round values to a few levels so windows hold ties. */
  ties: boolean;
}

function randomCase(seed: number): Case {
  const r = rng(seed);
  const h = randomInt(r, 2, 13);
  const w = randomInt(r, 2, 13);
  const pool: [number, number] = [randomInt(r, 1, Math.min(4, h)), randomInt(r, 1, Math.min(4, w))];
  return {
    shape: [randomInt(r, 1, 3), h, w, randomInt(r, 1, 9)],
    pool,
    // Windows that tile the input (the usual case), and strides below the pool size (windows
    // overlap) or above it (pixels skipped).
    strides: r() < 0.4 ? pool : [randomInt(r, 1, 4), randomInt(r, 1, 4)],
    pad: r() < 0.5 ? 'valid' : 'same',
    ties: r() < 0.4,
  };
}

function inputValues(c: Case, seed: number): Float32Array {
  const r = rng(seed);
  const values = randomValues(r, tf.util.sizeFromShape(c.shape));
  return c.ties ? values.map((v) => Math.round(v * 2) / 2) : values;
}

/** The input gradient of max pooling for upstream gradient dy, through tfjs's gradient machinery. */
function poolGradient(c: Case, x: Float32Array, dySeed: number) {
  return () => {
    const pool = (t: tf.Tensor) => tf.maxPool(t as tf.Tensor4D, c.pool, c.strides, c.pad);
    const input = tf.tensor4d(x, c.shape);
    const outShape = pool(input).shape;
    const dy = tf.tensor(randomValues(rng(dySeed), tf.util.sizeFromShape(outShape)), outShape);
    return tf.grad(pool)(input, dy);
  };
}

describe('wasm MaxPoolGrad', () => {
  const cases = Array.from({ length: 60 }, (_, i) => randomCase(300 + i));
  it.each(cases.map((c, i) => [i, c] as const))('matches cpu, case %i: %o', async (i, c) => {
    expect(await wasmVersusCpu(poolGradient(c, inputValues(c, 400 + i), 500 + i))).toBeLessThan(1e-6);
  });

  it('covers overlapping, skipping and tiled windows', () => {
    const overlap = cases.filter((c) => c.strides[0] < c.pool[0]);
    const skip = cases.filter((c) => c.strides[0] > c.pool[0]);
    const tiled = cases.filter((c) => c.strides[0] === c.pool[0] && c.strides[1] === c.pool[1]);
    expect([overlap.length, skip.length, tiled.length].every((n) => n > 0)).toBe(true);
  });

  it('sends no gradient through a window of -Infinity and NaN, as cpu does', async () => {
    const c: Case = { shape: [1, 4, 4, 2], pool: [2, 2], strides: [2, 2], pad: 'valid', ties: false };
    const x = inputValues(c, 1);
    // One window all -Infinity, one all NaN, one with a NaN beside real values.
    for (const at of [0, 2, 8, 10]) x[at] = -Infinity;
    for (const at of [4, 6, 12, 14]) x[at] = NaN;
    x[17] = NaN;
    expect(await wasmVersusCpu(poolGradient(c, x, 2))).toBeLessThan(1e-6);
  });

  it('matches cpu on the seed CNN pooling layer', async () => {
    const c: Case = { shape: [8, 24, 24, 32], pool: [2, 2], strides: [2, 2], pad: 'valid', ties: true };
    expect(await wasmVersusCpu(poolGradient(c, inputValues(c, 3), 4))).toBeLessThan(1e-6);
  });
});
