// Training actions: backend, data, settings and the run's commands (what the worker streams back
// is folded in by workerEvents.ts).

import type { TrainSettings } from '../model/training';
import { settingsProblems } from '../model/training';
import type { AugmentRanges } from '../model/augment';
import type { AugmentPreview, BackendChoice, BackendName, DataSpec, Result, Samples, StepUnit } from '../train/protocol';
import { readinessProblems } from '../model/customSplit';
import { currentSpec, specKey } from './dataSpec';
import { countsOf, namesOf, selectCustomClasses, selectDatasetId, selectTrainCount } from './datasetSelectors';
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

/** Load the current network's dataset into the worker (once; again after an error or when it changed). */
export function loadDataset(): void {
  const s = useAppStore.getState();
  const spec = currentSpec(s);
  const key = specKey(spec);
  if (s.data.key === key && (s.data.status === 'loading' || s.data.status === 'ready')) return;
  useAppStore.setState({ data: { dataset: spec.dataset, key, status: 'loading', loadedBytes: 0, totalBytes: 0, info: null, error: null } });
  commandWorker({ type: 'loadData', data: spec });
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
  if (!analysisOf(s.architecture, selectCustomClasses(s)).valid) return 'Fix the network first (see the problems above).';
  if (selectDatasetId(s) === 'custom') {
    const ready = readinessProblems(namesOf(s.customDataset), countsOf(s.customDataset).perClass);
    if (ready.length > 0) return ready.join(' ');
  }
  const problems = [...settingsProblems(s.settings, selectTrainCount(s)), batchTooLarge(s)].filter((p): p is string => p !== null);
  return problems.length > 0 ? problems.join(' ') : null;
}

/** A run on other data than the network's dataset: fine-tuning on the learner's own digits. */
export interface TrainOn {
  spec: DataSpec;
  /** Settings that differ for this run (subset, batch size, epochs to add). */
  settings: Partial<TrainSettings>;
  /** What the run's test error is measured on, for the status ("test digits of your handwriting"). */
  testSet: string;
}

/**
 * Start a run: fresh weights, or (`keepWeights`) continue from the weights the worker holds.
 * Fresh weights over trained ones ask first, as an edit does (the discard dialog).
 * `on`: train on other data (the learner's own digits) instead of the network's dataset.
 */
export function startTraining(keepWeights = false, step: StepUnit | null = null, on: TrainOn | null = null): void {
  const s = useAppStore.getState();
  if (isRunning(s) || whyCannotTrain()) return;
  const architectureKey = currentKey(s);
  const continuing = keepWeights && s.trainedKey === architectureKey;
  if (!continuing && holdsWeights(s)) {
    guardedEdit(() => startTraining(false, step, on), 'train');
    return;
  }
  const id = (s.run?.id ?? 0) + 1;
  // Continuing a network that has done all its epochs trains that many more (as Keras's
  // initial_epoch does); otherwise it finishes the epochs it has left.
  const done = continuing ? (s.run?.epoch ?? 0) : 0;
  const base = on ? { ...s.settings, ...on.settings, epochs: done + (on.settings.epochs ?? s.settings.epochs) } : s.settings;
  const settings = done >= base.epochs ? { ...base, epochs: done + base.epochs } : base;
  useAppStore.setState({
    run: { id, status: 'loading', stopped: false, epoch: done, message: null, architectureKey, settings, backend: s.backend?.name ?? null, startedAt: Date.now(), testSet: on?.testSet ?? null },
    latestBatch: null,
    batchPoints: continuing ? s.batchPoints : [],
    epochs: continuing ? s.epochs : [],
    evaluation: null,
    notice: null,
  });
  const spec = on?.spec ?? currentSpec(s);
  const key = specKey(spec);
  if (!on && (s.data.key !== key || s.data.status !== 'ready')) {
    useAppStore.setState({ data: { ...s.data, dataset: spec.dataset, key, status: 'loading', error: null, ...(s.data.key !== key && { info: null, loadedBytes: 0, totalBytes: 0 }) } });
  }
  // The history extends the same record only when the curves so far are kept (not after opening saved weights).
  emitRunEvent({ type: 'started', runId: id, continuing: continuing && s.epochs.length > 0 });
  commandWorker({ type: 'start', runId: id, architecture: s.architecture, settings, keepWeights: continuing, step, data: spec });
  // The dataset browser and the weights check go on showing the network's own dataset.
  if (on) commandWorker({ type: 'loadData', data: currentSpec(s) });
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
