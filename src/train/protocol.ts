// The typed messages between the main thread and the training worker: commands and questions to
// it; events and answers from it.
//
// Commands (`Command`) are one-way orders: set the backend, load the data, start, pause, stop…
// Events (`WorkerEvent`) are what the worker reports by itself: run progress, the backend in use.
// Questions are requests the worker answers exactly once, with a `Result` of one shape for all:
// `{ ok: true, value }` or `{ ok: false, error }`, the error a sentence the UI can show. A handler
// that throws answers with its message; a worker that dies answers every open question with an
// error (TrainingClient does that), so nothing waits for ever.
//
// Adding a question takes two edits and nothing else:
//   1. an entry in `Questions` below: `name: { ask: {…what it sends}; answer: …what comes back }`;
//   2. its handler in the `handlers` table of worker.ts (the compiler insists on one per entry).
// The main thread then asks it through a state action: `askWorker('name', args)` (state/worker.ts).
// Typed arrays and ArrayBuffers in an answer are transferred, not copied: a handler hands back
// buffers the worker does not keep (copy a kept snapshot first). Only plain data crosses.
//
// The inference worker (train/infer) speaks this same protocol with a second TrainingClient: it
// answers only `predict`, takes only `receiveWeights`, and reports its started backend as a
// `backend` event. state/worker.ts starts it, connects it to the training worker (the weights
// travel between the two on a MessageChannel, never through the page) and asks it for guesses.

import type { Architecture, LayerType } from '../model/architecture';
import type { DatasetId } from '../model/datasets';
import type { AugmentRanges } from '../model/augment';
import type { Explanation, WeightsRef } from '../model/explanation';
import type { TrainSettings } from '../model/training';
import type { UnitRef } from '../model/units';
import type { CheckpointWeights, LivePoint, ReplayTimeline } from '../model/checkpoints';
import type { Flipped } from '../model/compare';
import type { GradientSample } from '../model/gradients';
import type { TensorHistograms } from '../model/histogram';

export type { OptimizerName, TrainSettings } from '../model/training';
export type { Explanation, LayerOutput, Saliency, UnitWeights, WeightsRef } from '../model/explanation';
export type { CheckpointInfo, CheckpointWeights, LivePoint, ReplayTimeline } from '../model/checkpoints';
export type { Flipped, FlipList } from '../model/compare';
export type { GradientSample } from '../model/gradients';
export type { TensorHistograms } from '../model/histogram';

export const BACKENDS = ['webgpu', 'webgl', 'wasm', 'cpu'] as const;
export type BackendName = (typeof BACKENDS)[number];
export type BackendChoice = 'auto' | BackendName;

export type StepUnit = 'batch' | 'epoch';

/** A dataset's two splits as bytes: 784 per image, one label byte per image. */
export interface DatasetBytes {
  trainImages: Uint8Array;
  trainLabels: Uint8Array;
  testImages: Uint8Array;
  testLabels: Uint8Array;
}

/**
 * Which data to load or train on: a built-in dataset, fetched by the worker from the app's own
 * origin, or examples of the learner's own, sent along (`key` names their version, so the worker
 * keeps them while they are unchanged; `classes` is how many labels they use).
 */
export type DataSpec =
  | { dataset: Exclude<DatasetId, 'custom'> }
  | { dataset: 'custom'; key: string; classes: number; bytes: DatasetBytes };

