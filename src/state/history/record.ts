// One run in the history: what it trained, how, and its curves; built from the store, checked on load.

import { analyze } from '../../model/analyze';
import type { Architecture, Layer } from '../../model/architecture';
import { activeRegularizer } from '../../model/architecture';
import { downsample } from '../../model/curves';
import { parseArchitecture } from '../../model/parse';
import { findPreset, findPresetId } from '../../model/presets';
import type { TrainSettings } from '../../model/training';
import { mergeSettings } from '../../model/training';
import type { BatchMetrics, EpochMetrics } from '../../train/protocol';
import type { RunView } from '../trainingSlice';

export const RUN_FORMAT = 'cnn-playground/run';

/** How a run ended; `running` while it trains, `interrupted` when the page closed mid-run. */
export type RunOutcome = 'running' | 'done' | 'stopped' | 'error' | 'interrupted';

/** A per-epoch point, named as Keras prints it in the seed's listings. */
export interface EpochPoint {
  epoch: number;
  loss: number;
  acc: number;
  val_loss: number;
  val_acc: number;
  seconds: number;
  examplesPerSecond: number;
}

/** A per-batch point; `epoch` is the fractional number of epochs done (the x of overlays). */
export interface BatchPoint {
  step: number;
  epoch: number;
  loss: number;
  acc: number;
}

export interface RunRecord {
  format: typeof RUN_FORMAT;
  version: 1;
  /** The IndexedDB key. */
  id: string;
  /** #1, #2, …: how the learner refers to the run. */
  number: number;
  /** The preset's name, or "Custom network". */
  name: string;
  startedAt: number;
  updatedAt: number;
  outcome: RunOutcome;
  message: string | null;
  architecture: Architecture;
  params: number;
  connections: number;
  settings: TrainSettings;
  /** The backend(s) that trained it, e.g. "wasm" or "webgl, wasm" after a Continue elsewhere. */
  backend: string;
  epochs: EpochPoint[];
  /** The per-batch curve, downsampled to at most BATCH_CURVE_POINTS. */
  batches: BatchPoint[];
  secondsPerEpoch: number | null;
  bestValAcc: number | null;
  /** Percent of the 10,000 test digits misclassified; null when the run was not scored. */
  testError: number | null;
  networkKind: 'cnn' | 'baseline';
  /** Set when early stopping ended the run and put this epoch's weights back. */
  bestEpoch: number | null;
}

/** Enough to draw a run's batch curve; a whole run's batch points are a few hundred at most. */
export const BATCH_CURVE_POINTS = 200;

/** What the store holds about the run being recorded. */
export interface RunSnapshot {
  run: RunView;
  backendName: string | null;
  epochs: readonly EpochMetrics[];
  batchPoints: readonly BatchMetrics[];
  evaluation: { testError: number; networkKind: 'cnn' | 'baseline' } | null;
  /** The kept epoch, when early stopping ended this run. */
  bestEpoch: number | null;
}

/** What a run of a network that is not a preset is called (its layers are shown instead). */
export const CUSTOM_NAME = 'Custom network';

export function networkName(arch: Architecture): string {
  const id = findPresetId(arch);
  return (id && findPreset(id)?.name) ?? CUSTOM_NAME;
}

export function epochPoint(m: EpochMetrics): EpochPoint {
  return { epoch: m.epoch, loss: m.loss, acc: m.acc, val_loss: m.valLoss, val_acc: m.valAcc, seconds: m.seconds, examplesPerSecond: m.examplesPerSecond };
}

function batchCurve(points: readonly BatchMetrics[]): BatchPoint[] {
  const all = points.map((b) => ({ step: b.step, epoch: b.step / Math.max(b.batchesPerEpoch, 1), loss: b.loss, acc: b.acc }));
  return downsample(all, BATCH_CURVE_POINTS, (p) => p.step, (p) => p.loss);
}

function outcomeOf(run: RunView): RunOutcome {
  switch (run.status) {
    case 'loading':
    case 'training':
    case 'paused':
      return 'running';
    case 'done':
      return run.stopped ? 'stopped' : 'done';
    case 'error':
      return 'error';
    case 'idle':
      return 'interrupted';
  }
}

/** Add a backend to the list a run was trained on (a Continue may switch backends). */
function withBackend(previous: string, name: string | null): string {
  if (!name) return previous;
  const names = previous ? previous.split(', ') : [];
  return names.includes(name) ? previous : [...names, name].join(', ');
}

const finite = (xs: number[]) => xs.filter(Number.isFinite);

/**
 * The record of the run in `snap`; `previous` is this run's record so far (kept across a
 * Continue, which appends epochs to the same run).
 */
