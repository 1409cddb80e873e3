// Layer operations with gradients of our own, for the fused training step on wasm (kernels in ../kernels/fusedWasm).
//
// tfjs's own fused conv and matmul fall back to separate ops (conv, add, relu and their three
// gradients) while gradients are recorded unless the activation is linear. These call the fused
// forward kernels directly (XNNPACK adds the bias and clamps in the same pass) and back-propagate
// with one pass for ReLU and bias together, then the two products. Inputs that need no gradient
// (the images of the first layer) are left out of the tape, so nothing is computed for them.

import * as tf from '@tensorflow/tfjs';
import { BATCH_NORM_TRAIN, BATCH_NORM_TRAIN_GRAD } from '../kernels/batchNormWasm';
import type { PoolAttrs } from '../kernels/fusedWasm';
import { MAX_POOL_RELU_BIAS_GRAD, RELU_BIAS_GRAD, SOFTMAX_CROSS_ENTROPY, SOFTMAX_CROSS_ENTROPY_GRAD } from '../kernels/fusedWasm';

export type FusedActivation = 'relu' | 'linear';

export interface ConvGeometry {
  strides: [number, number];
  pad: 'valid' | 'same';
}

type Grad = (dy: tf.Tensor, saved: tf.Tensor[]) => tf.Tensor | tf.Tensor[];
type Forward = (...args: (tf.Tensor | ((tensors: tf.Tensor[]) => void))[]) => { value: tf.Tensor; gradFunc: Grad };

function run(kernel: string, inputs: tf.NamedTensorMap, attrs: Record<string, unknown> = {}): tf.Tensor {
  return tf.engine().runKernel(kernel, inputs, attrs as unknown as tf.NamedAttrMap) as tf.Tensor;
}

function runMany(kernel: string, inputs: tf.NamedTensorMap, attrs: Record<string, unknown> = {}): tf.Tensor[] {
  return tf.engine().runKernel(kernel, inputs, attrs as unknown as tf.NamedAttrMap) as unknown as tf.Tensor[];
}

/** The gradient through the activation and the bias: dz (y's shape) and db. */
function activationGrad(dy: tf.Tensor, y: tf.Tensor, activation: FusedActivation): [tf.Tensor, tf.Tensor] {
  if (activation === 'relu') return runMany(RELU_BIAS_GRAD, { dy, y }) as [tf.Tensor, tf.Tensor];
  const axes = dy.shape.slice(0, -1).map((_, i) => i);
  return [dy, tf.sum(dy, axes)];
}

/**
 * With `x` on the tape, `f(x, ...weights)`; without, x is a constant and only the weights get
 * gradients (customGrad must return one gradient per taped input).
 */
function applyCustom(forward: (x: tf.Tensor, w: tf.Tensor, b: tf.Tensor, save: (t: tf.Tensor[]) => void) => { value: tf.Tensor; gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => tf.Tensor[] }, x: tf.Tensor, w: tf.Tensor, b: tf.Tensor, needDx: boolean): tf.Tensor {
  if (needDx) {
    const f: Forward = (xi, wi, bi, save) => forward(xi as tf.Tensor, wi as tf.Tensor, bi as tf.Tensor, save as (t: tf.Tensor[]) => void);
    return tf.customGrad(f as never)(x, w, b) as tf.Tensor;
  }
  const f: Forward = (wi, bi, save) => {
    const r = forward(x, wi as tf.Tensor, bi as tf.Tensor, save as (t: tf.Tensor[]) => void);
    return { value: r.value, gradFunc: (dy, saved) => (r.gradFunc(dy, saved) as tf.Tensor[]).slice(1) };
  };
  return tf.customGrad(f as never)(w, b) as tf.Tensor;
}

/** act(conv2d(x, filter) + bias), NHWC, dilation 1. */
export function conv2dBiasActivation(x: tf.Tensor4D, filter: tf.Tensor4D, bias: tf.Tensor1D, g: ConvGeometry, activation: FusedActivation, needDx: boolean): tf.Tensor4D {
  const attrs = { strides: g.strides, pad: g.pad, dataFormat: 'NHWC', dilations: [1, 1], dimRoundingMode: undefined };
  return applyCustom((xi, w, b, save) => {
    const y = run(tf.FusedConv2D, { x: xi, filter: w, bias: b }, { ...attrs, activation });
    save([xi, w, y]);
    return {
      value: y,
      gradFunc: (dy, [xs, ws, ys]) => {
        const [dz, db] = activationGrad(dy, ys!, activation);
        const dw = run(tf.Conv2DBackpropFilter, { x: xs!, dy: dz }, { ...attrs, filterShape: ws!.shape });
        const dx = needDx ? run(tf.Conv2DBackpropInput, { dy: dz, filter: ws! }, { ...attrs, inputShape: xs!.shape }) : tf.zeros([0]);
        return [dx, dw, db];
      },
    };
  }, x, filter, bias, needDx) as tf.Tensor4D;
}

/**
 * maxPool(relu(conv2d(x, filter) + bias)) for pooling windows that tile the conv's output exactly
 * (tilesExactly): back-propagation runs the pooling, ReLU and bias gradients as one pass.
 */
