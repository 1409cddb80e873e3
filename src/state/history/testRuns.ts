// Test helpers: run records and store snapshots as a real run would produce them.

import { findPreset } from '../../model/presets';
import { DEFAULT_SETTINGS } from '../../model/training';
import type { BatchMetrics, EpochMetrics } from '../../train/protocol';
import type { RunView } from '../trainingSlice';
import type { RunRecord, RunSnapshot } from './record';
import { buildRecord } from './record';

export function epochMetrics(epoch: number, valAcc: number, seconds = 10): EpochMetrics {
  return { epoch, loss: 1 / epoch, acc: valAcc - 0.01, valLoss: 1.1 / epoch, valAcc, seconds, examplesPerSecond: 1000 / seconds, numTensors: 12, learningRate: 0.001 };
}

export function batchMetrics(step: number, batchesPerEpoch = 40): BatchMetrics {
  const epoch = Math.floor(step / batchesPerEpoch) + 1;
  return { epoch, batch: step % batchesPerEpoch, batchesPerEpoch, step, loss: 2 / (1 + step / 10), acc: 1 - 0.9 / (1 + step / 10), examplesPerSecond: 900, secondsLeft: 5 };
}

export function runView(preset: string, patch: Partial<RunView> = {}): RunView {
  return {
    id: 1,
    status: 'training',
    stopped: false,
    epoch: 0,
    message: null,
    architectureKey: JSON.stringify(findPreset(preset)!.architecture),
    settings: { ...DEFAULT_SETTINGS, epochs: 2, subset: 2000, batchSize: 50 },
    backend: 'wasm',
    startedAt: Date.UTC(2024, 0, 2, 3, 4, 5),
    ...patch,
  };
}

export function snapshotOf(run: RunView, valAccs: number[], testError: number | null = null): RunSnapshot {
  return {
    run,
    backendName: 'wasm',
    epochs: valAccs.map((v, i) => epochMetrics(i + 1, v, 10 + i * 2)),
    batchPoints: Array.from({ length: valAccs.length * 40 }, (_, i) => batchMetrics(i)),
    evaluation: testError === null ? null : { testError, networkKind: 'cnn' },
    bestEpoch: null,
  };
}

export function record(number: number, preset: string, valAccs: number[], testError: number | null, patch: Partial<RunRecord> = {}): RunRecord {
  const r = buildRecord({ id: `run-${number}`, number }, snapshotOf(runView(preset, { status: 'done' }), valAccs, testError), null, 0);
  return { ...r, ...patch };
}
