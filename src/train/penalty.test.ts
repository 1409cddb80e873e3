// Kernel regularisers in training: the loss includes their penalty as tfjs's own model.fit (and Keras) report it, and the optimisers get every setting.
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Architecture } from '../model/architecture';
import { makeArchitecture } from '../model/architecture';
import { withOptimizer } from '../model/optimizers';
import type { TrainSettings } from '../model/training';
import { DEFAULT_SETTINGS } from '../model/training';
import { buildModel } from './buildModel';
import type { MnistBytes } from './dataset';
import { makeBatch, PIXELS } from './dataset';
import { crossEntropy, scoreSplit } from './metrics';
import { makeOptimizer } from './optimizers';
import { penaltyOf, withPenalties } from './penalty';
import type { EpochMetrics } from './protocol';
import { rng } from './random';
import { runTraining, splitData } from './trainer';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

function noise(train: number, test: number): MnistBytes {
  const random = rng(11);
  const bytes = (n: number) => Uint8Array.from({ length: n * PIXELS }, () => Math.floor(random() * 256));
  const labels = (n: number) => Uint8Array.from({ length: n }, (_, i) => (i * 7) % 10);
  return { trainImages: bytes(train), trainLabels: labels(train), testImages: bytes(test), testLabels: labels(test) };
}

const net = (l1: number, l2: number): Architecture =>
  makeArchitecture(28, [
    { type: 'conv2d', filters: 3, kernelSize: 3, strides: 2, padding: 'same', activation: 'relu', kernelRegularizer: { l1, l2 } },
    { type: 'flatten' },
    { type: 'dense', units: 10, activation: 'softmax', kernelRegularizer: { l1: 0, l2 } },
  ]);

async function train(arch: Architecture, data: MnistBytes, patch: Partial<TrainSettings>) {
  const s: TrainSettings = { ...DEFAULT_SETTINGS, epochs: 1, batchSize: 50, subset: 200, ...patch };
  const model = buildModel(arch, s.seed);
  const optimizer = makeOptimizer(s.optimizer, s.learningRate, s);
  const epochs: EpochMetrics[] = [];
  await runTraining(model, optimizer, splitData(data, s), s, 28, { paused: false, stopped: false, wake: null, step: null }, {
    onBatch: () => undefined,
    onEpoch: (metrics) => epochs.push(metrics),
    onPause: () => undefined,
    onResume: () => undefined,
  });
  optimizer.dispose();
  return { model, epochs };
}

