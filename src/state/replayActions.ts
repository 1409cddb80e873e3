// Replay actions: fold the worker's checkpoints and gradient samples in, move the scrubber, ask about a moment, and restore a checkpoint (undoably).
//
// Scrubbing only changes `shownId`, which the views read to ask about that checkpoint; the live
// weights (Continue, export, autosave, Models) change only in restoreShown and undoRestore.

import type { LivePoint, Moment } from '../model/checkpoints';
import { describeCheckpoint, formatEpoch, LIVE, timeline } from '../model/checkpoints';
import type { Evaluation, Flipped, Result, TensorHistograms, WeightsRef, WorkerEvent } from '../train/protocol';
import type { MomentKey } from './replaySlice';
import { initialReplayView, MAX_GRADIENT_SAMPLES } from './replaySlice';
import { emitRunEvent, onRunEvent } from './runEvents';
import { isRunning } from './selectors';
import type { AppState } from './store';
import { useAppStore } from './store';
import { askWorker } from './worker';
import { thin } from './workerEvents';

/** Fold a replay event of the current run into the store. */
export function foldReplayEvent(m: Extract<WorkerEvent, { type: 'checkpoints' | 'gradients' }>): void {
  const s = useAppStore.getState();
  if (!s.run || s.run.id !== m.runId) return;
  if (m.type === 'gradients') {
    useAppStore.setState({ replay: { ...s.replay, gradients: thin([...s.replay.gradients, m.sample], MAX_GRADIENT_SAMPLES) } });
    return;
  }
  // The moment shown stays shown while it is kept; if the limit thinned it out, the view goes back to now.
  const shownId = s.replay.shownId !== null && m.timeline.checkpoints.some((c) => c.id === s.replay.shownId) ? s.replay.shownId : null;
  useAppStore.setState({ replay: { ...s.replay, timeline: m.timeline, shownId } });
}

/** Forget replay state when the weights it describes go: a fresh run, discarded weights, a lost worker. */
export function startReplayTracking(): () => void {
  return onRunEvent((e) => {
    if ((e.type === 'started' && !e.continuing) || e.type === 'discarded' || e.type === 'workerLost') {
      // The index of runs kept in the history outlives any one run.
      useAppStore.setState((s) => ({ replay: { ...initialReplayView(), index: s.replay.index } }));
    }
  });
}

/** Where the live weights stand: the batches reported while a run goes on, else what the worker last said. */
export function livePoint(s: AppState): LivePoint | null {
  const t = s.replay.timeline;
  if (!t) return null;
  const b = s.latestBatch;
  if (isRunning(s) && b && b.step > t.live.step) return { step: b.step, epoch: b.epoch - 1 + b.batch / b.batchesPerEpoch };
  return t.live;
}

/** The checkpoint the views show, or null for the live weights. Usable as a selector. */
export function shownCheckpoint(s: AppState): number | null {
  const id = s.replay.shownId;
  if (id === null || !s.replay.timeline) return null;
  const live = livePoint(s);
  const c = s.replay.timeline.checkpoints.find((x) => x.id === id);
  // The latest checkpoint, taken where the live weights still are, is the live position itself.
  if (!c || (live && c.step === live.step && c.epoch === live.epoch && live.label === undefined)) return null;
  return id;
}

export function weightsRef(id: number | null): WeightsRef {
  return id === null ? LIVE : { kind: 'checkpoint', id };
}

/** Show moment `m` of the scrubber's timeline (the live position shows the live weights). */
export function showMoment(m: Moment | undefined): void {
  if (!m) return;
  useAppStore.setState((s) => ({ replay: { ...s.replay, shownId: m.live ? null : m.id, error: null } }));
}

/** The scrubber's positions as the store has them now (empty before the first checkpoint). */
export function momentsOf(s: AppState): Moment[] {
  const live = livePoint(s);
  return s.replay.timeline && live ? timeline(s.replay.timeline.checkpoints, live) : [];
}

/** Where the views stand on the curves' x axes: batches done and epochs done; null without a replay. */
export function shownPoint(s: AppState): { step: number; epoch: number; past: boolean } | null {
  const moments = momentsOf(s);
  if (moments.length < 2) return null;
  const id = shownCheckpoint(s);
  const m = (id !== null && moments.find((x) => x.id === id && !x.live)) || moments.at(-1)!;
  return { step: m.step, epoch: m.epoch, past: !m.live };
}

/** Show the moment nearest to `x` batches (or epochs, with `byEpoch`): a click on a learning curve. */
export function showNearest(x: number, byEpoch = false): void {
  let best: Moment | undefined;
  for (const m of momentsOf(useAppStore.getState())) {
    const v = byEpoch ? m.epoch : m.step;
    if (!best || Math.abs(v - x) < Math.abs((byEpoch ? best.epoch : best.step) - x)) best = m;
  }
  showMoment(best);
}

