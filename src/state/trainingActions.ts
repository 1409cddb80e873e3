// Training actions: backend, data, settings and the run's commands (what the worker streams back
// is folded in by workerEvents.ts).

import type { TrainSettings } from '../model/training';
import { settingsProblems } from '../model/training';
import type { AugmentRanges } from '../model/augment';
import type { AugmentPreview, BackendChoice, BackendName, Result, Samples, StepUnit } from '../train/protocol';
import { emitRunEvent } from './runEvents';
import { guardedEdit } from './builderActions';
import { analysisOf, batchTooLarge, currentKey, holdsWeights, isRunning, weightsFit, workerReady } from './selectors';
import type { AppState } from './store';
import { useAppStore } from './store';
import { askWorker, commandWorker } from './worker';

export function setBackendChoice(choice: BackendChoice): void {
  useAppStore.setState({ backendChoice: choice, backend: null });
  commandWorker({ type: 'setBackend', choice });
}

/** After a backend failed: switch to the next one and go on from the kept weights. */
export function continueOnBackend(next: BackendName): void {
  setBackendChoice(next);
  startTraining(weightsFit(useAppStore.getState()));
}

export function loadDataset(): void {
  const s = useAppStore.getState();
  if (s.data.status === 'loading' || s.data.status === 'ready') return;
  useAppStore.setState({ data: { ...s.data, status: 'loading', error: null } });
  commandWorker({ type: 'loadData' });
}

export function retryDataset(): void {
  const s = useAppStore.getState();
  useAppStore.setState({ data: { ...s.data, status: 'idle', error: null } });
  loadDataset();
}

export function updateSettings(patch: Partial<TrainSettings>): void {
  useAppStore.setState((s) => ({ settings: { ...s.settings, ...patch } }));
}

/** Why Train cannot start now, or null when it can. Usable as a selector. */
export function whyCannotTrain(s: AppState = useAppStore.getState()): string | null {
  if (!workerReady(s)) return s.workerStatus.state === 'off' ? 'The training worker is not running.' : 'The training worker is restarting (see the notice).';
  if (!analysisOf(s.architecture).valid) return 'Fix the network first (see the problems above).';
  const problems = [...settingsProblems(s.settings), batchTooLarge(s)].filter((p): p is string => p !== null);
  return problems.length > 0 ? problems.join(' ') : null;
}

/**
 * Start a run: fresh weights, or (`keepWeights`) continue from the weights the worker holds.
 * Fresh weights over trained ones ask first, as an edit does (the discard dialog).
 */
export function startTraining(keepWeights = false, step: StepUnit | null = null): void {
  const s = useAppStore.getState();
  if (isRunning(s) || whyCannotTrain()) return;
  const architectureKey = currentKey(s);
  const continuing = keepWeights && s.trainedKey === architectureKey;
  if (!continuing && holdsWeights(s)) {
    guardedEdit(() => startTraining(false, step), 'train');
    return;
  }
  const id = (s.run?.id ?? 0) + 1;
  // Continuing a network that has done all its epochs trains that many more (as Keras's
  // initial_epoch does); otherwise it finishes the epochs it has left.
  const done = continuing ? (s.run?.epoch ?? 0) : 0;
  const settings = done >= s.settings.epochs ? { ...s.settings, epochs: done + s.settings.epochs } : s.settings;
  useAppStore.setState({
    run: { id, status: 'loading', stopped: false, epoch: done, message: null, architectureKey, settings, backend: s.backend?.name ?? null, startedAt: Date.now() },
    latestBatch: null,
    batchPoints: continuing ? s.batchPoints : [],
    epochs: continuing ? s.epochs : [],
    evaluation: null,
    notice: null,
  });
  if (s.data.status !== 'ready') useAppStore.setState({ data: { ...s.data, status: 'loading', error: null } });
  // The history extends the same record only when the curves so far are kept (not after opening saved weights).
  emitRunEvent({ type: 'started', runId: id, continuing: continuing && s.epochs.length > 0 });
  commandWorker({ type: 'start', runId: id, architecture: s.architecture, settings, keepWeights: continuing, step });
}

const runCommand = (type: 'pause' | 'resume' | 'stop') => () => {
  const s = useAppStore.getState();
  if (s.run && isRunning(s)) commandWorker({ type, runId: s.run.id });
};

export const pauseTraining = runCommand('pause');
export const resumeTraining = runCommand('resume');
export const stopTraining = runCommand('stop');

/**
 * Step mode: one batch or one epoch, then pause. Goes on from a paused run, or starts one (from
 * the trained weights when they fit the network) that pauses after its first step.
 */
export function stepTraining(unit: StepUnit): void {
  const s = useAppStore.getState();
  if (s.run?.status === 'paused') commandWorker({ type: 'step', runId: s.run.id, unit });
  else if (!isRunning(s)) startTraining(weightsFit(s), unit);
}

export function resetWeights(): void {
  const s = useAppStore.getState();
  if (isRunning(s)) return;
  commandWorker({ type: 'resetWeights' });
  useAppStore.setState({ trainedKey: null, evaluation: null });
  emitRunEvent({ type: 'discarded' });
}

export function dismissNotice(): void {
  useAppStore.setState({ notice: null });
}

/** Digits of a split, for the dataset view and the weights check. */
export function askSamples(split: 'train' | 'test', digit: number | null, count: number): Promise<Result<Samples>> {
  return askWorker('samples', { split, digit, count });
}

/** Training digits before and after augmentation with `ranges`, made by the training code. */
export function askAugmentPreview(ranges: AugmentRanges, count: number, seed: number): Promise<Result<AugmentPreview>> {
  return askWorker('augmentPreview', { ranges, count, seed });
}

/** The trained network's probabilities for n 28×28 digits (values in [0, 1]); the pixels are moved, not copied. */
export function askPredictBatch(pixels: Float32Array): Promise<Result<Float32Array>> {
  return askWorker('predictBatch', { pixels }, [pixels.buffer]);
}
