// The unit arithmetic on small inputs worked out by hand (tfjs agreement is tested in src/train/explain.test.ts).
import { describe, expect, it } from 'vitest';
import { activate, batchNormUnit, convMap, convUnit, denseUnit, poolUnit, softmax } from './unitMath';
import { axisPadding, windowCells } from './window';

/** A 4×4 single-channel volume holding 1 … 16 row by row. */
const ramp = { height: 4, width: 4, channels: 1, values: Array.from({ length: 16 }, (_, i) => i + 1) };

describe('padding', () => {
  it('follows TF: the odd padding cell goes after (bottom or right)', () => {
    expect(axisPadding(28, 5, 1, 'same')).toEqual({ before: 2, after: 2 });
    expect(axisPadding(28, 4, 1, 'same')).toEqual({ before: 1, after: 2 });
    expect(axisPadding(28, 3, 2, 'same')).toEqual({ before: 0, after: 1 });
    expect(axisPadding(32, 2, 2, 'same')).toEqual({ before: 0, after: 0 });
    expect(axisPadding(7, 3, 2, 'same')).toEqual({ before: 1, after: 1 });
    expect(axisPadding(28, 5, 1, 'valid')).toEqual({ before: 0, after: 0 });
  });

  it('marks the cells that fall in the padding', () => {
    const cells = windowCells({ size: 3, stride: 1, padding: 'same', inHeight: 4, inWidth: 4 }, 0, 0);
    expect(cells.map((c) => (c.inside ? 1 : 0))).toEqual([0, 0, 0, 0, 1, 1, 0, 1, 1]);
    expect(cells[0]).toEqual({ row: -1, col: -1, inside: false });
  });
});

describe('convUnit', () => {
  it('sums weight × input over the window, adds the bias and applies the activation', () => {
    // Window at (1, 1) of a valid 2×2 kernel: inputs 6 7 / 10 11; weights 1 0 / 0 −1.
    const u = convUnit(ramp, [1, 0, 0, -1], 0.5, { kernelSize: 2, strides: 1, padding: 'valid', activation: 'relu' }, 1, 1);
    expect(u.channels[0]!.cells.map((c) => c.input)).toEqual([6, 7, 10, 11]);
    expect(u.sum).toBe(6 - 11);
    expect(u.preactivation).toBe(-4.5);
    expect(u.value).toBe(0);
  });

  it('steps by the stride and reads padded cells as zeros', () => {
    // Same 3×3 kernel of ones, stride 2, on 4×4: out 2×2, padding 0 before and 1 after.
    const spec = { kernelSize: 3, strides: 2, padding: 'same' as const, activation: 'linear' as const };
    const u = convUnit(ramp, new Array(9).fill(1), 0, spec, 1, 1);
    expect([u.top, u.left]).toEqual([2, 2]);
    // Rows 2–4, cols 2–4: 11 12 · 15 16 · and a padded row and column.
    expect(u.channels[0]!.cells.filter((c) => !c.inside)).toHaveLength(5);
    expect(u.value).toBe(11 + 12 + 15 + 16);
    expect(Array.from(convMap(ramp, new Array(9).fill(1), 0, spec).values)).toEqual([1 + 2 + 3 + 5 + 6 + 7 + 9 + 10 + 11, 3 + 4 + 7 + 8 + 11 + 12, 9 + 10 + 11 + 13 + 14 + 15, 54]);
  });

  it('adds up every input channel, weights in tfjs order (row, column, channel)', () => {
    const two = { height: 1, width: 1, channels: 2, values: [3, 5] };
    const u = convUnit(two, [2, -1], 1, { kernelSize: 1, strides: 1, padding: 'valid', activation: 'linear' }, 0, 0);
    expect(u.channels.map((c) => c.sum)).toEqual([6, -5]);
    expect(u.value).toBe(2);
  });

  it('refuses a kernel of the wrong size', () => {
    expect(() => convUnit(ramp, [1, 2, 3], 0, { kernelSize: 2, strides: 1, padding: 'valid', activation: 'relu' }, 0, 0)).toThrow('4 weights, not 3');
  });
});

describe('poolUnit', () => {
  it('max pooling names the winner; average pooling divides by the real cells only', () => {
    const max = poolUnit(ramp, 0, { op: 'max', poolSize: 2, strides: 2, padding: 'valid' }, 1, 0);
    expect(max.cells.map((c) => c.value)).toEqual([9, 10, 13, 14]);
    expect(max.winner).toBe(3);
    expect(max.value).toBe(14);
    // Same 3×3 average, stride 2, at (1, 1): 4 real cells (11, 12, 15, 16) and 5 padded ones.
    const avg = poolUnit(ramp, 0, { op: 'average', poolSize: 3, strides: 2, padding: 'same' }, 1, 1);
    expect(avg.count).toBe(4);
    expect(avg.value).toBe((11 + 12 + 15 + 16) / 4);
  });
});

describe('dense, batch norm, activations and softmax', () => {
  it('a dense unit lists its largest contributions by size and the rest as one sum', () => {
    const u = denseUnit([1, 2, 3, 4], [0.5, -3, 0.1, 1], 0.25, 'linear', 2);
    expect(u.largest.map((c) => [c.index, c.product])).toEqual([
      [1, -6],
      [3, 4],
    ]);
    expect(u.rest).toBeCloseTo(0.5 + 0.3, 12);
    expect(u.preactivation).toBeCloseTo(-6 + 4 + 0.8 + 0.25, 12);
  });

  it('batch norm: (x − mean) / √(var + ε) · γ + β', () => {
    const b = batchNormUnit(3, { mean: 1, variance: 3.999, gamma: 2, beta: -1, epsilon: 0.001 });
    expect(b.normalised).toBeCloseTo(1, 12);
    expect(b.value).toBeCloseTo(1, 12);
  });

  it('softmax sums to one, and shifting by the largest logit changes nothing', () => {
    const small = softmax([1, 2, 3]);
    expect(small.shift).toBe(0);
    expect(small.exps[2]).toBeCloseTo(Math.E ** 3, 9);
    const big = softmax([101, 102, 103]);
    expect(big.shift).toBe(103);
    big.probabilities.forEach((p, i) => expect(p).toBeCloseTo(small.probabilities[i]!, 12));
    expect(activate('softmax', 2, { values: [1, 2, 3], self: 1 })).toBeCloseTo(small.probabilities[1]!, 12);
    expect(activate('sigmoid', 0)).toBe(0.5);
    expect(activate('tanh', 0)).toBe(0);
    expect(() => activate('softmax', 1)).toThrow('whole group');
  });
});
