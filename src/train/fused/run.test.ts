// The training loop on the fused path (wasm): the fallback to the weights a diverged run started from, regularisers and a dataset of three classes.
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Architecture } from '../../model/architecture';
import { makeArchitecture } from '../../model/architecture';
import type { TrainSettings } from '../../model/training';
import { DEFAULT_SETTINGS } from '../../model/training';
import { buildModel } from '../buildModel';
import type { MnistBytes } from '../dataset';
import { PIXELS } from '../dataset';
import { registerWasmKernels } from '../kernels';
import { penaltyOf } from '../penalty';
import type { EpochMetrics } from '../protocol';
import { syntheticMnist } from '../testData';
import type { Control, RunHooks, WeightSnapshot } from '../trainer';
import { makeOptimizer, runTraining, splitData, takeSnapshot } from '../trainer';
import { fusedAvailable } from './loss';

beforeAll(async () => {
  registerWasmKernels();
  expect(await tf.setBackend('wasm')).toBe(true);
  expect(fusedAvailable()).toBe(true);
});

/** The synthetic digits of the first `classes` classes only, as a dataset of one's own would be. */
function firstClasses(data: MnistBytes, classes: number): MnistBytes {
  const keep = (images: Uint8Array, labels: Uint8Array) => {
    const ids = [...labels.keys()].filter((i) => labels[i]! < classes);
    const out = new Uint8Array(ids.length * PIXELS);
    ids.forEach((id, k) => out.set(images.subarray(id * PIXELS, (id + 1) * PIXELS), k * PIXELS));
    return { images: out, labels: Uint8Array.from(ids, (i) => labels[i]!) };
  };
  const train = keep(data.trainImages, data.trainLabels);
  const test = keep(data.testImages, data.testLabels);
  return { trainImages: train.images, trainLabels: train.labels, testImages: test.images, testLabels: test.labels };
}

const conv = (classes: number, l2: number): Architecture =>
  makeArchitecture(28, [
    { type: 'conv2d', filters: 4, kernelSize: 3, strides: 1, padding: 'same', activation: 'relu', kernelRegularizer: { l1: 0, l2 } },
    { type: 'maxPooling2d', poolSize: 2, strides: 2, padding: 'valid' },
    { type: 'flatten' },
    { type: 'dense', units: classes, activation: 'softmax', kernelRegularizer: { l1: 0, l2 } },
  ]);

async function run(arch: Architecture, data: MnistBytes, patch: Partial<TrainSettings>, fallback: WeightSnapshot | null, model = buildModel(arch, 5)) {
  const s: TrainSettings = { ...DEFAULT_SETTINGS, epochs: 2, batchSize: 32, subset: data.trainLabels.length, validation: 'test', ...patch };
  const optimizer = makeOptimizer(s.optimizer, s.learningRate, s);
  const epochs: EpochMetrics[] = [];
  const control: Control = { paused: false, stopped: false, wake: null, step: null };
  const hooks: RunHooks = { onBatch: () => undefined, onEpoch: (m) => epochs.push(m), onPause: () => undefined, onResume: () => undefined };
  const outcome = await runTraining(model, optimizer, splitData(data, s), s, 28, control, hooks, 0, fallback);
  optimizer.dispose();
  return { model, outcome, epochs };
}

describe('the fused training loop', () => {
  it('a run that diverges in its first epoch (Adam at rate 100, its fused update) puts back the weights it started from', async () => {
    const data = syntheticMnist(300, 50);
    const arch = conv(10, 0);
    const model = buildModel(arch, 5);
    const before = await takeSnapshot(model);
    const { outcome } = await run(arch, data, { optimizer: 'adam', learningRate: 100, epochs: 1 }, before, model);
    expect(outcome).toMatchObject({ kind: 'diverged', epoch: 1 });
    const after = await takeSnapshot(model);
    after.values.forEach((v, i) => expect(Array.from(v), `weight ${i}`).toEqual(Array.from(before.values[i]!)));
    model.dispose();
  }, 60_000);

  it('learns three classes with regularisers, the penalty in val_loss, under Adam and under SGD with momentum', async () => {
    const data = firstClasses(syntheticMnist(600, 150), 3);
    for (const patch of [{ optimizer: 'adam', learningRate: 0.01 }, { optimizer: 'sgd', learningRate: 0.05, momentum: 0.9 }] as const) {
      const { model, outcome, epochs } = await run(conv(3, 0.01), data, patch, null);
      expect(outcome.kind, patch.optimizer).toBe('done');
      expect(epochs.at(-1)!.valAcc, patch.optimizer).toBeGreaterThan(0.9);
      // val_loss = the test digits' cross-entropy plus the penalty the weights carry.
      const penalty = await penaltyOf(model);
      expect(penalty).toBeGreaterThan(0);
      expect(epochs.at(-1)!.valLoss).toBeGreaterThan(penalty);
      expect(model.outputs[0]!.shape).toEqual([null, 3]);
      model.dispose();
    }
  }, 60_000);
});
