// Per-layer gradient norms, measured on the training step itself a few times an epoch (no extra forward or backward pass).
//
// `measuredStep` is what optimizer.minimize does (compute the gradients, apply them, dispose them),
// with the option of measuring on the way: for every layer with trainable weights, the sum of
// its squared gradients (kernel and bias together) and, for its kernel, the squared size of the
// step the optimiser took and of the weights before it. Those are three numbers per layer in one
// small tensor, read later with one `await data()`, so a sampled step costs a few reductions.

import * as tf from '@tensorflow/tfjs';
import type { GradientSample, LayerGradient } from '../model/gradients';

/** The trainable variables of one layer, by the names tf.variableGrads keys them with. */
export interface LayerVariables {
  /** Position of the layer in the architecture (and the model). */
  layer: number;
  names: string[];
  /** The kernel (conv and dense), or batch normalisation's gamma: the weights whose step is measured. */
  kernel: () => tf.Tensor;
  /** How many trainable numbers the layer has. */
  count: number;
}

/** The layers of `model` that have trainable weights, in order. */
export function layerVariables(model: tf.LayersModel): LayerVariables[] {
  const out: LayerVariables[] = [];
  model.layers.forEach((layer, i) => {
    const vars = layer.trainableWeights;
    if (vars.length === 0) return;
    const kernel = vars.find((v) => /kernel|gamma/.test(v.originalName)) ?? vars[0]!;
    out.push({ layer: i, names: vars.map((v) => v.name), kernel: () => kernel.read(), count: vars.reduce((n, v) => n + v.shape.reduce((a: number, b) => a * (b ?? 1), 1), 0) });
  });
  return out;
}

/**
 * One optimiser step on `loss` (the same update optimizer.minimize makes). With `measure`, also
 * returns a [layers, 3] tensor: per layer, Σ gradient², Σ (kernel step)², Σ kernel² before the step.
 * Call inside tf.tidy; the returned tensors survive it when returned from it.
 */
export function measuredStep(
  optimizer: tf.Optimizer,
  loss: () => tf.Scalar,
  measure: readonly LayerVariables[] | null,
  /** How the gradients are applied: the optimiser's own update unless a faster one is given. */
  apply: (grads: tf.NamedTensorMap) => void = (grads) => optimizer.applyGradients(grads),
): { loss: tf.Scalar; measured: tf.Tensor2D | undefined } {
  const { value, grads } = optimizer.computeGradients(loss);
  let measured: tf.Tensor2D | undefined;
  let before: tf.Tensor[] = [];
  let gradSquares: tf.Scalar[] = [];
  if (measure) {
    gradSquares = measure.map((l) => tf.addN(l.names.map((n) => tf.sum(tf.square(grads[n]!)))) as tf.Scalar);
    // A copy of each kernel: the optimiser writes the variable in place.
    before = measure.map((l) => tf.clone(l.kernel()));
  }
  apply(grads);
  tf.dispose(grads);
  if (measure) {
    const rows = measure.map((l, i) => {
      const now = l.kernel();
      return tf.stack([gradSquares[i]!, tf.sum(tf.square(tf.sub(now, before[i]!))), tf.sum(tf.square(before[i]!))]);
    });
    measured = tf.stack(rows) as tf.Tensor2D;
    tf.dispose([...before, ...gradSquares, ...rows]);
  }
  return { loss: value, measured };
}

/** Turn a measured tensor into the sample the page shows; disposes the tensor. */
export async function readSample(measured: tf.Tensor2D, layers: readonly LayerVariables[], step: number, epoch: number): Promise<GradientSample> {
  try {
    const v = await measured.data();
    const out: LayerGradient[] = layers.map((l, i) => {
      const norm = Math.sqrt(v[i * 3]!);
      const weights = Math.sqrt(v[i * 3 + 2]!);
      return { layer: l.layer, norm, rms: norm / Math.sqrt(Math.max(l.count, 1)), stepRatio: weights > 0 ? Math.sqrt(v[i * 3 + 1]!) / weights : 0 };
    });
    return { step, epoch, layers: out };
  } finally {
    measured.dispose();
  }
}