describe('the regularisers\' penalty', () => {
  it('is l1·Σ|w| + l2·Σw² over the kernels, biases left out', async () => {
    const model = buildModel(net(0.01, 0.02), 3);
    const [k1, b1, k2] = await Promise.all(model.getWeights().map((w) => w.data()));
    b1!.fill(0); // (the biases start at 0 anyway; the penalty must not read them)
    const sum = (a: ArrayLike<number>, f: (v: number) => number) => Array.from(a).reduce((t, v) => t + f(v), 0);
    const expected = 0.01 * sum(k1!, Math.abs) + 0.02 * sum(k1!, (v) => v * v) + 0.02 * sum(k2!, (v) => v * v);
    expect(await penaltyOf(model)).toBeCloseTo(expected, 4);
    const loss = withPenalties(model, tf.scalar(1.5));
    expect((await loss.data())[0]).toBeCloseTo(1.5 + expected, 4);
    loss.dispose();
    expect(await penaltyOf(buildModel(net(0, 0), 3))).toBe(0);
    model.dispose();
  });

  it('is in the training loss exactly as tfjs\'s own model.fit reports it, and in val_loss', async () => {
    const data = noise(200, 100);
    const arch = net(0.001, 0.05);
    // A learning rate of 0 keeps the weights still, so both loops see the same ones at every batch.
    const ours = await train(arch, data, { optimizer: 'sgd', learningRate: 0 });
    const theirs = buildModel(arch, DEFAULT_SETTINGS.seed);
    theirs.compile({ optimizer: tf.train.sgd(0), loss: 'categoricalCrossentropy' });
    const s = { ...DEFAULT_SETTINGS, subset: 200 };
    const { train: split, trainIndices } = splitData(data, s);
    const { xs, labels } = makeBatch(split, trainIndices, 28);
    const ys = tf.oneHot(labels, 10);
    const history = await theirs.fit(xs, ys, { batchSize: 50, epochs: 1, shuffle: false, verbose: 0 });
    const penalty = await penaltyOf(theirs);
    expect(penalty).toBeGreaterThan(0.05);
    expect(ours.epochs[0]!.loss).toBeCloseTo(history.history.loss![0] as number, 5);
    // Without the penalty the figures would be apart by all of it.
    const plain = crossEntropy(theirs.predict(xs) as tf.Tensor, labels);
    expect(ours.epochs[0]!.loss - (await plain.data())[0]!).toBeCloseTo(penalty, 5);
    const val = await scoreSplit(ours.model, { images: data.testImages, labels: data.testLabels }, Uint32Array.from({ length: 100 }, (_, i) => i), 28);
    expect(ours.epochs[0]!.valLoss).toBeCloseTo(val.loss + penalty, 5);
    tf.dispose([xs, labels, ys, plain]);
    theirs.dispose();
    ours.model.dispose();
  });

  it('pulls each kernel weight towards 0 by 2·l2·w a step under SGD, leaving the biases alone', async () => {
    // One step from the same start: the cross-entropy's gradient is the same with and without the
    // penalty, so the two results differ by exactly the penalty's step, lr · 2·l2 · w0.
    const data = noise(50, 20);
    const step = { optimizer: 'sgd' as const, learningRate: 0.05, subset: 50, batchSize: 50 };
    const start = await Promise.all(buildModel(net(0, 0.5), DEFAULT_SETTINGS.seed).getWeights().map((w) => w.data()));
    const after = async (l2: number) => {
      const { model } = await train(net(0, l2), data, step);
      const weights = await Promise.all(model.getWeights().map((w) => w.data()));
      model.dispose();
      return weights;
    };
    const [plain, pulled] = [await after(0), await after(0.5)];
    for (const i of [0, 2]) {
      Array.from(start[i]!).forEach((w0, j) => expect(plain[i]![j]! - pulled[i]![j]!).toBeCloseTo(0.05 * 2 * 0.5 * w0, 5));
    }
    expect(Array.from(pulled[1]!)).toEqual(Array.from(plain[1]!));
  });
});

describe('makeOptimizer', () => {
  const config = (s: TrainSettings) => {
    const o = makeOptimizer(s.optimizer, s.learningRate, s);
    const c = { name: o.getClassName(), ...o.getConfig() };
    o.dispose();
    return c;
  };
  it('passes every setting to tfjs, epsilons included', () => {
    expect(config(DEFAULT_SETTINGS)).toMatchObject({ name: 'Adam', learningRate: 0.001, beta1: 0.9, beta2: 0.999, epsilon: 1e-7 });
    const sgd = withOptimizer(DEFAULT_SETTINGS, 'sgd');
    expect(config({ ...sgd, learningRate: 0.01 })).toMatchObject({ name: 'SGD', learningRate: 0.01 });
    expect(config({ ...sgd, momentum: 0.9, nesterov: true })).toMatchObject({ name: 'Momentum', momentum: 0.9, useNesterov: true });
    expect(config({ ...withOptimizer(DEFAULT_SETTINGS, 'rmsprop'), rho: 0.8, momentum: 0.5, epsilon: 1e-6 })).toMatchObject({ name: 'RMSProp', decay: 0.8, momentum: 0.5, epsilon: 1e-6, centered: false });
    expect(config({ ...withOptimizer(DEFAULT_SETTINGS, 'adagrad'), initialAccumulator: 0.2 })).toMatchObject({ name: 'Adagrad', initialAccumulatorValue: 0.2 });
    expect(config(withOptimizer(DEFAULT_SETTINGS, 'adadelta'))).toMatchObject({ name: 'Adadelta', rho: 0.95, epsilon: 1e-7 });
    expect(config({ ...withOptimizer(DEFAULT_SETTINGS, 'adamax'), beta2: 0.99 })).toMatchObject({ name: 'Adamax', beta1: 0.9, beta2: 0.99, epsilon: 1e-7, decay: 0 });
  });
});
