// Optimisers in the training settings: defaults, untrusted JSON, checks, summaries and Keras code.
import { describe, expect, it } from 'vitest';
import { makeArchitecture } from './architecture';
import { kerasOptimizer } from './keras';
import { compressedLessonHash, lessonHash, readCompressedLessonHash, readLessonHash } from './lesson';
import { OPTIMIZER_INFO, OPTIMIZERS, nonDefaultOptions, optimizerProblems, optimizerSummary, withOptimizer } from './optimizers';
import { recipeSummary } from './results';
import type { TrainSettings } from './training';
import { DEFAULT_SETTINGS, mergeSettings, settingsProblems } from './training';

const sgd = (extra: Partial<TrainSettings> = {}) => ({ ...withOptimizer(DEFAULT_SETTINGS, 'sgd'), learningRate: 0.01, ...extra });

describe('optimiser settings', () => {
  it('old links and stored settings, which have no optimiser fields, get Keras\'s defaults', () => {
    const old = { epochs: 4, batchSize: 100, optimizer: 'rmsprop', learningRate: 0.001 };
    expect(mergeSettings(old)).toEqual({ ...DEFAULT_SETTINGS, epochs: 4, batchSize: 100, optimizer: 'rmsprop', rho: 0.9, momentum: 0, epsilon: 1e-7 });
    expect(mergeSettings({ ...old, optimizer: 'sgd' })).toMatchObject({ momentum: 0, nesterov: false });
  });

  it('an optimiser\'s missing fields default to its own Keras values, given ones are kept field by field', () => {
    expect(mergeSettings({ optimizer: 'adadelta' })).toMatchObject({ optimizer: 'adadelta', rho: 0.95, epsilon: 1e-7 });
    expect(mergeSettings({ optimizer: 'adadelta', rho: 0.9 })).toMatchObject({ rho: 0.9 });
    expect(mergeSettings({ optimizer: 'sgd', momentum: 0.9, nesterov: true })).toMatchObject({ optimizer: 'sgd', momentum: 0.9, nesterov: true });
    // Wrong types are dropped one by one, as for every other field.
    expect(mergeSettings({ optimizer: 'sgd', momentum: '0.9', nesterov: 1 })).toMatchObject({ momentum: 0, nesterov: false });
  });

  it('switching optimiser puts its own settings back to Keras\'s defaults and keeps the rate', () => {
    const a = withOptimizer({ ...DEFAULT_SETTINGS, learningRate: 0.05, momentum: 0.9 }, 'adadelta');
    expect(a).toMatchObject({ optimizer: 'adadelta', learningRate: 0.05, rho: 0.95, momentum: 0 });
    for (const name of OPTIMIZERS) expect(settingsProblems(withOptimizer(DEFAULT_SETTINGS, name))).toEqual([]);
  });

  it('says what is wrong with the chosen optimiser\'s settings, a sentence each, and ignores the others\'', () => {
    expect(optimizerProblems(sgd({ momentum: 1, nesterov: false }))).toEqual(["SGD's momentum must be at least 0 and below 1 (0.9 is usual; 0 turns it off)."]);
    expect(optimizerProblems(sgd({ nesterov: true }))).toEqual(['Nesterov momentum needs a momentum above 0 (0.9 is usual).']);
    expect(optimizerProblems({ ...withOptimizer(DEFAULT_SETTINGS, 'adam'), beta1: 1, beta2: NaN, epsilon: 0 })).toEqual([
      "Adam's β₁ must be at least 0 and below 1 (Keras's default is 0.9).",
      "Adam's β₂ must be at least 0 and below 1 (Keras's default is 0.999).",
      "Adam's ε must be above 0 and at most 1 (Keras's default is 1e-7).",
    ]);
    expect(optimizerProblems({ ...withOptimizer(DEFAULT_SETTINGS, 'adadelta'), rho: -0.1 })).toEqual(["Adadelta's ρ must be at least 0 and below 1 (Keras's default is 0.95)."]);
    expect(optimizerProblems({ ...withOptimizer(DEFAULT_SETTINGS, 'adagrad'), initialAccumulator: -1 })).toEqual(["Adagrad's initial accumulator must be from 0 to 100 (Keras's default is 0.1)."]);
    // Adam does not read momentum: a stale value there is no problem.
    expect(optimizerProblems({ ...DEFAULT_SETTINGS, momentum: 5 })).toEqual([]);
    expect(settingsProblems(sgd({ nesterov: true }))).toContain('Nesterov momentum needs a momentum above 0 (0.9 is usual).');
  });

  it('summarises the optimiser with what differs from Keras\'s defaults', () => {
    expect(optimizerSummary(DEFAULT_SETTINGS)).toBe('Adam 0.001');
    expect(optimizerSummary(sgd({ momentum: 0.9, nesterov: true }))).toBe('SGD 0.01 (momentum 0.9, Nesterov)');
    expect(optimizerSummary({ ...withOptimizer(DEFAULT_SETTINGS, 'adamax'), beta2: 0.99 })).toBe('Adamax 0.001 (β₂ 0.99)');
    expect(recipeSummary(sgd({ momentum: 0.9 }))).toBe('batch 200, SGD 0.01 (momentum 0.9)');
    expect(nonDefaultOptions(DEFAULT_SETTINGS)).toEqual([]);
  });

  it('writes Keras\'s constructor with every setting that is not Keras\'s default', () => {
    expect(kerasOptimizer(DEFAULT_SETTINGS)).toBe('keras.optimizers.Adam(learning_rate=0.001)');
    expect(kerasOptimizer(sgd({ momentum: 0.9, nesterov: true }))).toBe('keras.optimizers.SGD(learning_rate=0.01, momentum=0.9, nesterov=True)');
    expect(kerasOptimizer({ ...withOptimizer(DEFAULT_SETTINGS, 'adagrad'), initialAccumulator: 0.5 })).toBe('keras.optimizers.Adagrad(learning_rate=0.001, initial_accumulator_value=0.5)');
    expect(kerasOptimizer({ ...withOptimizer(DEFAULT_SETTINGS, 'rmsprop'), rho: 0.8, epsilon: 1e-6 })).toBe('keras.optimizers.RMSprop(learning_rate=0.001, rho=0.8, epsilon=0.000001)');
    for (const name of OPTIMIZERS) expect(kerasOptimizer(withOptimizer(DEFAULT_SETTINGS, name))).toBe(`keras.optimizers.${OPTIMIZER_INFO[name].label}(learning_rate=0.001)`);
  });
});

describe('lesson links carry optimisers and regularisers', () => {
  const architecture = makeArchitecture(28, [
    { type: 'flatten' },
    { type: 'dense', units: 64, activation: 'relu', kernelRegularizer: { l1: 0, l2: 0.0005 } },
    { type: 'dense', units: 10, activation: 'softmax' },
  ]);
  const settings = { ...withOptimizer(DEFAULT_SETTINGS, 'sgd'), learningRate: 0.01, momentum: 0.9, nesterov: true };
  const lesson = { architecture, settings, locked: true, presenter: false };

  it('in the readable and the compressed form', async () => {
    expect(readLessonHash(lessonHash(lesson))).toEqual({ ok: true, lesson });
    expect(await readCompressedLessonHash(await compressedLessonHash(lesson))).toEqual({ ok: true, lesson });
  });

  it('refuses a link whose optimiser settings are out of range, saying why', () => {
    const bad = readLessonHash(lessonHash({ ...lesson, settings: { ...settings, momentum: 1.5 } }));
    expect(bad).toEqual({ ok: false, error: "The lesson’s training settings were refused: SGD's momentum must be at least 0 and below 1 (0.9 is usual; 0 turns it off)." });
  });
});
