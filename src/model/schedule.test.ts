// Learning-rate schedules and the early-stopping rule.
import { describe, expect, it } from 'vitest';
import type { EarlyStopState } from './schedule';
import { EARLY_STOP_START, earlyStopStep, learningRateAt } from './schedule';
import { DEFAULT_SETTINGS } from './training';

const base = { ...DEFAULT_SETTINGS, learningRate: 0.01, epochs: 10 };

describe('learningRateAt', () => {
  it('none keeps the rate', () => {
    expect([0, 3.5, 9.99].map((p) => learningRateAt(base, p))).toEqual([0.01, 0.01, 0.01]);
  });

  it('step multiplies by the factor after every N epochs and holds within an epoch', () => {
    const s = { ...base, schedule: 'step' as const, stepEvery: 3, stepFactor: 0.5 };
    const rates = [0, 2.9, 3, 5.5, 6, 9.9].map((p) => learningRateAt(s, p));
    expect(rates).toEqual([0.01, 0.01, 0.005, 0.005, 0.0025, 0.00125]);
  });

  it('cosine starts at the rate, halves it midway, ends at 0 and never rises', () => {
    const s = { ...base, schedule: 'cosine' as const };
    expect(learningRateAt(s, 0)).toBeCloseTo(0.01, 12);
    expect(learningRateAt(s, 5)).toBeCloseTo(0.005, 12);
    expect(learningRateAt(s, 10)).toBeCloseTo(0, 12);
    const curve = Array.from({ length: 101 }, (_, i) => learningRateAt(s, i / 10));
    curve.slice(1).forEach((r, i) => expect(r).toBeLessThanOrEqual(curve[i]!));
    // Past the end (Continue beyond the planned epochs) it stays at the floor rather than rising again.
    expect(learningRateAt(s, 12)).toBeCloseTo(0, 12);
  });
});

describe('learningRateAt, one-cycle', () => {
  it('climbs in a straight line from a tenth of the rate to it over the first fifth, then falls to 0 and stays there', () => {
    const s = { ...base, schedule: 'onecycle' as const };
    expect(learningRateAt(s, 0)).toBeCloseTo(0.001, 12);
    expect(learningRateAt(s, 1)).toBeCloseTo(0.0055, 12); // halfway up
    expect(learningRateAt(s, 2)).toBeCloseTo(0.01, 12); // the top, at 20% of 10 epochs
    expect(learningRateAt(s, 6)).toBeCloseTo(0.005, 12); // halfway down the cosine
    expect(learningRateAt(s, 10)).toBeCloseTo(0, 12);
    expect(learningRateAt(s, 12)).toBeCloseTo(0, 12);
    const curve = Array.from({ length: 101 }, (_, i) => learningRateAt(s, i / 10));
    curve.slice(1, 21).forEach((r, i) => expect(r).toBeGreaterThan(curve[i]!));
    curve.slice(21).forEach((r, i) => expect(r).toBeLessThanOrEqual(curve[i + 20]!));
  });
});

function run(losses: number[], patience: number): { stoppedAfter: number | null; state: EarlyStopState; improvedAt: number[] } {
  let state = EARLY_STOP_START;
  const improvedAt: number[] = [];
  for (let i = 0; i < losses.length; i++) {
    const step = earlyStopStep(state, i + 1, losses[i]!, patience);
    state = step.state;
    if (step.improved) improvedAt.push(i + 1);
    if (step.stop) return { stoppedAfter: i + 1, state, improvedAt };
  }
  return { stoppedAfter: null, state, improvedAt };
}

describe('earlyStopStep', () => {
  it('stops after `patience` epochs without a better validation loss and names the best epoch', () => {
    const r = run([0.5, 0.3, 0.2, 0.21, 0.25, 0.22, 0.1], 3);
    expect(r.stoppedAfter).toBe(6);
    expect(r.state.bestEpoch).toBe(3);
    expect(r.state.bestLoss).toBe(0.2);
    expect(r.improvedAt).toEqual([1, 2, 3]);
  });

  it('an improvement resets the wait', () => {
    const r = run([0.5, 0.6, 0.4, 0.45, 0.3, 0.31], 2);
    expect(r.stoppedAfter).toBeNull();
    expect(r.state).toEqual({ bestLoss: 0.3, bestEpoch: 5, waited: 1 });
  });

  it('does not count a change in the last digits as an improvement', () => {
    const r = run([0.2, 0.199999, 0.1999985], 2);
    expect(r.stoppedAfter).toBe(3);
    expect(r.state.bestEpoch).toBe(1);
  });

  it('a NaN loss is never an improvement', () => {
    expect(earlyStopStep({ bestLoss: 0.2, bestEpoch: 1, waited: 0 }, 2, NaN, 1)).toEqual({
      state: { bestLoss: 0.2, bestEpoch: 1, waited: 1 },
      improved: false,
      stop: true,
    });
  });
});
