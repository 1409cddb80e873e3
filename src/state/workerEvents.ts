// Folds what the worker reports by itself (backend, data, run progress) into the store, and says
// what happened to the run as run events for autosave and the history.

import type { RunState, WorkerEvent } from '../train/protocol';
import { foldReplayEvent } from './replayActions';
import { emitRunEvent } from './runEvents';
import { useAppStore } from './store';
import type { TrainStatus } from './trainingSlice';
import { MAX_BATCH_POINTS } from './trainingSlice';

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

export function foldWorkerEvent(m: WorkerEvent): void {
  const s = useAppStore.getState();
  const current = (runId: number) => s.run !== null && s.run.id === runId;
  switch (m.type) {
    case 'backend':
      useAppStore.setState({ backend: { name: m.name, reason: m.reason, threads: m.threads }, backendError: null });
      break;
    case 'backendFailed':
      useAppStore.setState({ backendError: { name: m.name, message: m.message, next: m.next } });
      break;
    // Data events of another dataset than the one the page shows (the learner switched) are old news.
    case 'dataProgress':
      if (m.dataset !== s.data.dataset) return;
      useAppStore.setState({ data: { ...s.data, status: 'loading', loadedBytes: m.loadedBytes, totalBytes: m.totalBytes } });
      break;
    case 'dataReady':
      if (m.info.key !== s.data.key) return;
      useAppStore.setState({ data: { ...s.data, status: 'ready', info: m.info, error: null } });
      break;
    case 'dataError': {
      if (m.dataset !== s.data.dataset) return;
      useAppStore.setState({ data: { ...s.data, status: 'error', error: m.message } });
      if (s.run && s.run.status === 'loading') {
        useAppStore.setState({ run: { ...s.run, status: 'error', message: m.message } });
        emitRunEvent({ type: 'ended', runId: s.run.id, how: 'error' });
      }
      break;
    }
    case 'runState': {
      if (!current(m.runId) || !s.run) return;
      useAppStore.setState({
        run: { ...s.run, status: STATUS[m.state], stopped: m.state === 'stopped', epoch: m.epoch, message: m.message ?? null, backend: s.backend?.name ?? null },
        // A run that failed with nothing to keep (diverged before its first epoch) leaves no trained network.
        trainedKey: m.state === 'training' ? s.run.architectureKey : m.keptEpochs === null ? null : s.trainedKey,
      });
      if (m.state === 'training' || m.state === 'paused') emitRunEvent({ type: 'progress', runId: m.runId });
      else emitRunEvent({ type: 'ended', runId: m.runId, how: m.state });
      break;
    }
    case 'batch':
      if (!current(m.runId)) return;
      useAppStore.setState({ latestBatch: m.metrics, batchPoints: thin([...s.batchPoints, m.metrics], MAX_BATCH_POINTS) });
      break;
    case 'epoch':
      if (!current(m.runId)) return;
      useAppStore.setState({ epochs: [...s.epochs, m.metrics] });
      emitRunEvent({ type: 'progress', runId: m.runId });
      break;
    case 'evaluation':
      if (!current(m.runId)) return;
      useAppStore.setState({ evaluation: { ...m.evaluation, networkKind: m.networkKind } });
      emitRunEvent({ type: 'progress', runId: m.runId });
      break;
    case 'earlyStopped':
      if (!current(m.runId)) return;
      useAppStore.setState({ earlyStop: { runId: m.runId, epoch: m.epoch, bestEpoch: m.bestEpoch, bestLoss: m.bestLoss } });
      break;
    case 'trainedWeights':
      if (current(m.runId)) emitRunEvent({ type: 'weights', runId: m.runId, trained: m.trained });
      break;
    case 'checkpoints':
    case 'gradients':
      foldReplayEvent(m);
      break;
    case 'workerError':
      useAppStore.setState({ notice: `The training worker reported an error: ${m.message}` });
      break;
    default: {
      const unknown: never = m;
      throw new Error(`Unhandled worker event ${JSON.stringify(unknown)}`);
    }
  }
}
