import { describe, expect, it } from 'vitest';
import { checkpointsThatFit, describeCheckpoint, earlyBatches, epochAt, isEarlyCheckpoint, plannedCount, shortLabel, thinToBudget, timeline } from './checkpoints';

const at = (steps: number[], bytes = 1) => steps.map((step) => ({ step, bytes }));
const steps = (list: { step: number }[]) => list.map((c) => c.step);

describe('the checkpoint schedule', () => {
  it('takes the powers of ten that fall inside the first epoch, before its last batch', () => {
    expect(earlyBatches(300)).toEqual([1, 10, 100]);
    expect(earlyBatches(1875)).toEqual([1, 10, 100, 1000]);
    expect(earlyBatches(40)).toEqual([1, 10]);
    // An epoch of 10 batches: its end is the epoch's own checkpoint.
    expect(earlyBatches(10)).toEqual([1]);
    expect(earlyBatches(1)).toEqual([]);
  });

  it('only in the first epoch', () => {
    expect(isEarlyCheckpoint(0, 10, 40)).toBe(true);
    expect(isEarlyCheckpoint(0, 11, 40)).toBe(false);
    expect(isEarlyCheckpoint(1, 10, 40)).toBe(false);
    expect(isEarlyCheckpoint(0, 10, 10)).toBe(false);
  });

  it('counts fractional epochs, whole at the end of one', () => {
    expect(epochAt(0, 10, 40)).toBe(0.25);
    expect(epochAt(2, 40, 40)).toBe(3);
    expect(epochAt(0, 1, 300)).toBeCloseTo(1 / 300, 15);
  });

  it('plans one at the start, the early ones, and one per epoch', () => {
    expect(plannedCount(3, 40)).toBe(1 + 2 + 3);
    expect(plannedCount(10, 300)).toBe(1 + 3 + 10);
    // Continuing from epoch 3 to 5: the start of the continuation and two epochs.
    expect(plannedCount(5, 300, 3)).toBe(3);
  });

  it('says what each one is', () => {
    expect(describeCheckpoint({ kind: 'start', step: 0, epoch: 0 })).toBe('before training');
    expect(describeCheckpoint({ kind: 'batch', step: 1, epoch: 0.025 })).toBe('after 1 batch');
    expect(describeCheckpoint({ kind: 'batch', step: 1000, epoch: 0.53 })).toBe('after 1,000 batches');
    expect(describeCheckpoint({ kind: 'epoch', step: 120, epoch: 3 })).toBe('end of epoch 3');
    expect(describeCheckpoint({ kind: 'start', step: 120, epoch: 3 })).toBe('epoch 3, where this run went on');
  });
});

describe('thinning to the memory limit', () => {
  it('keeps everything, as the same objects, within the limit', () => {
    const list = at([0, 1, 10, 40, 80]);
    const kept = thinToBudget(list, 5);
    expect(kept).toEqual(list);
    kept.forEach((c, i) => expect(c).toBe(list[i]));
  });

  it('thins evenly spaced epochs to every other one', () => {
    // Epochs 0…10 of 10 batches; room for six: drop the one between the closest neighbours, earliest first.
    expect(steps(thinToBudget(at([0, 10, 20, 30, 40, 50, 60, 70, 80, 90, 100]), 6))).toEqual([0, 20, 40, 60, 80, 100]);
  });

  it('drops the crowded early checkpoints first, by the batches between neighbours', () => {
    // 40 batches an epoch: start, after 1 and 10 batches, epochs 1-4. Room for 5 of 7 (10 bytes each).
    // Spans: step 1 → 10−0 = 10 (narrowest, goes); then step 10 → 40−0 = 40 (goes); the rest span 80.
    expect(steps(thinToBudget(at([0, 1, 10, 40, 80, 120, 160], 10), 50))).toEqual([0, 40, 80, 120, 160]);
  });

  it('always keeps the first and the latest, even over the limit', () => {
    expect(steps(thinToBudget(at([0, 40, 80], 30), 50))).toEqual([0, 80]);
    expect(steps(thinToBudget(at([0, 40], 30), 10))).toEqual([0, 40]);
    expect(steps(thinToBudget(at([7], 30), 10))).toEqual([7]);
  });

  it('thinned one at a time as checkpoints arrive, it keeps the same spread as thinning at once', () => {
    let kept: { step: number; bytes: number }[] = [];
    for (const step of [0, 10, 20, 30, 40, 50, 60, 70, 80]) kept = thinToBudget([...kept, { step, bytes: 1 }], 5);
    expect(steps(kept)).toEqual([0, 20, 40, 60, 80]);
  });

  it('says how many fit, never fewer than the two that always stay', () => {
    expect(checkpointsThatFit(2_368_296, 64_000_000)).toBe(27);
    expect(checkpointsThatFit(40_000_000, 64_000_000)).toBe(2);
  });
});

describe('the scrubber’s timeline', () => {
  const infos = [
    { id: 1, kind: 'start' as const, step: 0, epoch: 0, bytes: 4 },
    { id: 2, kind: 'batch' as const, step: 10, epoch: 0.25, bytes: 4 },
    { id: 3, kind: 'epoch' as const, step: 40, epoch: 1, bytes: 4 },
  ];

  it('ends with the live weights, mid-epoch', () => {
    const t = timeline(infos, { step: 52, epoch: 1.3 });
    expect(t.map((m) => [m.id, m.live, m.epoch])).toEqual([[1, false, 0], [2, false, 0.25], [3, false, 1], [null, true, 1.3]]);
    expect(t.map((m) => m.label)).toEqual(['before training', 'after 10 batches', 'end of epoch 1', 'epoch 1.3']);
    expect(t.map((m, i) => shortLabel(m, i === 0))).toEqual(['start', '10 b', 'ep 1', 'now']);
  });

  it('makes the latest checkpoint the live position when the weights are still those', () => {
    const t = timeline(infos, { step: 40, epoch: 1 });
    expect(t).toHaveLength(3);
    expect(t.at(-1)).toMatchObject({ id: 3, live: true, label: 'end of epoch 1' });
  });

  it('says what the live weights are when they went back to an earlier moment', () => {
    const t = timeline(infos, { step: 40, epoch: 1, label: 'now: the weights of epoch 1, kept by early stopping' });
    expect(t).toHaveLength(4);
    expect(t.at(-1)!.label).toBe('now: the weights of epoch 1, kept by early stopping');
  });
});
