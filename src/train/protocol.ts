// The typed messages between the main thread and the training worker, in both directions.

import type { Architecture, LayerType } from '../model/architecture';
import type { AugmentRanges } from '../model/augment';
import type { Explanation, WeightsRef } from '../model/explanation';
import type { TrainSettings } from '../model/training';
import type { UnitRef } from '../model/units';

export type { OptimizerName, TrainSettings } from '../model/training';
export type { Explanation, LayerOutput, Saliency, UnitWeights, WeightsRef } from '../model/explanation';

export const BACKENDS = ['webgpu', 'webgl', 'wasm', 'cpu'] as const;
export type BackendName = (typeof BACKENDS)[number];
export type BackendChoice = 'auto' | BackendName;

export type StepUnit = 'batch' | 'epoch';

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

/** A digit to look inside: the one drawn (28×28 bytes, already preprocessed) or a test digit. */
export type DigitSource = { kind: 'drawn'; pixels: Uint8Array } | { kind: 'test'; index: number };

/** Which scored test digits to list: one confusion-matrix cell, or every mistake. */
export type TestDigitQuery = { kind: 'cell'; trueDigit: number; predicted: number } | { kind: 'mistakes' };

/** An answer the worker may be unable to give (no trained network yet, say), with the reason. */
export type Maybe<T> = { ok: true; value: T } | { ok: false; reason: string };

export interface Prediction {
  /** Softmax output, one probability per digit. */
  probabilities: Float32Array;
  /** Epochs the weights have been trained for. */
  epochsDone: number;
  /** The worker's answer counter: a larger one was computed on weights at least as new (see Explanation). */
  seq: number;
}

/** "Look inside" one input: every layer's output, the heat map for a class, and one unit's weights. */
export interface ExplainQuestion {
  source: DigitSource;
  /** The unit whose weights to send with the rest, if any. */
  unit: UnitRef | null;
  /** The class the heat map explains; null for the network's own guess. */
  target: number | null;
  weights: WeightsRef;
}

/** One layer's output for one image. */
export interface LayerActivation {
  /** Position of the layer in the architecture. */
  index: number;
  type: LayerType;
  /** [height, width, channels] for volumes, [units] for flat layers. */
  shape: number[];
  /** The values, channels last as tfjs stores them. */
  values: Float32Array;
}

export interface FeatureMaps {
  /** The image the network saw, side × side bytes (32×32 networks get the zero border). */
  input: Uint8Array;
  side: number;
  /** The true label of a test digit; null for a drawn one. */
  label: number | null;
  /** Every layer that changes its input (dropout and flatten leave values as they are at inference). */
  layers: LayerActivation[];
  epochsDone: number;
}

export interface Filters {
  layerIndex: number;
  kernelSize: number;
  count: number;
  /** [count][kernelSize][kernelSize], averaged over input channels. */
  values: Float32Array;
  epochsDone: number;
}

export interface TestDigits {
  /** How many test digits match the query in all. */
  total: number;
  /** The page asked for: 784 bytes per digit, in order. */
  images: Uint8Array;
  indices: Uint32Array;
  labels: Uint8Array;
  predicted: Uint8Array;
  /** Probability the network gave its predicted digit. */
  confidences: Float32Array;
}

export type RunState = 'training' | 'paused' | 'done' | 'stopped' | 'error';

/** Trained weights as plain arrays, in model.getWeights() order; they cross as transferred buffers. */
export interface WeightsData {
  values: Float32Array[];
  shapes: number[][];
}

/** The weights the worker holds, with the network they belong to. */
export interface TrainedWeights {
  /** JSON of the architecture, as the store's trainedKey. */
  key: string;
  architecture: Architecture;
  epochsDone: number;
  weights: WeightsData;
}

/** A TF.js layers model read from files: its network in format v1 and its weights, or why not. */
export type ModelRead =
  | { ok: true; architecture: Architecture; weights: WeightsData; epochsDone: number }
  | { ok: false; error: string };

export type ModelExport = { ok: true; modelJson: string; weightsBin: ArrayBuffer } | { ok: false; error: string };