export function buildRecord(base: { id: string; number: number }, snap: RunSnapshot, previous: RunRecord | null, now: number): RunRecord {
  const architecture = JSON.parse(snap.run.architectureKey) as Architecture;
  const totals = analyze(architecture).totals;
  const epochs = snap.epochs.map(epochPoint);
  const seconds = finite(epochs.map((e) => e.seconds));
  const valAccs = finite(epochs.map((e) => e.val_acc));
  return {
    format: RUN_FORMAT,
    version: 1,
    id: base.id,
    number: base.number,
    name: networkName(architecture),
    startedAt: previous?.startedAt ?? snap.run.startedAt,
    updatedAt: now,
    outcome: outcomeOf(snap.run),
    message: snap.run.message,
    architecture,
    params: totals.params,
    connections: totals.connections,
    settings: snap.run.settings,
    backend: withBackend(previous?.backend ?? '', snap.run.backend ?? snap.backendName),
    epochs,
    batches: batchCurve(snap.batchPoints),
    secondsPerEpoch: seconds.length > 0 ? seconds.reduce((a, b) => a + b, 0) / seconds.length : null,
    bestValAcc: valAccs.length > 0 ? Math.max(...valAccs) : null,
    testError: snap.evaluation?.testError ?? null,
    networkKind: snap.evaluation?.networkKind ?? (architecture.layers.some((l) => l.type === 'conv2d') ? 'cnn' : 'baseline'),
    bestEpoch: snap.bestEpoch,
  };
}

// ---- Reading records back: IndexedDB holds whatever an older or newer version wrote. ----

type Json = Record<string, unknown>;
const isObject = (x: unknown): x is Json => typeof x === 'object' && x !== null && !Array.isArray(x);
const num = (x: unknown): number | null => (typeof x === 'number' ? x : null);
const numbersIn = (o: Json, keys: readonly string[]) => keys.every((k) => typeof o[k] === 'number');
const OUTCOMES: readonly RunOutcome[] = ['running', 'done', 'stopped', 'error', 'interrupted'];

/** A stored record checked field by field, or null when it is not a run this app can show. */
export function readRecord(x: unknown): RunRecord | null {
  if (!isObject(x) || x.format !== RUN_FORMAT || x.version !== 1 || typeof x.id !== 'string') return null;
  const parsed = parseArchitecture(JSON.stringify(x.architecture ?? null));
  if (!parsed.ok || !numbersIn(x, ['number', 'startedAt', 'params', 'connections'])) return null;
  const epochs = Array.isArray(x.epochs) ? x.epochs.filter((e): e is EpochPoint => isObject(e) && numbersIn(e, ['epoch', 'loss', 'acc', 'val_loss', 'val_acc', 'seconds', 'examplesPerSecond'])) : [];
  const batches = Array.isArray(x.batches) ? x.batches.filter((b): b is BatchPoint => isObject(b) && numbersIn(b, ['step', 'epoch', 'loss', 'acc'])) : [];
  const outcome = OUTCOMES.find((o) => o === x.outcome) ?? 'interrupted';
  return {
    format: RUN_FORMAT,
    version: 1,
    id: x.id,
    number: x.number as number,
    name: typeof x.name === 'string' ? x.name : networkName(parsed.architecture),
    startedAt: x.startedAt as number,
    updatedAt: num(x.updatedAt) ?? (x.startedAt as number),
    outcome,
    message: typeof x.message === 'string' ? x.message : null,
    architecture: parsed.architecture,
    params: x.params as number,
    connections: x.connections as number,
    settings: mergeSettings(x.settings),
    backend: typeof x.backend === 'string' ? x.backend : '',
    epochs,
    batches,
    secondsPerEpoch: num(x.secondsPerEpoch),
    bestValAcc: num(x.bestValAcc),
    testError: num(x.testError),
    networkKind: x.networkKind === 'baseline' ? 'baseline' : 'cnn',
    bestEpoch: num(x.bestEpoch),
  };
}

/** One line describing the layers, e.g. "Conv2D 32@5×5 relu → MaxPool 2 → … → Dense 10 softmax". */
/** " L2 0.0005" after a layer whose kernel is regularised. */
function penaltyNote(l: Layer): string {
  const r = activeRegularizer(l);
  return r ? ` ${[r.l1 !== 0 ? `L1 ${r.l1}` : '', r.l2 !== 0 ? `L2 ${r.l2}` : ''].filter(Boolean).join(' ')}` : '';
}

export function layerSummary(arch: Architecture): string {
  const parts = arch.layers.map((l) => {
    switch (l.type) {
      case 'conv2d':
        return `Conv2D ${l.filters}@${l.kernelSize}×${l.kernelSize}${l.strides !== 1 ? ` s${l.strides}` : ''}${l.padding === 'same' ? ' same' : ''} ${l.activation}${penaltyNote(l)}`;
      case 'maxPooling2d':
      case 'averagePooling2d':
        return `${l.type === 'maxPooling2d' ? 'MaxPool' : 'AvgPool'} ${l.poolSize}${l.strides !== l.poolSize ? ` s${l.strides}` : ''}`;
      case 'dropout':
        return `Dropout ${l.rate}`;
      case 'flatten':
        return 'Flatten';
      case 'dense':
        return `Dense ${l.units} ${l.activation}${penaltyNote(l)}`;
      case 'batchNormalization':
        return 'BatchNorm';
    }
  });
  return [`Input ${arch.input.height}×${arch.input.width}`, ...parts].join(' → ');
}
