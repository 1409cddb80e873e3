// The replay desk driving a real training loop on the CPU backend and on WASM's fused step: checkpoints inside the first epoch hold the weights the run had then, samples arrive, restore undoes.
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { beforeAll, describe, expect, it } from 'vitest';
import { makeArchitecture } from '../model/architecture';
import type { GradientSample } from '../model/gradients';
import type { TrainSettings } from '../model/training';
import { batchesPerEpoch, DEFAULT_SETTINGS } from '../model/training';
import { buildModel } from './buildModel';
import { fusedAvailable } from './fused/loss';
import { registerWasmKernels } from './kernels';
import type { MnistBytes } from './dataset';
import { PIXELS } from './dataset';
import type { WorkerEvent } from './protocol';
import type { LiveNetwork } from './replayDesk';
import { ReplayDesk } from './replayDesk';
import type { TestScores } from './scores';
import type { Control, RunHooks, WeightSnapshot } from './trainer';
import { makeOptimizer, restoreSnapshot, runTraining, splitData, takeSnapshot } from './trainer';

/** Class d is a bright square at column 2d, row d; the rest is faint noise. */
function squares(n: number): { images: Uint8Array; labels: Uint8Array } {
  const images = new Uint8Array(n * PIXELS);
  const labels = Uint8Array.from({ length: n }, (_, i) => (i * 7) % 10);
  labels.forEach((d, i) => {
    for (let p = 0; p < PIXELS; p++) images[i * PIXELS + p] = (i * 13 + p * 7) % 23;
    for (let y = 0; y < 6; y++) for (let x = 0; x < 6; x++) images[i * PIXELS + (2 * d + y) * 28 + 2 * d + x] = 250;
  });
  return { images, labels };
}
const tr = squares(240);
const te = squares(40);
const data: MnistBytes = { trainImages: tr.images, trainLabels: tr.labels, testImages: te.images, testLabels: te.labels };
const arch = makeArchitecture(28, [
  { type: 'conv2d', filters: 3, kernelSize: 5, strides: 2, padding: 'valid', activation: 'relu' },
  { type: 'flatten' },
  { type: 'dense', units: 10, activation: 'softmax' },
]);
// 240 digits in batches of 20: 12 batches an epoch, so the early checkpoints are after 1 and 10.
const settings: TrainSettings = { ...DEFAULT_SETTINGS, epochs: 2, batchSize: 20, subset: 240, validation: 'test', learningRate: 0.01, seed: 4 };
const plain = (s: WeightSnapshot) => s.values.map((v) => Array.from(v));
const free = (): Control => ({ paused: false, stopped: false, wake: null, step: null });
const quiet: RunHooks = { onBatch: () => undefined, onEpoch: () => undefined, onPause: () => undefined, onResume: () => undefined };

function deskFor(live: LiveNetwork) {
  const events: WorkerEvent[] = [];
  let scores: TestScores | null = null;
  const desk = new ReplayDesk({
    live: () => live,
    ready: () => Promise.resolve(),
    data: () => Promise.resolve(data),
    running: () => false,
    liveScores: () => scores,
    adopt: (weights, epochsDone, s) => {
      restoreSnapshot(live.model, weights);
      live.epochsDone = epochsDone;
      scores = s;
    },
    emit: (e) => events.push(e),
  });
  return { desk, events };
}

/** The same seeded run, stopped after `batches` batches of its first epoch (step mode, one batch at a time). */
async function weightsAfter(batches: number): Promise<WeightSnapshot> {
  const model = buildModel(arch, settings.seed);
  const optimizer = makeOptimizer(settings.optimizer, settings.learningRate);
  const control: Control = { ...free(), step: 'batch' };
  let done = 0;
  await runTraining(model, optimizer, splitData(data, settings), settings, 28, control, {
    ...quiet,
    onPause: () => {
      done++;
      setTimeout(() => {
        if (done < batches) control.step = 'batch';
        else control.stopped = true;
        control.paused = false;
        control.wake?.();
      }, 0);
    },
  });
  const snapshot = await takeSnapshot(model);
  optimizer.dispose();
  model.dispose();
  return snapshot;
}

