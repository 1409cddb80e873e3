// The worker's state between messages: backend, dataset, model, weights and the current run.

import * as tf from '@tensorflow/tfjs';
import type { Architecture } from '../model/architecture';
import { analyze, batchMemoryProblem } from '../model/analyze';
import { architectureKey } from '../model/architecture';
import { nonFinite, nonFiniteProblem } from '../model/finite';
import { batchNormMomentum, batchesPerEpoch } from '../model/training';
import type { Chosen } from './backends';
import { choose, nextBackend } from './backends';
import { buildModel } from './buildModel';
import type { MnistBytes } from './dataset';
import { PIXELS } from './dataset';
import { classCounts } from '../data/fashion';
import { datasetInfo } from '../model/datasets';
import { confusionOf, scoreSplit } from './metrics';
import type { BackendWatch } from './health';
import { unlessLost, watchBackend } from './health';
import type { AugmentPreview, BackendChoice, BackendName, DataSpec, DatasetBytes, ModelExport, ModelRead, Samples, StepUnit, TrainSettings, WorkerEvent } from './protocol';
import type { Control, WeightSnapshot } from './trainer';
import { makeOptimizer, restoreSnapshot, runTraining, splitData, takeSnapshot } from './trainer';
import { loadDataset } from './loadDataset';
import type { AugmentRanges } from '../model/augment';
import { previewAugmentation } from './augment';
import { Inspector } from './inspect';
import { exportModel, modelWithWeights, predictDigits, readModelFiles } from './modelFiles';
import { WeightShare } from './infer/share';
import type { TrainedWeights, WeightsData, WeightsRef } from './protocol';
import { ReplayDesk } from './replayDesk';

/** The key a dataset is kept under: its id, and for the learner's own examples their version. */
function specKey(spec: DataSpec): string {
  return spec.dataset === 'custom' ? `custom:${spec.key}` : spec.dataset;
}

/** How many classes a network tells apart: its last layer's units. */
function outputsOf(architecture: Architecture): number {
  const last = architecture.layers.at(-1);
  return last?.type === 'dense' ? last.units : 10;
}

/** The learner's examples as sent: whole images, labels that pair up and name a class. */
function checkBytes(bytes: DatasetBytes, classes: number): DatasetBytes {
  for (const [images, labels, name] of [
    [bytes.trainImages, bytes.trainLabels, 'training'],
    [bytes.testImages, bytes.testLabels, 'test'],
  ] as const) {
    if (images.length !== labels.length * PIXELS) throw new Error(`The ${name} examples do not pair up with their labels.`);
    const bad = labels.findIndex((label) => label >= classes);
    if (bad >= 0) throw new Error(`A ${name} example is labelled ${labels[bad]}, beyond the ${classes} classes.`);
  }
  return bytes;
}

/** Events only: answers to questions are what the methods below return. */
type Post = (message: WorkerEvent, transfer?: Transferable[]) => void;

interface Trained {
  model: tf.Sequential;
  /** The architecture the model was built from, as JSON, to tell whether it still applies. */
  key: string;
  architecture: Architecture;
  epochsDone: number;
  snapshot: WeightSnapshot | null;
}

export class Session {
  private choice: BackendChoice = 'auto';
  private backend: Chosen | null = null;
  /** Loaded (or loading) datasets by specKey: the built-in ones, and the newest of the learner's own. */
  private readonly datasets = new Map<string, Promise<DatasetBytes>>();
  /** The data samples and previews come from: what was last loaded or trained on. */
  private current: DataSpec = { dataset: 'mnist' };
  /** The data the last evaluation scored: what test-digit indices refer to. */
  private evaluated: DatasetBytes | null = null;
  private trained: Trained | null = null;
  private run: { id: number; control: Control } | null = null;
  /** Set when the backend died: its tensors can no longer be read. */
  private backendLost = false;
  /** Watches the active GPU backend for a lost device. */
  private watch: BackendWatch | null = null;
  /** Backends that died in this session: "auto" does not pick them again. */
  private readonly failedBackends = new Set<BackendName>();
  private discardAfterRun = false;

