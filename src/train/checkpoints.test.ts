// The checkpoint store on the CPU backend: checkpoints of a seeded run restore exactly, the limit thins, histograms share bins.
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { makeArchitecture } from '../model/architecture';
import type { TrainSettings } from '../model/training';
import { DEFAULT_SETTINGS } from '../model/training';
import { buildModel } from './buildModel';
import { CheckpointStore, tensorRoles } from './checkpoints';
import type { MnistBytes } from './dataset';
import { PIXELS } from './dataset';
import { rng } from './random';
import type { WeightSnapshot } from './trainer';
import { makeOptimizer, restoreSnapshot, runTraining, splitData, takeSnapshot } from './trainer';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

/** Noise digits labelled by their brightest quarter: learnable, and cheap. */
function noiseDigits(n: number): { images: Uint8Array; labels: Uint8Array } {
  const random = rng(11);
  const images = Uint8Array.from({ length: n * PIXELS }, () => Math.floor(random() * 256));
  const labels = Uint8Array.from({ length: n }, (_, i) => i % 10);
  return { images, labels };
}
const train = noiseDigits(240);
const test = noiseDigits(60);
const data: MnistBytes = { trainImages: train.images, trainLabels: train.labels, testImages: test.images, testLabels: test.labels };

const arch = makeArchitecture(28, [
  { type: 'conv2d', filters: 2, kernelSize: 5, strides: 3, padding: 'valid', activation: 'relu' },
  { type: 'batchNormalization' },
  { type: 'flatten' },
  { type: 'dense', units: 10, activation: 'softmax' },
]);
const settings = (epochs: number): TrainSettings => ({ ...DEFAULT_SETTINGS, epochs, batchSize: 40, subset: 240, validation: 'test', learningRate: 0.01, seed: 3 });

/** Train a seeded run for `epochs`, keeping a checkpoint at the start and at each epoch's end. */
async function seededRun(epochs: number, store?: CheckpointStore) {
  const s = settings(epochs);
  const model = buildModel(arch, s.seed);
  const optimizer = makeOptimizer(s.optimizer, s.learningRate);
  store?.add('start', 0, 0, await takeSnapshot(model));
  await runTraining(model, optimizer, splitData(data, s), s, 28, { paused: false, stopped: false, wake: null, step: null }, {
    onBatch: () => undefined,
    onEpoch: (m, snapshot) => store?.add('epoch', m.epoch * 6, m.epoch, snapshot),
    onPause: () => undefined,
    onResume: () => undefined,
  });
  optimizer.dispose();
  return model;
}

const plain = (s: WeightSnapshot) => s.values.map((v) => Array.from(v));

// Several short training runs on the CPU backend: slow on a busy machine.
describe('checkpoints of a seeded run', { timeout: 60_000 }, () => {
  it('hold exactly the weights the run had at each checkpoint, and restore them exactly', async () => {
    const store = new CheckpointStore();
    const full = await seededRun(3, store);
    expect(store.infos().map((c) => [c.kind, c.epoch])).toEqual([['start', 0], ['epoch', 1], ['epoch', 2], ['epoch', 3]]);
    const [start, first, second, third] = store.infos().map((c) => store.get(c.id)!.weights);
    // The same seed trained for fewer epochs reaches each checkpoint's weights bit for bit.
    for (const [epochs, checkpoint] of [[0, start], [1, first], [2, second]] as const) {
      const shorter = epochs === 0 ? buildModel(arch, 3) : await seededRun(epochs);
      expect(plain(checkpoint!)).toEqual(plain(await takeSnapshot(shorter)));
      shorter.dispose();
    }
    expect(plain(third!)).toEqual(plain(await takeSnapshot(full)));
    // Epochs apart, the weights differ: the comparison above could fail.
    expect(plain(first!)).not.toEqual(plain(second!));

    // Restored into another model, checkpoint 1 answers as the one-epoch run does.
    const oneEpoch = await seededRun(1);
    const restored = buildModel(arch);
    restoreSnapshot(restored, first!);
    expect(plain(await takeSnapshot(restored))).toEqual(plain(first!));
    const x = tf.tensor4d(Float32Array.from(test.images.subarray(0, 5 * PIXELS), (v) => v / 255), [5, 28, 28, 1]);
    const [a, b] = [restored, oneEpoch].map((m) => m.predict(x) as tf.Tensor);
    expect(Array.from(await a!.data())).toEqual(Array.from(await b!.data()));
    tf.dispose([x, a!, b!]);
    [full, oneEpoch, restored].forEach((m) => m.dispose());
  });

  it('keep their own copies: a snapshot changed or transferred afterwards leaves the checkpoint as it was', () => {
    const store = new CheckpointStore();
    const snapshot: WeightSnapshot = { values: [Float32Array.from([1, 2, 3])], shapes: [[3]] };
    const { id } = store.add('start', 0, 0, snapshot);
    snapshot.values[0]![0] = 99;
    expect(Array.from(store.get(id)!.weights.values[0]!)).toEqual([1, 2, 3]);
  });
});