// On WASM the run takes the fused step (fused conv, logits and Adam), sampled steps included.
describe.each(['cpu', 'wasm'] as const)('the replay desk in a training run on %s', { timeout: 120_000 }, (backend) => {
  beforeAll(async () => {
    if (backend === 'wasm') registerWasmKernels();
    expect(await tf.setBackend(backend)).toBe(true);
    expect(fusedAvailable()).toBe(backend === 'wasm');
  });

  it('takes checkpoints inside the first epoch that hold exactly the weights the run had then', async () => {
    const model = buildModel(arch, settings.seed);
    const live: LiveNetwork = { model, architecture: arch, key: JSON.stringify(arch), epochsDone: 0 };
    const { desk, events } = deskFor(live);
    const perEpoch = batchesPerEpoch(settings);
    expect(perEpoch).toBe(12);
    const optimizer = makeOptimizer(settings.optimizer, settings.learningRate);
    const watch = await desk.begin(1, model, true, 0, perEpoch);
    await runTraining(model, optimizer, splitData(data, settings), settings, 28, free(), {
      ...quiet,
      onBatch: (m) => desk.batch(m),
      onEpoch: (m, snapshot) => desk.epoch(m.epoch, perEpoch, snapshot),
      watch,
    });
    desk.end(null);
    optimizer.dispose();
    const infos = desk.timeline().checkpoints;
    expect(infos.map((c) => [c.kind, c.step, c.epoch])).toEqual([
      ['start', 0, 0],
      ['batch', 1, 1 / 12],
      ['batch', 10, 10 / 12],
      ['epoch', 12, 1],
      ['epoch', 24, 2],
    ]);
    const held = (i: number) => desk.replay.store.get(infos[i]!.id)!.weights;
    expect(plain(held(1))).toEqual(plain(await weightsAfter(1)));
    expect(plain(held(2))).toEqual(plain(await weightsAfter(10)));
    expect(plain(held(1))).not.toEqual(plain(held(2)));
    // Every checkpoint was announced, the last with the live weights at the end of the run.
    const announced = events.filter((e) => e.type === 'checkpoints');
    expect(announced.length).toBeGreaterThanOrEqual(5);
    expect(announced.at(-1)).toMatchObject({ timeline: { live: { step: 24, epoch: 2 } } });

    // Gradient samples: the run's first batch always, every layer with weights, finite and non-zero.
    const samples = events.flatMap((e) => (e.type === 'gradients' ? [e.sample] : [])) as GradientSample[];
    expect(samples[0]!.step).toBe(1);
    expect(samples.length).toBeGreaterThanOrEqual(2);
    for (const s of samples) {
      expect(s.layers.map((l) => l.layer)).toEqual([0, 2]);
      for (const l of s.layers) expect(l.norm > 0 && Number.isFinite(l.norm) && l.stepRatio > 0).toBe(true);
    }

    // Restore the checkpoint after 10 batches: the live model holds it, later checkpoints go; undo puts all back.
    const end = await takeSnapshot(model);
    live.epochsDone = 2; // as the session counts them
    const restored = await desk.restore(infos[2]!.id);
    expect(plain(await takeSnapshot(model))).toEqual(plain(held(2)));
    expect(live.epochsDone).toBe(0);
    expect(restored.timeline.checkpoints.map((c) => c.id)).toEqual(infos.slice(0, 3).map((c) => c.id));
    expect(restored.timeline.live).toMatchObject({ step: 10 });
    expect(plain({ values: restored.trained.weights.values, shapes: restored.trained.weights.shapes })).toEqual(plain(held(2)));
    const back = await desk.undoRestore();
    expect(plain(await takeSnapshot(model))).toEqual(plain(end));
    expect(live.epochsDone).toBe(2);
    expect(back.timeline.checkpoints.map((c) => c.id)).toEqual(infos.map((c) => c.id));
    await expect(desk.undoRestore()).rejects.toThrow('no restore to undo');

    const before = tf.memory().numTensors;
    await desk.subject(infos[0]!.id); // builds the replay model
    desk.clear();
    expect(tf.memory().numTensors).toBe(before);
    model.dispose();
  });
});
