// Training settings: their type, the seed's defaults, and the ranges the app accepts.

import type { OptimizerField, OptimizerName, OptimizerOptions } from './optimizers';
import { DEFAULT_OPTIMIZER_OPTIONS, OPTIMIZER_FIELDS, OPTIMIZER_INFO, OPTIMIZERS, optimizerProblems } from './optimizers';

export { OPTIMIZERS } from './optimizers';
export type { OptimizerName } from './optimizers';

/** How the learning rate changes over a run: constant, in steps, along a half cosine, or one cycle (warm-up, then the half cosine). */
export const SCHEDULES = ['none', 'step', 'cosine', 'onecycle'] as const;
export type ScheduleName = (typeof SCHEDULES)[number];

/** Each optimiser reads its own few of the OptimizerOptions fields (see OPTIMIZER_INFO). */
export interface TrainSettings extends OptimizerOptions {
  epochs: number;
  batchSize: number;
  optimizer: OptimizerName;
  learningRate: number;
  /** How many training examples to use (the first N of a seeded shuffle), up to 60,000. */
  subset: number;
  /** Validate on the test set (as the seed does) or on a held-out 10% of the training subset. */
  validation: 'test' | 'holdout';
  /** Makes initial weights, shuffling and dropout repeatable on the same backend. */
  seed: number;
  /** Shift, rotate and zoom every training digit at random, afresh each epoch; labels stay. */
  augment: boolean;
  /** Largest shift in each direction, in pixels. */
  shiftPixels: number;
  /** Largest rotation either way, in degrees. */
  rotationDegrees: number;
  /** Largest zoom in or out, in percent of the digit's size. */
  zoomPercent: number;
  schedule: ScheduleName;
  /** Step schedule: multiply the rate by stepFactor after every stepEvery epochs. */
  stepEvery: number;
  stepFactor: number;
  /** Stop when the validation loss has not improved for `patience` epochs, keeping the best weights. */
  earlyStop: boolean;
  patience: number;
}

/** The seed's Keras settings: 10 epochs, batch 200, Adam (learning rate 0.001), test set as validation. */
export const DEFAULT_SETTINGS: TrainSettings = {
  epochs: 10,
  batchSize: 200,
  optimizer: 'adam',
  learningRate: 0.001,
  ...DEFAULT_OPTIMIZER_OPTIONS,
  subset: 60_000,
  validation: 'test',
  seed: 7,
  augment: false,
  shiftPixels: 2,
  rotationDegrees: 10,
  zoomPercent: 10,
  schedule: 'none',
  stepEvery: 5,
  stepFactor: 0.5,
  earlyStop: false,
  patience: 3,
};

export const TRAIN_COUNT = 60_000;

/** How many of `subset` training digits are held out for validation (a tenth, at least one). */
export function heldOutCount(subset: number): number {
  return Math.max(1, Math.round(subset * 0.1));
}

/** Batches in one epoch of these settings (the held-out tenth does not train). */
export function batchesPerEpoch(s: Pick<TrainSettings, 'subset' | 'batchSize' | 'validation'>): number {
  const held = s.validation === 'holdout' ? heldOutCount(s.subset) : 0;
  return Math.max(1, Math.ceil((s.subset - held) / s.batchSize));
}

/**
 * Momentum of batch normalisation's moving mean and variance, the statistics inference uses.
 * Keras's 0.99 averages over the last hundred or so batches and needs several hundred to forget
 * where it starts (mean 0, variance 1): right for a full epoch of MNIST (300 batches of 200),
 * but a classroom run of 2,000 digits has 20 batches an epoch, and with 0.99 its first epochs
 * score near chance. So the start must be forgotten (to 1%) within the first epoch:
 * momentum^batches ≤ 0.01, and never above Keras's 0.99.
 */
export function batchNormMomentum(s: Pick<TrainSettings, 'subset' | 'batchSize' | 'validation'>): number {
  const forget = Math.exp(Math.log(0.01) / batchesPerEpoch(s));
  return Math.round(Math.min(0.99, forget) * 1000) / 1000;
}

const CHOICES: Partial<Record<keyof TrainSettings, readonly string[]>> = {
  optimizer: OPTIMIZERS,
  validation: ['test', 'holdout'],
  schedule: SCHEDULES,
};

/**
 * Settings from untrusted JSON (a link, IndexedDB written by another version): each known field
 * of the right type and, for choices, one of the known values; the rest from the defaults, where
 * an optimiser's own fields default to Keras's values for that optimiser (Adadelta's ρ is 0.95,
 * RMSprop's 0.9). Ranges are not checked here: settingsProblems says what is wrong with them.
 */
