// What the training loop does for replay, in one place: which batches to measure, checkpoints inside the first epoch, and reading gradient samples.
//
// The loop asks `measureAt` before a batch (the layers to measure, or null), hands the measured
// tensor to `keep`, awaits `afterBatch` (a checkpoint when one is due) and `flush` when it reports.
// At most one sample waits to be read: reading it joins the report's own read of the loss, so
// sampling adds no device sync of its own.

import type * as tf from '@tensorflow/tfjs';
import type { CheckpointKind } from '../model/checkpoints';
import { epochAt, isEarlyCheckpoint } from '../model/checkpoints';
import type { GradientSample } from '../model/gradients';
import { isGradientSample } from '../model/gradients';
import type { LayerVariables } from './gradients';
import { layerVariables, readSample } from './gradients';

export interface WatchHooks {
  /** Take a checkpoint of the model now (it is awaited: the next batch waits for the copy). */
  checkpoint: (kind: CheckpointKind, step: number, epoch: number) => Promise<void>;
  /** A gradient sample, read. */
  sample: (sample: GradientSample) => void;
}

export class RunWatch {
  private readonly layers: LayerVariables[];
  private pending: { tensor: tf.Tensor2D; step: number; epoch: number } | null = null;

  constructor(
    model: tf.LayersModel,
    private readonly hooks: WatchHooks,
  ) {
    this.layers = layerVariables(model);
  }

  /** The layers to measure on 1-based `batch` of epoch `epochIndex`, or null (not due, or one still waits). */
  measureAt(batch: number, batchesPerEpoch: number): LayerVariables[] | null {
    return this.pending === null && this.layers.length > 0 && isGradientSample(batch, batchesPerEpoch) ? this.layers : null;
  }

  keep(tensor: tf.Tensor2D, epochIndex: number, batch: number, batchesPerEpoch: number): void {
    this.pending?.tensor.dispose();
    this.pending = { tensor, step: epochIndex * batchesPerEpoch + batch, epoch: epochAt(epochIndex, batch, batchesPerEpoch) };
  }

  /** After 1-based `batch`: a checkpoint if the schedule has one here. */
  async afterBatch(epochIndex: number, batch: number, batchesPerEpoch: number): Promise<void> {
    if (isEarlyCheckpoint(epochIndex, batch, batchesPerEpoch)) await this.hooks.checkpoint('batch', epochIndex * batchesPerEpoch + batch, epochAt(epochIndex, batch, batchesPerEpoch));
  }

  /** Read the waiting sample, if any, and pass it on. */
  async flush(): Promise<void> {
    const p = this.pending;
    if (!p) return;
    this.pending = null;
    this.hooks.sample(await readSample(p.tensor, this.layers, p.step, p.epoch));
  }

  dispose(): void {
    this.pending?.tensor.dispose();
    this.pending = null;
  }
}
