// The training loop: seeded shuffles, throttled metrics, pause/stop, divergence and weight snapshots.

import * as tf from '@tensorflow/tfjs';
import { EARLY_STOP_START, earlyStopStep, learningRateAt } from '../model/schedule';
import { heldOutCount } from '../model/training';
import { augmentBatch } from './augment';
import type { MnistBytes, Split } from './dataset';
import { makeBatch } from './dataset';
import { scoreSplit } from './metrics';
import type { BatchMetrics, EpochMetrics, TrainSettings } from './protocol';
import { permutation, rng } from './random';
import { penaltyOf } from './penalty';
import { StepCache } from './fused/cache';
import { trainStep } from './step';
import { yieldToEvents } from './events';
import type { RunWatch } from './watch';

export { makeOptimizer } from './optimizers';

/** How often per-batch figures are read from the device and sent (ms). */
export const REPORT_INTERVAL_MS = 250;

/**
 * Cross-entropy of guessing uniformly is ln 10 ≈ 2.3. Losses are clipped (at about 16), so a
 * runaway learning rate often saturates instead of reaching NaN; an average three times worse
 * than guessing means the run has diverged just the same.
 */
export const DIVERGED_LOSS = 3 * Math.log(10);

export function diverged(loss: number): boolean {
  return !Number.isFinite(loss) || loss > DIVERGED_LOSS;
}

/** Weights as plain arrays: survive a backend that dies, and cross to the main thread. */
export interface WeightSnapshot {
  values: Float32Array[];
  shapes: number[][];
}

export async function takeSnapshot(model: tf.LayersModel): Promise<WeightSnapshot> {
  const weights = model.getWeights();
  const values = await Promise.all(weights.map((w) => w.data() as Promise<Float32Array>));
  return { values: values.map((v) => v.slice()), shapes: weights.map((w) => w.shape.slice()) };
}

export function restoreSnapshot(model: tf.LayersModel, snapshot: WeightSnapshot): void {
  const tensors = snapshot.values.map((v, i) => tf.tensor(v, snapshot.shapes[i]));
  model.setWeights(tensors);
  tf.dispose(tensors);
}

/** Change the rate of a live optimiser (schedules). SGD caches it as a tensor; Adam and RMSprop read the field each step. */
export function setLearningRate(optimizer: tf.Optimizer, rate: number): void {
  // Not instanceof: tfjs optimisers answer instanceof by duck typing, so Adam passes for SGD.
  if ('setLearningRate' in optimizer) (optimizer as tf.SGDOptimizer).setLearningRate(rate);
  else (optimizer as unknown as { learningRate: number }).learningRate = rate;
}

/** Which training examples a run uses and what it validates on. */
export interface RunData {
  train: Split;
  trainIndices: Uint32Array;
  validation: Split;
  validationIndices: Uint32Array;
}

export function splitData(data: MnistBytes, settings: TrainSettings): RunData {
  const train: Split = { images: data.trainImages, labels: data.trainLabels };
  const test: Split = { images: data.testImages, labels: data.testLabels };
  const chosen = permutation(data.trainLabels.length, rng(settings.seed)).subarray(0, settings.subset);
  if (settings.validation === 'test') {
    const all = new Uint32Array(data.testLabels.length).map((_, i) => i);
    return { train, trainIndices: chosen, validation: test, validationIndices: all };
  }
  const held = heldOutCount(chosen.length);
  return {
    train,
    trainIndices: chosen.subarray(0, chosen.length - held),
    validation: train,
    validationIndices: chosen.subarray(chosen.length - held),
  };
}

export interface Control {
  paused: boolean;
  stopped: boolean;
  /** Resolves a pending pause. */
  wake: (() => void) | null;
  /** Step mode (one batch or one epoch at a time, for teaching): pause once that much is done. */
  step: 'batch' | 'epoch' | null;
}

export interface RunHooks {
  onBatch: (m: BatchMetrics) => void;
  onEpoch: (m: EpochMetrics, snapshot: WeightSnapshot) => void;
  onPause: (epoch: number) => void;
  onResume: (epoch: number) => void;
  /** Replay: gradient samples and the checkpoints inside the first epoch (src/train/watch.ts). */
  watch?: RunWatch;
}

export type RunOutcome =
  | { kind: 'done' | 'stopped'; epochs: number }
  | { kind: 'diverged'; epochs: number; epoch: number; batch: number }
  /** Validation loss stopped improving; the model holds the best epoch's weights again (`snapshot`). */
  | { kind: 'earlyStopped'; epochs: number; bestEpoch: number; bestLoss: number; snapshot: WeightSnapshot };