  /** Answers questions about the trained network: predictions, feature maps, filters, test digits. */
  readonly inspector: Inspector;
  /** Keeps the inference worker's copy of the weights current (it answers the drawn digit's guess). */
  private readonly shared = new WeightShare(() => this.inspector.stamp());
  /** Replay: the run's checkpoints and gradients, and questions about any moment of it. */
  readonly replay: ReplayDesk;

  constructor(private readonly post: Post) {
    // Questions about the trained network read the data it was scored on.
    const scoredOn = () => (this.evaluated ? Promise.resolve(this.evaluated) : this.loadData());
    this.replay = new ReplayDesk({
      live: () => this.trained,
      ready: () => this.ensureBackend(),
      data: scoredOn,
      running: () => this.run !== null,
      liveScores: () => this.inspector.keptScores(),
      adopt: (weights, epochsDone, scores) => {
        const t = this.trained!;
        restoreSnapshot(t.model, weights);
        t.snapshot = { values: weights.values.map((v) => v.slice()), shapes: weights.shapes };
        t.epochsDone = epochsDone;
        this.inspector.keepScores(scores);
        // The drawn digit's guess follows a restore (or its undo) at once.
        this.shared.send(t, t.snapshot);
      },
      emit: (event) => this.post(event),
    });
    this.inspector = new Inspector(
      (weights?: WeightsRef) => (weights?.kind === 'checkpoint' ? this.replay.subject(weights.id) : this.inspectable()),
      scoredOn,
      (weights) => this.replay.scores(weights),
    );
  }

  /** Share weights with the inference worker on `port` from now on, starting with what there is. */
  attachInference(port: MessagePort): void {
    this.shared.attach(port, this.trained);
  }

  /** The trained model on a working backend, or null when there is none. */
  private async inspectable(): Promise<Trained | null> {
    if (!this.trained) return null;
    await this.ensureBackend();
    return this.trained;
  }

  /** Backend changes run one at a time: tfjs abandons a backend init overtaken by another. */
  private backendQueue: Promise<unknown> = Promise.resolve();

  setBackend(choice: BackendChoice): Promise<Chosen> {
    this.choice = choice;
    return this.queue(() => this.switchBackend(choice));
  }

  /** The active backend, starting the chosen one if none is running (after a failure, say). */
  private ensureBackend(): Promise<Chosen> {
    return this.queue(() => this.backend ?? this.switchBackend(this.choice));
  }

  private queue(op: () => Chosen | Promise<Chosen>): Promise<Chosen> {
    const next = this.backendQueue.then(op);
    this.backendQueue = next.catch(() => undefined);
    return next;
  }

  private async switchBackend(choice: BackendChoice): Promise<Chosen> {
    const before = this.backendLost ? (this.trained?.snapshot ?? null) : await this.saveWeights();
    const chosen = await choose(choice, choice === 'auto' ? [...this.failedBackends] : []);
    this.backend = chosen;
    this.backendLost = false;
    this.watch?.stop();
    const watch = watchBackend(chosen.name);
    this.watch = watch;
    void watch.lost.then((reason) => {
      // During a run, start() hears of it through unlessLost; between runs, say so here.
      if (!this.run && this.watch === watch) this.lose(chosen.name, reason);
    });
    this.post({ type: 'backend', name: chosen.name, reason: chosen.reason, threads: chosen.threads });
    this.replay.forgetModel();
    if (this.trained) {
      if (before) this.rebuild(before);
      else this.forget(); // nothing learnt survived; the next run starts afresh
    }
    return chosen;
  }

  /** The current weights, or the last snapshot if the old backend cannot give them. */
  private async saveWeights(): Promise<WeightSnapshot | null> {
    if (!this.trained) return null;
    try {
      return await takeSnapshot(this.trained.model);
    } catch {
      return this.trained.snapshot;
    }
  }

  /** Rebuild the model on the active backend and put `weights` back into it. */
  private rebuild(weights: WeightSnapshot): void {
    const t = this.trained!;
    try {
      t.model.dispose();
    } catch {
      // The old backend may be gone; its tensors go with it.
    }
    t.model = buildModel(t.architecture);
    restoreSnapshot(t.model, weights);
    t.snapshot = weights;
  }

