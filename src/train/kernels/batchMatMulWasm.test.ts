// Checks the wasm BatchMatMul override against tfjs's cpu backend for every transpose combination.
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { beforeAll, describe, expect, it } from 'vitest';
import { registerWasmKernels } from '.';
import { randomInt, randomValues, rng, wasmVersusCpu } from './testing';

beforeAll(() => registerWasmKernels());

interface Case {
  lead: number[];
  m: number;
  k: number;
  n: number;
  transposeA: boolean;
  transposeB: boolean;
}

function randomCase(seed: number): Case {
  const r = rng(seed);
  // Mostly single matrices (the cases the override takes), some batched (left to the stock kernel).
  const lead = r() < 0.6 ? [] : r() < 0.5 ? [1] : [randomInt(r, 2, 3)];
  return { lead, m: randomInt(r, 1, 40), k: randomInt(r, 1, 70), n: randomInt(r, 1, 40), transposeA: r() < 0.5, transposeB: r() < 0.5 };
}

describe('wasm BatchMatMul', () => {
  const cases = Array.from({ length: 40 }, (_, i) => randomCase(100 + i));
  it.each(cases.map((c, i) => [i, c] as const))('matches cpu, case %i: %o', async (i, c) => {
    const r = rng(200 + i);
    const aShape = [...c.lead, ...(c.transposeA ? [c.k, c.m] : [c.m, c.k])];
    const bShape = [...c.lead, ...(c.transposeB ? [c.n, c.k] : [c.k, c.n])];
    const a = randomValues(r, tf.util.sizeFromShape(aShape));
    const b = randomValues(r, tf.util.sizeFromShape(bShape));
    const error = await wasmVersusCpu(() => tf.matMul(tf.tensor(a, aShape), tf.tensor(b, bShape), c.transposeA, c.transposeB));
    expect(error).toBeLessThan(1e-5);
  });

  it('covers all four transpose combinations on single matrices', () => {
    const single = cases.filter((c) => c.lead.every((d) => d === 1));
    expect(new Set(single.map((c) => `${c.transposeA}/${c.transposeB}`)).size).toBe(4);
  });

  it('matches cpu for the gradients of a dense layer of the seed CNN', async () => {
    const r = rng(5);
    const x = randomValues(r, 20 * 4608);
    const w = randomValues(r, 4608 * 128);
    const dy = randomValues(r, 20 * 128);
    const gradient = (which: 0 | 1) => () => {
      const [dx, dw] = tf.grads((xx: tf.Tensor, ww: tf.Tensor) => tf.matMul(xx, ww))([tf.tensor2d(x, [20, 4608]), tf.tensor2d(w, [4608, 128])], tf.tensor2d(dy, [20, 128]));
      return [dx!, dw!][which]!;
    };
    expect(await wasmVersusCpu(gradient(0))).toBeLessThan(1e-5);
    expect(await wasmVersusCpu(gradient(1))).toBeLessThan(1e-5);
  });
});
