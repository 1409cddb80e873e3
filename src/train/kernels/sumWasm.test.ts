// Checks the wasm Sum override (sums over every leading axis) against tfjs's cpu backend, on SIMD and JavaScript paths.
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { beforeAll, describe, expect, it } from 'vitest';
import { registerWasmKernels } from '.';
import { simdLoops } from './simd';
import { randomInt, randomValues, rng, wasmVersusCpu } from './testing';
import { wasmBackend } from './wasmKernels';

beforeAll(() => registerWasmKernels());

describe('wasm Sum', () => {
  it('finds the backend heap and compiles its SIMD loops there', async () => {
    expect(await tf.setBackend('wasm')).toBe(true);
    expect(simdLoops(wasmBackend(tf.backend()))).not.toBeNull();
  });

  const cases = Array.from({ length: 30 }, (_, i) => {
    const r = rng(800 + i);
    // From 4 channels up the SIMD loop (with a masked tail unless they come in fours); below, JavaScript.
    const channels = r() < 0.5 ? 4 * randomInt(r, 1, 10) : randomInt(r, 1, 40);
    const lead = Array.from({ length: randomInt(r, 1, 3) }, () => randomInt(r, 1, 30));
    return { shape: [...lead, channels], keepDims: r() < 0.3 };
  });
  it.each(cases.map((c, i) => [i, c] as const))('matches cpu over the leading axes, case %i: %o', async (i, c) => {
    const values = randomValues(rng(900 + i), tf.util.sizeFromShape(c.shape));
    const axes = c.shape.slice(0, -1).map((_, k) => k);
    expect(await wasmVersusCpu(() => tf.sum(tf.tensor(values, c.shape), axes, c.keepDims))).toBeLessThan(1e-5);
  });

  it('matches cpu on bias gradients of the seed CNNs, and when nothing is summed', async () => {
    for (const channels of [32, 30, 15]) {
      const values = randomValues(rng(channels), 50 * 24 * 24 * channels);
      expect(await wasmVersusCpu(() => tf.sum(tf.tensor4d(values, [50, 24, 24, channels]), [0, 1, 2]))).toBeLessThan(1e-5);
    }
    expect(await wasmVersusCpu(() => tf.sum(tf.zeros([0, 3, 8]), [0, 1]))).toBe(0);
  });

  it('leaves other reductions to the stock kernel, which agrees with cpu', async () => {
    const values = randomValues(rng(2), 6 * 7 * 8);
    for (const axes of [[1], [2], [0, 2], [1, 2], [0, 1, 2]]) {
      expect(await wasmVersusCpu(() => tf.sum(tf.tensor3d(values, [6, 7, 8]), axes))).toBeLessThan(1e-5);
    }
  });
});
