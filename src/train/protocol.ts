// The typed messages between the main thread and the training worker, in both directions.

import type { Architecture } from '../model/architecture';
import type { AugmentRanges } from '../model/augment';
import type { TrainSettings } from '../model/training';

export type { OptimizerName, TrainSettings } from '../model/training';

export const BACKENDS = ['webgpu', 'webgl', 'wasm', 'cpu'] as const;
export type BackendName = (typeof BACKENDS)[number];
export type BackendChoice = 'auto' | BackendName;

export interface DatasetInfo {
  trainCount: number;
  testCount: number;
  trainHistogram: number[];
  testHistogram: number[];
  /** True when the bytes came from the browser's cache, not the network. */
  fromCache: boolean;
  seconds: number;
}

/** Per-batch figures, sent a few times a second, averaged over the batches since the last one. */
export interface BatchMetrics {
  epoch: number;
  /** Batches done in this epoch. */
  batch: number;
  batchesPerEpoch: number;
  /** Batches done since the run started (the x axis of per-batch charts). */
  step: number;
  loss: number;
  acc: number;
  examplesPerSecond: number;
  secondsLeft: number;
}

export interface EpochMetrics {
  epoch: number;
  loss: number;
  acc: number;
  valLoss: number;
  valAcc: number;
  seconds: number;
  examplesPerSecond: number;
  /** Live tensors in the worker after the epoch: flat from epoch to epoch unless something leaks. */
  numTensors: number;
  /** The learning rate of the epoch's last batch (it changes under a schedule). */
  learningRate: number;
}

export interface Evaluation {
  /** Percent of the 10,000 test digits misclassified. */
  testError: number;
  /** confusion[true * 10 + predicted]: counts. */
  confusion: number[];
  perClassAccuracy: number[];
}

/** Training digits before and after augmentation, for the preview (28×28 bytes each). */
export interface AugmentPreview {
  originals: Uint8Array;
  augmented: Uint8Array;
  /** The dataset's labels, and the labels of the augmented batch read back from the device. */
  labels: Uint8Array;
  augmentedLabels: Uint8Array;
  indices: Uint32Array;
}

export type RunState = 'training' | 'paused' | 'done' | 'stopped' | 'error';

export type ToWorker =
  | { type: 'setBackend'; choice: BackendChoice }
  | { type: 'loadData' }
  | { type: 'samples'; requestId: number; split: 'train' | 'test'; digit: number | null; count: number }
  | { type: 'start'; runId: number; architecture: Architecture; settings: TrainSettings; keepWeights: boolean }
  | { type: 'pause'; runId: number }
  | { type: 'resume'; runId: number }
  | { type: 'stop'; runId: number }
  | { type: 'resetWeights' }
  | { type: 'memory'; requestId: number }
  | { type: 'augmentPreview'; requestId: number; ranges: AugmentRanges; count: number; seed: number };

export type FromWorker =
  | { type: 'backend'; name: BackendName; reason: string; threads: number }
  | { type: 'backendFailed'; name: BackendName; message: string }
  | { type: 'dataProgress'; loadedBytes: number; totalBytes: number }
  | { type: 'dataReady'; info: DatasetInfo }
  | { type: 'dataError'; message: string }
  | { type: 'samples'; requestId: number; images: Uint8Array; labels: Uint8Array; indices: Uint32Array }
  | { type: 'runState'; runId: number; state: RunState; epoch: number; message?: string }
  | { type: 'batch'; runId: number; metrics: BatchMetrics }
  | { type: 'epoch'; runId: number; metrics: EpochMetrics }
  | { type: 'evaluation'; runId: number; evaluation: Evaluation; networkKind: 'cnn' | 'baseline' }
  | { type: 'memory'; requestId: number; numTensors: number; numBytes: number }
  | { type: 'augmentPreview'; requestId: number; preview: AugmentPreview | null; error: string | null }
  | { type: 'earlyStopped'; runId: number; epoch: number; bestEpoch: number; bestLoss: number }
  | { type: 'fatal'; message: string };
