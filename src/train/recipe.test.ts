// Augmentation on the device, schedules reaching the optimiser, and early stopping in the training loop.
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Architecture } from '../model/architecture';
import { makeArchitecture } from '../model/architecture';
import type { OptimizerName, TrainSettings } from '../model/training';
import { DEFAULT_SETTINGS, OPTIMIZERS } from '../model/training';
import { augmentBatch, distortImages, previewAugmentation } from './augment';
import { buildModel } from './buildModel';
import type { MnistBytes } from './dataset';
import { PIXELS, makeBatch } from './dataset';
import type { EpochMetrics } from './protocol';
import { rng } from './random';
import type { WeightSnapshot } from './trainer';
import { makeOptimizer, runTraining, setLearningRate, splitData } from './trainer';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

/** Class d is a bright bar at row band d; `shift` relabels every fourth test digit so validation disagrees with training. */
function bars(train: number, test: number, shift = 0): MnistBytes {
  const random = rng(5);
  const make = (n: number, relabel: number) => {
    const images = new Uint8Array(n * PIXELS);
    const labels = new Uint8Array(n);
    for (let i = 0; i < n; i++) {
      const d = i % 10;
      labels[i] = i % 4 === 0 ? (d + relabel) % 10 : d;
      for (let p = 0; p < PIXELS; p++) {
        const row = Math.floor(p / 28);
        images[i * PIXELS + p] = row >= 2 + d * 2.4 && row < 4.4 + d * 2.4 ? 200 + Math.floor(random() * 55) : Math.floor(random() * 30);
      }
    }
    return { images, labels };
  };
  const a = make(train, 0);
  const b = make(test, shift);
  return { trainImages: a.images, trainLabels: a.labels, testImages: b.images, testLabels: b.labels };
}

const small: Architecture = makeArchitecture(28, [
  { type: 'flatten' },
  { type: 'dense', units: 24, activation: 'relu' },
  { type: 'dense', units: 10, activation: 'softmax' },
]);

async function train(data: MnistBytes, patch: Partial<TrainSettings>) {
  const s: TrainSettings = { ...DEFAULT_SETTINGS, epochs: 4, batchSize: 50, subset: 300, learningRate: 0.01, ...patch };
  const model = buildModel(small, s.seed);
  const optimizer = makeOptimizer(s.optimizer, s.learningRate);
  const epochs: { metrics: EpochMetrics; snapshot: WeightSnapshot }[] = [];
  const outcome = await runTraining(model, optimizer, splitData(data, s), s, 28, { paused: false, stopped: false, wake: null, step: null }, {
    onBatch: () => undefined,
    onEpoch: (metrics, snapshot) => epochs.push({ metrics, snapshot }),
    onPause: () => undefined,
    onResume: () => undefined,
  });
  const weights = await Promise.all(model.getWeights().map((w) => w.data()));
  model.dispose();
  optimizer.dispose();
  return { outcome, epochs, weights };
}