  /**
   * The bytes of `spec` (by default the current data), loading them once; `spec` becomes the
   * current data. A failure is posted as dataError and forgotten, so Retry fetches again.
   */
  loadData(spec: DataSpec = this.current): Promise<MnistBytes> {
    this.current = spec;
    const key = specKey(spec);
    let loading = this.datasets.get(key);
    if (!loading) {
      const started = performance.now();
      const dataset = spec.dataset;
      const classes = spec.dataset === 'custom' ? spec.classes : datasetInfo(spec.dataset).classNames.length;
      const load =
        spec.dataset === 'custom'
          ? Promise.resolve({ bytes: checkBytes(spec.bytes, spec.classes), fromCache: true })
          : loadDataset(spec.dataset, (loadedBytes, totalBytes) => this.post({ type: 'dataProgress', dataset, loadedBytes, totalBytes }));
      // Only the newest version of the learner's own examples is kept.
      if (spec.dataset === 'custom') for (const other of [...this.datasets.keys()]) if (other.startsWith('custom:')) this.datasets.delete(other);
      loading = load
        .then(({ bytes, fromCache }) => {
          this.post({
            type: 'dataReady',
            info: {
              dataset,
              key,
              trainCount: bytes.trainLabels.length,
              testCount: bytes.testLabels.length,
              trainHistogram: classCounts(bytes.trainLabels, classes),
              testHistogram: classCounts(bytes.testLabels, classes),
              fromCache,
              seconds: (performance.now() - started) / 1000,
            },
          });
          return bytes;
        })
        .catch((e: unknown) => {
          this.datasets.delete(key);
          this.post({ type: 'dataError', dataset, message: e instanceof Error ? e.message : String(e) });
          throw e;
        });
      this.datasets.set(key, loading);
    }
    return loading;
  }

  async samples(split: 'train' | 'test', digit: number | null, count: number): Promise<Samples> {
    const data = await this.loadData();
    const labels = split === 'train' ? data.trainLabels : data.testLabels;
    const images = split === 'train' ? data.trainImages : data.testImages;
    const indices: number[] = [];
    for (let i = 0; i < labels.length && indices.length < count; i++) {
      if (digit === null || labels[i] === digit) indices.push(i);
    }
    const out = new Uint8Array(indices.length * 784);
    indices.forEach((idx, k) => out.set(images.subarray(idx * 784, idx * 784 + 784), k * 784));
    const outLabels = Uint8Array.from(indices, (i) => labels[i]!);
    return { images: out, labels: outLabels, indices: Uint32Array.from(indices) };
  }

  /** Training digits before and after augmentation with `ranges`, as the training loop does it. */
  async augmentPreview(ranges: AugmentRanges, count: number, seed: number): Promise<AugmentPreview> {
    const [data] = await Promise.all([this.loadData(), this.ensureBackend()]);
    return previewAugmentation(data, ranges, count, seed);
  }

  pause(runId: number): void {
    if (this.run?.id === runId) this.run.control.paused = true;
  }

  resume(runId: number): void {
    const run = this.run;
    if (run?.id !== runId) return;
    run.control.paused = false;
    run.control.wake?.();
    run.control.wake = null;
  }

  /** Train one more batch or epoch, then pause again. */
  step(runId: number, unit: StepUnit): void {
    const run = this.run;
    if (run?.id !== runId) return;
    run.control.step = unit;
    this.resume(runId);
  }

  stop(runId: number): void {
    const run = this.run;
    if (run?.id !== runId) return;
    run.control.stopped = true;
    this.resume(runId);
  }

  /** Drop the trained model; a run in progress is stopped first and the model dropped when it ends. */
  resetWeights(): void {
    this.inspector.forgetScores();
    if (this.run) {
      this.discardAfterRun = true;
      this.stop(this.run.id);
      return;
    }
    this.forget();
    this.replay.clear();
  }

  /** Drop the trained model (the inference worker's copy too). */
  private forget(): void {
    this.trained?.model.dispose();
    this.trained = null;
    this.shared.clear();
  }

