// Training settings: their type, the seed's defaults, and the ranges the app accepts.

export const OPTIMIZERS = ['adam', 'sgd', 'rmsprop'] as const;
export type OptimizerName = (typeof OPTIMIZERS)[number];

export interface TrainSettings {
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
}

/** The seed's Keras settings: 10 epochs, batch 200, Adam (learning rate 0.001), test set as validation. */
export const DEFAULT_SETTINGS: TrainSettings = {
  epochs: 10,
  batchSize: 200,
  optimizer: 'adam',
  learningRate: 0.001,
  subset: 60_000,
  validation: 'test',
  seed: 7,
};

export const TRAIN_COUNT = 60_000;

const whole = (v: number, lo: number, hi: number) => Number.isInteger(v) && v >= lo && v <= hi;

/** Problems with the settings, each a sentence; empty when they can be used. */
export function settingsProblems(s: TrainSettings): string[] {
  const problems: string[] = [];
  if (!whole(s.epochs, 1, 200)) problems.push('Epochs must be a whole number from 1 to 200.');
  if (!whole(s.batchSize, 1, 2048)) problems.push('Batch size must be a whole number from 1 to 2,048.');
  if (!whole(s.subset, 10, TRAIN_COUNT)) problems.push('Training examples must be a whole number from 10 to 60,000 (the size of the training set).');
  else if (Number.isInteger(s.batchSize) && s.batchSize > s.subset) problems.push('Batch size cannot be larger than the number of training examples.');
  if (!(Number.isFinite(s.learningRate) && s.learningRate > 0 && s.learningRate <= 100)) {
    problems.push('Learning rate must be a number above 0 and at most 100 (0.001 is a good start for Adam).');
  }
  if (!whole(s.seed, 0, 2 ** 31 - 1)) problems.push('Random seed must be a whole number of 0 or more.');
  return problems;
}
