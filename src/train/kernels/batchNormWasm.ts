// Batch normalisation in training, forward and backward, as two kernels of our own (wasm, called by name).
//
// tfjs-layers normalises a training batch with moments() and batchNorm(), and differentiates
// through both: about 40 kernels a layer, among them Tile, which copies the scale out to the
// whole activation (25 ms a step for a small CNN's two normalisations at batch 128). Here the
// statistics, the normalisation and the closed-form gradient each take a pass or two over the
// activation, channels innermost, summed in float64:
//   x̂ = (x − μ) / √(σ² + ε),  y = γ·x̂ + β,  with μ, σ² (biased) over every axis but the last;
//   dβ = Σ dy,  dγ = Σ dy·x̂,  dx = γ/√(σ² + ε) · (dy − dβ/m − x̂·dγ/m),  m values a channel.
// With channels in fours the passes are WASM SIMD (float32 sums in blocks of 256 rows, as the
// Sum kernel takes them); otherwise JavaScript with float64 sums.

import * as tf from '@tensorflow/tfjs';
import type { KernelFunc, TensorInfo } from '@tensorflow/tfjs';
import { simdLoops } from './simd';
import type { SimdLoops } from './simd';
import type { WasmBackend } from './wasmKernels';
import { BACKEND, disposeAll, floats, wasmBackend } from './wasmKernels';

export const BATCH_NORM_TRAIN = 'CnnBatchNormTrain';
export const BATCH_NORM_TRAIN_GRAD = 'CnnBatchNormTrainGrad';

function input(inputs: tf.NamedTensorInfoMap, name: string, kernel: string): TensorInfo {
  const t = inputs[name];
  if (t === undefined) throw new Error(`${kernel} needs ${name}`);
  return t;
}

/** Rows summed in float32 before being folded into the total, as the Sum kernel does. */
const BLOCK_ROWS = 256;

/** The SIMD loops when the channels come in fours (and there is something to sum), else null. */
function simdFor(backend: WasmBackend, rows: number, channels: number): SimdLoops | null {
  return channels % 4 === 0 && rows > 0 ? simdLoops(backend) : null;
}