  memory(): { numTensors: number; numBytes: number } {
    const m = tf.memory();
    return { numTensors: m.numTensors, numBytes: m.numBytes };
  }

  async start(runId: number, architecture: Architecture, settings: TrainSettings, keepWeights: boolean, step: StepUnit | null = null, spec: DataSpec = this.current): Promise<void> {
    // The page refuses these too; a worker is never driven out of memory by what it is sent.
    const analysis = analyze(architecture);
    const tooBig = analysis.valid ? batchMemoryProblem(analysis.totals.activations, settings.batchSize) : 'The network is not valid.';
    if (tooBig) {
      this.post({ type: 'runState', runId, state: 'error', epoch: 0, keptEpochs: this.trained ? this.trained.epochsDone : null, message: `Training did not start: ${tooBig}` });
      return;
    }
    const control: Control = { paused: false, stopped: false, wake: null, step };
    this.run = { id: runId, control };
    this.inspector.forgetScores();
    let epoch = 0;
    try {
      const [data] = await Promise.all([this.loadData(spec), this.ensureBackend()]);
      const key = architectureKey(architecture);
      const fresh = !keepWeights || this.trained?.key !== key;
      if (fresh) {
        this.shared.clear();
        this.trained?.model.dispose();
        this.trained = { model: buildModel(architecture, settings.seed, batchNormMomentum(settings)), key, architecture, epochsDone: 0, snapshot: null };
      }
      const trained = this.trained!;
      const startEpoch = keepWeights ? Math.min(trained.epochsDone, settings.epochs) : 0;
      // What to go back to if the run diverges before an epoch ends: the weights it continues from.
      const fallback = keepWeights && trained.epochsDone > 0 ? await takeSnapshot(trained.model) : null;
      epoch = startEpoch;
      const perEpoch = batchesPerEpoch(settings);
      const watch = await this.replay.begin(runId, trained.model, fresh, startEpoch, perEpoch);
      this.post({ type: 'runState', runId, state: 'training', epoch });
      const side = architecture.input.height;
      const optimizer = makeOptimizer(settings.optimizer, settings.learningRate, settings);
      const runData = splitData(data, settings);
      const training = runTraining(trained.model, optimizer, runData, settings, side, control, {
        onBatch: (metrics) => {
          this.replay.batch(metrics);
          this.post({ type: 'batch', runId, metrics });
          void this.shared.live(trained, trained.model);
        },
        onEpoch: (metrics, snapshot) => {
          epoch = metrics.epoch;
          trained.epochsDone = metrics.epoch;
          trained.snapshot = snapshot;
          this.post({ type: 'epoch', runId, metrics });
          this.replay.epoch(metrics.epoch, perEpoch, snapshot);
          this.postTrained(runId, snapshot);
        },
        onPause: (e) => {
          this.post({ type: 'runState', runId, state: 'paused', epoch: e });
          // A paused network is looked at closely: the guess is on exactly the weights it holds.
          void this.shared.live(trained, trained.model, true);
        },
        onResume: (e) => this.post({ type: 'runState', runId, state: 'training', epoch: e }),
        watch,
      }, startEpoch, fallback);
      // A lost GPU leaves tfjs's reads pending forever: give up on the loop rather than hang.
      const outcome = await unlessLost(training, this.watch).catch((e: unknown) => {
        control.stopped = true;
        throw e;
      });
      optimizer.dispose();
      // Where the live weights ended: early stopping and divergence go back to an earlier epoch.
      const divergedBack = outcome.kind !== 'diverged' ? null : outcome.epochs > startEpoch ? 'kept when the run diverged' : fallback ? 'which the run went on from, kept when it diverged' : null;
      const wentBack = outcome.kind === 'earlyStopped' ? { epoch: outcome.bestEpoch, why: 'kept by early stopping' } : divergedBack && outcome.kind === 'diverged' ? { epoch: outcome.epochs, why: divergedBack } : null;
      this.replay.end(wentBack);
      // Diverged before any epoch of fresh weights ended: no trained network, and no checkpoints of one.
      if (outcome.kind === 'diverged' && !divergedBack) this.replay.discard();
      if (outcome.kind === 'diverged') {
        this.diverged(runId, outcome.epoch, outcome.batch, epoch > startEpoch ? trained.snapshot : fallback);
        return;
      }
      if (outcome.kind === 'earlyStopped') {
        // The model went back to its best epoch: that is what it holds now, and what autosave keeps.
        trained.snapshot = outcome.snapshot;
        trained.epochsDone = outcome.bestEpoch;
        this.postTrained(runId, outcome.snapshot);
        this.post({ type: 'earlyStopped', runId, epoch: outcome.epochs, bestEpoch: outcome.bestEpoch, bestLoss: outcome.bestLoss });
      }
      if (this.discardAfterRun) return; // the user threw these weights away; no point scoring them
      // Stopped mid-epoch: the model holds more than the last epoch's snapshot; save what it holds.
      if (outcome.kind === 'stopped') this.postTrained(runId, await takeSnapshot(trained.model));
      await unlessLost(this.evaluate(runId, data, side, architecture), this.watch);
      this.post({ type: 'runState', runId, state: outcome.kind === 'stopped' ? 'stopped' : 'done', epoch });
    } catch (e) {
      await this.failed(runId, epoch, e);
    } finally {
      if (this.run?.id === runId) this.run = null;
      if (this.discardAfterRun) {
        this.discardAfterRun = false;
        this.resetWeights();
      }
    }
  }

