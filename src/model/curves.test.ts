import { describe, expect, it } from 'vitest';
import { downsample, downsampleIndices, grid, mergeSeries, resample, smooth } from './curves';

describe('smooth', () => {
  it('returns the values unchanged with weight 0', () => {
    expect(smooth([3, 1, 4, 1, 5], 0)).toEqual([3, 1, 4, 1, 5]);
  });

  it('starts at the first value instead of near zero (bias corrected)', () => {
    const s = smooth([2, 2, 2, 2], 0.9);
    for (const v of s) expect(v).toBeCloseTo(2, 12);
  });

  it('is an exponential moving average', () => {
    // w = 0.5: a1 = 0.5*1 = 0.5 -> /0.5 = 1; a2 = 0.25 + 1.5 = 1.75 -> /0.75 = 2.333…
    const s = smooth([1, 3], 0.5);
    expect(s[0]).toBeCloseTo(1, 12);
    expect(s[1]).toBeCloseTo(7 / 3, 12);
  });

  it('damps noise: a smoothed alternating series varies less than the raw one', () => {
    const raw = Array.from({ length: 100 }, (_, i) => (i % 2 === 0 ? 1 : 0));
    const s = smooth(raw, 0.8).slice(10);
    expect(Math.max(...s) - Math.min(...s)).toBeLessThan(0.3);
  });

  it('lets NaN through without poisoning what follows', () => {
    const s = smooth([1, Number.NaN, 1], 0.6);
    expect(s[1]).toBeNaN();
    expect(s[2]).toBeCloseTo(1, 12);
  });
});

describe('downsample', () => {
  it('keeps short series whole', () => {
    expect(downsampleIndices([0, 1, 2], [5, 6, 7], 10)).toEqual([0, 1, 2]);
  });

  it('cuts a long series to the limit, keeping the ends, in order', () => {
    const xs = Array.from({ length: 1000 }, (_, i) => i);
    const ys = xs.map((x) => Math.sin(x / 30));
    const kept = downsampleIndices(xs, ys, 100);
    expect(kept).toHaveLength(100);
    expect(kept[0]).toBe(0);
    expect(kept.at(-1)).toBe(999);
    for (let i = 1; i < kept.length; i++) expect(kept[i]!).toBeGreaterThan(kept[i - 1]!);
  });

  it('keeps a lone spike that uniform thinning would drop', () => {
    const xs = Array.from({ length: 500 }, (_, i) => i);
    const ys = xs.map((x) => (x === 251 ? 10 : 0));
    expect(downsampleIndices(xs, ys, 20)).toContain(251);
    expect(downsample(xs.map((x, i) => ({ x, y: ys[i]! })), 20, (p) => p.x, (p) => p.y).some((p) => p.y === 10)).toBe(true);
  });
});

describe('mergeSeries', () => {
  it('joins series on x, sorted, with a column per series where it has a point', () => {
    const rows = mergeSeries([
      { key: 'a', points: [{ x: 1, y: 0.5 }, { x: 2, y: 0.6 }] },
      { key: 'b', points: [{ x: 2, y: 0.7 }, { x: 0.5, y: 0.1 }] },
    ]);
    expect(rows).toEqual([{ x: 0.5, b: 0.1 }, { x: 1, a: 0.5 }, { x: 2, a: 0.6, b: 0.7 }]);
  });
});

describe('resample', () => {
  const line = [{ x: 0, y: 0 }, { x: 1, y: 10 }, { x: 3, y: 30 }];

  it('interpolates between points and keeps exact ones', () => {
    expect(resample(line, [0, 0.5, 1, 2, 3])).toEqual([
      { x: 0, y: 0 },
      { x: 0.5, y: 5 },
      { x: 1, y: 10 },
      { x: 2, y: 20 },
      { x: 3, y: 30 },
    ]);
  });

  it('leaves out xs beyond the series, so shorter runs end where they ended', () => {
    expect(resample(line, grid(0, 6, 7)).map((p) => p.x)).toEqual([0, 1, 2, 3]);
    expect(resample([], [1, 2])).toEqual([]);
  });
});