describe('the memory limit', () => {
  const snapshot = (n: number): WeightSnapshot => ({ values: [new Float32Array(n)], shapes: [[n]] });

  it('thins evenly as checkpoints arrive, keeping the first and the latest, and says how many went', () => {
    // 100 bytes each; room for 3.
    const store = new CheckpointStore(300);
    for (let epoch = 0; epoch <= 4; epoch++) store.add(epoch === 0 ? 'start' : 'epoch', epoch * 10, epoch, snapshot(25));
    expect(store.infos().map((c) => c.epoch)).toEqual([0, 2, 4]);
    expect(store.counts()).toEqual({ kept: 3, taken: 5, bytes: 300 });
    store.setBudget(200);
    expect(store.infos().map((c) => c.epoch)).toEqual([0, 4]);
    store.clear();
    expect(store.counts()).toEqual({ kept: 0, taken: 0, bytes: 0 });
  });

  it('replaces a checkpoint taken again at the same step (a run continued without training)', () => {
    const store = new CheckpointStore();
    store.add('epoch', 12, 2, snapshot(4));
    store.add('start', 12, 2, snapshot(4));
    expect(store.infos().map((c) => c.kind)).toEqual(['start']);
  });
});

describe('histograms of the checkpoints', { timeout: 60_000 }, () => {
  it('cover every learnt tensor of every layer, with one set of bins across checkpoints', async () => {
    const store = new CheckpointStore();
    const model = await seededRun(2, store);
    const roles = tensorRoles(model);
    // All trainable weights come first in getWeights(), batch norm's moving statistics last.
    expect(roles.map((r) => `${r.layer}:${r.role}`)).toEqual(['0:kernel', '0:bias', '1:gamma', '1:beta', '3:kernel', '3:bias', '1:moving_mean', '1:moving_variance']);
    const live = await takeSnapshot(model);
    const h = store.histograms(roles, live, 16);
    expect(h.map((t) => `${t.layer}:${t.role}`)).toEqual(['0:kernel', '0:bias', '1:gamma', '1:beta', '3:kernel', '3:bias']);
    for (const t of h) {
      expect(t.ids).toEqual([...store.infos().map((c) => c.id), null]);
      // Every number of the tensor lands in a bin, at every checkpoint.
      for (const counts of t.counts) expect(counts.reduce((a, b) => a + b, 0)).toBe(t.size);
    }
    const kernel = h.find((t) => t.layer === 3 && t.role === 'kernel')!;
    // The conv gives ⌊(28 − 5) / 3⌋ + 1 = 8: 8×8×2 inputs to each of 10 units.
    expect(kernel.size).toBe(8 * 8 * 2 * 10);
    // The bins span the widest range any checkpoint reached.
    const all = store.infos().map((c) => store.get(c.id)!.weights.values[4]!);
    expect(kernel.bins.lo).toBe(Math.min(...all.map((v) => Math.min(...v))));
    expect(kernel.bins.hi).toBe(Math.max(...all.map((v) => Math.max(...v))));
    // Biases start at zero: a single spike at the start.
    const bias = h.find((t) => t.layer === 0 && t.role === 'bias')!;
    expect(bias.counts[0]!.filter((c) => c > 0)).toEqual([2]);
    model.dispose();
  });
});
