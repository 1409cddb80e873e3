// Learning-rate schedules and early stopping on validation loss: pure, so the worker and tests share them.

import type { TrainSettings } from './training';

type ScheduleSettings = Pick<TrainSettings, 'learningRate' | 'schedule' | 'stepEvery' | 'stepFactor' | 'epochs'>;

/**
 * The learning rate at `progress` epochs into the run (epoch index plus the fraction of it done).
 * step: base · factor^⌊epoch / every⌋, constant within an epoch, as Keras's StepDecay examples do.
 * cosine: base · ½(1 + cos(π · progress / epochs)), updated every batch, reaching 0 at the end.
 * onecycle: rises in a straight line from a tenth of base to base over the first WARMUP_FRACTION
 * of the run (large steps on random weights are the ones that go astray), then the half cosine
 * over the rest, down to 0 at the end; updated every batch.
 */
export function learningRateAt(s: ScheduleSettings, progress: number): number {
  switch (s.schedule) {
    case 'none':
      return s.learningRate;
    case 'step':
      return s.learningRate * s.stepFactor ** Math.floor(Math.floor(progress) / s.stepEvery);
    case 'cosine': {
      const t = Math.min(Math.max(progress / s.epochs, 0), 1);
      return s.learningRate * 0.5 * (1 + Math.cos(Math.PI * t));
    }
    case 'onecycle': {
      const t = Math.min(Math.max(progress / s.epochs, 0), 1);
      if (t < WARMUP_FRACTION) return s.learningRate * (0.1 + (0.9 * t) / WARMUP_FRACTION);
      return s.learningRate * 0.5 * (1 + Math.cos((Math.PI * (t - WARMUP_FRACTION)) / (1 - WARMUP_FRACTION)));
    }
  }
}

/** The share of a run the one-cycle schedule spends rising to its rate. */
export const WARMUP_FRACTION = 0.2;

/** What early stopping remembers between epochs. */
export interface EarlyStopState {
  bestLoss: number;
  /** 1-based epoch that reached bestLoss; 0 before the first epoch. */
  bestEpoch: number;
  /** Epochs since the best one. */
  waited: number;
}

export const EARLY_STOP_START: EarlyStopState = { bestLoss: Infinity, bestEpoch: 0, waited: 0 };

/**
 * Improvements smaller than this (relative) do not count, so noise in the last digits of the loss
 * does not keep a stalled run alive.
 */
export const MIN_RELATIVE_IMPROVEMENT = 1e-4;

/**
 * Fold one epoch's validation loss into the state. `improved` says the weights of this epoch are
 * the best so far (worth keeping); `stop` that `patience` epochs have passed without improving.
 */
export function earlyStopStep(state: EarlyStopState, epoch: number, valLoss: number, patience: number): { state: EarlyStopState; improved: boolean; stop: boolean } {
  if (valLoss < state.bestLoss * (1 - MIN_RELATIVE_IMPROVEMENT)) {
    return { state: { bestLoss: valLoss, bestEpoch: epoch, waited: 0 }, improved: true, stop: false };
  }
  const waited = state.waited + 1;
  return { state: { ...state, waited }, improved: false, stop: waited >= patience };
}
