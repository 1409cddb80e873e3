// The worker's state between messages: backend, dataset, model, weights and the current run.

import * as tf from '@tensorflow/tfjs';
import type { Architecture } from '../model/architecture';
import { batchNormMomentum } from '../model/training';
import type { Chosen } from './backends';
import { choose, nextBackend } from './backends';
import { buildModel } from './buildModel';
import type { MnistBytes } from './dataset';
import { labelHistogram } from '../data/idx';
import { confusionOf, scoreSplit } from './metrics';
import type { BackendWatch } from './health';
import { unlessLost, watchBackend } from './health';
import type { BackendChoice, BackendName, FromWorker, StepUnit, TrainSettings } from './protocol';
import type { Control, WeightSnapshot } from './trainer';
import { makeOptimizer, restoreSnapshot, runTraining, splitData, takeSnapshot } from './trainer';
import { loadDataset } from './loadDataset';
import type { AugmentRanges } from '../model/augment';
import { previewAugmentation } from './augment';
import { Inspector } from './inspect';
import { exportModel, modelWithWeights, predictDigits, readModelFiles } from './modelFiles';
import type { TrainedWeights, WeightsData } from './protocol';

type Post = (message: FromWorker, transfer?: Transferable[]) => void;

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
  private data: Promise<MnistBytes> | null = null;
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

  constructor(private readonly post: Post) {
    this.inspector = new Inspector(post, () => this.inspectable(), () => this.loadData());
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
    if (this.trained) {
      if (before) this.rebuild(before);
      else this.trained = null; // nothing learnt survived; the next run starts afresh
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

  loadData(): Promise<MnistBytes> {
    if (!this.data) {
      const started = performance.now();
      this.data = loadDataset((loadedBytes, totalBytes) => this.post({ type: 'dataProgress', loadedBytes, totalBytes }))
        .then(({ bytes, fromCache }) => {
          this.post({
            type: 'dataReady',
            info: {
              trainCount: bytes.trainLabels.length,
              testCount: bytes.testLabels.length,
              trainHistogram: labelHistogram(bytes.trainLabels),
              testHistogram: labelHistogram(bytes.testLabels),
              fromCache,
              seconds: (performance.now() - started) / 1000,
            },
          });
          return bytes;
        })
        .catch((e: unknown) => {
          this.data = null; // so Retry fetches again
          this.post({ type: 'dataError', message: e instanceof Error ? e.message : String(e) });
          throw e;
        });
    }
    return this.data as Promise<MnistBytes>;
  }

  async samples(requestId: number, split: 'train' | 'test', digit: number | null, count: number): Promise<void> {
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
    const outIndices = Uint32Array.from(indices);
    this.post({ type: 'samples', requestId, images: out, labels: outLabels, indices: outIndices }, [out.buffer, outLabels.buffer, outIndices.buffer]);
  }

  /** Training digits before and after augmentation with `ranges`, as the training loop does it. */
  async augmentPreview(requestId: number, ranges: AugmentRanges, count: number, seed: number): Promise<void> {
    try {
      const [data] = await Promise.all([this.loadData(), this.ensureBackend()]);
      const p = await previewAugmentation(data, ranges, count, seed);
      this.post({ type: 'augmentPreview', requestId, preview: p, error: null }, [p.originals.buffer, p.augmented.buffer, p.labels.buffer, p.augmentedLabels.buffer, p.indices.buffer]);
    } catch (e) {
      this.post({ type: 'augmentPreview', requestId, preview: null, error: e instanceof Error ? e.message : String(e) });
    }
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
    this.trained?.model.dispose();
    this.trained = null;
  }

  memory(requestId: number): void {
    const m = tf.memory();
    this.post({ type: 'memory', requestId, numTensors: m.numTensors, numBytes: m.numBytes });
  }

  async start(runId: number, architecture: Architecture, settings: TrainSettings, keepWeights: boolean, step: StepUnit | null = null): Promise<void> {
    const control: Control = { paused: false, stopped: false, wake: null, step };
    this.run = { id: runId, control };
    this.inspector.forgetScores();
    let epoch = 0;
    try {
      const [data] = await Promise.all([this.loadData(), this.ensureBackend()]);
      const key = JSON.stringify(architecture);
      if (!keepWeights || this.trained?.key !== key) {
        this.trained?.model.dispose();
        this.trained = { model: buildModel(architecture, settings.seed, batchNormMomentum(settings)), key, architecture, epochsDone: 0, snapshot: null };
      }
      const trained = this.trained!;
      const startEpoch = keepWeights ? Math.min(trained.epochsDone, settings.epochs) : 0;
      epoch = startEpoch;
      this.post({ type: 'runState', runId, state: 'training', epoch });
      const side = architecture.input.height;
      const optimizer = makeOptimizer(settings.optimizer, settings.learningRate, settings);
      const runData = splitData(data, settings);
      const training = runTraining(trained.model, optimizer, runData, settings, side, control, {
        onBatch: (metrics) => this.post({ type: 'batch', runId, metrics }),
        onEpoch: (metrics, snapshot) => {
          epoch = metrics.epoch;
          trained.epochsDone = metrics.epoch;
          trained.snapshot = snapshot;
          this.post({ type: 'epoch', runId, metrics });
          this.postTrained(runId, snapshot);
        },
        onPause: (e) => this.post({ type: 'runState', runId, state: 'paused', epoch: e }),
        onResume: (e) => this.post({ type: 'runState', runId, state: 'training', epoch: e }),
      }, startEpoch);
      // A lost GPU leaves tfjs's reads pending forever: give up on the loop rather than hang.
      const outcome = await unlessLost(training, this.watch).catch((e: unknown) => {
        control.stopped = true;
        throw e;
      });
      optimizer.dispose();
      if (outcome.kind === 'diverged') {
        this.post({
          type: 'runState',
          runId,
          state: 'error',
          epoch,
          message: `Training diverged: in epoch ${outcome.epoch}, batch ${outcome.batch}, the loss became NaN, infinite or far worse than guessing. The weights from the last good epoch were kept. Try a lower learning rate.`,
        });
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

  private async evaluate(runId: number, data: MnistBytes, side: number, architecture: Architecture): Promise<void> {
    if (!this.trained) return;
    const all = new Uint32Array(data.testLabels.length).map((_, i) => i);
    const score = await scoreSplit(this.trained.model, { images: data.testImages, labels: data.testLabels }, all, side, { keepPredictions: true });
    const { confusion, perClassAccuracy } = confusionOf(data.testLabels, score.predictions!);
    this.inspector.keepScores({ predictions: score.predictions!, confidences: score.confidences! });
    const networkKind = architecture.layers.some((l) => l.type === 'conv2d') ? 'cnn' : 'baseline';
    this.post({ type: 'evaluation', runId, networkKind, evaluation: { testError: (1 - score.acc) * 100, confusion, perClassAccuracy } });
  }

  /** A backend fault mid-run: keep the last good weights, say what happened, drop the backend. */
  private async failed(runId: number, epoch: number, e: unknown): Promise<void> {
    const message = e instanceof Error ? e.message : String(e);
    const name = this.backend?.name;
    if (name) this.lose(name, message);
    const kept = this.trained?.snapshot ? ` The weights from epoch ${this.trained.epochsDone} are kept.` : '';
    this.post({ type: 'runState', runId, state: 'error', epoch, message: `Training stopped: ${name ?? 'the backend'} failed (${message}).${kept}` });
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
    if (!t) return;
    const values = weights.values.map((v) => v.slice());
    const trained: TrainedWeights = { key: t.key, architecture: t.architecture, epochsDone: t.epochsDone, weights: { values, shapes: weights.shapes } };
    this.post({ type: 'trainedWeights', runId, trained }, values.map((v) => v.buffer));
  }

  async predictBatch(requestId: number, pixels: Float32Array): Promise<void> {
    const t = this.trained;
    if (!t) {
      this.post({ type: 'predictBatch', requestId, probabilities: null, error: 'There are no trained weights yet.' });
      return;
    }
    try {
      const probabilities = await predictDigits(t.model, pixels, t.architecture.input.height);
      this.post({ type: 'predictBatch', requestId, probabilities, error: null }, [probabilities.buffer]);
    } catch (e) {
      this.post({ type: 'predictBatch', requestId, probabilities: null, error: e instanceof Error ? e.message : String(e) });
    }
  }

  /** The weights the model holds now (during a run, those of the last finished epoch), for saving under a name. */
  async getWeights(requestId: number): Promise<void> {
    const t = this.trained;
    // Mid-epoch the optimiser rewrites the weights under a read; the last epoch's snapshot is whole.
    const training = this.run !== null && !this.run.control.paused;
    const current = t ? (training ? t.snapshot : await this.saveWeights()) : null;
    // A copy: saveWeights may hand back the kept snapshot, and the copy's buffers are transferred.
    const weights = current ? { values: current.values.map((v) => v.slice()), shapes: current.shapes } : null;
    const trained = t && weights ? { key: t.key, architecture: t.architecture, epochsDone: t.epochsDone, weights } : null;
    this.post({ type: 'getWeights', requestId, trained }, trained ? trained.weights.values.map((v) => v.buffer) : []);
  }

  /** Replace the trained model with `weights` for `architecture`; the old one stays if they do not fit. */
  async loadWeights(requestId: number, architecture: Architecture, weights: WeightsData, epochsDone: number): Promise<void> {
    if (this.run) {
      this.post({ type: 'loadWeights', requestId, error: 'A run is in progress; stop it first.' });
      return;
    }
    try {
      await this.ensureBackend();
      const model = modelWithWeights(architecture, weights);
      this.trained?.model.dispose();
      this.trained = { model, key: JSON.stringify(architecture), architecture, epochsDone, snapshot: weights };
      this.post({ type: 'loadWeights', requestId, error: null });
    } catch (e) {
      this.post({ type: 'loadWeights', requestId, error: `The weights do not fit the network: ${e instanceof Error ? e.message : String(e)}.` });
    }
  }

  async exportModel(requestId: number, baseName: string): Promise<void> {
    const t = this.trained;
    if (!t || this.run) {
      const error = t ? 'Stop training before exporting the model.' : 'There is no trained model to export; train the network first.';
      this.post({ type: 'exportModel', requestId, result: { ok: false, error } });
      return;
    }
    try {
      const files = await exportModel(t.model, baseName, t.epochsDone);
      this.post({ type: 'exportModel', requestId, result: { ok: true, ...files } }, [files.weightsBin]);
    } catch (e) {
      this.post({ type: 'exportModel', requestId, result: { ok: false, error: `Export failed: ${e instanceof Error ? e.message : String(e)}` } });
    }
  }

  /** Read TF.js model files into weights for the main thread to open; the current model is untouched. */
  async readModel(requestId: number, modelJson: string, weightFiles: { name: string; data: ArrayBuffer }[]): Promise<void> {
    try {
      await this.ensureBackend();
      const result = await readModelFiles(modelJson, weightFiles);
      this.post({ type: 'readModel', requestId, result }, result.ok ? result.weights.values.map((v) => v.buffer) : []);
    } catch (e) {
      this.post({ type: 'readModel', requestId, result: { ok: false, error: e instanceof Error ? e.message : String(e) } });
    }
  }
}
