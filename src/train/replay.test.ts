// Replay in the worker on the CPU backend: a checkpoint's own model answers for that moment, the live model is untouched, scores are kept.
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { makeArchitecture } from '../model/architecture';
import { flippedDigits } from '../model/compare';
import { DEFAULT_SETTINGS } from '../model/training';
import { buildModel } from './buildModel';
import type { MnistBytes } from './dataset';
import { PIXELS } from './dataset';
import { predictDigit } from './inspect';
import { flippedBetween, Replay, scoreTestSet } from './replay';
import { makeOptimizer, runTraining, splitData, takeSnapshot } from './trainer';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

/** Class d is a horizontal bar at row 4 + 2d, with a little noise. */
function bars(n: number, salt: number): { images: Uint8Array; labels: Uint8Array } {
  const images = new Uint8Array(n * PIXELS);
  const labels = Uint8Array.from({ length: n }, (_, i) => (i * 3) % 10);
  labels.forEach((d, i) => {
    for (let x = 4; x < 24; x++) images[i * PIXELS + (4 + 2 * d) * 28 + x] = 120 + ((i * salt + x * 7) % 130);
  });
  return { images, labels };
}
const tr = bars(300, 17);
const te = bars(80, 5);
const data: MnistBytes = { trainImages: tr.images, trainLabels: tr.labels, testImages: te.images, testLabels: te.labels };
const arch = makeArchitecture(28, [{ type: 'flatten' }, { type: 'dense', units: 16, activation: 'relu' }, { type: 'dense', units: 10, activation: 'softmax' }]);
const key = JSON.stringify(arch);

describe('replay', { timeout: 60_000 }, () => {
  it('answers for a checkpoint with its weights, leaves the live model alone, and keeps each moment’s scores', async () => {
    const s = { ...DEFAULT_SETTINGS, epochs: 2, batchSize: 30, subset: 300, learningRate: 0.01, seed: 5 };
    const live = buildModel(arch, s.seed);
    const replay = new Replay();
    replay.store.add('start', 0, 0, await takeSnapshot(live));
    const optimizer = makeOptimizer('adam', s.learningRate);
    await runTraining(live, optimizer, splitData(data, s), s, 28, { paused: false, stopped: false, wake: null, step: null }, {
      onBatch: () => undefined,
      onEpoch: (m, snapshot) => replay.store.add('epoch', m.epoch * 10, m.epoch, snapshot),
      onPause: () => undefined,
      onResume: () => undefined,
    });
    optimizer.dispose();
    const [start, , last] = replay.store.infos();
    const liveWeights = await takeSnapshot(live);
    const digit = data.testImages.slice(0, PIXELS);
    const tensorsBefore = tf.memory().numTensors;

    const atStart = replay.subject(replay.store.get(start!.id)!, arch, key);
    expect(atStart.epochsDone).toBe(0);
    const fresh = buildModel(arch, s.seed);
    const [early, untrained] = await Promise.all([predictDigit(atStart, digit), predictDigit({ model: fresh, architecture: arch, epochsDone: 0 }, digit)]);
    expect(Array.from(early.probabilities)).toEqual(Array.from(untrained.probabilities));
    fresh.dispose();

    // The last checkpoint is the run's end: the same answers as the live model.
    const atEnd = replay.subject(replay.store.get(last!.id)!, arch, key);
    expect(atEnd.model).toBe(atStart.model); // one model, weights swapped
    const [end, now] = await Promise.all([predictDigit(atEnd, digit), predictDigit({ model: live, architecture: arch, epochsDone: 2 }, digit)]);
    expect(Array.from(end.probabilities)).toEqual(Array.from(now.probabilities));
    expect(Array.from(end.probabilities)).not.toEqual(Array.from(early.probabilities));
    // Swapping checkpoints in and out did not touch the live weights.
    expect((await takeSnapshot(live)).values.map((v) => Array.from(v))).toEqual(liveWeights.values.map((v) => Array.from(v)));

    const before = await replay.scoresOf(start!.id, replay.subject(replay.store.get(start!.id)!, arch, key), data);
    const after = await replay.scoresOf(last!.id, replay.subject(replay.store.get(last!.id)!, arch, key), data);
    expect(await replay.scoresOf(start!.id, atStart, data)).toBe(before); // kept, not scored again
    expect(after.evaluation.testError).toBeLessThan(before.evaluation.testError);
    expect(after.evaluation.confusion.reduce((a, b) => a + b, 0)).toBe(80);
    const liveScores = await scoreTestSet({ model: live, architecture: arch, epochsDone: 2 }, data);
    expect(Array.from(liveScores.predictions)).toEqual(Array.from(after.predictions));

    const flips = flippedBetween(before, after, data, 5);
    const expected = flippedDigits(data.testLabels, before.predictions, after.predictions);
    expect(flips.fixed.total).toBe(expected.fixed.length);
    expect(flips.fixed.total).toBeGreaterThan(0);
    expect(flips.broken.total).toBe(expected.broken.length);
    expect(flips.fixed.indices.length).toBe(Math.min(5, expected.fixed.length));
    flips.fixed.indices.forEach((idx, k) => {
      expect(flips.fixed.labels[k]).toBe(data.testLabels[idx]);
      expect(flips.fixed.after[k]).toBe(data.testLabels[idx]); // right later
      expect(flips.fixed.before[k]).not.toBe(data.testLabels[idx]); // wrong earlier
      expect(Array.from(flips.fixed.images.subarray(k * PIXELS, (k + 1) * PIXELS))).toEqual(Array.from(data.testImages.subarray(idx * PIXELS, (idx + 1) * PIXELS)));
    });
    expect(flips.rightAfter - flips.rightBefore).toBe(flips.fixed.total - flips.broken.total);

    // The replay model is the only thing it added; clearing frees it.
    expect(tf.memory().numTensors).toBe(tensorsBefore + atStart.model.weights.length);
    replay.clear();
    expect(replay.store.infos()).toEqual([]);
    expect(tf.memory().numTensors).toBe(tensorsBefore);
    live.dispose();
  });
});