export function setCompare(which: 'from' | 'to', key: MomentKey): void {
  useAppStore.setState((s) => ({ replay: { ...s.replay, compare: { ...s.replay.compare, [which]: key } } }));
}

/** A compare key as weights to ask about. */
export function refOfKey(key: MomentKey, s: AppState = useAppStore.getState()): WeightsRef {
  if (key === 'live') return LIVE;
  if (key === 'first') {
    const first = s.replay.timeline?.checkpoints[0];
    return first ? { kind: 'checkpoint', id: first.id } : LIVE;
  }
  return { kind: 'checkpoint', id: key };
}

export function askHistograms(): Promise<Result<TensorHistograms[]>> {
  return askWorker('histograms', {});
}

export function askEvaluation(weights: WeightsRef): Promise<Result<Evaluation>> {
  return askWorker('evaluate', { weights });
}

export function askFlips(from: WeightsRef, to: WeightsRef, limit: number): Promise<Result<Flipped>> {
  return askWorker('flips', { from, to, limit });
}

function nowInWords(s: AppState): string {
  const live = livePoint(s);
  const error = s.evaluation ? `, test error ${s.evaluation.testError.toFixed(2)}%` : '';
  return `the weights of now (epoch ${formatEpoch(live?.epoch ?? s.run?.epoch ?? 0)}${error})`;
}

/** What restoring the shown checkpoint would replace, in words, for the confirmation; null when nothing is shown. */
export function restorePlan(s: AppState = useAppStore.getState()): { restores: string; replaces: string } | null {
  const id = shownCheckpoint(s);
  const c = s.replay.timeline?.checkpoints.find((x) => x.id === id);
  if (!c) return null;
  return { restores: `${describeCheckpoint(c)} (epoch ${formatEpoch(c.epoch)})`, replaces: nowInWords(s) };
}

/**
 * Make the shown checkpoint the live weights: the run's curves go back to that moment, its test
 * error is the checkpoint's, and autosave keeps these weights. One step, undone by undoRestore.
 */
export async function restoreShown(): Promise<void> {
  const s = useAppStore.getState();
  const id = shownCheckpoint(s);
  const plan = restorePlan(s);
  const c = s.replay.timeline?.checkpoints.find((x) => x.id === id);
  if (id === null || !c || !plan || !s.run || isRunning(s)) return;
  const evaluation = await askEvaluation({ kind: 'checkpoint', id });
  const restored = await askWorker('restoreCheckpoint', { id });
  if (!restored.ok) {
    useAppStore.setState((st) => ({ replay: { ...st.replay, error: restored.error } }));
    return;
  }
  const now = useAppStore.getState();
  const epochsDone = Math.floor(c.epoch);
  const batchPoints = now.batchPoints.filter((b) => b.step <= c.step);
  useAppStore.setState({
    epochs: now.epochs.slice(0, epochsDone),
    batchPoints,
    latestBatch: batchPoints.at(-1) ?? null,
    evaluation: evaluation.ok ? { ...evaluation.value, networkKind: now.evaluation?.networkKind ?? (now.architecture.layers.some((l) => l.type === 'conv2d') ? 'cnn' : 'baseline') } : null,
    run: now.run ? { ...now.run, epoch: epochsDone } : now.run,
    weightsVersion: now.weightsVersion + 1,
    replay: {
      ...now.replay,
      timeline: restored.value.timeline,
      shownId: null,
      gradients: now.replay.gradients.filter((g) => g.step <= c.step),
      error: null,
      undo: {
        restored: plan.restores,
        replaced: plan.replaces,
        page: { epochs: now.epochs, batchPoints: now.batchPoints, latestBatch: now.latestBatch, evaluation: now.evaluation, runEpoch: now.run?.epoch ?? 0, gradients: now.replay.gradients },
      },
    },
  });
  emitRunEvent({ type: 'weights', runId: s.run.id, trained: restored.value.trained });
}

/** Put back the weights, curves and checkpoints the last restore replaced. */
export async function undoRestore(): Promise<void> {
  const s = useAppStore.getState();
  const undo = s.replay.undo;
  if (!undo || !s.run || isRunning(s)) return;
  const back = await askWorker('undoRestore', {});
  if (!back.ok) {
    useAppStore.setState((st) => ({ replay: { ...st.replay, error: back.error } }));
    return;
  }
  const now = useAppStore.getState();
  const { runEpoch, gradients, ...page } = undo.page;
  useAppStore.setState({
    ...page,
    run: now.run ? { ...now.run, epoch: runEpoch } : now.run,
    weightsVersion: now.weightsVersion + 1,
    replay: { ...now.replay, timeline: back.value.timeline, gradients, shownId: null, undo: null, error: null },
  });
  emitRunEvent({ type: 'weights', runId: s.run.id, trained: back.value.trained });
}

export function dismissRestoreNote(): void {
  useAppStore.setState((s) => ({ replay: { ...s.replay, undo: null, error: null } }));
}