  /**
   * The run diverged; the model holds `kept` (this run's last good epoch, or the weights it
   * continued from) or, with nothing to keep, is dropped: a fresh run that never finished an
   * epoch leaves no trained network. Nothing from the diverged steps was posted for saving.
   */
  private diverged(runId: number, epoch: number, batch: number, kept: WeightSnapshot | null): void {
    const t = this.trained;
    const what = `Training diverged: in epoch ${epoch}, batch ${batch}, the loss became NaN, infinite or far worse than guessing.`;
    if (t && kept) {
      t.snapshot = kept;
      this.shared.send(t, kept);
      this.post({ type: 'runState', runId, state: 'error', epoch: t.epochsDone, keptEpochs: t.epochsDone, message: `${what} The weights from epoch ${t.epochsDone} are kept. Try a lower learning rate.` });
      return;
    }
    this.forget();
    this.post({ type: 'runState', runId, state: 'error', epoch: 0, keptEpochs: null, message: `${what} No epoch had finished, so there is no trained network: nothing was kept or saved. Try a lower learning rate.` });
  }

  private async evaluate(runId: number, data: MnistBytes, side: number, architecture: Architecture): Promise<void> {
    if (!this.trained) return;
    const all = new Uint32Array(data.testLabels.length).map((_, i) => i);
    const score = await scoreSplit(this.trained.model, { images: data.testImages, labels: data.testLabels }, all, side, { keepPredictions: true });
    const classes = outputsOf(architecture);
    const { confusion, perClassAccuracy } = confusionOf(data.testLabels, score.predictions!, classes);
    this.inspector.keepScores({ predictions: score.predictions!, confidences: score.confidences! });
    this.evaluated = data;
    const networkKind = architecture.layers.some((l) => l.type === 'conv2d') ? 'cnn' : 'baseline';
    const evaluation = { testError: (1 - score.acc) * 100, classes, testCount: data.testLabels.length, confusion, perClassAccuracy };
    this.post({ type: 'evaluation', runId, networkKind, evaluation });
  }

  /** A backend fault mid-run: keep the last good weights, say what happened, drop the backend. */
  private async failed(runId: number, epoch: number, e: unknown): Promise<void> {
    const message = e instanceof Error ? e.message : String(e);
    const name = this.backend?.name;
    if (name) this.lose(name, message);
    const keptEpochs = this.trained?.snapshot ? this.trained.epochsDone : null;
    // The guess goes back to what is kept (the shared live weights may be newer than that).
    if (this.trained?.snapshot) this.shared.send(this.trained, this.trained.snapshot);
    else this.shared.clear();
    const kept = keptEpochs !== null ? ` The weights from epoch ${keptEpochs} are kept.` : '';
    this.post({ type: 'runState', runId, state: 'error', epoch, keptEpochs, message: `Training stopped: ${name ?? 'the backend'} failed (${message}).${kept}` });
  }

