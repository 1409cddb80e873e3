// The session's replay desk: checkpoints and gradient samples taken during runs, the questions
// about any moment (histograms, scores, flipped digits), and restoring a checkpoint (undoably).
//
// The session calls it at the points of a run (begin, each batch's figures, each epoch, the end)
// and hands it the live model through `host`; it never changes the live weights except in
// `restore` and `undoRestore`, which the learner asks for explicitly.

import type * as tf from '@tensorflow/tfjs';
import type { Architecture } from '../model/architecture';
import type { CheckpointWeights, LivePoint, ReplayTimeline, WeightsRef } from '../model/checkpoints';
import type { Flipped } from '../model/compare';
import type { TensorHistograms } from '../model/histogram';
import type { Checkpoint } from './checkpoints';
import { tensorRoles } from './checkpoints';
import type { MnistBytes } from './dataset';
import type { Subject } from './inspect';
import type { BatchMetrics, Evaluation, Restored, TrainedWeights, WorkerEvent } from './protocol';
import type { MomentScores } from './replay';
import { flippedBetween, Replay, scoreTestSet } from './replay';
import type { TestScores } from './scores';
import type { WeightSnapshot } from './trainer';
import { takeSnapshot } from './trainer';
import { RunWatch } from './watch';

/** The live network as the session holds it. */
export interface LiveNetwork {
  model: tf.Sequential;
  architecture: Architecture;
  key: string;
  epochsDone: number;
}

export interface ReplayHost {
  live(): LiveNetwork | null;
  /** The backend is up (starting it if needed). */
  ready(): Promise<unknown>;
  data(): Promise<MnistBytes>;
  running(): boolean;
  /** The live weights' test scores from the end of the last run, if they still describe them. */
  liveScores(): TestScores | null;
  /** Put `weights` into the live model as its own (restore and undo); `scores` describe them, if known. */
  adopt(weights: WeightSnapshot, epochsDone: number, scores: TestScores | null): void;
  emit(event: WorkerEvent): void;
}

export const NOT_KEPT = 'That checkpoint is no longer kept: the memory limit thinned it out. Pick another moment.';

interface Undo {
  weights: WeightSnapshot;
  epochsDone: number;
  scores: TestScores | null;
  checkpoints: Checkpoint[];
  live: LivePoint;
}

export class ReplayDesk {
  readonly replay = new Replay();
  private runId = 0;
  private live: LivePoint = { step: 0, epoch: 0 };
  private watcher: RunWatch | null = null;
  private undo: Undo | null = null;

  constructor(private readonly host: ReplayHost) {}

  timeline(): ReplayTimeline {
    const { taken, bytes } = this.replay.store.counts();
    return { checkpoints: this.replay.store.infos(), taken, bytes, budgetBytes: this.replay.store.budget, live: this.live };
  }

  private announce(): void {
    this.host.emit({ type: 'checkpoints', runId: this.runId, timeline: this.timeline() });
  }

  private add(kind: Checkpoint['kind'], step: number, epoch: number, weights: WeightSnapshot): void {
    // Never out of order (a run that went on from a restored mid-epoch checkpoint meets the early batches again).
    const latest = this.replay.store.latest();
    if (latest && step <= latest.step && kind !== 'epoch') return;
    this.replay.store.add(kind, step, epoch, weights);
    this.live = { step, epoch };
    this.announce();
  }

  /** Fresh weights or none: no checkpoint of earlier training leads to them. */
  clear(): void {
    this.replay.clear();
    this.undo = null;
    this.live = { step: 0, epoch: 0 };
  }

  /** The weights are gone (a run diverged before its first epoch): say the checkpoints went with them. */
  discard(): void {
    this.clear();
    this.announce();
  }

  /** The backend changed: the replay model's tensors belong to the old one. */
  forgetModel(): void {
    this.replay.forgetModel();
  }

  /** A run starts on `model`: from fresh weights (`fresh`), or going on from `startEpoch`. */
  async begin(runId: number, model: tf.Sequential, fresh: boolean, startEpoch: number, batchesPerEpoch: number): Promise<RunWatch> {
    this.runId = runId;
    this.undo = null;
    if (fresh) this.clear();
    // Where this run begins: before training, or where a continued run (or one after a reload) picks up.
    if (!this.replay.store.latest()) this.add('start', startEpoch * batchesPerEpoch, startEpoch, await takeSnapshot(model));
    else this.announce();
    this.watcher?.dispose();
    this.watcher = new RunWatch(model, {
      checkpoint: async (kind, step, epoch) => this.add(kind, step, epoch, await takeSnapshot(model)),
      sample: (sample) => this.host.emit({ type: 'gradients', runId, sample }),
    });
    return this.watcher;
  }

  /** The figures of a batch: where the live weights now are. */
  batch(m: BatchMetrics): void {
    this.live = { step: m.step, epoch: m.epoch - 1 + m.batch / m.batchesPerEpoch };
  }

  /** The end of an epoch: its checkpoint (the snapshot the loop took anyway). */
  epoch(epoch: number, batchesPerEpoch: number, snapshot: WeightSnapshot): void {
    this.add('epoch', epoch * batchesPerEpoch, epoch, snapshot);
  }