export interface DatasetInfo {
  /** Which data this describes (DataSpec's dataset, and for the learner's own its key). */
  dataset: DatasetId;
  key: string;
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
  /** Percent of the test set misclassified. */
  testError: number;
  /** How many classes (the network's outputs): the confusion matrix is classes × classes. */
  classes: number;
  /** How many test examples were scored. */
  testCount: number;
  /** confusion[true * classes + predicted]: counts. */
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

/** Every answer: a value, or why there is none (a sentence for the UI). */
export type Result<T> = { ok: true; value: T } | { ok: false; error: string };

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

/** The answer to restoring a checkpoint (or undoing it): the weights now live, and the checkpoints that remain. */
export interface Restored {
  trained: TrainedWeights;
  timeline: ReplayTimeline;
}

/** A TF.js layers model read from files: its network in format v1, its weights and epochs. */
export interface ModelRead {
  architecture: Architecture;
  weights: WeightsData;
  epochsDone: number;
}

/** A trained model as TF.js files: model.json's text and the weights file's bytes. */
export interface ModelExport {
  modelJson: string;
  weightsBin: ArrayBuffer;
}

/** Digits of a split with their labels and indices (784 bytes each). */
export interface Samples {
  images: Uint8Array;
  labels: Uint8Array;
  indices: Uint32Array;
}

type None = Record<string, never>;

/** Every question the worker answers: what it asks and what it answers. See the header. */
export interface Questions {
  /** The first `count` digits of a split (of one digit, or all). */
  samples: { ask: { split: 'train' | 'test'; digit: number | null; count: number }; answer: Samples };
  memory: { ask: None; answer: { numTensors: number; numBytes: number } };
  /**
   * The trained network's probabilities for a drawn digit (28×28 bytes, preprocessed). `weights`,
   * here and below: which weights answer, the live ones unless a checkpoint is named (replay).
   */
  predict: { ask: { pixels: Uint8Array; weights?: WeightsRef }; answer: Prediction };
  featureMaps: { ask: { source: DigitSource; weights?: WeightsRef }; answer: FeatureMaps };
  /** One input explained: every layer's output, the logits, the heat map, the selected unit's weights, all from the same weights (the question's `weights`). */
  explain: { ask: ExplainQuestion; answer: Explanation };
  filters: { ask: { weights?: WeightsRef }; answer: Filters };
  testDigits: { ask: { query: TestDigitQuery; offset: number; limit: number; weights?: WeightsRef }; answer: TestDigits };
  /** Replay: the test set scored at a moment (a checkpoint's scores are computed once, then kept). */
  evaluate: { ask: { weights: WeightsRef }; answer: Evaluation };
  /** Replay: every learnt tensor's histograms at every checkpoint (and the live weights), with shared bins. */
  histograms: { ask: None; answer: TensorHistograms[] };
  /** Replay: the test digits that went wrong → right and right → wrong between two moments, `limit` of each with images. */
  flips: { ask: { from: WeightsRef; to: WeightsRef; limit: number }; answer: Flipped };
  /** Replay: make a checkpoint the live weights (later checkpoints kept for undo); refused during a run. */
  restoreCheckpoint: { ask: { id: number }; answer: Restored };
  undoRestore: { ask: None; answer: Restored };
  /** Replay: copies of every checkpoint's weights, to keep with the run in the history. */
  checkpointWeights: { ask: None; answer: CheckpointWeights[] };
  /** Replay: a run's checkpoints from the history, for the weights the worker holds now (loaded just before). */
  loadCheckpoints: { ask: { checkpoints: CheckpointWeights[]; live: LivePoint }; answer: ReplayTimeline };
  /** `pixels`: n 28×28 digits, row-major, values in [0, 1]; answers n × 10 probabilities. */
  predictBatch: { ask: { pixels: Float32Array }; answer: Float32Array };
  /** The weights the worker holds (mid-run, those of the last finished epoch); null when none. */
  getWeights: { ask: None; answer: TrainedWeights | null };
  /** Replace the trained network with these weights; refused (the old one kept) when they do not fit. */
  loadWeights: { ask: { architecture: Architecture; weights: WeightsData; epochsDone: number }; answer: null };
  /** `dataset` and `classNames` go into model.json's metadata, so the model says what it tells apart. */
  exportModel: { ask: { baseName: string; dataset?: DatasetId; classNames?: readonly string[] }; answer: ModelExport };
  /** Read TF.js model files; the worker's own network is untouched. */
  readModel: { ask: { modelJson: string; weightFiles: { name: string; data: ArrayBuffer }[] }; answer: ModelRead };
  augmentPreview: { ask: { ranges: AugmentRanges; count: number; seed: number }; answer: AugmentPreview };
}

export type QuestionName = keyof Questions;
export type Ask<N extends QuestionName> = Questions[N]['ask'];
export type Reply<N extends QuestionName> = Questions[N]['answer'];

/** A question on the wire: the client numbers it, and the answer carries the same id. */
export type Question = { [N in QuestionName]: { type: 'question'; id: number; name: N; args: Ask<N> } }[QuestionName];

export type Command =
  | { type: 'setBackend'; choice: BackendChoice }
  /** Load this data and make it the data samples, previews and test digits come from. */
  | { type: 'loadData'; data: DataSpec }
  /** `step`: pause after the first batch or epoch (step mode for teaching); null trains straight on. */
  | { type: 'start'; runId: number; architecture: Architecture; settings: TrainSettings; keepWeights: boolean; step: StepUnit | null; data: DataSpec }
  /** One more batch or epoch of a paused run, then pause again. */
  | { type: 'step'; runId: number; unit: StepUnit }
  | { type: 'pause'; runId: number }
  | { type: 'resume'; runId: number }
  | { type: 'stop'; runId: number }
  | { type: 'resetWeights' }
  /**
   * To the training worker: share the weights it holds on this port, with the inference worker at
   * its other end (a new port replaces the old). Sent by state/worker.ts whenever either starts.
   */
  | { type: 'shareWeights'; port: MessagePort }
  /**
   * To the inference worker (train/infer): answer `predict` from the weights that arrive on this
   * port; what came on an older port is dropped. It takes no other command.
   */
  | { type: 'receiveWeights'; port: MessagePort };

export type ToWorker = Command | Question;

export type WorkerEvent =
  | { type: 'backend'; name: BackendName; reason: string; threads: number }
  | { type: 'backendFailed'; name: BackendName; message: string; /** Where to go on from the kept weights. */ next: BackendName | null }
  | { type: 'dataProgress'; dataset: DatasetId; loadedBytes: number; totalBytes: number }
  | { type: 'dataReady'; info: DatasetInfo }
  | { type: 'dataError'; dataset: DatasetId; message: string }
  /** `keptEpochs` (after an error): the epochs of the weights the worker kept; null when it holds none. */
  | { type: 'runState'; runId: number; state: RunState; epoch: number; message?: string; keptEpochs?: number | null }
  | { type: 'batch'; runId: number; metrics: BatchMetrics }
  | { type: 'epoch'; runId: number; metrics: EpochMetrics }
  | { type: 'evaluation'; runId: number; evaluation: Evaluation; networkKind: 'cnn' | 'baseline' }
  /** Sent at the end of every epoch and when a run stops, for autosave. */
  | { type: 'trainedWeights'; runId: number; trained: TrainedWeights }
  | { type: 'earlyStopped'; runId: number; epoch: number; bestEpoch: number; bestLoss: number }
  /** Replay: the run's checkpoints changed (one was taken, thinned, restored), or the live weights moved to another moment. */
  | { type: 'checkpoints'; runId: number; timeline: ReplayTimeline }
  /** Replay: the gradients of every layer at a sampled batch. */
  | { type: 'gradients'; runId: number; sample: GradientSample }
  /** Something failed outside any question or run (a command that threw). */
  | { type: 'workerError'; message: string };

export interface Answer {
  type: 'answer';
  id: number;
  result: Result<unknown>;
}

export type FromWorker = WorkerEvent | Answer;
