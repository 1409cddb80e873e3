// How many digits a forward pass may take at once, so evaluation and inspection batches obey
// the same limit on layer outputs as training (LIMITS.maxBatchActivations).

import type * as tf from '@tensorflow/tfjs';
import { largestBatch } from '../model/analyze';

/** Values the input and every layer's output hold for one example of `model`. */
export function activationsOf(model: tf.LayersModel): number {
  const size = (shape: (number | null)[]) => shape.reduce<number>((n, d) => n * (d ?? 1), 1);
  const input = model.inputs[0]?.shape ?? [];
  return size(input) + model.layers.reduce((n, layer) => n + size(layer.outputShape as (number | null)[]), 0);
}

/** `wanted` digits a pass, or fewer when their layer outputs would not fit. */
export function safeChunk(model: tf.LayersModel, wanted: number): number {
  return Math.max(1, Math.min(wanted, largestBatch(activationsOf(model))));
}