export function conv2dReluMaxPool(x: tf.Tensor4D, filter: tf.Tensor4D, bias: tf.Tensor1D, g: ConvGeometry, pool: PoolAttrs, needDx: boolean): tf.Tensor4D {
  const attrs = { strides: g.strides, pad: g.pad, dataFormat: 'NHWC', dilations: [1, 1], dimRoundingMode: undefined };
  return applyCustom((xi, w, b, save) => {
    const y = run(tf.FusedConv2D, { x: xi, filter: w, bias: b }, { ...attrs, activation: 'relu' });
    const pooled = run(tf.MaxPool, { x: y }, { filterSize: pool.filterSize, strides: pool.strides, pad: 'valid', dimRoundingMode: undefined });
    save([xi, w, y]);
    return {
      value: pooled,
      gradFunc: (dy, [xs, ws, ys]) => {
        const [dz, db] = runMany(MAX_POOL_RELU_BIAS_GRAD, { dy, y: ys! }, { ...pool }) as [tf.Tensor, tf.Tensor];
        const dw = run(tf.Conv2DBackpropFilter, { x: xs!, dy: dz }, { ...attrs, filterShape: ws!.shape });
        const dx = needDx ? run(tf.Conv2DBackpropInput, { dy: dz, filter: ws! }, { ...attrs, inputShape: xs!.shape }) : tf.zeros([0]);
        return [dx, dw, db];
      },
    };
  }, x, filter, bias, needDx) as tf.Tensor4D;
}

/** act(x · kernel + bias) for x [n, inputs]. */
export function denseBiasActivation(x: tf.Tensor2D, kernel: tf.Tensor2D, bias: tf.Tensor1D, activation: FusedActivation, needDx: boolean): tf.Tensor2D {
  return applyCustom((xi, w, b, save) => {
    const [n, k] = xi.shape as [number, number];
    const m = w.shape[1]!;
    const y = run(tf._FusedMatMul, { a: xi.reshape([1, n, k]), b: w.reshape([1, k, m]), bias: b }, { transposeA: false, transposeB: false, activation }).reshape([n, m]);
    save([xi, w, y]);
    return {
      value: y,
      gradFunc: (dy, [xs, ws, ys]) => {
        const [dz, db] = activationGrad(dy, ys!, activation);
        const dw = tf.matMul(xs!, dz, true, false);
        const dx = needDx ? tf.matMul(dz, ws!, false, true) : tf.zeros([0]);
        return [dx, dw, db];
      },
    };
  }, x, kernel, bias, needDx) as tf.Tensor2D;
}

/**
 * Mean categorical cross-entropy of softmax(logits) against integer labels (any class count),
 * with the gradient flowing to the logits; `correct` counts rows whose guess is the label (no gradient).
 */
export function softmaxCrossEntropy(logits: tf.Tensor2D, labels: tf.Tensor1D): { loss: tf.Scalar; correct: tf.Scalar } {
  let correct: tf.Scalar | null = null;
  const f: Forward = (z, save) => {
    const [loss, probs, right] = runMany(SOFTMAX_CROSS_ENTROPY, { logits: z as tf.Tensor, labels }) as [tf.Scalar, tf.Tensor, tf.Scalar];
    correct = tf.keep(right);
    (save as (t: tf.Tensor[]) => void)([probs]);
    return { value: loss, gradFunc: (dy, [p]) => run(SOFTMAX_CROSS_ENTROPY_GRAD, { probs: p!, labels, dy }) };
  };
  const loss = tf.customGrad(f as never)(logits) as tf.Scalar;
  return { loss, correct: correct! };
}

/**
 * Batch normalisation of a training batch over every axis but the last: γ·(x − μ)/√(σ² + ε) + β
 * with the batch's own mean and (biased) variance, which are returned too (no gradient) for the
 * moving averages.
 */
export function batchNormTraining(x: tf.Tensor, gamma: tf.Tensor1D, beta: tf.Tensor1D, epsilon: number): { y: tf.Tensor; mean: tf.Tensor1D; variance: tf.Tensor1D } {
  let stats: [tf.Tensor1D, tf.Tensor1D] | null = null;
  const f: Forward = (xi, g, b, save) => {
    const [y, mean, variance] = runMany(BATCH_NORM_TRAIN, { x: xi as tf.Tensor, gamma: g as tf.Tensor, beta: b as tf.Tensor }, { epsilon }) as [tf.Tensor, tf.Tensor1D, tf.Tensor1D];
    stats = [tf.keep(mean), tf.keep(variance)];
    (save as (t: tf.Tensor[]) => void)([xi as tf.Tensor, mean, variance, g as tf.Tensor]);
    return {
      value: y,
      gradFunc: (dy, [xs, m, v, gs]) => runMany(BATCH_NORM_TRAIN_GRAD, { dy, x: xs!, mean: m!, variance: v!, gamma: gs! }, { epsilon }),
    };
  };
  const y = tf.customGrad(f as never)(x, gamma, beta) as tf.Tensor;
  const [mean, variance] = stats!;
  return { y, mean, variance };
}
