// Records every training run into the history as it happens, from the run events: created when
// training starts, updated each epoch and at the end, closed when the learner discards it.

import type { RunEvent } from '../runEvents';
import { onRunEvent } from '../runEvents';
import type { AppState } from '../store';
import { useAppStore } from '../store';
import type { RunView } from '../trainingSlice';
import { loadHistory, nextRunNumber, saveRecord } from './historyActions';
import type { RunRecord, RunSnapshot } from './record';
import { buildRecord } from './record';

/** The run being recorded: the store's run id and the history record it writes to. */
export interface Tracking {
  runId: number;
  record: { id: string; number: number } | null;
}

function snapshot(s: AppState, run: RunView): RunSnapshot {
  const bestEpoch = s.earlyStop?.runId === run.id ? s.earlyStop.bestEpoch : null;
  return { run, backendName: s.backend?.name ?? null, epochs: s.epochs, batchPoints: s.batchPoints, evaluation: s.evaluation, bestEpoch };
}

/**
 * What to write after `event`, the store being `s`, or null. Pure apart from reading the
 * history's run numbers; `tracking` is updated in place.
 */
export function recordOn(event: RunEvent, s: AppState, tracking: Tracking, now: number): RunRecord | null {
  if (event.type === 'started') {
    // Continue keeps the epochs so far: the same run goes on, in the same record.
    if (!event.continuing) tracking.record = null;
    tracking.runId = event.runId;
    return null;
  }
  if (event.type !== 'progress' && event.type !== 'ended') return null;
  const run = s.run;
  if (!run || run.id !== event.runId || run.id !== tracking.runId) return null;
  if (event.type === 'ended' && event.how === 'discarded') {
    // The learner changed the network mid-run and discarded its weights; the store still holds the run.
    const record = tracking.record;
    tracking.record = null;
    if (!record) return null;
    const stopped: RunView = { ...run, status: 'done', stopped: true, message: 'Stopped: the network was changed and its weights discarded.' };
    return build(record, snapshot(s, stopped), now);
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
  const tracking: Tracking = { runId: -1, record: null };
  return onRunEvent((event) => {
    const record = recordOn(event, useAppStore.getState(), tracking, Date.now());
    if (record) void saveRecord(record);
  });
}
