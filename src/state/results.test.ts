// Which runs the results panel lists, and the figures it takes from them.
import { describe, expect, it } from 'vitest';
import { findPreset } from '../model/presets';
import { DEFAULT_SETTINGS } from '../model/training';
import type { EpochMetrics } from '../train/protocol';
import type { RunResultsSource } from './results';
import { selectRunRecords } from './results';

const arch = findPreset('seed-larger-cnn')!.architecture;
const epoch = (n: number, seconds: number): EpochMetrics => ({ epoch: n, loss: 0.1, acc: 0.97, valLoss: 0.05, valAcc: 0.99, seconds, examplesPerSecond: 900, numTensors: 40, learningRate: 0.001 });
const source: RunResultsSource = {
  run: { id: 4, status: 'done', stopped: false, epoch: 3, message: null, architectureKey: JSON.stringify(arch), settings: DEFAULT_SETTINGS, backend: 'wasm', startedAt: 0 },
  evaluation: { testError: 0.91, confusion: [], perClassAccuracy: [], networkKind: 'cnn' },
  epochs: [epoch(1, 60), epoch(2, 58.5), epoch(3, 61)],
  earlyStop: null,
};

describe('selectRunRecords', () => {
  it('lists nothing before a run has been scored on the test set', () => {
    expect(selectRunRecords({ ...source, run: null, evaluation: null, epochs: [] })).toEqual([]);
    expect(selectRunRecords({ ...source, evaluation: null })).toEqual([]);
  });

  it('gives the scored run with its network, epochs trained, summed time and backend', () => {
    expect(selectRunRecords(source)).toEqual([
      { id: '4', architecture: arch, settings: DEFAULT_SETTINGS, epochs: 3, testError: 0.91, seconds: 179.5, backend: 'wasm' },
    ]);
  });

  it('notes the kept epoch when early stopping ended this run, not an older one', () => {
    expect(selectRunRecords({ ...source, earlyStop: { runId: 4, epoch: 3, bestEpoch: 1, bestLoss: 0.04 } })[0]!.bestEpoch).toBe(1);
    expect(selectRunRecords({ ...source, earlyStop: { runId: 3, epoch: 3, bestEpoch: 1, bestLoss: 0.04 } })[0]!.bestEpoch).toBeUndefined();
  });
});