export { yieldToEvents } from './events';

function waitForResume(control: Control): Promise<void> {
  return new Promise((resolve) => {
    control.wake = resolve;
  });
}

/**
 * Train `model` for settings.epochs epochs starting after `startEpoch`. `fallback`: the weights
 * the run started from, put back when it diverges before finishing an epoch (null for fresh
 * weights: the caller then has nothing to keep).
 */
export async function runTraining(
  model: tf.LayersModel,
  optimizer: tf.Optimizer,
  data: RunData,
  settings: TrainSettings,
  side: number,
  control: Control,
  hooks: RunHooks,
  startEpoch = 0,
  fallback: WeightSnapshot | null = null,
): Promise<RunOutcome> {
  // What every step of this run would compute alike (seeded dropout's masks), kept for the run.
  const cache = new StepCache();
  try {
    return await trainEpochs(model, optimizer, data, settings, side, control, hooks, startEpoch, fallback, cache);
  } finally {
    cache.dispose();
  }
}

async function trainEpochs(
  model: tf.LayersModel,
  optimizer: tf.Optimizer,
  data: RunData,
  settings: TrainSettings,
  side: number,
  control: Control,
  hooks: RunHooks,
  startEpoch: number,
  fallback: WeightSnapshot | null,
  cache: StepCache,
): Promise<RunOutcome> {
  const n = data.trainIndices.length;
  const batchSize = Math.min(settings.batchSize, n);
  const batchesPerEpoch = Math.ceil(n / batchSize);
  const shuffle = rng(settings.seed ^ 0x9e3779b9);
  const runStart = performance.now();
  let stepsDone = 0;
  const totalSteps = (settings.epochs - startEpoch) * batchesPerEpoch;
  let lastSnapshot: WeightSnapshot | null = null;
  // A stream of its own, so switching augmentation on leaves the shuffles exactly as they were.
  const distortions = settings.augment ? rng(settings.seed ^ 0x2545f491) : null;
  let stopState = EARLY_STOP_START;
  let best: WeightSnapshot | null = null;
  let learningRate = settings.learningRate;

  for (let epoch = startEpoch; epoch < settings.epochs; epoch++) {
    const order = permutation(n, shuffle);
    const epochStart = performance.now();
    let trainMillis = 0;
    let pending = { loss: tf.scalar(0), correct: tf.scalar(0), batches: 0, examples: 0 };
    let epochLoss = 0;
    let epochCorrect = 0;
    // The run's first batch reports at once: the first figures should not wait for the throttle.
    let lastReport = epoch === startEpoch ? -Infinity : performance.now();
    let intervalStart = performance.now();

    /** Read the accumulated sums (one device sync), report them, and check for divergence. */
    const report = async (batch: number): Promise<boolean> => {
      // A gradient sample goes out before the batch's figures, so a note on it comes before any divergence.
      const [l, c] = await Promise.all([pending.loss.data(), pending.correct.data(), hooks.watch?.flush()]);
      const { batches, examples } = pending;
      tf.dispose([pending.loss, pending.correct]);
      pending = { loss: tf.scalar(0), correct: tf.scalar(0), batches: 0, examples: 0 };
      const loss = l[0]! / Math.max(batches, 1);
      if (diverged(loss)) return false;
      epochLoss += l[0]! * (examples / Math.max(batches, 1));
      epochCorrect += c[0]!;
      const now = performance.now();
      const elapsed = (now - runStart) / 1000;
      hooks.onBatch({
        epoch: epoch + 1,
        batch,
        batchesPerEpoch,
        step: epoch * batchesPerEpoch + batch,
        loss,
        acc: c[0]! / Math.max(examples, 1),
        examplesPerSecond: examples / Math.max((now - intervalStart) / 1000, 1e-6),
        secondsLeft: stepsDone > 0 ? (elapsed / stepsDone) * (totalSteps - stepsDone) : 0,
      });
      intervalStart = now;
      lastReport = now;
      return true;
    };

    /** Put back the last good weights (this run's last epoch, or what it started from). */
    const divergedAt = (batch: number): RunOutcome => {
      tf.dispose([pending.loss, pending.correct]);
      const good = lastSnapshot ?? fallback;
      if (good) restoreSnapshot(model, good);
      return { kind: 'diverged', epochs: epoch, epoch: epoch + 1, batch };
    };

    for (let b = 0; b < batchesPerEpoch; b++) {
      // Batches not yet checked must not be paused on or stopped with: a stop keeps the weights.
      if ((control.paused || control.stopped) && pending.batches > 0 && !(await report(b))) return divergedAt(b);
      if (control.paused) {
        const pausedAt = performance.now();
        hooks.onPause(epoch);
        await waitForResume(control);
        trainMillis -= performance.now() - pausedAt;
        hooks.onResume(epoch);
      }
      if (control.stopped) break;
      const t0 = performance.now();
      const ids = order.subarray(b * batchSize, Math.min((b + 1) * batchSize, n));
      const batchIds = Array.from(ids, (i) => data.trainIndices[i]!);
      if (settings.schedule !== 'none') {
        learningRate = learningRateAt(settings, epoch + b / batchesPerEpoch);
        setLearningRate(optimizer, learningRate);
      }
      const batch = makeBatch(data.train, batchIds, side);
      const { xs, labels } = distortions ? augmentBatch(batch, settings, distortions) : batch;
      // The batch's loss includes the regularisers' penalty (Keras's loss), on either path; a
      // sampled batch (replay) takes the same step, measuring its gradients on the way.
      const measure = hooks.watch?.measureAt(b + 1, batchesPerEpoch) ?? null;
      const result = trainStep(model, optimizer, xs, labels, { cache, measure });
      const next = tf.tidy(() => ({ loss: pending.loss.add(result.loss) as tf.Scalar, correct: pending.correct.add(result.correct) as tf.Scalar }));
      if (result.measured) hooks.watch!.keep(result.measured, epoch, b + 1, batchesPerEpoch);
      tf.dispose([batch.xs, xs, labels, pending.loss, pending.correct, result.loss, result.correct]);
      pending = { loss: next.loss, correct: next.correct, batches: pending.batches + 1, examples: pending.examples + batchIds.length };
      stepsDone++;
      await hooks.watch?.afterBatch(epoch, b + 1, batchesPerEpoch);
      trainMillis += performance.now() - t0;
      const last = b === batchesPerEpoch - 1;
      const stepped = control.step === 'batch';
      if (stepped) {
        control.step = null;
        control.paused = true; // takes hold before the next batch, after this one is reported
      }
      if (last || stepped || performance.now() - lastReport >= REPORT_INTERVAL_MS) {
        const readStart = performance.now();
        const finite = await report(b + 1);
        await yieldToEvents();
        trainMillis += performance.now() - readStart;
        if (!finite) return divergedAt(b + 1);
      } else {
        // Questions that came in during the step (a drawn digit to guess) are answered now, so
        // none waits longer than one step; an empty queue costs a few microseconds.
        const yieldStart = performance.now();
        await yieldToEvents();
        trainMillis += performance.now() - yieldStart;
      }
    }
    tf.dispose([pending.loss, pending.correct]);
    if (control.stopped) return { kind: 'stopped', epochs: epoch };

    const scored = await scoreSplit(model, data.validation, data.validationIndices, side);
    // Keras's val_loss includes the regularisers' penalty too (the weights are fixed during validation).
    const val = { ...scored, loss: scored.loss + (await penaltyOf(model)) };
    if (diverged(val.loss)) {
      const good = lastSnapshot ?? fallback;
      if (good) restoreSnapshot(model, good);
      return { kind: 'diverged', epochs: epoch, epoch: epoch + 1, batch: batchesPerEpoch };
    }
    lastSnapshot = await takeSnapshot(model);
    hooks.onEpoch(
      {
        epoch: epoch + 1,
        loss: epochLoss / n,
        acc: epochCorrect / n,
        valLoss: val.loss,
        valAcc: val.acc,
        seconds: (performance.now() - epochStart) / 1000,
        examplesPerSecond: n / Math.max(trainMillis / 1000, 1e-6),
        numTensors: tf.memory().numTensors,
        learningRate,
      },
      lastSnapshot,
    );
    if (settings.earlyStop) {
      const step = earlyStopStep(stopState, epoch + 1, val.loss, settings.patience);
      stopState = step.state;
      if (step.improved) best = lastSnapshot;
      if (step.stop && best) {
        restoreSnapshot(model, best);
        return { kind: 'earlyStopped', epochs: epoch + 1, bestEpoch: stopState.bestEpoch, bestLoss: stopState.bestLoss, snapshot: best };
      }
    }
    if (control.step === 'epoch') {
      control.step = null;
      control.paused = true;
    }
  }
  return { kind: 'done', epochs: settings.epochs };
}
