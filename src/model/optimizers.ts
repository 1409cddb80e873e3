// The optimisers the app trains with: their own settings, Keras's defaults for them, checks and summaries.

import type { TrainSettings } from './training';

export const OPTIMIZERS = ['adam', 'sgd', 'rmsprop', 'adagrad', 'adadelta', 'adamax'] as const;
export type OptimizerName = (typeof OPTIMIZERS)[number];

/** The settings an optimiser may read beyond its learning rate (one field each in TrainSettings). */
export const OPTIMIZER_FIELDS = ['momentum', 'nesterov', 'beta1', 'beta2', 'rho', 'initialAccumulator', 'epsilon'] as const;
export type OptimizerField = (typeof OPTIMIZER_FIELDS)[number];

export interface OptimizerOptions {
  /** SGD and RMSprop: how much of the last step carries into the next (0 turns it off). */
  momentum: number;
  /** SGD: Nesterov's look-ahead momentum. */
  nesterov: boolean;
  /** Adam and Adamax: decay of the running mean of gradients. */
  beta1: number;
  /** Adam: decay of the running mean of squared gradients; Adamax: of their running maximum. */
  beta2: number;
  /** RMSprop and Adadelta: decay of the running mean of squared gradients (and, in Adadelta, of squared steps). */
  rho: number;
  /** Adagrad: where the sum of squared gradients starts. */
  initialAccumulator: number;
  /** Adam, Adamax, RMSprop and Adadelta: keeps the division finite. Adagrad's is TensorFlow.js's own 1e-7. */
  epsilon: number;
}

export interface OptimizerInfo {
  label: string;
  /** The settings it reads, in the order the form shows them. */
  fields: readonly OptimizerField[];
  /** Keras's defaults for them, which TensorFlow.js shares. */
  defaults: Partial<OptimizerOptions>;
}

/**
 * Keras 3's defaults. TensorFlow.js uses the same numbers (its epsilon is the float32 backend's
 * 1e-7); the update formulas are compared with Keras's and PyTorch's in the README.
 */
export const OPTIMIZER_INFO: Record<OptimizerName, OptimizerInfo> = {
  adam: { label: 'Adam', fields: ['beta1', 'beta2', 'epsilon'], defaults: { beta1: 0.9, beta2: 0.999, epsilon: 1e-7 } },
  sgd: { label: 'SGD', fields: ['momentum', 'nesterov'], defaults: { momentum: 0, nesterov: false } },
  rmsprop: { label: 'RMSprop', fields: ['rho', 'momentum', 'epsilon'], defaults: { rho: 0.9, momentum: 0, epsilon: 1e-7 } },
  adagrad: { label: 'Adagrad', fields: ['initialAccumulator'], defaults: { initialAccumulator: 0.1 } },
  adadelta: { label: 'Adadelta', fields: ['rho', 'epsilon'], defaults: { rho: 0.95, epsilon: 1e-7 } },
  adamax: { label: 'Adamax', fields: ['beta1', 'beta2', 'epsilon'], defaults: { beta1: 0.9, beta2: 0.999, epsilon: 1e-7 } },
};

/** TensorFlow.js's Adagrad adds the backend's epsilon inside the square root; it cannot be set. */
export const ADAGRAD_EPSILON = 1e-7;

/** The fields' values when an optimiser has no opinion (what DEFAULT_SETTINGS holds). */
export const DEFAULT_OPTIMIZER_OPTIONS: OptimizerOptions = { momentum: 0, nesterov: false, beta1: 0.9, beta2: 0.999, rho: 0.9, initialAccumulator: 0.1, epsilon: 1e-7 };

