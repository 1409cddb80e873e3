import { describe, expect, it } from 'vitest';
import { filterChange, flippedDigits } from './compare';

describe('filter change between two checkpoints', () => {
  it('gives the difference image and each filter’s change relative to its earlier self', () => {
    // Two 2×2 filters. The first [3, 0, 0, 4] (norm 5) moves by [0, 0, 0, -1]: 1/5 = 20%.
    // The second starts at 0 and stays there.
    const earlier = { count: 2, kernelSize: 2, values: Float32Array.from([3, 0, 0, 4, 0, 0, 0, 0]) };
    const later = { count: 2, kernelSize: 2, values: Float32Array.from([3, 0, 0, 3, 0, 0, 0, 0]) };
    const change = filterChange(earlier, later);
    expect(Array.from(change.diff)).toEqual([0, 0, 0, -1, 0, 0, 0, 0]);
    expect(change.relative).toEqual([0.2, 0]);
    expect(change.maxAbs).toBe(1);
    const fromZero = filterChange(later, { ...later, values: Float32Array.from([3, 0, 0, 3, 0, 0.5, 0, 0]) });
    expect(fromZero.relative).toEqual([0, Infinity]);
  });

  it('refuses filters of different layers', () => {
    expect(() => filterChange({ count: 2, kernelSize: 3, values: new Float32Array(18) }, { count: 2, kernelSize: 5, values: new Float32Array(50) })).toThrow(/different filters/);
  });
});

describe('flipped digits', () => {
  it('lists wrong → right and right → wrong by index, with the right counts at each moment', () => {
    const labels = [7, 2, 1, 0, 4];
    const before = [7, 3, 1, 9, 4]; // digits 1 and 3 wrong
    const after = [7, 2, 7, 9, 4]; //  digit 1 fixed, digit 2 broken, digit 3 still wrong
    expect(flippedDigits(labels, before, after)).toEqual({ fixed: [1], broken: [2], rightBefore: 3, rightAfter: 3 });
  });

  it('refuses scorings of different lengths', () => {
    expect(() => flippedDigits([1, 2], [1], [1, 2])).toThrow();
  });
});
