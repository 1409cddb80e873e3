import { describe, expect, it } from 'vitest';
import { findPreset } from '../../model/presets';
import { BATCH_CURVE_POINTS, buildRecord, layerSummary, readRecord } from './record';
import { batchMetrics, record, runView, snapshotOf } from './testRuns';

describe('buildRecord', () => {
  it('keeps the network, its totals, settings, backend, curves and results', () => {
    const snap = snapshotOf(runView('seed-simple-cnn', { status: 'done' }), [0.91, 0.96, 0.95], 3.2);
    const r = buildRecord({ id: 'run-a', number: 7 }, snap, null, 1234);
    expect(r.number).toBe(7);
    expect(r.name).toBe('Simple CNN (seed)');
    expect(r.params).toBe(592_074);
    expect(r.connections).toBe(1_088_906);
    expect(r.outcome).toBe('done');
    expect(r.backend).toBe('wasm');
    expect(r.settings.batchSize).toBe(50);
    expect(r.epochs.map((e) => e.val_acc)).toEqual([0.91, 0.96, 0.95]);
    expect(r.bestValAcc).toBe(0.96);
    expect(r.secondsPerEpoch).toBeCloseTo((10 + 12 + 14) / 3, 10);
    expect(r.testError).toBe(3.2);
    expect(r.networkKind).toBe('cnn');
  });

  it('downsamples a long batch curve and measures it in epochs', () => {
    const snap = { ...snapshotOf(runView('seed-mlp'), [0.9]), batchPoints: Array.from({ length: 600 }, (_, i) => batchMetrics(i, 300)) };
    const r = buildRecord({ id: 'x', number: 1 }, snap, null, 0);
    expect(r.batches).toHaveLength(BATCH_CURVE_POINTS);
    expect(r.batches[0]!.epoch).toBe(0);
    expect(r.batches.at(-1)!.epoch).toBeCloseTo(599 / 300, 10);
    expect(r.outcome).toBe('running');
  });

  it('records a stopped run as stopped, and lists each backend a continued run used', () => {
    const first = buildRecord({ id: 'x', number: 1 }, snapshotOf(runView('seed-mlp', { status: 'error', backend: 'webgl' }), [0.9]), null, 0);
    const next = buildRecord({ id: 'x', number: 1 }, snapshotOf(runView('seed-mlp', { status: 'done', stopped: true, backend: 'wasm' }), [0.9, 0.92]), first, 0);
    expect(first.outcome).toBe('error');
    expect(next.outcome).toBe('stopped');
    expect(next.backend).toBe('webgl, wasm');
  });
});

describe('readRecord', () => {
  it('reads back what was stored (through structured clone)', () => {
    const r = record(3, 'seed-larger-cnn', [0.9, 0.93], 1.5);
    expect(readRecord(structuredClone(r))).toEqual(r);
  });

  it('refuses things that are not runs, and drops malformed curve points', () => {
    expect(readRecord(null)).toBeNull();
    expect(readRecord({ format: 'something-else' })).toBeNull();
    const r = record(1, 'seed-mlp', [0.9], null);
    expect(readRecord({ ...r, architecture: { layers: 'no' } })).toBeNull();
    const read = readRecord({ ...r, epochs: [...r.epochs, { epoch: 'two' }], outcome: 'weird', settings: { batchSize: 32 } });
    expect(read?.epochs).toHaveLength(1);
    expect(read?.outcome).toBe('interrupted');
    expect(read?.settings.batchSize).toBe(32);
    expect(read?.settings.optimizer).toBe('adam');
  });
});

describe('layerSummary', () => {
  it('describes a network in one line', () => {
    expect(layerSummary(findPreset('seed-simple-cnn')!.architecture)).toBe(
      'Input 28×28 → Conv2D 32@5×5 relu → MaxPool 2 → Dropout 0.2 → Flatten → Dense 128 relu → Dense 10 softmax',
    );
  });
});
