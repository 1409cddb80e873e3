// Training actions: talk to the worker and fold what it streams back into the store.

import { analyze } from '../model/analyze';
import type { TrainSettings } from '../model/training';
import { settingsProblems } from '../model/training';
import type { TrainingClient } from '../train/client';
import type { BackendChoice, BackendName, FromWorker, RunState, StepUnit } from '../train/protocol';
import type { AppState } from './store';
import { useAppStore } from './store';
import type { TrainStatus } from './trainingSlice';
import { MAX_BATCH_POINTS } from './trainingSlice';

type Client = Pick<TrainingClient, 'send' | 'ask'>;

/** The worker client lives in the store so actions reach it without module state. */
const client = (): Client | null => useAppStore.getState().client;

const STATUS: Record<RunState, TrainStatus> = {
  training: 'training',
  paused: 'paused',
  done: 'done',
  stopped: 'done',
  error: 'error',
};

/** Halve a long series, keeping its first and last points, so charts stay cheap. */
export function thin<T>(points: T[], max: number): T[] {
  if (points.length <= max) return points;
  return points.filter((_, i) => i % 2 === 0 || i === points.length - 1);
}

function onMessage(m: FromWorker): void {
  const s = useAppStore.getState();
  const current = (runId: number) => s.run !== null && s.run.id === runId;
  switch (m.type) {
    case 'backend':
      useAppStore.setState({ backend: { name: m.name, reason: m.reason, threads: m.threads }, backendError: null });
      break;
    case 'backendFailed':
      useAppStore.setState({ backendError: { name: m.name, message: m.message, next: m.next } });
      break;
    case 'dataProgress':
      useAppStore.setState({ data: { ...s.data, status: 'loading', loadedBytes: m.loadedBytes, totalBytes: m.totalBytes } });
      break;
    case 'dataReady':
      useAppStore.setState({ data: { ...s.data, status: 'ready', info: m.info, error: null } });
      break;
    case 'dataError': {
      useAppStore.setState({ data: { ...s.data, status: 'error', error: m.message } });
      if (s.run && s.run.status === 'loading') {
        useAppStore.setState({ run: { ...s.run, status: 'error', message: m.message } });
      }
      break;
    }
    case 'runState': {
      if (!current(m.runId) || !s.run) return;
      const status = STATUS[m.state];
      useAppStore.setState({
        run: { ...s.run, status, stopped: m.state === 'stopped', epoch: m.epoch, message: m.message ?? null, backend: s.backend?.name ?? null },
        trainedKey: m.state === 'training' ? s.run.architectureKey : s.trainedKey,
      });
      break;
    }
    case 'batch':
      if (!current(m.runId)) return;
      useAppStore.setState({ latestBatch: m.metrics, batchPoints: thin([...s.batchPoints, m.metrics], MAX_BATCH_POINTS) });
      break;
    case 'epoch':
      if (!current(m.runId)) return;
      useAppStore.setState({ epochs: [...s.epochs, m.metrics] });
      break;
    case 'evaluation':
      if (!current(m.runId)) return;
      useAppStore.setState({ evaluation: { ...m.evaluation, networkKind: m.networkKind } });
      break;
    case 'earlyStopped':
      if (!current(m.runId)) return;
      useAppStore.setState({ earlyStop: { runId: m.runId, epoch: m.epoch, bestEpoch: m.bestEpoch, bestLoss: m.bestLoss } });
      break;
    case 'fatal':
      useAppStore.setState({ notice: `The training worker reported an error: ${m.message}` });
      break;
    case 'samples':
    case 'memory':
    case 'augmentPreview':
    case 'predict':
    case 'featureMaps':
    case 'explain':
    case 'filters':
    case 'testDigits':
    case 'predictBatch':
    case 'getWeights':
    case 'loadWeights':
    case 'exportModel':
    case 'readModel':
      break; // answers to questions; TrainingClient.ask delivers them
    case 'trainedWeights':
      break; // autosave (state/autosave.ts) listens for these
    default: {
      const unknown: never = m;
      throw new Error(`Unhandled worker message ${JSON.stringify(unknown)}`);
    }
  }
}

