// The fused Adam update against tfjs's own AdamOptimizer on the same backend: same weights, moments and state.
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { beforeAll, describe, expect, it } from 'vitest';
import { registerWasmKernels } from '../kernels';
import { randomValues, relativeError, rng } from '../kernels/testing';
import { applyAdam, isStockAdam } from './adam';

beforeAll(async () => {
  registerWasmKernels();
  expect(await tf.setBackend('wasm')).toBe(true);
});

/** Three steps of Adam on variables of these sizes (odd ones: the SIMD loop's scalar tail), one way or the other. */
async function train(fused: boolean, sizes: number[], rateAfterFirst: number) {
  const vars = sizes.map((n, i) => tf.variable(tf.tensor1d(randomValues(rng(i), n)), true, `w${i}_${fused ? 'fused' : 'stock'}`));
  const optimizer = tf.train.adam(0.01);
  for (let step = 0; step < 3; step++) {
    const grads: tf.NamedTensorMap = {};
    vars.forEach((v, i) => (grads[v.name] = tf.tensor1d(randomValues(rng(100 * step + i), sizes[i]!))));
    if (fused) applyAdam(optimizer, grads);
    else (optimizer as tf.Optimizer).applyGradients(grads);
    tf.dispose(Object.values(grads));
    // A schedule changes the rate between steps, as the trainer does.
    (optimizer as unknown as { learningRate: number }).learningRate = rateAfterFirst;
  }
  const weights = (await Promise.all(vars.map((v) => v.data()))) as Float32Array[];
  const state = await optimizer.getWeights();
  const moments = (await Promise.all(state.slice(1).map((s) => s.tensor.data()))) as Float32Array[];
  const iterations = (await state[0]!.tensor.data())[0];
  tf.dispose(vars);
  optimizer.dispose();
  return { weights, moments, iterations, names: state.map((s) => s.name.replace(/_(fused|stock)/, '')) };
}

describe('fused Adam', () => {
  it('is only used for tfjs’s own Adam class', () => {
    const adam = tf.train.adam(0.001);
    const sgd = tf.train.sgd(0.1);
    expect(isStockAdam(adam)).toBe(true);
    expect(isStockAdam(sgd)).toBe(false);
    class Penalised extends tf.AdamOptimizer {}
    expect(isStockAdam(new Penalised(0.001, 0.9, 0.999))).toBe(false);
    adam.dispose();
    sgd.dispose();
  });

  it('gives the weights, moments, names and iteration count of AdamOptimizer.applyGradients', async () => {
    const sizes = [1, 3, 4, 7, 130];
    const stock = await train(false, sizes, 0.003);
    const fused = await train(true, sizes, 0.003);
    expect(fused.iterations).toBe(stock.iterations);
    expect(fused.names).toEqual(stock.names);
    fused.weights.forEach((w, i) => expect(relativeError(w, stock.weights[i]!), `weight ${i}`).toBeLessThan(1e-6));
    fused.moments.forEach((m, i) => expect(relativeError(m, stock.moments[i]!), `moment ${i}`).toBeLessThan(1e-6));
  });
});
