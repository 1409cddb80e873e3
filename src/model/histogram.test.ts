import { describe, expect, it } from 'vitest';
import { binCentre, binsFor, histogram, meanAndSpread, rangeOfValues, sharedBins } from './histogram';

describe('histograms with shared bins', () => {
  it('counts a hand-worked example, the last bin closed at its top edge', () => {
    // Bins of width 0.5 over [-1, 1]: [-1, -0.5) [-0.5, 0) [0, 0.5) [0.5, 1].
    const bins = { lo: -1, hi: 1, count: 4 };
    expect(histogram([-1, -0.5, 0, 0.25, 0.5, 1], bins)).toEqual({ counts: [1, 1, 2, 2], nonFinite: 0 });
    expect(histogram([-0.75, -0.74, 0.49, 0.999], bins).counts).toEqual([2, 0, 1, 1]);
  });

  it('sets NaN and infinities aside instead of binning them', () => {
    const h = histogram([Number.NaN, Infinity, -Infinity, 0.1], { lo: 0, hi: 1, count: 2 });
    expect(h).toEqual({ counts: [1, 0], nonFinite: 3 });
  });

  it('shares one range across checkpoints: the widest any of them reached', () => {
    const early = Float32Array.from([-0.1, 0, 0.1]);
    const late = Float32Array.from([-0.3, 0.2, 0.5]);
    const bins = sharedBins([rangeOfValues(early), rangeOfValues(late)], 8);
    expect(bins.lo).toBeCloseTo(-0.3, 6);
    expect(bins.hi).toBeCloseTo(0.5, 6);
    // Width 0.1: the early weights sit in bins 2, 3 and 4; the late ones in 0, 5 and 7.
    expect(histogram(early, bins).counts).toEqual([0, 0, 1, 1, 1, 0, 0, 0]);
    expect(histogram(late, bins).counts).toEqual([1, 0, 0, 0, 0, 1, 0, 1]);
    expect(binCentre(0, bins)).toBeCloseTo(-0.25, 6);
  });

  it('gives a tensor that never varied a narrow range around its value', () => {
    const zeros = sharedBins([rangeOfValues(new Float32Array(5))], 4);
    expect(zeros.lo).toBeLessThan(0);
    expect(zeros.hi).toBeGreaterThan(0);
    expect(histogram(new Float32Array(5), zeros).counts.reduce((a, b) => a + b)).toBe(5);
    expect(sharedBins([rangeOfValues([Number.NaN])], 4)).toEqual({ lo: -1, hi: 1, count: 4 });
  });

  it('uses fewer bins for small tensors', () => {
    expect([10, 30, 128, 750, 48_000].map(binsFor)).toEqual([8, 11, 23, 40, 40]);
  });

  it('finds the range and spread of the finite values', () => {
    expect(rangeOfValues([3, Number.NaN, -2, Infinity])).toEqual({ min: -2, max: 3 });
    const { mean, std } = meanAndSpread([1, 3, Number.NaN]);
    expect(mean).toBe(2);
    expect(std).toBe(1);
  });
});
