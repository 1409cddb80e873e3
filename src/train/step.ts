// One training step (forward, loss, gradients, update) on one batch: the trainer's per-batch compute path.

import * as tf from '@tensorflow/tfjs';
import { applyAdam, isStockAdam } from './fused/adam';
import type { StepCache } from './fused/cache';
import { fusedAvailable, fusedLoss } from './fused/loss';
import type { LayerVariables } from './gradients';
import { measuredStep } from './gradients';
import { correctCount, crossEntropy } from './metrics';
import { withPenalties } from './penalty';

/**
 * What a step leaves behind, kept out of the caller's tidy: the batch's mean loss, its right
 * answers, and on a sampled step the gradient measurements (replay; see gradients.ts).
 */
export interface StepTensors {
  loss: tf.Scalar;
  correct: tf.Scalar;
  measured?: tf.Tensor2D;
}

/**
 * 'fused': our fused ops and kernels where the backend has them (wasm), tfjs-layers elsewhere;
 * 'layers': tfjs-layers (`model.apply` under the optimizer's tape) throughout.
 */
export type StepPath = 'layers' | 'fused';

/**
 * How a step runs: the path (default fused), a per-run cache for the fused path, and the layers
 * whose gradients to measure on this step (replay's RunWatch; null or absent: none).
 */
export interface StepOptions {
  path?: StepPath;
  cache?: StepCache;
  measure?: readonly LayerVariables[] | null;
}

function dataLoss(model: tf.LayersModel, xs: tf.Tensor, labels: tf.Tensor1D, path: StepPath, cache?: StepCache): { loss: tf.Scalar; correct: tf.Scalar } {
  if (path === 'fused' && fusedAvailable()) return fusedLoss(model, xs, labels, cache);
  const probs = model.apply(xs, { training: true }) as tf.Tensor;
  return { loss: crossEntropy(probs, labels), correct: correctCount(probs, labels) };
}

/**
 * Trains `model` on one batch; returns kept tensors the caller disposes. The loss differentiated
 * and returned is Keras's: the data's cross-entropy plus the kernel regularisers' penalty, built
 * from ordinary tfjs ops on the same variables the fused ops read, so its gradient joins theirs.
 * A sampled step (`measure`) is the same step on the same path: its gradients are measured
 * between computing and applying them, so replay sees what the fused step did.
 */
export function trainStep(model: tf.LayersModel, optimizer: tf.Optimizer, xs: tf.Tensor, labels: tf.Tensor1D, options: StepOptions = {}): StepTensors {
  const { path = 'fused', cache, measure = null } = options;
  return tf.tidy(() => {
    let correct: tf.Scalar | null = null;
    const loss = (): tf.Scalar => {
      const data = dataLoss(model, xs, labels, path, cache);
      correct = tf.keep(data.correct);
      return withPenalties(model, data.loss);
    };
    // Adam's update on one kernel a variable where the fused kernels are; otherwise tfjs's own.
    const fusedAdam = path === 'fused' && fusedAvailable() && isStockAdam(optimizer);
    if (!fusedAdam && !measure) return { loss: optimizer.minimize(loss, true) as tf.Scalar, correct: correct! };
    // optimizer.minimize taken apart: compute, (measure,) apply, dispose the gradients.
    const apply = fusedAdam ? (grads: tf.NamedTensorMap) => applyAdam(optimizer as tf.AdamOptimizer, grads) : undefined;
    const step = measuredStep(optimizer, loss, measure, apply);
    return step.measured ? { loss: step.loss, correct: correct!, measured: step.measured } : { loss: step.loss, correct: correct! };
  });
}
