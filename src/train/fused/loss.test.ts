// The fused training pass on wasm against tfjs-layers' model.apply on cpu: the same loss, right answers, gradients and moving statistics.
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Architecture } from '../../model/architecture';
import { makeArchitecture } from '../../model/architecture';
import type { OptimizerName } from '../../model/optimizers';
import { PRESETS } from '../../model/presets';
import { buildModel } from '../buildModel';
import { registerWasmKernels } from '../kernels';
import { randomInt, randomValues, relativeError, rng } from '../kernels/testing';
import { correctCount, crossEntropy } from '../metrics';
import { makeOptimizer } from '../optimizers';
import { penaltyOf, withPenalties } from '../penalty';
import { layerVariables, readSample } from '../gradients';
import { trainStep } from '../step';
import { generate } from '../testArchitectures';
import { StepCache } from './cache';
import { fusedAvailable, fusedLoss } from './loss';

beforeAll(() => registerWasmKernels());

interface Result {
  loss: number;
  correct: number;
  grads: Float32Array[];
  /** Batch normalisation's moving mean and variance after the pass. */
  moving: Float32Array[];
}

function batch(arch: Architecture, n: number, seed: number, classes = 10) {
  const r = rng(seed);
  const side = arch.input.height;
  return { xv: randomValues(r, n * side * side).map((v) => Math.abs(v)), labels: Int32Array.from({ length: n }, () => randomInt(r, 0, classes - 1)) };
}

/** Loss, right answers and the gradient of every trainable weight, on one backend, one way. */
async function lossAndGrads(backend: 'cpu' | 'wasm', arch: Architecture, n: number, seed: number, fused: boolean): Promise<Result> {
  expect(await tf.setBackend(backend)).toBe(true);
  const model = buildModel(arch, 7, 0.9);
  const { xv, labels } = batch(arch, n, seed);
  const side = arch.input.height;
  const xs = tf.tensor4d(xv, [n, side, side, 1]);
  const ys = tf.tensor1d(labels, 'int32');
  const vars = model.trainableWeights.map((w) => w.read() as tf.Variable);
  let correct: tf.Scalar | null = null;
  const { value, grads } = tf.variableGrads(() => {
    if (fused) {
      expect(fusedAvailable()).toBe(true);
      const out = fusedLoss(model, xs, ys);
      correct = tf.keep(out.correct);
      return out.loss;
    }
    const probs = model.apply(xs, { training: true }) as tf.Tensor;
    correct = tf.keep(correctCount(probs, ys));
    return crossEntropy(probs, ys);
  }, vars);
  const result = {
    loss: (await value.data())[0]!,
    correct: (await correct!.data())[0]!,
    grads: (await Promise.all(vars.map((v) => grads[v.name]!.data()))) as Float32Array[],
    moving: (await Promise.all(model.nonTrainableWeights.map((w) => w.read().data()))) as Float32Array[],
  };
  tf.dispose([xs, ys, value, correct!, ...Object.values(grads)]);
  model.dispose();
  return result;
}

async function expectSameAsLayers(arch: Architecture, n: number, seed: number): Promise<void> {
  const expected = await lossAndGrads('cpu', arch, n, seed, false);
  const actual = await lossAndGrads('wasm', arch, n, seed, true);
  expect(Math.abs(actual.loss - expected.loss)).toBeLessThan(1e-5 * Math.max(1, expected.loss));
  expect(actual.correct).toBe(expected.correct);
  expect(actual.grads.length).toBe(expected.grads.length);
  expect(actual.moving.length).toBe(expected.moving.length);
  actual.moving.forEach((m, i) => expect(relativeError(m, expected.moving[i]!), `moving statistic ${i}`).toBeLessThan(1e-4));
  // Each gradient within 1e-4 of its own largest value, give or take 1e-5 of the model's largest:
  // some gradients are 0 in exact arithmetic (a linear layer's bias, or a shift, right before
  // batch normalisation takes the mean out again) and hold rounding noise on both sides, as
  // stock tfjs on wasm does too.
  const largest = (g: Float32Array) => g.reduce((m, v) => Math.max(m, Math.abs(v)), 0);
  const modelScale = Math.max(...expected.grads.map(largest));
  actual.grads.forEach((g, i) => {
    const e = expected.grads[i]!;
    const diff = g.reduce((m, v, k) => Math.max(m, Math.abs(v - e[k]!)), 0);
    expect(diff, `gradient ${i}`).toBeLessThanOrEqual(1e-4 * largest(e) + 1e-5 * modelScale);
  });
}

