// The worker's checkpoints of the current run: weight snapshots kept within a memory limit, and their histograms.
//
// A checkpoint owns its snapshot (copies of the weights, never handed to postMessage), so
// restoring one puts back exactly the numbers the run had when it was taken. See
// src/model/checkpoints.ts for when they are taken and which survive the limit.

import type * as tf from '@tensorflow/tfjs';
import type { CheckpointInfo, CheckpointKind } from '../model/checkpoints';
import { CHECKPOINT_BUDGET_MB, MB, thinToBudget } from '../model/checkpoints';
import type { TensorHistograms, ValueRange } from '../model/histogram';
import { binsFor, histogram, meanAndSpread, rangeOfValues, sharedBins } from '../model/histogram';
import type { WeightSnapshot } from './trainer';

export interface Checkpoint extends CheckpointInfo {
  weights: WeightSnapshot;
  /** Each weight tensor's finite range, for the shared histogram bins. */
  ranges: ValueRange[];
}

/** What a weight tensor is, in model.getWeights() order (all trainable weights first, then the rest). */
export interface TensorRole {
  /** Position of its layer in the architecture. */
  layer: number;
  /** kernel, bias, gamma, beta, moving_mean or moving_variance. */
  role: string;
  trainable: boolean;
}

/** The role of every tensor model.getWeights() returns, in that order. */
export function tensorRoles(model: tf.LayersModel): TensorRole[] {
  const owner = new Map<unknown, number>();
  model.layers.forEach((layer, i) => layer.weights.forEach((w) => owner.set(w, i)));
  return model.weights.map((w) => ({ layer: owner.get(w) ?? -1, role: w.originalName.split('/').at(-1)!.replace(/_\d+$/, ''), trainable: w.trainable }));
}

/** A copy whose buffers belong to the store alone. */
function copyOf(snapshot: WeightSnapshot): WeightSnapshot {
  return { values: snapshot.values.map((v) => v.slice()), shapes: snapshot.shapes.map((s) => s.slice()) };
}

export class CheckpointStore {
  private list: Checkpoint[] = [];
  private nextId = 1;
  /** Checkpoints taken since the last clear, thinned or not. */
  private taken = 0;

  constructor(private budgetBytes = CHECKPOINT_BUDGET_MB * MB) {}

  /** Fresh weights: the checkpoints of earlier training no longer lead to them. */
  clear(): void {
    this.list = [];
    this.taken = 0;
  }

  get budget(): number {
    return this.budgetBytes;
  }

  /** A new limit; thins at once if the checkpoints now take more. */
  setBudget(bytes: number): void {
    this.budgetBytes = bytes;
    this.list = thinToBudget(this.list, bytes);
  }

  /** Keep a copy of `weights` as a checkpoint, then thin to the limit. */
  add(kind: CheckpointKind, step: number, epoch: number, weights: WeightSnapshot): CheckpointInfo {
    const copy = copyOf(weights);
    const bytes = copy.values.reduce((n, v) => n + v.byteLength, 0);
    const checkpoint: Checkpoint = { id: this.nextId++, kind, step, epoch, bytes, weights: copy, ranges: copy.values.map(rangeOfValues) };
    // A checkpoint at the step of the latest one (a run continued without training) replaces it.
    if (this.list.at(-1)?.step === step) this.list.pop();
    this.list = thinToBudget([...this.list, checkpoint], this.budgetBytes);
    this.taken++;
    return infoOf(checkpoint);
  }

  get(id: number): Checkpoint | undefined {
    return this.list.find((c) => c.id === id);
  }

  latest(): Checkpoint | undefined {
    return this.list.at(-1);
  }

  /** The checkpoints as they are now (for putting back with `putBack`). */
  kept(): Checkpoint[] {
    return this.list.slice();
  }

  /** Drop every checkpoint after `id` (the weights went back to it). */
  truncateAfter(id: number): void {
    const i = this.list.findIndex((c) => c.id === id);
    if (i >= 0) this.list = this.list.slice(0, i + 1);
  }

  /** Put back a list `kept` returned (undoing a restore). */
  putBack(list: readonly Checkpoint[]): void {
    this.list = thinToBudget(list, this.budgetBytes);
  }

  infos(): CheckpointInfo[] {
    return this.list.map(infoOf);
  }

  /** How many were taken since the last clear, and how many the limit dropped. */
  counts(): { kept: number; taken: number; bytes: number } {
    return { kept: this.list.length, taken: this.taken, bytes: this.list.reduce((n, c) => n + c.bytes, 0) };
  }

  /**
   * Histograms of every tensor at every checkpoint (and at `live`, the weights now, when given),
   * with bins shared across them. Batch normalisation's moving statistics are left out: they are
   * not learnt.
   */
  histograms(roles: readonly TensorRole[], live?: WeightSnapshot, bins?: number): TensorHistograms[] {
    const moments: { id: number | null; values: Float32Array[]; ranges: ValueRange[] }[] = this.list.map((c) => ({ id: c.id, values: c.weights.values, ranges: c.ranges }));
    if (live) moments.push({ id: null, values: live.values, ranges: live.values.map(rangeOfValues) });
    const out: TensorHistograms[] = [];
    roles.forEach((r, t) => {
      if (!r.trainable || moments.length === 0) return;
      const shared = sharedBins(
        moments.map((m) => m.ranges[t]!),
        bins ?? binsFor(moments[0]!.values[t]!.length),
      );
      out.push({
        layer: r.layer,
        role: r.role,
        size: moments[0]!.values[t]!.length,
        bins: shared,
        ids: moments.map((m) => m.id),
        counts: moments.map((m) => histogram(m.values[t]!, shared).counts),
        stats: moments.map((m) => meanAndSpread(m.values[t]!)),
      });
    });
    return out;
  }
}

function infoOf(c: Checkpoint): CheckpointInfo {
  return { id: c.id, kind: c.kind, step: c.step, epoch: c.epoch, bytes: c.bytes };
}
