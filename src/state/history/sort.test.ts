import { describe, expect, it } from 'vitest';
import { nextSort, sortRuns } from './sort';
import { record } from './testRuns';

const runs = [
  record(1, 'seed-mlp', [0.95], 4.1, { secondsPerEpoch: 8 }),
  record(2, 'seed-simple-cnn', [0.97], null, { secondsPerEpoch: 52 }),
  record(3, 'seed-larger-cnn', [0.96], 2.5, { secondsPerEpoch: 59 }),
  record(4, 'seed-mlp', [0.95], 3.9, { secondsPerEpoch: 7 }),
];
const numbers = (key: Parameters<typeof sortRuns>[1]) => sortRuns(runs, key).map((r) => r.number);

describe('sortRuns', () => {
  it('sorts numbers either way', () => {
    expect(numbers({ key: 'secondsPerEpoch', dir: 'asc' })).toEqual([4, 1, 2, 3]);
    expect(numbers({ key: 'secondsPerEpoch', dir: 'desc' })).toEqual([3, 2, 1, 4]);
    expect(numbers({ key: 'params', dir: 'asc' })).toEqual([3, 2, 1, 4]);
  });

  it('puts runs without a value last in both directions', () => {
    expect(numbers({ key: 'testError', dir: 'asc' })).toEqual([3, 4, 1, 2]);
    expect(numbers({ key: 'testError', dir: 'desc' })).toEqual([1, 4, 3, 2]);
  });

  it('breaks ties by run number in the chosen direction, and sorts names as text', () => {
    expect(numbers({ key: 'bestValAcc', dir: 'desc' })).toEqual([2, 3, 4, 1]);
    expect(numbers({ key: 'name', dir: 'asc' })).toEqual([1, 4, 3, 2]);
  });

  it('does not change the list it is given', () => {
    const before = runs.map((r) => r.number);
    sortRuns(runs, { key: 'testError', dir: 'asc' });
    expect(runs.map((r) => r.number)).toEqual(before);
  });
});

describe('nextSort', () => {
  it('flips the current column and starts a new one in its natural direction', () => {
    expect(nextSort({ key: 'testError', dir: 'asc' }, 'testError')).toEqual({ key: 'testError', dir: 'desc' });
    expect(nextSort({ key: 'number', dir: 'desc' }, 'testError')).toEqual({ key: 'testError', dir: 'asc' });
    expect(nextSort({ key: 'number', dir: 'desc' }, 'bestValAcc')).toEqual({ key: 'bestValAcc', dir: 'desc' });
  });
});