export function mergeSettings(raw: unknown): TrainSettings {
  const out: Record<string, unknown> = { ...DEFAULT_SETTINGS };
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return out as unknown as TrainSettings;
  const given = raw as Record<string, unknown>;
  const taken = new Set<string>();
  for (const [key, fallback] of Object.entries(DEFAULT_SETTINGS)) {
    const v = given[key];
    const allowed = CHOICES[key as keyof TrainSettings];
    if (typeof v === typeof fallback && (!allowed || allowed.includes(v as string))) {
      out[key] = v;
      taken.add(key);
    }
  }
  const own = OPTIMIZER_INFO[out.optimizer as OptimizerName].defaults;
  for (const field of OPTIMIZER_FIELDS) {
    if (!taken.has(field) && own[field as OptimizerField] !== undefined) out[field] = own[field as OptimizerField];
  }
  return out as unknown as TrainSettings;
}

/** Limits of the augmentation ranges: beyond these a digit can leave the frame or turn into another. */
export const AUGMENT_LIMITS = { shiftPixels: 6, rotationDegrees: 45, zoomPercent: 30 } as const;

const whole = (v: number, lo: number, hi: number) => Number.isInteger(v) && v >= lo && v <= hi;
const within = (v: number, lo: number, hi: number) => Number.isFinite(v) && v >= lo && v <= hi;

function augmentProblems(s: TrainSettings): string[] {
  if (!s.augment) return [];
  const problems: string[] = [];
  const { shiftPixels, rotationDegrees, zoomPercent } = AUGMENT_LIMITS;
  if (!within(s.shiftPixels, 0, shiftPixels)) problems.push(`Shift must be from 0 to ${shiftPixels} pixels.`);
  if (!within(s.rotationDegrees, 0, rotationDegrees)) problems.push(`Rotation must be from 0 to ${rotationDegrees} degrees.`);
  if (!within(s.zoomPercent, 0, zoomPercent)) problems.push(`Zoom must be from 0 to ${zoomPercent}%.`);
  if (problems.length === 0 && s.shiftPixels === 0 && s.rotationDegrees === 0 && s.zoomPercent === 0) {
    problems.push('Augmentation is on but shift, rotation and zoom are all 0: raise one of them or switch augmentation off.');
  }
  return problems;
}

function scheduleProblems(s: TrainSettings): string[] {
  const problems: string[] = [];
  // Settings saved by an older version may lack the field.
  if (!SCHEDULES.includes(s.schedule)) problems.push('Choose a learning-rate schedule: constant, step decay or cosine decay.');
  if (s.schedule === 'step') {
    const epochsKnown = whole(s.epochs, 1, 200);
    if (epochsKnown && s.epochs < 2) problems.push('A step schedule needs at least 2 epochs to take a step.');
    else if (epochsKnown && !whole(s.stepEvery, 1, s.epochs - 1)) {
      problems.push(`The step schedule lowers the rate every N epochs: with ${s.epochs} epochs, N must be a whole number from 1 to ${s.epochs - 1}.`);
    } else if (!epochsKnown && !whole(s.stepEvery, 1, 199)) problems.push('Step every must be a whole number of epochs.');
    if (!(Number.isFinite(s.stepFactor) && s.stepFactor > 0 && s.stepFactor < 1)) {
      problems.push('The step factor multiplies the rate at each step: it must be above 0 and below 1 (0.5 halves it).');
    }
  }
  if (s.earlyStop) {
    if (!whole(s.patience, 1, 50)) problems.push('Patience must be a whole number of epochs from 1 to 50.');
    else if (Number.isInteger(s.epochs) && s.patience >= s.epochs) {
      problems.push(`Patience (${s.patience}) must be less than the number of epochs (${s.epochs}), or early stopping can never stop the run.`);
    }
  }
  return problems;
}

/**
 * Problems with the settings, each a sentence; empty when they can be used. `available`: the
 * training examples of the dataset they are for (MNIST's 60,000 when not given).
 */
export function settingsProblems(s: TrainSettings, available: number = TRAIN_COUNT): string[] {
  const problems: string[] = [];
  if (!whole(s.epochs, 1, 200)) problems.push('Epochs must be a whole number from 1 to 200.');
  if (!whole(s.batchSize, 1, 2048)) problems.push('Batch size must be a whole number from 1 to 2,048.');
  if (available < 10) problems.push(`The dataset has ${available} training example${available === 1 ? '' : 's'}; training needs at least 10.`);
  else if (!whole(s.subset, 10, available)) problems.push(`Training examples must be a whole number from 10 to ${available.toLocaleString('en-US')} (the size of the training set).`);
  else if (Number.isInteger(s.batchSize) && s.batchSize > s.subset) problems.push('Batch size cannot be larger than the number of training examples.');
  if (!(Number.isFinite(s.learningRate) && s.learningRate > 0 && s.learningRate <= 100)) {
    problems.push('Learning rate must be a number above 0 and at most 100 (0.001 is a good start for Adam).');
  }
  if (!whole(s.seed, 0, 2 ** 31 - 1)) problems.push('Random seed must be a whole number of 0 or more.');
  return [...problems, ...optimizerProblems(s), ...augmentProblems(s), ...scheduleProblems(s)];
}