describe('distortImages', () => {
  const data = bars(20, 10);
  const split = { images: data.trainImages, labels: data.trainLabels };

  it('shifts by whole pixels exactly, zero-filling what moves in', async () => {
    const { xs, labels } = makeBatch(split, [0, 1, 2], 28);
    // random() = 1 draws the largest shift, +1 pixel right and down, and no rotation or zoom.
    const moved = distortImages(xs, { shiftPixels: 1, rotationDegrees: 0, zoomPercent: 0 }, () => 1);
    const [before, after] = [await xs.array(), await moved.array()];
    for (let n = 0; n < 3; n++) {
      for (let y = 0; y < 28; y++) {
        for (let x = 0; x < 28; x++) {
          const expected = x === 0 || y === 0 ? 0 : before[n]![y - 1]![x - 1]![0]!;
          expect(after[n]![y]![x]![0]).toBeCloseTo(expected, 5);
        }
      }
    }
    tf.dispose([xs, labels, moved]);
  });

  it('gives each digit its own distortion, keeps labels, and leaks nothing', async () => {
    const before = tf.memory().numTensors;
    const batch = makeBatch(split, [3, 3, 3, 3], 28);
    const out = augmentBatch(batch, { shiftPixels: 3, rotationDegrees: 20, zoomPercent: 15 }, rng(9));
    expect(out.labels).toBe(batch.labels);
    const images = (await out.xs.array()).map((img) => JSON.stringify(img));
    expect(new Set(images).size).toBe(4);
    expect(JSON.stringify(await batch.xs.array())).not.toContain(images[0]!);
    tf.dispose([batch.xs, batch.labels, out.xs]);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('previews as bytes: originals as stored, augmented ones different, labels the same', async () => {
    const p = await previewAugmentation(data, { shiftPixels: 2, rotationDegrees: 10, zoomPercent: 10 }, 6, 4);
    expect(p.originals).toHaveLength(6 * PIXELS);
    expect(Array.from(p.originals.subarray(0, PIXELS))).toEqual(Array.from(data.trainImages.subarray(p.indices[0]! * PIXELS, (p.indices[0]! + 1) * PIXELS)));
    expect(Array.from(p.augmentedLabels)).toEqual(Array.from(p.labels));
    expect(Array.from(p.labels)).toEqual(Array.from(p.indices, (i) => data.trainLabels[i]!));
    for (let i = 0; i < 6; i++) {
      expect(p.augmented.subarray(i * PIXELS, (i + 1) * PIXELS)).not.toEqual(p.originals.subarray(i * PIXELS, (i + 1) * PIXELS));
    }
  });
});

describe('setLearningRate', () => {
  // Every optimiser of the app, and SGD with momentum (tfjs's Momentum optimiser, a subclass of SGD).
  const cases: [OptimizerName, { momentum?: number; nesterov?: boolean }][] = [...OPTIMIZERS.map((o) => [o, {}] as [OptimizerName, object]), ['sgd', { momentum: 0.9, nesterov: true }]];
  for (const [name, options] of cases) {
    it(`changes the step ${name}${options.momentum ? ' with momentum' : ''} takes`, async () => {
      const w = tf.variable(tf.tensor1d([1, -2, 3]));
      const optimizer = makeOptimizer(name, 0.1, options);
      const step = async (rate: number) => {
        setLearningRate(optimizer, rate);
        const before = await w.data();
        optimizer.minimize(() => w.square().sum() as tf.Scalar);
        const after = await w.data();
        return Math.max(...Array.from(after, (v, i) => Math.abs(v - before[i]!)));
      };
      expect(await step(0.1)).toBeGreaterThan(0);
      expect(await step(0)).toBe(0);
      expect(await step(0.05)).toBeGreaterThan(0);
      optimizer.dispose();
      w.dispose();
    });
  }
});

describe('runTraining with a recipe', () => {
  it('follows the schedule epoch by epoch', async () => {
    const { epochs } = await train(bars(300, 50), { schedule: 'step', stepEvery: 1, stepFactor: 0.5 });
    expect(epochs.map((e) => e.metrics.learningRate)).toEqual([0.01, 0.005, 0.0025, 0.00125]);
  });

  it('still learns with augmentation on, and repeats exactly with the same seed', async () => {
    const data = bars(300, 50);
    const a = await train(data, { augment: true, shiftPixels: 1, rotationDegrees: 5, zoomPercent: 5 });
    const b = await train(data, { augment: true, shiftPixels: 1, rotationDegrees: 5, zoomPercent: 5 });
    const plain = await train(data, {});
    expect(a.epochs.at(-1)!.metrics.valAcc).toBeGreaterThan(0.9);
    expect(Array.from(a.weights[0]!)).toEqual(Array.from(b.weights[0]!));
    expect(Array.from(a.weights[0]!)).not.toEqual(Array.from(plain.weights[0]!));
    expect(new Set(a.epochs.map((e) => e.metrics.numTensors)).size).toBe(1);
  });

  it('stops early when validation loss keeps rising and puts the best epoch back', async () => {
    // A quarter of the test labels are off by one, so the more confident the network, the worse validation gets.
    const { outcome, epochs, weights } = await train(bars(300, 50, 1), { epochs: 10, earlyStop: true, patience: 2 });
    const losses = epochs.map((e) => e.metrics.valLoss);
    const best = losses.indexOf(Math.min(...losses));
    expect(outcome.kind).toBe('earlyStopped');
    if (outcome.kind !== 'earlyStopped') return;
    expect(outcome.bestEpoch).toBe(best + 1);
    expect(outcome.epochs).toBe(best + 3);
    expect(epochs).toHaveLength(best + 3);
    expect(Array.from(weights[0]!)).toEqual(Array.from(epochs[best]!.snapshot.values[0]!));
    expect(Array.from(weights[0]!)).not.toEqual(Array.from(epochs.at(-1)!.snapshot.values[0]!));
  });

  it('runs every epoch when validation keeps improving', async () => {
    const { outcome, epochs } = await train(bars(300, 50), { epochs: 4, earlyStop: true, patience: 2 });
    expect(outcome.kind).toBe('done');
    expect(epochs).toHaveLength(4);
  });
});
