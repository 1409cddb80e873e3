// The worker's session on the CPU backend with synthetic digits: what a run leaves behind when it
// diverges, and that nothing from a diverged step is kept, saved or exported.
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { findPreset } from '../model/presets';
import type { TrainSettings } from '../model/training';
import { DEFAULT_SETTINGS } from '../model/training';
import type { WorkerEvent } from './protocol';
import { Session } from './session';

vi.mock('./loadDataset', async () => {
  const { syntheticMnist } = await import('./testData');
  return { loadDataset: () => Promise.resolve({ bytes: syntheticMnist(400, 100), fromCache: false }) };
});

beforeAll(async () => {
  // The session probes the browser's backends; Node has no GPU and no navigator of its own.
  vi.stubGlobal('navigator', { hardwareConcurrency: 1 });
  await tf.setBackend('cpu');
});

const mlp = findPreset('seed-mlp')!.architecture;
const small = { ...mlp, layers: [{ type: 'flatten' as const }, { type: 'dense' as const, units: 32, activation: 'relu' as const }, { type: 'dense' as const, units: 10, activation: 'softmax' as const }] };

function settings(patch: Partial<TrainSettings> = {}): TrainSettings {
  return { ...DEFAULT_SETTINGS, epochs: 1, batchSize: 50, subset: 400, validation: 'test', ...patch };
}

async function session() {
  const events: WorkerEvent[] = [];
  const s = new Session((m) => events.push(m));
  await s.setBackend('cpu');
  return { s, events };
}

const finalState = (events: WorkerEvent[]) => events.filter((e) => e.type === 'runState').at(-1);
const allFinite = (values: Float32Array[]) => values.every((v) => v.every(Number.isFinite));

describe('a run that diverges', () => {
  it('in the first epoch of a fresh run leaves no trained network, and says so', async () => {
    const { s, events } = await session();
    await s.start(1, small, settings({ learningRate: 1e6, optimizer: 'sgd' }), false);
    const end = finalState(events);
    expect(end).toMatchObject({ state: 'error' });
    expect(end?.type === 'runState' && end.message).toMatch(/Training diverged/);
    expect(end?.type === 'runState' && end.message).toMatch(/no trained network/);
    expect(end?.type === 'runState' && end.message).not.toMatch(/last good epoch were kept/);
    expect(end).toMatchObject({ keptEpochs: null });
    expect(events.some((e) => e.type === 'trainedWeights')).toBe(false);
    expect(await s.getWeights()).toBeNull();
    await expect(s.predictBatch(new Float32Array(784))).rejects.toThrow(/no trained weights/);
    await expect(s.exportModel('net')).rejects.toThrow(/no trained model/);
  });

  it('in the first epoch of a Continue puts back the weights from before it', async () => {
    const { s, events } = await session();
    await s.start(1, small, settings({ learningRate: 0.01 }), false);
    const before = (await s.getWeights())!;
    expect(before.epochsDone).toBe(1);
    events.length = 0;
    await s.start(2, small, settings({ learningRate: 1e6, optimizer: 'sgd', epochs: 2 }), true);
    const end = finalState(events);
    expect(end?.type === 'runState' && end.message).toMatch(/Training diverged.*weights from epoch 1 are kept/);
    expect(end).toMatchObject({ keptEpochs: 1 });
    expect(events.some((e) => e.type === 'trainedWeights')).toBe(false);
    const after = (await s.getWeights())!;
    expect(after.epochsDone).toBe(1);
    expect(after.weights.values.every((v, i) => v.every((x, j) => x === before.weights.values[i]![j]))).toBe(true);
    expect(allFinite(after.weights.values)).toBe(true);
  });
});