/** Connect a worker client to the store; returns the function that disconnects it. */
export function attachWorker(worker: TrainingClient): () => void {
  useAppStore.setState({ client: worker });
  const unsubscribe = worker.subscribe(onMessage);
  worker.send({ type: 'setBackend', choice: useAppStore.getState().backendChoice });
  return () => {
    unsubscribe();
    useAppStore.setState({ client: null });
  };
}

/** The worker died and a new one replaced it: weights and data are gone with the old one. */
export function workerRestarted(reason: string): void {
  const s = useAppStore.getState();
  const interrupted = s.run && (s.run.status === 'training' || s.run.status === 'paused' || s.run.status === 'loading');
  useAppStore.setState({
    notice: `The training worker stopped unexpectedly (${reason}) and was restarted.${interrupted ? ' The run in progress was lost; start it again.' : ''}`,
    run: interrupted && s.run ? { ...s.run, status: 'error', message: 'The training worker crashed.' } : s.run,
    trainedKey: null,
    backend: null,
    data: { ...s.data, status: s.data.status === 'ready' ? 'idle' : s.data.status },
  });
  client()?.send({ type: 'setBackend', choice: s.backendChoice });
}

export function setBackendChoice(choice: BackendChoice): void {
  useAppStore.setState({ backendChoice: choice, backend: null });
  client()?.send({ type: 'setBackend', choice });
}

/** After a backend failed: switch to the next one and go on from the kept weights. */
export function continueOnBackend(next: BackendName): void {
  setBackendChoice(next);
  const s = useAppStore.getState();
  startTraining(s.trainedKey === JSON.stringify(s.architecture));
}

export function loadDataset(): void {
  const s = useAppStore.getState();
  if (s.data.status === 'loading' || s.data.status === 'ready') return;
  useAppStore.setState({ data: { ...s.data, status: 'loading', error: null } });
  client()?.send({ type: 'loadData' });
}

export function retryDataset(): void {
  const s = useAppStore.getState();
  useAppStore.setState({ data: { ...s.data, status: 'idle', error: null } });
  loadDataset();
}

export function updateSettings(patch: Partial<TrainSettings>): void {
  useAppStore.setState((s) => ({ settings: { ...s.settings, ...patch } }));
}

export function isRunning(status: TrainStatus | undefined): boolean {
  return status === 'loading' || status === 'training' || status === 'paused';
}

/** Why Train cannot start now, or null when it can. Usable as a selector. */
export function whyCannotTrain(s: AppState = useAppStore.getState()): string | null {
  if (!s.client) return 'The training worker is not running.';
  if (!analyze(s.architecture).valid) return 'Fix the network first (see the problems above).';
  const problems = settingsProblems(s.settings);
  return problems.length > 0 ? problems.join(' ') : null;
}

/** Start a run: fresh weights, or (`keepWeights`) continue from the weights the worker holds. */
export function startTraining(keepWeights = false, step: StepUnit | null = null): void {
  const s = useAppStore.getState();
  if (isRunning(s.run?.status) || whyCannotTrain()) return;
  const architectureKey = JSON.stringify(s.architecture);
  const id = (s.run?.id ?? 0) + 1;
  const continuing = keepWeights && s.trainedKey === architectureKey;
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
  client()?.send({ type: 'start', runId: id, architecture: s.architecture, settings, keepWeights: continuing, step });
}

const runCommand = (type: 'pause' | 'resume' | 'stop') => () => {
  const run = useAppStore.getState().run;
  if (run && isRunning(run.status)) client()?.send({ type, runId: run.id });
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
  if (s.run?.status === 'paused') client()?.send({ type: 'step', runId: s.run.id, unit });
  else if (!isRunning(s.run?.status)) startTraining(s.trainedKey === JSON.stringify(s.architecture), unit);
}

export function resetWeights(): void {
  const s = useAppStore.getState();
  if (isRunning(s.run?.status)) return;
  client()?.send({ type: 'resetWeights' });
  useAppStore.setState({ trainedKey: null, evaluation: null });
}

export function dismissNotice(): void {
  useAppStore.setState({ notice: null });
}
