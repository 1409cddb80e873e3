// Replay state on the page: the worker's timeline folded in, the moment shown, what a restore would replace, and the history's size rule.
import { beforeEach, describe, expect, it } from 'vitest';
import type { CheckpointInfo, ReplayTimeline } from '../model/checkpoints';
import { HISTORY_CHECKPOINTS_MB, MB } from '../model/checkpoints';
import { DEFAULT_SETTINGS } from '../model/training';
import type { RunRecord } from './history/record';
import { foldReplayEvent, momentsOf, restorePlan, shownCheckpoint, showMoment, startReplayTracking } from './replayActions';
import { keepCheckpoints } from './replayHistory';
import { emitRunEvent } from './runEvents';
import { resetStore, useAppStore } from './store';

const c = (id: number, kind: CheckpointInfo['kind'], step: number, epoch: number): CheckpointInfo => ({ id, kind, step, epoch, bytes: 1_000 });
const timeline = (checkpoints: CheckpointInfo[], live = { step: 80, epoch: 2 }): ReplayTimeline => ({ checkpoints, taken: checkpoints.length, bytes: checkpoints.length * 1_000, budgetBytes: 64 * MB, live });
const three = [c(1, 'start', 0, 0), c(2, 'epoch', 40, 1), c(3, 'epoch', 80, 2)];

function withRun() {
  useAppStore.setState({
    run: { id: 7, status: 'done', stopped: false, epoch: 2, message: null, architectureKey: 'k', settings: DEFAULT_SETTINGS, backend: 'wasm', startedAt: 0 },
    trainedKey: 'k',
    evaluation: { testError: 3.5, classes: 10, testCount: 10_000, confusion: [], perClassAccuracy: [], networkKind: 'cnn' },
  });
}

describe('replay state', () => {
  beforeEach(() => {
    resetStore();
    withRun();
  });

  it('folds the timeline of the current run only, and the latest checkpoint at the live weights is the live position', () => {
    foldReplayEvent({ type: 'checkpoints', runId: 6, timeline: timeline(three) });
    expect(useAppStore.getState().replay.timeline).toBeNull();
    foldReplayEvent({ type: 'checkpoints', runId: 7, timeline: timeline(three) });
    const moments = momentsOf(useAppStore.getState());
    expect(moments.map((m) => [m.id, m.live])).toEqual([[1, false], [2, false], [3, true]]);
    showMoment(moments[2]);
    expect(shownCheckpoint(useAppStore.getState())).toBeNull();
    showMoment(moments[1]);
    expect(shownCheckpoint(useAppStore.getState())).toBe(2);
  });

  it('keeps showing a checkpoint while it is kept, and goes back to now when the limit thins it out', () => {
    foldReplayEvent({ type: 'checkpoints', runId: 7, timeline: timeline(three) });
    showMoment(momentsOf(useAppStore.getState())[1]);
    foldReplayEvent({ type: 'checkpoints', runId: 7, timeline: timeline([...three, c(4, 'epoch', 120, 3)], { step: 120, epoch: 3 }) });
    expect(shownCheckpoint(useAppStore.getState())).toBe(2);
    foldReplayEvent({ type: 'checkpoints', runId: 7, timeline: timeline([three[0]!, c(4, 'epoch', 120, 3)], { step: 120, epoch: 3 }) });
    expect(shownCheckpoint(useAppStore.getState())).toBeNull();
  });

  it('says what restoring the shown checkpoint would replace', () => {
    foldReplayEvent({ type: 'checkpoints', runId: 7, timeline: timeline(three) });
    expect(restorePlan()).toBeNull();
    showMoment(momentsOf(useAppStore.getState())[1]);
    expect(restorePlan()).toEqual({ restores: 'end of epoch 1 (epoch 1)', replaces: 'the weights of now (epoch 2, test error 3.50%)' });
  });

  it('forgets a run’s replay when fresh weights start, but not which history runs have theirs', () => {
    const stop = startReplayTracking();
    foldReplayEvent({ type: 'checkpoints', runId: 7, timeline: timeline(three) });
    useAppStore.setState((s) => ({ replay: { ...s.replay, index: { 'run-1': { count: 3, bytes: 3_000, savedAt: 1 } } } }));
    emitRunEvent({ type: 'started', runId: 8, continuing: true });
    expect(useAppStore.getState().replay.timeline).not.toBeNull();
    emitRunEvent({ type: 'started', runId: 8, continuing: false });
    expect(useAppStore.getState().replay.timeline).toBeNull();
    expect(Object.keys(useAppStore.getState().replay.index)).toEqual(['run-1']);
    stop();
  });

  it('says when checkpoints are too large for the history, and how much space they would take', async () => {
    useAppStore.setState((s) => ({ history: { ...s.history, runs: [{ id: 'run-a', number: 3, updatedAt: 5 } as RunRecord] } }));
    const big = { ...timeline(three), bytes: HISTORY_CHECKPOINTS_MB * MB + 3_200_000 };
    await keepCheckpoints(big);
    expect(useAppStore.getState().replay.kept).toBe(`Not kept with run #3 in the history: its 3 checkpoints take 43.20 MB, more than the 40.00 MB kept per run. They stay here until the next run.`);
  });
});
