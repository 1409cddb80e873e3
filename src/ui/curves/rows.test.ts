import { describe, expect, it } from 'vitest';
import { record } from '../../state/history/testRuns';
import { batchRows, columnRange, epochAxis, epochRows, overlayBatchRows, overlayEpochRows, percentAxis, zeroBasedAxis } from './rows';

describe('chart rows', () => {
  it('batch rows carry raw and smoothed values, cut down to the limit', () => {
    const points = Array.from({ length: 600 }, (_, i) => ({ step: i, loss: i % 2 ? 1 : 0, acc: 0.5 }));
    const rows = batchRows(points, 0.9, 100);
    expect(rows).toHaveLength(100);
    expect(rows[0]).toMatchObject({ x: 0, loss: 0, loss_smooth: 0, acc: 0.5, acc_smooth: 0.5 });
    // Late in a 0/1 alternation the smoothed loss sits near the middle, the raw at an extreme.
    const last = rows.at(-1)!;
    expect(last.x).toBe(599);
    expect(last.loss_smooth).toBeGreaterThan(0.4);
    expect(last.loss_smooth).toBeLessThan(0.6);
  });

  it('epoch rows use the seed names', () => {
    const r = record(1, 'seed-mlp', [0.9, 0.95], null);
    expect(epochRows(r.epochs)[1]).toEqual({ x: 2, loss: 0.5, acc: 0.94, val_loss: 0.55, val_acc: 0.95 });
  });

  it('overlays runs of different lengths on shared x values', () => {
    const a = record(1, 'seed-mlp', [0.9, 0.95, 0.96], null);
    const b = record(2, 'seed-simple-cnn', [0.93], null);
    const rows = overlayEpochRows([a, b], 'val_acc');
    expect(rows).toEqual([{ x: 1, [a.id]: 0.9, [b.id]: 0.93 }, { x: 2, [a.id]: 0.95 }, { x: 3, [a.id]: 0.96 }]);
    const batch = overlayBatchRows([a, b], 'loss', 0, 50);
    expect(batch).toHaveLength(50);
    // Run b trained one epoch, a three: b's line stops at its last batch; both are present at the start.
    expect(batch[0]).toHaveProperty(a.id);
    expect(batch[0]).toHaveProperty(b.id);
    expect(batch.at(-1)).not.toHaveProperty(b.id);
    expect(batch.filter((r) => b.id in r).length).toBeGreaterThan(10);
  });
});

describe('epochAxis', () => {
  it('labels whole epochs, about ten at most, and gives a single epoch room', () => {
    expect(epochAxis(1)).toEqual({ domain: [0.5, 1.5], ticks: [1] });
    expect(epochAxis(3)).toEqual({ domain: [1, 3], ticks: [1, 2, 3] });
    expect(epochAxis(50).ticks).toEqual([1, 5, 10, 15, 20, 25, 30, 35, 40, 45, 50]);
  });
});

describe('percentAxis', () => {
  it('picks round ticks from just below the lowest accuracy to 100%', () => {
    expect(percentAxis(0.1).ticks).toEqual([0, 0.2, 0.4, 0.6, 0.8, 1]);
    expect(percentAxis(0.72).ticks).toEqual([0.7, 0.8, 0.9, 1]);
    expect(percentAxis(0.88).ticks).toEqual([0.85, 0.9, 0.95, 1]);
    expect(percentAxis(0.905).ticks).toEqual([0.9, 0.92, 0.94, 0.96, 0.98, 1]);
    expect(percentAxis(0.905).domain).toEqual([0.9, 1]);
  });

  it('falls back to the whole range without data', () => {
    expect(percentAxis(Number.POSITIVE_INFINITY).ticks).toEqual([0, 0.2, 0.4, 0.6, 0.8, 1]);
    expect(columnRange([{ x: 1, a: 0.5, b: 0.3 }, { x: 2, a: 0.2 }], ['a'])).toEqual({ min: 0.2, max: 0.5 });
  });
});

describe('zeroBasedAxis', () => {
  it('ends at a round value with round steps', () => {
    expect(zeroBasedAxis(2.2).ticks).toEqual([0, 0.5, 1, 1.5, 2, 2.5]);
    expect(zeroBasedAxis(0.47).ticks).toEqual([0, 0.1, 0.2, 0.3, 0.4, 0.5]);
    expect(zeroBasedAxis(1).ticks).toEqual([0, 0.2, 0.4, 0.6, 0.8, 1]);
    expect(zeroBasedAxis(0.06).domain).toEqual([0, 0.06]);
    expect(zeroBasedAxis(Number.NEGATIVE_INFINITY).domain).toEqual([0, 1]);
  });
});
