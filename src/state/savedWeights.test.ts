// Weights from storage and files are input too: ones holding NaN or infinities are refused with
// a message before they reach the worker, and nothing the learner has is replaced.
import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { findPreset } from '../model/presets';
import type { FakeWorker } from '../train/fakeWorker';
import { fakeWorkers } from '../train/fakeWorker';
import { openModel, saveModel } from './models';
import { adoptWeights } from './savedWeights';
import { resetStore, useAppStore } from './store';
import { connectWorker } from './worker';

const mlp = () => findPreset('seed-mlp')!.architecture;
const cnn = () => findPreset('seed-simple-cnn')!.architecture;

/** Weights of the shapes the seed MLP has, with one NaN. */
function spoiltWeights() {
  const shapes = [[784, 784], [784], [784, 10], [10]];
  const values = shapes.map((s) => new Float32Array(s.reduce((a, b) => a * b, 1)));
  values[2]![17] = NaN;
  return { architecture: mlp(), epochsDone: 3, values, shapes, savedAt: 1 };
}

describe('non-finite weights', () => {
  let worker: () => FakeWorker;
  let disconnect = () => {};
  const questions = () => worker().sent.filter((m) => m.type === 'question');

  beforeEach(() => {
    resetStore();
    const fakes = fakeWorkers();
    worker = fakes.last;
    disconnect = connectWorker(fakes.create);
  });
  afterEach(() => disconnect());

  it('are refused before they reach the worker', async () => {
    useAppStore.setState({ architecture: mlp() });
    const error = await adoptWeights(useAppStore.getState().architecture, spoiltWeights(), 3);
    expect(error).toMatch(/1 weight value is NaN or infinite \(the first in weight tensor 3\)/);
    expect(questions()).toEqual([]);
    expect(useAppStore.getState().trainedKey).toBeNull();
  });

  it('in a saved model are refused on opening, and the network being edited stays', async () => {
    const meta = await saveModel('Diverged', mlp(), spoiltWeights());
    useAppStore.setState({ architecture: cnn() });
    await openModel(meta.id);
    expect(useAppStore.getState().persistError).toMatch(/“Diverged” was not opened: .*NaN or infinite/);
    expect(useAppStore.getState().architecture).toBe(cnn());
    expect(questions()).toEqual([]);
  });
});