describe('fused training pass', () => {
  const presets = PRESETS.filter((p) => p.architecture.layers.length > 0);
  it.each(presets.map((p) => [p.id, p.architecture] as const))('gives the loss and gradients of model.apply on cpu for %s', async (_, arch) => {
    await expectSameAsLayers(arch, 6, 11);
  }, 60_000);

  // Odd sizes, strides 1 to 3, both paddings, tanh and linear convs (left to tfjs-layers), pooling, batch norm, dropout.
  it.each(Array.from({ length: 12 }, (_, i) => [i] as const))('agrees on random architecture %i, batches of 1 to 5', async (i) => {
    await expectSameAsLayers(generate(3000 + i), 1 + (i % 5), 40 + i);
  }, 60_000);

  it('draws seeded dropout’s mask once a run: the very mask tfjs draws at every step', async () => {
    const arch = PRESETS.find((p) => p.id === 'seed-simple-cnn')!.architecture; // dropout 0.2, seeded
    const weightsAfter = async (cache?: StepCache) => {
      expect(await tf.setBackend('wasm')).toBe(true);
      const model = buildModel(arch, 7);
      const optimizer = tf.train.adam(0.01);
      const { xv, labels } = batch(arch, 8, 5);
      const xs = tf.tensor4d(xv, [8, 28, 28, 1]);
      const ys = tf.tensor1d(labels, 'int32');
      for (let s = 0; s < 3; s++) tf.dispose(Object.values(trainStep(model, optimizer, xs, ys, { cache })));
      const values = (await Promise.all(model.getWeights().map((w) => w.data()))) as Float32Array[];
      tf.dispose([xs, ys]);
      optimizer.dispose();
      model.dispose();
      return values;
    };
    const cache = new StepCache();
    const cached = await weightsAfter(cache);
    expect(cache.size).toBe(1);
    cache.dispose();
    const drawnEachStep = await weightsAfter();
    cached.forEach((w, i) => expect(Array.from(w), `weight ${i}`).toEqual(Array.from(drawnEachStep[i]!)));
  }, 60_000);

  it('trains through the same step function on either path, leaving no tensor behind', async () => {
    const arch = PRESETS.find((p) => p.id === 'seed-larger-cnn')!.architecture;
    const weightsAfter = async (backend: 'cpu' | 'wasm', path: 'layers' | 'fused') => {
      expect(await tf.setBackend(backend)).toBe(true);
      const model = buildModel(arch, 7);
      const optimizer = tf.train.adam(0.01);
      const { xv, labels } = batch(arch, 8, 5);
      const xs = tf.tensor4d(xv, [8, 28, 28, 1]);
      const ys = tf.tensor1d(labels, 'int32');
      tf.dispose(Object.values(trainStep(model, optimizer, xs, ys, { path }))); // creates Adam's moments
      const tensors = tf.memory().numTensors;
      for (let s = 0; s < 3; s++) tf.dispose(Object.values(trainStep(model, optimizer, xs, ys, { path })));
      expect(tf.memory().numTensors).toBe(tensors);
      const values = (await Promise.all(model.getWeights().map((w) => w.data()))) as Float32Array[];
      tf.dispose([xs, ys]);
      optimizer.dispose();
      model.dispose();
      return values;
    };
    const expected = await weightsAfter('cpu', 'layers');
    const actual = await weightsAfter('wasm', 'fused');
    actual.forEach((w, i) => expect(relativeError(w, expected[i]!), `weight ${i}`).toBeLessThan(1e-3));
  }, 60_000);

  // Issue 16's regularisers and optimisers and issue 14's class counts on the fused path: the
  // penalty is built from the same variables the fused ops read, so its gradient joins theirs;
  // optimisers other than Adam keep tfjs's own update (minimize) after the fused forward pass.
  // (No batch normalisation here: a ReLU conv whose outputs are all positive, pooled and then
  // normalised, has a bias gradient that is 0 in exact arithmetic, and Adam turns the rounding
  // noise on either backend into steps of its own; the batch-norm kernels are compared above.)
  const regularised = (classes: number): Architecture =>
    makeArchitecture(28, [
      { type: 'conv2d', filters: 6, kernelSize: 3, strides: 1, padding: 'same', activation: 'relu', kernelRegularizer: { l1: 0.001, l2: 0.01 } },
      { type: 'maxPooling2d', poolSize: 2, strides: 2, padding: 'valid' },
      { type: 'conv2d', filters: 5, kernelSize: 3, strides: 2, padding: 'valid', activation: 'relu', kernelRegularizer: { l1: 0, l2: 0.02 } },
      { type: 'flatten' },
      { type: 'dropout', rate: 0.2 },
      { type: 'dense', units: 16, activation: 'relu', kernelRegularizer: { l1: 0.002, l2: 0 } },
      { type: 'dense', units: classes, activation: 'softmax', kernelRegularizer: { l1: 0, l2: 0.005 } },
    ]);
  const optimizers: OptimizerName[] = ['adam', 'sgd', 'rmsprop', 'adagrad', 'adadelta', 'adamax'];
  it.each(optimizers.flatMap((o, i) => [[o, [2, 3, 10][i % 3]!] as const]))('trains with regularisers under %s and %i classes as the layers path does, penalty in the loss', async (name, classes) => {
    const arch = regularised(classes);
    const run = async (backend: 'cpu' | 'wasm', path: 'layers' | 'fused') => {
      expect(await tf.setBackend(backend)).toBe(true);
      const model = buildModel(arch, 7, 0.9);
      // SGD with Nesterov momentum exercises the momentum optimiser; the others their defaults.
      const optimizer = makeOptimizer(name, name === 'adadelta' ? 1 : 0.01, name === 'sgd' ? { momentum: 0.9, nesterov: true } : {});
      const { xv, labels } = batch(arch, 6, 21, classes);
      const xs = tf.tensor4d(xv, [6, 28, 28, 1]);
      const ys = tf.tensor1d(labels, 'int32');
      const losses: number[] = [];
      for (let s = 0; s < 3; s++) {
        const out = trainStep(model, optimizer, xs, ys, { path });
        losses.push((await out.loss.data())[0]!);
        tf.dispose(Object.values(out));
      }
      const penalty = await penaltyOf(model);
      const values = (await Promise.all(model.getWeights().map((w) => w.data()))) as Float32Array[];
      tf.dispose([xs, ys]);
      optimizer.dispose();
      model.dispose();
      return { losses, penalty, values };
    };
    const expected = await run('cpu', 'layers');
    const actual = await run('wasm', 'fused');
    expect(expected.penalty).toBeGreaterThan(0.001);
    actual.losses.forEach((l, s) => expect(Math.abs(l - expected.losses[s]!), `loss of step ${s + 1}`).toBeLessThan(1e-4 * Math.max(1, expected.losses[s]!)));
    expect(Math.abs(actual.penalty - expected.penalty)).toBeLessThan(1e-4 * expected.penalty);
    actual.values.forEach((w, i) => expect(relativeError(w, expected.values[i]!), `weight ${i}`).toBeLessThan(1e-3));
  }, 60_000);

  it('reports the penalty in the loss: the fused step\'s loss is the cross-entropy plus l1·Σ|w| + l2·Σw²', async () => {
    expect(await tf.setBackend('wasm')).toBe(true);
    const arch = regularised(4);
    const model = buildModel(arch, 7, 0.9);
    const { xv, labels } = batch(arch, 5, 3, 4);
    const xs = tf.tensor4d(xv, [5, 28, 28, 1]);
    const ys = tf.tensor1d(labels, 'int32');
    const penalty = await penaltyOf(model);
    // The data's loss alone, on the fused pass, with the weights as they are before the step.
    const plain = tf.tidy(() => fusedLoss(model, xs, ys).loss);
    const optimizer = makeOptimizer('sgd', 0);
    const out = trainStep(model, optimizer, xs, ys);
    expect(penalty).toBeGreaterThan(0.001);
    expect((await out.loss.data())[0]!).toBeCloseTo((await plain.data())[0]! + penalty, 5);
    tf.dispose([xs, ys, plain, ...Object.values(out)]);
    optimizer.dispose();
    model.dispose();
  }, 60_000);

  // Replay's gradient samples on the fused path: the sampled step is the fused step (fused Adam
  // included), measured between computing and applying its gradients.
  it('a sampled step measures the fused step\'s own gradients and trains exactly as an unsampled one', async () => {
    expect(await tf.setBackend('wasm')).toBe(true);
    const arch = regularised(10);
    const { xv, labels } = batch(arch, 6, 9);
    const weightsAfter = async (sampled: boolean) => {
      const model = buildModel(arch, 7, 0.9);
      const optimizer = makeOptimizer('adam', 0.01);
      const xs = tf.tensor4d(xv, [6, 28, 28, 1]);
      const ys = tf.tensor1d(labels, 'int32');
      const layers = layerVariables(model);
      // The fused loss's own gradients at the weights before the step (tfjs's variableGrads).
      const { value, grads } = tf.variableGrads(() => withPenalties(model, fusedLoss(model, xs, ys).loss));
      const expected = await Promise.all(layers.map(async (l) => Math.sqrt(((await Promise.all(l.names.map((n) => grads[n]!.data()))) as Float32Array[]).reduce((t, g) => t + g.reduce((u, v) => u + v * v, 0), 0))));
      tf.dispose([value, ...Object.values(grads)]);
      const out = trainStep(model, optimizer, xs, ys, { measure: sampled ? layers : null });
      expect(out.measured !== undefined).toBe(sampled);
      const sample = out.measured ? await readSample(out.measured, layers, 1, 0) : null;
      tf.dispose([out.loss, out.correct, xs, ys]);
      const values = (await Promise.all(model.getWeights().map((w) => w.data()))) as Float32Array[];
      optimizer.dispose();
      model.dispose();
      return { values, sample, expected };
    };
    const plain = await weightsAfter(false);
    const sampled = await weightsAfter(true);
    sampled.values.forEach((w, i) => expect(Array.from(w), `weight ${i}`).toEqual(Array.from(plain.values[i]!)));
    expect(sampled.sample!.layers.map((l) => l.layer)).toEqual([0, 2, 5, 6]);
    sampled.sample!.layers.forEach((l, i) => {
      expect(l.norm).toBeGreaterThan(0);
      expect(Math.abs(l.norm - sampled.expected[i]!)).toBeLessThan(1e-4 * sampled.expected[i]!);
    });
  }, 60_000);
});
