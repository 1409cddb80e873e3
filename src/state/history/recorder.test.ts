import { beforeEach, describe, expect, it } from 'vitest';
import type { AppState } from '../store';
import { resetStore, useAppStore } from '../store';
import { recordFor } from './recorder';
import { epochMetrics, runView } from './testRuns';

/** Feed a sequence of store states through the recorder, as the subscription would. */
function replay(states: Partial<AppState>[]) {
  const tracking = { runId: -1, architectureKey: '', record: null };
  const written = [];
  let prev = useAppStore.getState();
  for (const patch of states) {
    useAppStore.setState(patch);
    const s = useAppStore.getState();
    const r = recordFor(s, prev, tracking, 0);
    if (r) {
      written.push(r);
      useAppStore.setState({ history: { ...s.history, runs: [...s.history.runs.filter((x) => x.id !== r.id), r] } });
    }
    prev = useAppStore.getState();
  }
  return written;
}

describe('recording runs', () => {
  beforeEach(() => resetStore());

  it('starts a record once training starts, updates it per epoch, and finishes it with the test error', () => {
    const run = runView('seed-simple-cnn', { id: 1, status: 'loading' });
    const written = replay([
      { run },
      { run: { ...run, status: 'training' } },
      { epochs: [epochMetrics(1, 0.9)] },
      { epochs: [epochMetrics(1, 0.9), epochMetrics(2, 0.95)] },
      { evaluation: { testError: 4.2, confusion: [], perClassAccuracy: [], networkKind: 'cnn' } },
      { run: { ...run, status: 'done', epoch: 2 } },
    ]);
    expect(written.map((r) => r.outcome)).toEqual(['running', 'running', 'running', 'running', 'done']);
    expect(new Set(written.map((r) => r.id)).size).toBe(1);
    expect(written.at(-1)).toMatchObject({ number: 1, testError: 4.2, bestValAcc: 0.95 });
  });

  it('gives the next run its own record and number; Continue extends the same record', () => {
    const a = runView('seed-mlp', { id: 1 });
    const b = runView('seed-mlp', { id: 2, startedAt: a.startedAt + 1 });
    const c = runView('seed-mlp', { id: 3, startedAt: a.startedAt + 2 });
    const written = replay([
      { run: a, epochs: [epochMetrics(1, 0.9)] },
      { run: { ...a, status: 'done' } },
      { run: b, epochs: [] },
      { epochs: [epochMetrics(1, 0.91)] },
      { run: { ...b, status: 'done' } },
      // Continue: the store keeps the epochs so far.
      { run: c },
      { epochs: [epochMetrics(1, 0.91), epochMetrics(2, 0.93)] },
    ]);
    const ids = [...new Set(written.map((r) => r.id))];
    expect(ids).toHaveLength(2);
    expect(written.filter((r) => r.id === ids[1]).map((r) => r.number)).toEqual([2, 2, 2, 2, 2]);
    expect(written.at(-1)!.epochs).toHaveLength(2);
  });

  it('does not record a run that never started training, and closes one whose network was changed', () => {
    const failed = runView('seed-mlp', { id: 1, status: 'loading' });
    expect(replay([{ run: failed }, { run: { ...failed, status: 'error', message: 'no data' } }])).toEqual([]);
    const run = runView('seed-mlp', { id: 2 });
    const written = replay([{ run, epochs: [epochMetrics(1, 0.9)] }, { run: null }]);
    expect(written.at(-1)).toMatchObject({ outcome: 'stopped' });
    expect(written.at(-1)!.message).toMatch(/network was changed/);
  });
});
