// Training state: backend, dataset loading, settings, the current run and what it streamed.

import type { DatasetId } from '../model/datasets';
import type { TrainSettings } from '../model/training';
import { DEFAULT_SETTINGS } from '../model/training';
import type { TrainingClient, WorkerLike, WorkerStatus } from '../train/client';
import type { BackendChoice, BackendName, BatchMetrics, DatasetInfo, EpochMetrics, Evaluation } from '../train/protocol';

/** The states of the train-status hook (a stopped run reads as done: its weights are kept). */
export type TrainStatus = 'idle' | 'loading' | 'training' | 'paused' | 'done' | 'error';

export interface DataState {
  /** Which data this describes (the current network's dataset), and its version (dataSpec.ts's specKey). */
  dataset: DatasetId;
  key: string;
  status: 'idle' | 'loading' | 'ready' | 'error';
  loadedBytes: number;
  totalBytes: number;
  info: DatasetInfo | null;
  error: string | null;
}

export interface RunView {
  id: number;
  status: TrainStatus;
  /** True when the user stopped the run before its last epoch. */
  stopped: boolean;
  epoch: number;
  message: string | null;
  /** Architecture (JSON) and settings the run trains. */
  architectureKey: string;
  settings: TrainSettings;
  backend: BackendName | null;
  startedAt: number;
  /** Set when the run trains and tests on other data than the network's dataset ("test digits of your handwriting"). */
  testSet?: string | null;
}

/**
 * The inference worker beside the training worker (train/infer), which answers the drawn digit's
 * guess without waiting for a training step. Started with the first guess asked; only
 * state/worker.ts uses it.
 */
export interface InferenceLink {
  /** Starts it: the app's inference worker, or a fake in tests. */
  create: () => WorkerLike;
  /** Its client once started (a second TrainingClient, with the same restart cap). */
  client: TrainingClient | null;
  /** Its backend is up, so guesses go to it; false again whenever it dies. */
  ready: boolean;
}

/** Per-batch points kept for the charts; older ones are thinned out beyond this. */
export const MAX_BATCH_POINTS = 600;

export interface TrainingSlice {
  /** The worker's main-thread handle; null until main.tsx connects one. Only state/worker.ts uses it. */
  client: TrainingClient | null;
  /** The inference worker's handle; null when the page has none (unit tests of the store). */
  inference: InferenceLink | null;
  /** Running, restarting after a crash (with back-off), or given up on; the UI says which. */
  workerStatus: WorkerStatus;
  backendChoice: BackendChoice;
  backend: { name: BackendName; reason: string; threads: number } | null;
  /** The backend that failed, why, and the one to go on with. */
  backendError: { name: BackendName; message: string; next: BackendName | null } | null;
  data: DataState;
  settings: TrainSettings;
  run: RunView | null;
  latestBatch: BatchMetrics | null;
  batchPoints: BatchMetrics[];
  epochs: EpochMetrics[];
  evaluation: (Evaluation & { networkKind: 'cnn' | 'baseline' }) | null;
  /** The architecture (JSON) whose trained weights the worker holds; null when none. */
  trainedKey: string | null;
  /**
   * An action waiting for the user to agree to discard the trained weights: an edit of the
   * network, or Train (which starts from fresh weights).
   */
  pendingEdit: { apply: () => void; kind: 'edit' | 'train' } | null;
  /** Something the user should know that is not tied to a run (a worker restart, say). */
  notice: string | null;
}

export function initialTraining(): TrainingSlice {
  return {
    client: null,
    inference: null,
    workerStatus: { state: 'off' },
    backendChoice: 'auto',
    backend: null,
    backendError: null,
    data: { dataset: 'mnist', key: 'mnist', status: 'idle', loadedBytes: 0, totalBytes: 0, info: null, error: null },
    settings: DEFAULT_SETTINGS,
    run: null,
    latestBatch: null,
    batchPoints: [],
    epochs: [],
    evaluation: null,
    trainedKey: null,
    pendingEdit: null,
    notice: null,
  };
}
