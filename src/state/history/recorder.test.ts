import { beforeEach, describe, expect, it } from 'vitest';
import type { RunEvent } from '../runEvents';
import type { AppState } from '../store';
import { resetStore, useAppStore } from '../store';
import type { Tracking } from './recorder';
import { recordOn } from './recorder';
import { epochMetrics, runView } from './testRuns';

/** A store change and the run events the training actions say with it. */
type Step = [Partial<AppState>, ...RunEvent[]];

const started = (runId: number, continuing = false): RunEvent => ({ type: 'started', runId, continuing });
const progress = (runId: number): RunEvent => ({ type: 'progress', runId });
const ended = (runId: number, how: 'done' | 'error' | 'discarded' = 'done'): RunEvent => ({ type: 'ended', runId, how });

/** Feed store changes and their run events through the recorder, as the subscription would. */
function replay(steps: Step[]) {
  const tracking: Tracking = { runId: -1, record: null };
  const written = [];
  for (const [patch, ...events] of steps) {
    // A discard is said before the run is forgotten, as discardWeightsAndApply does.
    const before = events.filter((e) => e.type === 'ended' && e.how === 'discarded');
    const after = events.filter((e) => !before.includes(e));
    for (const [when, list] of [[0, before], [1, after]] as const) {
      if (when === 1) useAppStore.setState(patch);
      for (const event of list) {
        const s = useAppStore.getState();
        const r = recordOn(event, s, tracking, 0);
        if (r) {
          written.push(r);
          useAppStore.setState({ history: { ...s.history, runs: [...s.history.runs.filter((x) => x.id !== r.id), r] } });
        }
      }
    }
  }
  return written;
}

describe('recording runs', () => {
  beforeEach(() => resetStore());

  it('starts a record once training starts, updates it per epoch, and finishes it with the test error', () => {
    const run = runView('seed-simple-cnn', { id: 1, status: 'loading' });
    const written = replay([
      [{ run }, started(1)],
      [{ run: { ...run, status: 'training' } }, progress(1)],
      [{ epochs: [epochMetrics(1, 0.9)] }, progress(1)],
      [{ epochs: [epochMetrics(1, 0.9), epochMetrics(2, 0.95)] }, progress(1)],
      [{ evaluation: { testError: 4.2, classes: 10, testCount: 10_000, confusion: [], perClassAccuracy: [], networkKind: 'cnn' } }, progress(1)],
      [{ run: { ...run, status: 'done', epoch: 2 } }, ended(1)],
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
      [{ run: a, epochs: [epochMetrics(1, 0.9)] }, started(1), progress(1)],
      [{ run: { ...a, status: 'done' } }, ended(1)],
      [{ run: b, epochs: [] }, started(2), progress(2)],
      [{ epochs: [epochMetrics(1, 0.91)] }, progress(2)],
      [{ run: { ...b, status: 'done' } }, ended(2)],
      // Continue: the store keeps the epochs so far.
      [{ run: c }, started(3, true), progress(3)],
      [{ epochs: [epochMetrics(1, 0.91), epochMetrics(2, 0.93)] }, progress(3)],
    ]);
    const ids = [...new Set(written.map((r) => r.id))];
    expect(ids).toHaveLength(2);
    expect(written.filter((r) => r.id === ids[1]).map((r) => r.number)).toEqual([2, 2, 2, 2, 2]);
    expect(written.at(-1)!.epochs).toHaveLength(2);
  });

  it('does not record a run that never started training, and closes one whose network was changed', () => {
    const failed = runView('seed-mlp', { id: 1, status: 'loading' });
    expect(replay([[{ run: failed }, started(1)], [{ run: { ...failed, status: 'error', message: 'no data' } }, ended(1, 'error')]])).toEqual([]);
    const run = runView('seed-mlp', { id: 2 });
    const written = replay([[{ run, epochs: [epochMetrics(1, 0.9)] }, started(2), progress(2)], [{ run: null }, ended(2, 'discarded')]]);
    expect(written.at(-1)).toMatchObject({ outcome: 'stopped' });
    expect(written.at(-1)!.message).toMatch(/network was changed/);
  });
});