export type ToWorker =
  | { type: 'setBackend'; choice: BackendChoice }
  | { type: 'loadData' }
  | { type: 'samples'; requestId: number; split: 'train' | 'test'; digit: number | null; count: number }
  /** `step`: pause after the first batch or epoch (step mode for teaching); null trains straight on. */
  | { type: 'start'; runId: number; architecture: Architecture; settings: TrainSettings; keepWeights: boolean; step: StepUnit | null }
  /** One more batch or epoch of a paused run, then pause again. */
  | { type: 'step'; runId: number; unit: StepUnit }
  | { type: 'pause'; runId: number }
  | { type: 'resume'; runId: number }
  | { type: 'stop'; runId: number }
  | { type: 'resetWeights' }
  | { type: 'memory'; requestId: number }
  | { type: 'predict'; requestId: number; pixels: Uint8Array }
  | { type: 'featureMaps'; requestId: number; source: DigitSource }
  | { type: 'explain'; requestId: number; question: ExplainQuestion }
  | { type: 'filters'; requestId: number }
  | { type: 'testDigits'; requestId: number; query: TestDigitQuery; offset: number; limit: number }
  /** `pixels`: n 28×28 digits, row-major, values in [0, 1]. */
  | { type: 'predictBatch'; requestId: number; pixels: Float32Array }
  | { type: 'getWeights'; requestId: number }
  | { type: 'loadWeights'; requestId: number; architecture: Architecture; weights: WeightsData; epochsDone: number }
  | { type: 'exportModel'; requestId: number; baseName: string }
  | { type: 'readModel'; requestId: number; modelJson: string; weightFiles: { name: string; data: ArrayBuffer }[] }
  | { type: 'augmentPreview'; requestId: number; ranges: AugmentRanges; count: number; seed: number };

export type FromWorker =
  | { type: 'backend'; name: BackendName; reason: string; threads: number }
  | { type: 'backendFailed'; name: BackendName; message: string; /** Where to go on from the kept weights. */ next: BackendName | null }
  | { type: 'dataProgress'; loadedBytes: number; totalBytes: number }
  | { type: 'dataReady'; info: DatasetInfo }
  | { type: 'dataError'; message: string }
  | { type: 'samples'; requestId: number; images: Uint8Array; labels: Uint8Array; indices: Uint32Array }
  | { type: 'runState'; runId: number; state: RunState; epoch: number; message?: string }
  | { type: 'batch'; runId: number; metrics: BatchMetrics }
  | { type: 'epoch'; runId: number; metrics: EpochMetrics }
  | { type: 'evaluation'; runId: number; evaluation: Evaluation; networkKind: 'cnn' | 'baseline' }
  | { type: 'memory'; requestId: number; numTensors: number; numBytes: number }
  | { type: 'predict'; requestId: number; answer: Maybe<Prediction> }
  | { type: 'featureMaps'; requestId: number; answer: Maybe<FeatureMaps> }
  | { type: 'explain'; requestId: number; answer: Maybe<Explanation> }
  | { type: 'filters'; requestId: number; answer: Maybe<Filters> }
  | { type: 'testDigits'; requestId: number; answer: Maybe<TestDigits> }
  | { type: 'fatal'; message: string }
  /** n × 10 probabilities, or null (with why) when there are no trained weights. */
  | { type: 'predictBatch'; requestId: number; probabilities: Float32Array | null; error: string | null }
  | { type: 'getWeights'; requestId: number; trained: TrainedWeights | null }
  | { type: 'loadWeights'; requestId: number; error: string | null }
  | { type: 'exportModel'; requestId: number; result: ModelExport }
  | { type: 'readModel'; requestId: number; result: ModelRead }
  /** Sent at the end of every epoch and when a run stops, for autosave. */
  | { type: 'trainedWeights'; runId: number; trained: TrainedWeights }
  | { type: 'augmentPreview'; requestId: number; preview: AugmentPreview | null; error: string | null }
  | { type: 'earlyStopped'; runId: number; epoch: number; bestEpoch: number; bestLoss: number };