  /** The backend is unusable: tell the page, which backend to go on with, and start afresh next time. */
  private lose(name: BackendName, message: string): void {
    this.failedBackends.add(name);
    this.post({ type: 'backendFailed', name, message, next: nextBackend(name) });
    this.watch?.stop();
    this.watch = null;
    this.backend = null;
    this.backendLost = true;
  }

  /** What autosave stores: a copy of `weights`, since the snapshot stays here and the copy is transferred. */
  private postTrained(runId: number, weights: WeightsData): void {
    const t = this.trained;
    // Never hand on weights a diverged step wrote (the loop checks; this is the last guard).
    if (!t || nonFinite(weights.values)) return;
    const values = weights.values.map((v) => v.slice());
    const trained: TrainedWeights = { key: t.key, architecture: t.architecture, epochsDone: t.epochsDone, weights: { values, shapes: weights.shapes } };
    this.post({ type: 'trainedWeights', runId, trained }, values.map((v) => v.buffer));
    this.shared.send(t, weights);
  }

  async predictBatch(pixels: Float32Array): Promise<Float32Array> {
    const t = this.trained;
    if (!t) throw new Error('There are no trained weights yet.');
    return predictDigits(t.model, pixels, t.architecture.input.height);
  }

  /** The weights the model holds now (during a run, those of the last finished epoch), for saving under a name. */
  async getWeights(): Promise<TrainedWeights | null> {
    const t = this.trained;
    // Mid-epoch the optimiser rewrites the weights under a read; the last epoch's snapshot is whole.
    const training = this.run !== null && !this.run.control.paused;
    const current = t ? (training ? t.snapshot : await this.saveWeights()) : null;
    if (!t || !current || nonFinite(current.values)) return null;
    // A copy: saveWeights may hand back the kept snapshot, and the answer's buffers are transferred.
    return { key: t.key, architecture: t.architecture, epochsDone: t.epochsDone, weights: { values: current.values.map((v) => v.slice()), shapes: current.shapes } };
  }

  /** Replace the trained model with `weights` for `architecture`; the old one stays if they do not fit. */
  async loadWeights(architecture: Architecture, weights: WeightsData, epochsDone: number): Promise<null> {
    if (this.run) throw new Error('A run is in progress; stop it first.');
    await this.ensureBackend();
    let model: tf.Sequential;
    try {
      model = modelWithWeights(architecture, weights);
    } catch (e) {
      throw new Error(`The weights do not fit the network: ${e instanceof Error ? e.message : String(e)}.`, { cause: e });
    }
    this.trained?.model.dispose();
    this.trained = { model, key: architectureKey(architecture), architecture, epochsDone, snapshot: weights };
    this.replay.clear();
    this.shared.send(this.trained, weights);
    return null;
  }

  async exportModel(baseName: string, about: { dataset?: string; classNames?: readonly string[] } = {}): Promise<ModelExport> {
    const t = this.trained;
    if (!t) throw new Error('There is no trained model to export; train the network first.');
    if (this.run) throw new Error('Stop training before exporting the model.');
    const problem = nonFiniteProblem((await takeSnapshot(t.model)).values);
    if (problem) throw new Error(`The model was not exported: ${problem}`);
    try {
      return await exportModel(t.model, baseName, t.epochsDone, about);
    } catch (e) {
      throw new Error(`Export failed: ${e instanceof Error ? e.message : String(e)}`, { cause: e });
    }
  }

  /** Read TF.js model files into weights for the main thread to open; the current model is untouched. */
  async readModel(modelJson: string, weightFiles: { name: string; data: ArrayBuffer }[]): Promise<ModelRead> {
    await this.ensureBackend();
    const read = await readModelFiles(modelJson, weightFiles);
    if (!read.ok) throw new Error(read.error);
    return { architecture: read.architecture, weights: read.weights, epochsDone: read.epochsDone };
  }
}