/** How each field is named for people, and in Keras's constructors. */
export const FIELD_LABEL: Record<OptimizerField, { label: string; keras: string }> = {
  momentum: { label: 'momentum', keras: 'momentum' },
  nesterov: { label: 'Nesterov', keras: 'nesterov' },
  beta1: { label: 'β₁', keras: 'beta_1' },
  beta2: { label: 'β₂', keras: 'beta_2' },
  rho: { label: 'ρ', keras: 'rho' },
  initialAccumulator: { label: 'initial accumulator', keras: 'initial_accumulator_value' },
  epsilon: { label: 'ε', keras: 'epsilon' },
};

/** The value of every field for `name`: its own setting where it reads one, else the default. */
export function optimizerOptions(s: Pick<TrainSettings, OptimizerField>): OptimizerOptions {
  return { momentum: s.momentum, nesterov: s.nesterov, beta1: s.beta1, beta2: s.beta2, rho: s.rho, initialAccumulator: s.initialAccumulator, epsilon: s.epsilon };
}

/** Switch optimiser: its own settings go back to Keras's defaults; the rate stays as set. */
export function withOptimizer<T extends TrainSettings>(settings: T, name: OptimizerName): T {
  return { ...settings, optimizer: name, ...DEFAULT_OPTIMIZER_OPTIONS, ...OPTIMIZER_INFO[name].defaults };
}

const fraction = (v: number) => Number.isFinite(v) && v >= 0 && v < 1;

/** Problems with the chosen optimiser's own settings, a sentence each. */
export function optimizerProblems(s: TrainSettings): string[] {
  const info = OPTIMIZER_INFO[s.optimizer];
  if (!info) return ['Choose an optimiser: Adam, SGD, RMSprop, Adagrad, Adadelta or Adamax.'];
  const label = info.label;
  const problems: string[] = [];
  for (const field of info.fields) {
    const usual = info.defaults[field];
    switch (field) {
      case 'momentum':
        if (!fraction(s.momentum)) problems.push(`${label}'s momentum must be at least 0 and below 1 (0.9 is usual; 0 turns it off).`);
        break;
      case 'nesterov':
        if (s.nesterov && s.momentum === 0) problems.push('Nesterov momentum needs a momentum above 0 (0.9 is usual).');
        break;
      case 'beta1':
      case 'beta2':
      case 'rho':
        if (!fraction(s[field])) problems.push(`${label}'s ${FIELD_LABEL[field].label} must be at least 0 and below 1 (Keras's default is ${String(usual)}).`);
        break;
      case 'initialAccumulator':
        if (!(Number.isFinite(s.initialAccumulator) && s.initialAccumulator >= 0 && s.initialAccumulator <= 100)) {
          problems.push('Adagrad\'s initial accumulator must be from 0 to 100 (Keras\'s default is 0.1).');
        }
        break;
      case 'epsilon':
        if (!(Number.isFinite(s.epsilon) && s.epsilon > 0 && s.epsilon <= 1)) problems.push(`${label}'s ε must be above 0 and at most 1 (Keras's default is 1e-7).`);
        break;
    }
  }
  return problems;
}

/** The settings of the chosen optimiser that differ from Keras's defaults, e.g. [["momentum", 0.9]]. */
export function nonDefaultOptions(s: TrainSettings): [OptimizerField, number | boolean][] {
  const info = OPTIMIZER_INFO[s.optimizer];
  return info.fields.filter((f) => s[f] !== info.defaults[f]).map((f) => [f, s[f]]);
}

/** "Adam 0.001", "SGD 0.01 (momentum 0.9, Nesterov)": the optimiser in a few words. */
export function optimizerSummary(s: TrainSettings): string {
  const parts = nonDefaultOptions(s).map(([f, v]) => (typeof v === 'boolean' ? (v ? FIELD_LABEL[f].label : `no ${FIELD_LABEL[f].label}`) : `${FIELD_LABEL[f].label} ${v}`));
  const name = `${OPTIMIZER_INFO[s.optimizer]?.label ?? s.optimizer} ${s.learningRate}`;
  return parts.length > 0 ? `${name} (${parts.join(', ')})` : name;
}
