// The seed's table as the results panel shows it, and a run's row.
import { describe, expect, it } from 'vitest';
import { findPreset } from './presets';
import { recipeSummary, runRow, seedRows } from './results';
import { DEFAULT_SETTINGS } from './training';

describe('seedRows', () => {
  it('lists the seed networks with their parameter counts, errors and times for 10 epochs', () => {
    expect(seedRows().map((r) => [r.network, r.params, r.epochs, r.testError, r.seconds])).toEqual([
      ['Baseline MLP (seed)', 623_290, 10, 1.73, 80],
      ['Simple CNN (seed)', 592_074, 10, 1.0, 520],
      ['Larger CNN (seed)', 59_933, 10, 0.83, 590],
    ]);
  });
});

describe('runRow', () => {
  const base = { id: '3', settings: DEFAULT_SETTINGS, epochs: 10, testError: 1.9, seconds: 250, backend: 'wasm' };

  it('names a preset network and counts its parameters', () => {
    const row = runRow({ ...base, architecture: findPreset('seed-mlp')!.architecture });
    expect(row).toMatchObject({ key: 'run:3', source: 'run', network: 'Baseline MLP (seed)', params: 623_290, epochs: 10, testError: 1.9 });
    expect(row.detail).toBe('wasm, batch 200, Adam 0.001');
  });

  it('calls an edited network "Your network" and says when early stopping kept an earlier epoch', () => {
    const arch = findPreset('seed-mlp')!.architecture;
    const edited = { ...arch, layers: arch.layers.map((l) => (l.type === 'dense' && l.units === 784 ? { ...l, units: 100 } : l)) };
    const row = runRow({ ...base, architecture: edited, bestEpoch: 6, epochs: 9 });
    expect(row.network).toBe('Your network');
    expect(row.params).toBe(785 * 100 + 101 * 10);
    expect(row.detail).toMatch(/stopped early, weights of epoch 6$/);
  });
});

describe('recipeSummary', () => {
  it('mentions only what departs from plain training', () => {
    expect(recipeSummary({ ...DEFAULT_SETTINGS, subset: 2000 })).toBe('batch 200, Adam 0.001, 2,000 digits');
    expect(recipeSummary({ ...DEFAULT_SETTINGS, augment: true, schedule: 'cosine', earlyStop: true, optimizer: 'sgd', learningRate: 0.1 })).toBe(
      'batch 200, SGD 0.1, augmented (±2 px, ±10°, ±10%), cosine decay, early stop (patience 3)',
    );
    expect(recipeSummary({ ...DEFAULT_SETTINGS, schedule: 'step', stepEvery: 3, stepFactor: 0.5 })).toBe('batch 200, Adam 0.001, ×0.5 every 3 epochs');
  });
});
