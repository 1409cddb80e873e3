// The training loop on the CPU backend with small synthetic digits: learning, leaks, control, divergence.
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { findPreset } from '../model/presets';
import type { TrainSettings } from '../model/training';
import { DEFAULT_SETTINGS } from '../model/training';
import { buildModel } from './buildModel';
import type { Control, RunHooks } from './trainer';
import { makeOptimizer, runTraining, splitData, takeSnapshot } from './trainer';
import type { EpochMetrics } from './protocol';
import { syntheticMnist } from './testData';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const data = syntheticMnist(400, 100);
const mlp = findPreset('seed-mlp')!.architecture;
const small = { ...mlp, layers: [{ type: 'flatten' as const }, { type: 'dense' as const, units: 32, activation: 'relu' as const }, { type: 'dense' as const, units: 10, activation: 'softmax' as const }] };

function settings(patch: Partial<TrainSettings> = {}): TrainSettings {
  return { ...DEFAULT_SETTINGS, epochs: 3, batchSize: 50, subset: 400, validation: 'test', ...patch };
}

async function train(s: TrainSettings, control: Control = { paused: false, stopped: false, wake: null, step: null }, hooks: Partial<RunHooks> = {}) {
  const model = buildModel(small, s.seed);
  const optimizer = makeOptimizer(s.optimizer, s.learningRate);
  const epochs: EpochMetrics[] = [];
  const outcome = await runTraining(model, optimizer, splitData(data, s), s, 28, control, {
    onBatch: () => undefined,
    onEpoch: (m) => epochs.push(m),
    onPause: () => undefined,
    onResume: () => undefined,
    ...hooks,
  });
  const weights = await Promise.all(model.getWeights().map((w) => w.data()));
  model.dispose();
  optimizer.dispose();
  return { outcome, epochs, weights };
}

describe('runTraining', () => {
  it('learns, reports every epoch, and leaks no tensors', async () => {
    const before = tf.memory().numTensors;
    const { outcome, epochs } = await train(settings({ learningRate: 0.01 }));
    expect(outcome.kind).toBe('done');
    expect(epochs.map((e) => e.epoch)).toEqual([1, 2, 3]);
    expect(epochs.at(-1)!.valAcc).toBeGreaterThan(0.9);
    expect(epochs.at(-1)!.loss).toBeLessThan(epochs[0]!.loss);
    // Adam's slots appear in the first epoch; after that the count is flat.
    expect(new Set(epochs.map((e) => e.numTensors)).size).toBe(1);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('is repeatable with the same seed and differs with another', async () => {
    const a = await train(settings({ epochs: 1 }));
    const b = await train(settings({ epochs: 1 }));
    const c = await train(settings({ epochs: 1, seed: 99 }));
    expect(Array.from(a.weights[0]!)).toEqual(Array.from(b.weights[0]!));
    expect(Array.from(a.weights[0]!)).not.toEqual(Array.from(c.weights[0]!));
  });

  it('stops with the diverged outcome when the loss becomes NaN', async () => {
    const { outcome } = await train(settings({ learningRate: 100, optimizer: 'sgd', epochs: 5 }));
    expect(outcome.kind).toBe('diverged');
  });

  it('a run that diverges in its first epoch puts back the weights it started from', async () => {
    const s = settings({ learningRate: 1e6, optimizer: 'sgd' });
    const model = buildModel(small, s.seed);
    const before = await takeSnapshot(model);
    const optimizer = makeOptimizer(s.optimizer, s.learningRate);
    const hooks = { onBatch: () => undefined, onEpoch: () => undefined, onPause: () => undefined, onResume: () => undefined };
    const control: Control = { paused: false, stopped: false, wake: null, step: null };
    const outcome = await runTraining(model, optimizer, splitData(data, s), s, 28, control, hooks, 0, before);
    expect(outcome).toMatchObject({ kind: 'diverged', epoch: 1 });
    const after = await takeSnapshot(model);
    expect(after.values.every((v, i) => v.every((x, j) => x === before.values[i]![j]))).toBe(true);
    model.dispose();
    optimizer.dispose();
  });

  it('pauses until resumed, and stops keeping the epochs done', async () => {
    const control: Control = { paused: false, stopped: false, wake: null, step: null };
    let pauses = 0;
    const run = train(settings({ epochs: 4 }), control, {
      onEpoch: (m) => {
        if (m.epoch === 1) control.paused = true;
        if (m.epoch === 2) control.stopped = true;
      },
      onPause: () => {
        pauses++;
        setTimeout(() => {
          control.paused = false;
          control.wake?.();
        }, 50);
      },
    });
    const { outcome } = await run;
    expect(pauses).toBe(1);
    expect(outcome).toEqual({ kind: 'stopped', epochs: 2 });
  });

  it('answers a message that arrives during a step before the next step, not at the next report', async () => {
    const s = settings({ epochs: 1, batchSize: 10, subset: 400 }); // 40 steps, all within one report interval
    const model = buildModel(small, s.seed);
    const optimizer = makeOptimizer(s.optimizer, s.learningRate);
    let steps = 0;
    let answeredAfter = -1;
    const minimize = optimizer.minimize.bind(optimizer);
    optimizer.minimize = ((...args: Parameters<typeof minimize>) => {
      steps++;
      // A question posted while the third step runs, as a drawn digit reaches the worker.
      if (steps === 3) {
        const channel = new MessageChannel();
        channel.port1.onmessage = () => {
          answeredAfter = steps;
          channel.port1.close();
        };
        channel.port2.postMessage(null);
      }
      return minimize(...args);
    }) as typeof optimizer.minimize;
    const hooks: RunHooks = { onBatch: () => undefined, onEpoch: () => undefined, onPause: () => undefined, onResume: () => undefined };
    await runTraining(model, optimizer, splitData(data, s), s, 28, { paused: false, stopped: false, wake: null, step: null }, hooks);
    expect(answeredAfter).toBe(3);
    model.dispose();
    optimizer.dispose();
  });

  it('holds out 10% of the subset for validation when asked', () => {
    const split = splitData(data, settings({ validation: 'holdout', subset: 300 }));
    expect(split.trainIndices.length).toBe(270);
    expect(split.validationIndices.length).toBe(30);
    expect(split.validation.images).toBe(data.trainImages);
    const overlap = Array.from(split.validationIndices).filter((i) => Array.from(split.trainIndices).includes(i));
    expect(overlap).toEqual([]);
  });
});
