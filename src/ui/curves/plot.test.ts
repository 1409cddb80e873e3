import { describe, expect, it } from 'vitest';
import { axisTicks, dataDomain, linear, linePath, nearestRow, niceTicks } from './plot';

describe('linear', () => {
  it('maps the domain onto the range, flipped for y', () => {
    const y = linear([0, 2], [174, 8]);
    expect(y(0)).toBe(174);
    expect(y(2)).toBe(8);
    expect(y(1)).toBe(91);
    expect(linear([5, 5], [0, 100])(5)).toBe(50);
  });
});

describe('niceTicks', () => {
  it('steps by 1, 2, 2.5 or 5 times a power of ten', () => {
    expect(niceTicks(0, 162)).toEqual([0, 50, 100, 150]);
    expect(niceTicks(0, 3)).toEqual([0, 1, 2, 3]);
    expect(niceTicks(0, 1)).toEqual([0, 0.25, 0.5, 0.75, 1]);
    expect(niceTicks(0, 0.01)).toEqual([0, 0.0025, 0.005, 0.0075, 0.01]);
    expect(niceTicks(1, 20, 5, true)).toEqual([5, 10, 15, 20]);
    expect(niceTicks(0, 3, 10, true)).toEqual([0, 1, 2, 3]);
  });

  it('gives nothing for an empty or broken range and one tick for a point', () => {
    expect(niceTicks(3, 1)).toEqual([]);
    expect(niceTicks(0, Number.NaN)).toEqual([]);
    expect(niceTicks(2, 2)).toEqual([2]);
  });
});

describe('axisTicks', () => {
  it("adds the range's end when it is far from the last round tick", () => {
    expect(axisTicks(0, 162)).toEqual([0, 50, 100, 150]);
    expect(axisTicks(0, 180)).toEqual([0, 50, 100, 150, 180]);
    expect(axisTicks(0, 3)).toEqual([0, 1, 2, 3]);
  });
});

describe('dataDomain', () => {
  it('spans the rows, with room around a single one', () => {
    expect(dataDomain([])).toEqual([0, 1]);
    expect(dataDomain([{ x: 1 }, { x: 4 }] as never)).toEqual([1, 4]);
    expect(dataDomain([{ x: 2 }] as never)).toEqual([1.5, 2.5]);
  });
});

describe('linePath', () => {
  const id = (v: number) => v;
  it('draws one move and a line per further point, joining across missing values', () => {
    const rows = [
      { x: 0, a: 1, b: 5 },
      { x: 1, b: 6 },
      { x: 2, a: 3 },
      { x: 3, a: Number.NaN, b: 7 },
      { x: 4, a: 2 },
    ] as never;
    expect(linePath(rows, 'a', id, id)).toEqual({ d: 'M0.0,1.0L2.0,3.0L4.0,2.0', points: 3 });
    expect(linePath(rows, 'b', (v) => v * 10, (v) => -v)).toEqual({ d: 'M0.0,-5.0L10.0,-6.0L30.0,-7.0', points: 3 });
    expect(linePath(rows, 'c', id, id)).toEqual({ d: '', points: 0 });
  });
});

describe('nearestRow', () => {
  const rows = [{ x: 0 }, { x: 10 }, { x: 20 }, { x: 40 }] as never;
  it('finds the row whose x is closest, ties to the left', () => {
    expect(nearestRow(rows, -5)).toBe(0);
    expect(nearestRow(rows, 4)).toBe(0);
    expect(nearestRow(rows, 5)).toBe(0);
    expect(nearestRow(rows, 6)).toBe(1);
    expect(nearestRow(rows, 29)).toBe(2);
    expect(nearestRow(rows, 31)).toBe(3);
    expect(nearestRow(rows, 100)).toBe(3);
    expect(nearestRow([], 3)).toBe(-1);
  });
});
