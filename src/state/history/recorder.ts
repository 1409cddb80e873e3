// Records every training run into the history as it happens: created when training starts, updated each epoch and at the end.

import type { AppState } from '../store';
import { useAppStore } from '../store';
import { isRunning } from '../trainingActions';
import type { RunView } from '../trainingSlice';
import { loadHistory, nextRunNumber, saveRecord } from './historyActions';
import type { RunRecord, RunSnapshot } from './record';
import { buildRecord } from './record';

/** The run being recorded: the store's run id and the history record it writes to. */
interface Tracking {
  runId: number;
  architectureKey: string;
  record: { id: string; number: number } | null;
}

function snapshot(s: AppState, run: RunView): RunSnapshot {
  const bestEpoch = s.earlyStop?.runId === run.id ? s.earlyStop.bestEpoch : null;
  return { run, backendName: s.backend?.name ?? null, epochs: s.epochs, batchPoints: s.batchPoints, evaluation: s.evaluation, bestEpoch };
}

/**
 * What to write after the store changed from `prev` to `s`, or null. Pure apart from reading the
 * history's run numbers; `tracking` is updated in place.
 */
export function recordFor(s: AppState, prev: AppState, tracking: Tracking, now: number): RunRecord | null {
  if (s.run === prev.run && s.epochs === prev.epochs && s.evaluation === prev.evaluation) return null;
  const run = s.run;
  if (run === null) {
    // The run was forgotten mid-way because the learner changed the network and discarded its weights.
    const record = tracking.record;
    tracking.record = null;
    if (!record || !prev.run || !isRunning(prev.run.status)) return null;
    const stopped: RunView = { ...prev.run, status: 'done', stopped: true, message: 'Stopped: the network was changed and its weights discarded.' };
    return build(record, snapshot(prev, stopped), now);
  }
  if (run.id !== tracking.runId) {
    // Continue keeps the epochs so far: the same run goes on, in the same record.
    const continuing = s.epochs.length > 0 && tracking.record !== null && tracking.architectureKey === run.architectureKey;
    tracking.runId = run.id;
    tracking.architectureKey = run.architectureKey;
    if (!continuing) tracking.record = null;
  }
  if (!tracking.record) {
    // A run that never started training (the data failed to load, say) is not worth a row.
    if (run.status !== 'training' && run.status !== 'paused') return null;
    tracking.record = { id: `run-${run.startedAt}-${run.id}`, number: nextRunNumber() };
  }
  return build(tracking.record, snapshot(s, run), now);
}

function build(record: { id: string; number: number }, snap: RunSnapshot, now: number): RunRecord {
  const previous = useAppStore.getState().history.runs.find((r) => r.id === record.id) ?? null;
  return buildRecord({ id: record.id, number: previous?.number ?? record.number }, snap, previous, now);
}

/** Load the stored history and record runs from now on; returns the function that stops recording. */
export function startHistoryRecording(): () => void {
  void loadHistory();
  const tracking: Tracking = { runId: -1, architectureKey: '', record: null };
  return useAppStore.subscribe((s, prev) => {
    const record = recordFor(s, prev, tracking, Date.now());
    if (record) void saveRecord(record);
  });
}