  /**
   * The run is over. `wentBack`: the loop put back an earlier epoch's weights (early stopping's
   * best, the last good one after divergence, or the one a diverged run went on from), which the
   * live position then says.
   */
  end(wentBack: { epoch: number; why: string } | null): void {
    this.watcher?.dispose();
    this.watcher = null;
    if (wentBack) {
      const at = this.replay.store.infos().find((c) => c.kind !== 'batch' && c.epoch === wentBack.epoch);
      this.live = { step: at?.step ?? this.live.step, epoch: wentBack.epoch, label: `now: the weights of epoch ${wentBack.epoch}, ${wentBack.why}` };
    }
    this.announce();
  }

  private checkpoint(id: number): Checkpoint {
    const c = this.replay.store.get(id);
    if (!c) throw new Error(NOT_KEPT);
    return c;
  }

  /** The replay model at checkpoint `id`, on a working backend. */
  async subject(id: number): Promise<Subject | null> {
    const live = this.host.live();
    if (!live) return null;
    await this.host.ready();
    return this.replay.subject(this.checkpoint(id), live.architecture, live.key);
  }

  /** The test scores at `ref`: kept per checkpoint; for the live weights, the run's own or scored now. */
  async scores(ref: WeightsRef): Promise<MomentScores | TestScores> {
    const data = await this.host.data();
    if (ref.kind === 'checkpoint') {
      const subject = await this.subject(ref.id);
      if (!subject) throw new Error('There is no trained network.');
      return this.replay.scoresOf(ref.id, subject, data);
    }
    const kept = this.host.liveScores();
    if (kept) return kept;
    const live = this.host.live();
    if (!live) throw new Error('There is no trained network.');
    await this.host.ready();
    return scoreTestSet(live, data);
  }

  async evaluate(ref: WeightsRef): Promise<Evaluation> {
    const s = await this.scores(ref);
    if ('evaluation' in s) return s.evaluation;
    const live = this.host.live();
    if (!live) throw new Error('There is no trained network.');
    return (await scoreTestSet(live, await this.host.data())).evaluation;
  }

  async flips(from: WeightsRef, to: WeightsRef, limit: number): Promise<Flipped> {
    const before = await this.scores(from);
    const after = await this.scores(to);
    return flippedBetween(before, after, await this.host.data(), Math.max(0, Math.min(limit, 200)));
  }

  /** Histograms of every checkpoint, and of the live weights when no checkpoint holds them. */
  async histograms(): Promise<TensorHistograms[]> {
    const live = this.host.live();
    if (!live) throw new Error('There is no trained network.');
    const latest = this.replay.store.latest();
    const extra = !latest || latest.step !== this.live.step || this.live.label !== undefined ? await takeSnapshot(live.model) : undefined;
    return this.replay.store.histograms(tensorRoles(live.model), extra);
  }

  private trainedNow(weights: WeightSnapshot, epochsDone: number): TrainedWeights {
    const live = this.host.live()!;
    return { key: live.key, architecture: live.architecture, epochsDone, weights: { values: weights.values.map((v) => v.slice()), shapes: weights.shapes } };
  }

  /**
   * Make checkpoint `id` the live weights, as if the run had stopped there: later checkpoints go
   * (kept for undo), and Continue, export and autosave use these weights from now on.
   */
  async restore(id: number): Promise<Restored> {
    if (this.host.running()) throw new Error('Stop the run before restoring a checkpoint.');
    const live = this.host.live();
    if (!live) throw new Error('There is no trained network.');
    const c = this.checkpoint(id);
    await this.host.ready();
    this.undo = { weights: await takeSnapshot(live.model), epochsDone: live.epochsDone, scores: this.host.liveScores(), checkpoints: this.replay.store.kept(), live: this.live };
    const epochsDone = Math.floor(c.epoch);
    const scores = this.replay.scoresKept(id);
    this.host.adopt(c.weights, epochsDone, scores);
    this.replay.store.truncateAfter(id);
    this.live = { step: c.step, epoch: c.epoch };
    this.announce();
    return { trained: this.trainedNow(c.weights, epochsDone), timeline: this.timeline() };
  }

  /** Copies of every checkpoint's weights (they are transferred to the page). */
  checkpointWeights(): CheckpointWeights[] {
    return this.replay.store.kept().map((c) => ({ kind: c.kind, step: c.step, epoch: c.epoch, values: c.weights.values.map((v) => v.slice()), shapes: c.weights.shapes }));
  }

  /** A run's checkpoints from the history, for the live weights just loaded (they are the run's last). */
  load(checkpoints: readonly CheckpointWeights[], live: LivePoint): ReplayTimeline {
    if (this.host.running()) throw new Error('Stop the run before replaying another.');
    const network = this.host.live();
    if (!network) throw new Error('Load the run’s weights first.');
    this.clear();
    const sizes = network.model.getWeights().map((w) => w.size);
    for (const c of checkpoints) {
      if (c.values.length !== sizes.length || c.values.some((v, i) => v.length !== sizes[i])) throw new Error('These checkpoints do not fit the network.');
      this.replay.store.add(c.kind, c.step, c.epoch, { values: c.values, shapes: c.shapes });
    }
    this.live = live;
    return this.timeline();
  }

  /** Put back what the last restore replaced. */
  async undoRestore(): Promise<Restored> {
    const u = this.undo;
    if (!u) throw new Error('There is no restore to undo.');
    if (this.host.running()) throw new Error('Stop the run before undoing the restore.');
    await this.host.ready();
    this.undo = null;
    this.host.adopt(u.weights, u.epochsDone, u.scores);
    this.replay.store.putBack(u.checkpoints);
    this.live = u.live;
    this.announce();
    return { trained: this.trainedNow(u.weights, u.epochsDone), timeline: this.timeline() };
  }
}
