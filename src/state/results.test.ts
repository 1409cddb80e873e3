// Which runs the results panel lists, and the figures it takes from them.
import { describe, expect, it } from 'vitest';
import { findPreset } from '../model/presets';
import { record } from './history/testRuns';
import { RESULT_RUNS, selectRunRecords } from './results';

describe('selectRunRecords', () => {
  it('lists only runs scored on the test set', () => {
    expect(selectRunRecords([record(1, 'seed-mlp', [0.9, 0.95], null), record(2, 'seed-mlp', [], 12)])).toEqual([]);
  });

  it('gives a scored run with its network, epochs trained, summed time and backend', () => {
    const [row] = selectRunRecords([record(3, 'seed-larger-cnn', [0.97, 0.98, 0.99], 0.91)]);
    expect(row).toMatchObject({ id: 'run-3', architecture: findPreset('seed-larger-cnn')!.architecture, epochs: 3, testError: 0.91, seconds: 10 + 12 + 14, backend: 'wasm' });
    expect(row!.bestEpoch).toBeUndefined();
  });

  it('notes the kept epoch when early stopping ended the run', () => {
    expect(selectRunRecords([record(4, 'seed-mlp', [0.9, 0.95, 0.94], 1.9, { bestEpoch: 2 })])[0]!.bestEpoch).toBe(2);
  });

  it('keeps the latest runs, oldest first', () => {
    const runs = Array.from({ length: RESULT_RUNS + 3 }, (_, i) => record(RESULT_RUNS + 3 - i, 'seed-mlp', [0.9], 2 + i));
    const ids = selectRunRecords(runs).map((r) => r.id);
    expect(ids).toHaveLength(RESULT_RUNS);
    expect(ids[0]).toBe('run-4');
    expect(ids.at(-1)).toBe(`run-${RESULT_RUNS + 3}`);
  });
});
