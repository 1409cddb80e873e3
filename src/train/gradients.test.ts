// Per-layer gradient norms from the training step, against tfjs's own gradients (tf.variableGrads), on the CPU backend.
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Architecture } from '../model/architecture';
import { makeArchitecture } from '../model/architecture';
import { buildModel } from './buildModel';
import { layerVariables, readSample, measuredStep } from './gradients';
import { crossEntropy } from './metrics';
import { rng } from './random';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const arch: Architecture = makeArchitecture(28, [
  { type: 'conv2d', filters: 3, kernelSize: 5, strides: 2, padding: 'valid', activation: 'relu' },
  { type: 'batchNormalization' },
  { type: 'maxPooling2d', poolSize: 2, strides: 2, padding: 'valid' },
  { type: 'flatten' },
  { type: 'dense', units: 8, activation: 'sigmoid' },
  { type: 'dense', units: 10, activation: 'softmax' },
]);

function batch(n: number) {
  const random = rng(3);
  const xs = tf.tensor4d(Float32Array.from({ length: n * 784 }, () => random()), [n, 28, 28, 1]);
  const labels = tf.tensor1d(Int32Array.from({ length: n }, (_, i) => i % 10), 'int32');
  return { xs, labels };
}

const sumSquares = (values: ArrayLike<number>) => Array.from(values).reduce((s, v) => s + v * v, 0);

describe('gradient norms per layer', () => {
  it('finds the layers with trainable weights and counts them', () => {
    const model = buildModel(arch, 1);
    const layers = layerVariables(model);
    expect(layers.map((l) => l.layer)).toEqual([0, 1, 4, 5]);
    // conv (5·5·1 + 1)·3 = 78; batch norm's gamma and beta for 3 channels; the conv gives 12×12×3,
    // pooled 6×6×3 = 108 inputs, so dense (108 + 1)·8 = 872; the output (8 + 1)·10 = 90.
    expect(layers.map((l) => l.count)).toEqual([78, 6, 872, 90]);
    model.dispose();
  });

  it('equal the norms of tf.variableGrads, and the step is the one SGD takes', async () => {
    const model = buildModel(arch, 1);
    const layers = layerVariables(model);
    const { xs, labels } = batch(16);
    const loss = () => crossEntropy(model.apply(xs, { training: true }) as tf.Tensor, labels);
    // tfjs's own gradients at the same weights, before the step (batch norm's moving statistics
    // are updated by the forward pass, but gradients do not depend on them in training mode).
    const { value, grads } = tf.variableGrads(loss);
    const expected = await Promise.all(layers.map(async (l) => Math.sqrt((await Promise.all(l.names.map((n) => grads[n]!.data()))).reduce((s, g) => s + sumSquares(g), 0))));
    const kernelBefore = await Promise.all(layers.map((l) => l.kernel().data()));
    const kernelGrad = await Promise.all(layers.map((l) => grads[l.names.find((n) => /kernel|gamma/.test(n))!]!.data()));
    tf.dispose([value, ...Object.values(grads)]);

    const rate = 0.5;
    const optimizer = tf.train.sgd(rate);
    const out = tf.tidy(() => measuredStep(optimizer, loss, layers));
    const sample = await readSample(out.measured!, layers, 1, 0.1);
    out.loss.dispose();
    expect(sample.layers.map((l) => l.layer)).toEqual([0, 1, 4, 5]);
    sample.layers.forEach((l, i) => {
      expect(l.norm).toBeGreaterThan(0);
      expect(l.norm).toBeCloseTo(expected[i]!, 5);
      expect(l.rms).toBeCloseTo(expected[i]! / Math.sqrt(layers[i]!.count), 7);
      // SGD moves the kernel by rate × its gradient.
      expect(l.stepRatio).toBeCloseTo((rate * Math.sqrt(sumSquares(kernelGrad[i]!))) / Math.sqrt(sumSquares(kernelBefore[i]!)), 5);
    });
    // And the step really was taken: the kernel is its old value minus rate × gradient.
    const after = await layers[3]!.kernel().data();
    expect(after[0]).toBeCloseTo(kernelBefore[3]![0]! - rate * kernelGrad[3]![0]!, 6);
    tf.dispose([xs, labels]);
    optimizer.dispose();
    model.dispose();
  });

  it('train exactly as optimizer.minimize does, measured or not, and leak nothing', async () => {
    const { xs, labels } = batch(20);
    const weightsAfter = async (step: (m: tf.LayersModel, o: tf.Optimizer) => void) => {
      const model = buildModel(arch, 5);
      const optimizer = tf.train.adam(0.01);
      for (let i = 0; i < 3; i++) step(model, optimizer);
      const w = await Promise.all(model.getWeights().map((t) => t.data()));
      optimizer.dispose();
      model.dispose();
      return w.map((a) => Array.from(a));
    };
    const f = (m: tf.LayersModel) => () => crossEntropy(m.apply(xs, { training: true }) as tf.Tensor, labels);
    const before = tf.memory().numTensors;
    const minimized = await weightsAfter((m, o) => tf.tidy(() => void o.minimize(f(m))));
    const plain = await weightsAfter((m, o) => tf.tidy(() => void measuredStep(o, f(m), null).loss.dispose()));
    const measured = await weightsAfter((m, o) => {
      const layers = layerVariables(m);
      const out = tf.tidy(() => measuredStep(o, f(m), layers));
      tf.dispose([out.loss, out.measured!]);
    });
    expect(plain).toEqual(minimized);
    expect(measured).toEqual(minimized);
    expect(tf.memory().numTensors).toBe(before);
    tf.dispose([xs, labels]);
  });
});
