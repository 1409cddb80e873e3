// Which training settings are accepted, and what the messages say when they are not.
import { describe, expect, it } from 'vitest';
import type { TrainSettings } from './training';
import { batchesPerEpoch, batchNormMomentum, DEFAULT_SETTINGS, mergeSettings, settingsProblems } from './training';

const problems = (patch: Partial<TrainSettings>) => settingsProblems({ ...DEFAULT_SETTINGS, ...patch });

describe('settingsProblems', () => {
  it('accepts the seed defaults, and augmentation, schedules and early stopping in range', () => {
    expect(problems({})).toEqual([]);
    expect(problems({ augment: true, shiftPixels: 0, rotationDegrees: 15, zoomPercent: 0 })).toEqual([]);
    expect(problems({ schedule: 'step', stepEvery: 9, stepFactor: 0.1 })).toEqual([]);
    expect(problems({ schedule: 'cosine', earlyStop: true, patience: 9 })).toEqual([]);
  });

  it('checks the augmentation ranges only while augmentation is on', () => {
    expect(problems({ shiftPixels: 99 })).toEqual([]);
    expect(problems({ augment: true, shiftPixels: 7 })).toEqual(['Shift must be from 0 to 6 pixels.']);
    expect(problems({ augment: true, rotationDegrees: -1 })).toEqual(['Rotation must be from 0 to 45 degrees.']);
    expect(problems({ augment: true, zoomPercent: NaN })).toEqual(['Zoom must be from 0 to 30%.']);
    expect(problems({ augment: true, shiftPixels: 0, rotationDegrees: 0, zoomPercent: 0 })).toEqual([
      'Augmentation is on but shift, rotation and zoom are all 0: raise one of them or switch augmentation off.',
    ]);
  });

  it('explains a step schedule that could never step, or a factor that does not lower the rate', () => {
    expect(problems({ schedule: 'step', stepEvery: 10 })).toEqual([
      'The step schedule lowers the rate every N epochs: with 10 epochs, N must be a whole number from 1 to 9.',
    ]);
    expect(problems({ schedule: 'step', stepEvery: 1.5 })).toHaveLength(1);
    expect(problems({ schedule: 'step', epochs: 1, stepEvery: 1 })).toEqual(['A step schedule needs at least 2 epochs to take a step.']);
    expect(problems({ schedule: 'step', stepFactor: 1 })).toEqual([
      'The step factor multiplies the rate at each step: it must be above 0 and below 1 (0.5 halves it).',
    ]);
    expect(problems({ schedule: 'step', stepFactor: 0 })).toHaveLength(1);
    expect(problems({ schedule: undefined as unknown as 'none' })).toEqual(['Choose a learning-rate schedule: constant, step decay or cosine decay.']);
    // Only the schedule in use is checked.
    expect(problems({ schedule: 'cosine', stepEvery: 0, stepFactor: 7 })).toEqual([]);
  });

  it('asks for a patience shorter than the run', () => {
    expect(problems({ earlyStop: true, patience: 0 })).toEqual(['Patience must be a whole number of epochs from 1 to 50.']);
    expect(problems({ earlyStop: true, patience: 10 })).toEqual([
      'Patience (10) must be less than the number of epochs (10), or early stopping can never stop the run.',
    ]);
    expect(problems({ earlyStop: false, patience: 0 })).toEqual([]);
  });

  it('keeps the existing checks', () => {
    expect(problems({ batchSize: 0 })).toEqual(['Batch size must be a whole number from 1 to 2,048.']);
    expect(problems({ subset: 100, batchSize: 200 })).toEqual(['Batch size cannot be larger than the number of training examples.']);
  });
});

describe('mergeSettings', () => {
  it('takes known fields of the right type and fills the rest from the defaults', () => {
    expect(mergeSettings({ epochs: 3, batchSize: '100', colour: 'red' })).toEqual({ ...DEFAULT_SETTINGS, epochs: 3 });
    expect(mergeSettings(null)).toEqual(DEFAULT_SETTINGS);
    expect(mergeSettings([1, 2])).toEqual(DEFAULT_SETTINGS);
  });

  it('settings saved before a field existed get its default (an older version had no schedule)', () => {
    const older: Partial<TrainSettings> = { ...DEFAULT_SETTINGS, epochs: 4 };
    delete older.schedule;
    expect(mergeSettings(older)).toEqual({ ...DEFAULT_SETTINGS, epochs: 4 });
  });

  it('refuses choices the app does not know', () => {
    // Adagrad became one of the app's optimisers (issue 16); LAMB is still unknown.
    expect(mergeSettings({ optimizer: 'lamb', schedule: 'warmup', validation: 'train' })).toEqual(DEFAULT_SETTINGS);
    expect(mergeSettings({ optimizer: 'sgd', schedule: 'cosine', validation: 'holdout' })).toMatchObject({ optimizer: 'sgd', schedule: 'cosine', validation: 'holdout' });
  });
});

describe('batchNormMomentum', () => {
  it('is Keras’s 0.99 for an epoch of the full set in batches of 64 (best’s recipe) or 100, a little less in batches of 200', () => {
    expect(batchNormMomentum({ subset: 60_000, batchSize: 64, validation: 'test' })).toBe(0.99);
    expect(batchNormMomentum({ subset: 60_000, batchSize: 100, validation: 'test' })).toBe(0.99);
    expect(batchesPerEpoch(DEFAULT_SETTINGS)).toBe(300);
    expect(batchNormMomentum(DEFAULT_SETTINGS)).toBe(0.985);
  });

  it('forgets its start within the first epoch of a short run', () => {
    const short = { subset: 2000, batchSize: 100, validation: 'test' } as const;
    expect(batchesPerEpoch(short)).toBe(20);
    const m = batchNormMomentum(short);
    expect(m).toBeLessThan(0.99);
    expect(m ** 20).toBeLessThanOrEqual(0.0105);
    expect(batchesPerEpoch({ ...short, validation: 'holdout' })).toBe(18);
    expect(batchNormMomentum({ subset: 10, batchSize: 100, validation: 'test' })).toBe(0.01);
  });
});