/** Scratch float32 buffers of `channels` values on the heap for `work` (views taken after allocating), then freed. */
function withScratch(backend: WasmBackend, channels: number, count: number, work: (views: Float32Array[]) => void): void {
  const buffers = Array.from({ length: count }, () => backend.makeOutput([channels], 'float32'));
  try {
    work(buffers.map((b) => floats(backend, b)));
  } finally {
    disposeAll(backend, buffers);
  }
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
  const gammaInfo = input(inputs, 'gamma', BATCH_NORM_TRAIN);
  const betaInfo = input(inputs, 'beta', BATCH_NORM_TRAIN);
  const simd = simdFor(backend, rows, channels);
  if (simd !== null) {
    withScratch(backend, channels, 2, ([block, scale]) => {
      simd.batchNormStats(floats(backend, x).byteOffset, rows, channels, floats(backend, mean).byteOffset, floats(backend, variance).byteOffset, block!.byteOffset, BLOCK_ROWS);
      const gamma = floats(backend, gammaInfo);
      const v = floats(backend, variance);
      for (let c = 0; c < channels; c++) scale![c] = gamma[c]! / Math.sqrt(v[c]! + epsilon);
      simd.batchNormApply(floats(backend, x).byteOffset, 0, floats(backend, mean).byteOffset, scale!.byteOffset, 0, floats(backend, betaInfo).byteOffset, floats(backend, y).byteOffset, rows, channels);
    });
    return [y, mean, variance];
  }
  const xs = floats(backend, x);
  const gamma = floats(backend, gammaInfo);
  const beta = floats(backend, betaInfo);
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
/** Per-channel factors of dx = a·dy + k·(x − μ) + c0, and dγ, from the two sums. */
function gradFactors(sumDy: ArrayLike<number>, sumDyXc: ArrayLike<number>, sigma2: Float32Array, gamma: Float32Array, rows: number, epsilon: number) {
  const m = Math.max(rows, 1);
  const inv = Float64Array.from(sigma2, (v) => 1 / Math.sqrt(v + epsilon));
  const a = Float64Array.from(inv, (s, c) => gamma[c]! * s);
  const k = Float64Array.from(inv, (s, c) => -a[c]! * s * s * (sumDyXc[c]! / m));
  const c0 = Float64Array.from(a, (ac, c) => -ac * (sumDy[c]! / m));
  const dgamma = Float64Array.from(inv, (s, c) => sumDyXc[c]! * s);
  return { a, k, c0, dgamma };
}

/** inputs {dy, x, mean, variance, gamma}, attrs {epsilon}. Outputs [dx, dgamma, dbeta]. */
const batchNormTrainGrad: KernelFunc = ({ inputs, backend: b, attrs }) => {
  const backend = wasmBackend(b);
  const x = input(inputs, 'x', BATCH_NORM_TRAIN_GRAD);
  const dy = input(inputs, 'dy', BATCH_NORM_TRAIN_GRAD);
  const meanInfo = input(inputs, 'mean', BATCH_NORM_TRAIN_GRAD);
  const varianceInfo = input(inputs, 'variance', BATCH_NORM_TRAIN_GRAD);
  const gammaInfo = input(inputs, 'gamma', BATCH_NORM_TRAIN_GRAD);
  const { rows, channels } = channelsOf(x);
  const epsilon = (attrs as { epsilon: number }).epsilon;
  const dx = backend.makeOutput([...x.shape], 'float32');
  const dgamma = backend.makeOutput([channels], 'float32');
  const dbeta = backend.makeOutput([channels], 'float32');
  const simd = simdFor(backend, rows, channels);
  if (simd !== null) {
    withScratch(backend, channels, 6, ([blockA, blockB, sumDyXc, a, k, c0]) => {
      const at = (t: TensorInfo) => floats(backend, t).byteOffset;
      simd.batchNormGradSums(at(dy), at(x), at(meanInfo), at(dbeta), sumDyXc!.byteOffset, rows, channels, blockA!.byteOffset, blockB!.byteOffset, BLOCK_ROWS);
      const f = gradFactors(floats(backend, dbeta), sumDyXc!, floats(backend, varianceInfo), floats(backend, gammaInfo), rows, epsilon);
      a!.set(f.a);
      k!.set(f.k);
      c0!.set(f.c0);
      floats(backend, dgamma).set(f.dgamma);
      simd.batchNormApply(at(x), at(dy), at(meanInfo), a!.byteOffset, k!.byteOffset, c0!.byteOffset, at(dx), rows, channels);
    });
    return [dx, dgamma, dbeta];
  }
  const xs = floats(backend, x);
  const dys = floats(backend, dy);
  const mu = floats(backend, meanInfo);
  const sumDy = new Float64Array(channels);
  const sumDyXc = new Float64Array(channels);
  for (let r = 0, at = 0; r < rows; r++) {
    for (let c = 0; c < channels; c++, at++) {
      const g = dys[at]!;
      sumDy[c] = sumDy[c]! + g;
      sumDyXc[c] = sumDyXc[c]! + g * (xs[at]! - mu[c]!);
    }
  }
  const { a, k, c0, dgamma: dg } = gradFactors(sumDy, sumDyXc, floats(backend, varianceInfo), floats(backend, gammaInfo), rows, epsilon);
  const dxs = floats(backend, dx);
  for (let r = 0, at = 0; r < rows; r++) {
    for (let c = 0; c < channels; c++, at++) dxs[at] = a[c]! * dys[at]! + k[c]! * (xs[at]! - mu[c]!) + c0[c]!;
  }
  floats(backend, dgamma).set(dg);
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
