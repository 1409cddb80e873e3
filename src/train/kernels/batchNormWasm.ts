// Batch normalisation in training, forward and backward, as two kernels of our own (wasm, called by name).
//
// tfjs-layers normalises a training batch with moments() and batchNorm(), and differentiates
// through both: about 40 kernels a layer, among them Tile, which copies the scale out to the
// whole activation (25 ms a step for a small CNN's two normalisations at batch 128). Here the
// statistics, the normalisation and the closed-form gradient each take a pass or two over the
// activation, channels innermost, summed in float64:
//   x̂ = (x − μ) / √(σ² + ε),  y = γ·x̂ + β,  with μ, σ² (biased) over every axis but the last;
//   dβ = Σ dy,  dγ = Σ dy·x̂,  dx = γ/√(σ² + ε) · (dy − dβ/m − x̂·dγ/m),  m values a channel.

import * as tf from '@tensorflow/tfjs';
import type { KernelFunc, TensorInfo } from '@tensorflow/tfjs';
import { BACKEND, floats, wasmBackend } from './wasmKernels';

export const BATCH_NORM_TRAIN = 'CnnBatchNormTrain';
export const BATCH_NORM_TRAIN_GRAD = 'CnnBatchNormTrainGrad';

function input(inputs: tf.NamedTensorInfoMap, name: string, kernel: string): TensorInfo {
  const t = inputs[name];
  if (t === undefined) throw new Error(`${kernel} needs ${name}`);
  return t;
}

function channelsOf(x: TensorInfo): { rows: number; channels: number } {
  const channels = x.shape[x.shape.length - 1] ?? 1;
  return { rows: tf.util.sizeFromShape(x.shape) / Math.max(channels, 1), channels };
}

/** inputs {x, gamma, beta}, attrs {epsilon}. Outputs [y (x's shape), mean, variance ([channels])]. */
const batchNormTrain: KernelFunc = ({ inputs, backend: b, attrs }) => {
  const backend = wasmBackend(b);
  const x = input(inputs, 'x', BATCH_NORM_TRAIN);
  const { rows, channels } = channelsOf(x);
  const epsilon = (attrs as { epsilon: number }).epsilon;
  const y = backend.makeOutput([...x.shape], 'float32');
  const mean = backend.makeOutput([channels], 'float32');
  const variance = backend.makeOutput([channels], 'float32');
  // Views after every allocation: an allocation may grow, and so move, the heap.
  const xs = floats(backend, x);
  const gamma = floats(backend, input(inputs, 'gamma', BATCH_NORM_TRAIN));
  const beta = floats(backend, input(inputs, 'beta', BATCH_NORM_TRAIN));
  const sums = new Float64Array(channels);
  for (let r = 0, at = 0; r < rows; r++) for (let c = 0; c < channels; c++, at++) sums[c] = sums[c]! + xs[at]!;
  const mu = Float64Array.from(sums, (s) => s / Math.max(rows, 1));
  sums.fill(0);
  for (let r = 0, at = 0; r < rows; r++) {
    for (let c = 0; c < channels; c++, at++) {
      const d = xs[at]! - mu[c]!;
      sums[c] = sums[c]! + d * d;
    }
  }
  const sigma2 = Float64Array.from(sums, (s) => s / Math.max(rows, 1));
  const scale = Float64Array.from(sigma2, (v, c) => gamma[c]! / Math.sqrt(v + epsilon));
  const ys = floats(backend, y);
  for (let r = 0, at = 0; r < rows; r++) for (let c = 0; c < channels; c++, at++) ys[at] = (xs[at]! - mu[c]!) * scale[c]! + beta[c]!;
  floats(backend, mean).set(mu);
  floats(backend, variance).set(sigma2);
  return [y, mean, variance];
};

/** inputs {dy, x, mean, variance, gamma}, attrs {epsilon}. Outputs [dx, dgamma, dbeta]. */
const batchNormTrainGrad: KernelFunc = ({ inputs, backend: b, attrs }) => {
  const backend = wasmBackend(b);
  const x = input(inputs, 'x', BATCH_NORM_TRAIN_GRAD);
  const { rows, channels } = channelsOf(x);
  const epsilon = (attrs as { epsilon: number }).epsilon;
  const dx = backend.makeOutput([...x.shape], 'float32');
  const dgamma = backend.makeOutput([channels], 'float32');
  const dbeta = backend.makeOutput([channels], 'float32');
  const xs = floats(backend, x);
  const dys = floats(backend, input(inputs, 'dy', BATCH_NORM_TRAIN_GRAD));
  const mu = floats(backend, input(inputs, 'mean', BATCH_NORM_TRAIN_GRAD));
  const sigma2 = floats(backend, input(inputs, 'variance', BATCH_NORM_TRAIN_GRAD));
  const gamma = floats(backend, input(inputs, 'gamma', BATCH_NORM_TRAIN_GRAD));
  const sumDy = new Float64Array(channels);
  const sumDyXc = new Float64Array(channels);
  for (let r = 0, at = 0; r < rows; r++) {
    for (let c = 0; c < channels; c++, at++) {
      const g = dys[at]!;
      sumDy[c] = sumDy[c]! + g;
      sumDyXc[c] = sumDyXc[c]! + g * (xs[at]! - mu[c]!);
    }
  }
  const m = Math.max(rows, 1);
  const inv = Float64Array.from(sigma2, (v) => 1 / Math.sqrt(v + epsilon));
  // dx = a·dy + k·(x − μ) + c0 per channel.
  const a = Float64Array.from(inv, (s, c) => gamma[c]! * s);
  const k = Float64Array.from(inv, (s, c) => -a[c]! * s * s * (sumDyXc[c]! / m));
  const c0 = Float64Array.from(a, (ac, c) => -ac * (sumDy[c]! / m));
  const dxs = floats(backend, dx);
  for (let r = 0, at = 0; r < rows; r++) {
    for (let c = 0; c < channels; c++, at++) dxs[at] = a[c]! * dys[at]! + k[c]! * (xs[at]! - mu[c]!) + c0[c]!;
  }
  floats(backend, dgamma).set(Float64Array.from(sumDyXc, (s, c) => s * inv[c]!));
  floats(backend, dbeta).set(sumDy);
  return [dx, dgamma, dbeta];
};

/** Registers both kernels for the wasm backend (once; they have no stock version). */
export function registerBatchNormWasm(): void {
  for (const [kernelName, kernelFunc] of [[BATCH_NORM_TRAIN, batchNormTrain], [BATCH_NORM_TRAIN_GRAD, batchNormTrainGrad]] as const) {
    // getKernel's declared type omits the undefined it returns for a missing kernel.
    if ((tf.getKernel(kernelName, BACKEND) as tf.KernelConfig | undefined) === undefined) tf.registerKernel({ kernelName, backendName: BACKEND, kernelFunc });
  }
}
