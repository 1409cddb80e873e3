// Kernels of our own for the fused training step (src/train/fused): wasm only, called by name.
//
// - ReluBiasGrad: the gradient through a ReLU and the bias added before it, dz = dy·step(y) and
//   db = Σ dz over every axis but the last, in one pass (tfjs runs Step, Cast, Multiply and a Sum).
// - MaxPoolReluBiasGrad: the same for a ReLU followed by max pooling in windows that tile the
//   image exactly: the pooled gradient goes to each window's first maximum, through the ReLU,
//   and into the bias sums, in the one pass the pooling gradient makes anyway.
// - AdamUpdate: one Adam step of a variable (new value, first and second moments) in one pass,
//   the same float32 operations tfjs's AdamOptimizer runs as 14 kernels.
// - SoftmaxCrossEntropy / SoftmaxCrossEntropyGrad: Keras's categorical cross-entropy of
//   softmax(logits) against integer labels, as loss, probabilities and right answers in one pass,
//   and its gradient (p − onehot)·dy/n in another, over any number of classes. Like Keras it
//   clips the probability of the true class to [ε, 1 − ε], and an example clipped there passes
//   no gradient (tfjs's ClipByValue gradient is 0 outside the range), so the fused path trains
//   exactly as the tfjs-layers one.

import * as tf from '@tensorflow/tfjs';
import type { KernelFunc, TensorInfo } from '@tensorflow/tfjs';
import { simdLoops } from './simd';
import { BACKEND, disposeAll, floats, wasmBackend } from './wasmKernels';

export const RELU_BIAS_GRAD = 'CnnReluBiasGrad';
export const SOFTMAX_CROSS_ENTROPY = 'CnnSoftmaxCrossEntropy';
export const SOFTMAX_CROSS_ENTROPY_GRAD = 'CnnSoftmaxCrossEntropyGrad';
export const ADAM_UPDATE = 'CnnAdamUpdate';
export const MAX_POOL_RELU_BIAS_GRAD = 'CnnMaxPoolReluBiasGrad';

/** Pooling geometry of MaxPoolReluBiasGrad: square windows as tfjs's MaxPool takes them. */
export interface PoolAttrs {
  filterSize: number;
  strides: number;
}

/**
 * Whether MaxPoolReluBiasGrad takes this case: 4 channels or more (the SIMD pass runs 4 at a
 * time), windows that do not overlap and cover the [h, w] image exactly (no padding, nothing left over).
 */
export function tilesExactly(shape: readonly number[], pool: PoolAttrs): boolean {
  const [, h, w, c] = shape as [number, number, number, number];
  return shape.length === 4 && c >= 4 && pool.filterSize === pool.strides && h % pool.strides === 0 && w % pool.strides === 0;
}

export interface AdamAttrs {
  beta1: number;
  beta2: number;
  learningRate: number;
  epsilon: number;
}

/** Rows summed in float32 before being folded into the total, as the Sum kernel does. */
const BLOCK_ROWS = 256;

function input(inputs: tf.NamedTensorInfoMap, name: string, kernel: string): TensorInfo {
  const t = inputs[name];
  if (t === undefined) throw new Error(`${kernel} needs ${name}`);
  return t;
}

/** inputs {dy, y}: y a ReLU's output, channels last. Outputs [dz (y's shape), db ([channels])]. */
const reluBiasGrad: KernelFunc = ({ inputs, backend: b }) => {
  const backend = wasmBackend(b);
  const dy = input(inputs, 'dy', RELU_BIAS_GRAD);
  const y = input(inputs, 'y', RELU_BIAS_GRAD);
  if (!tf.util.arraysEqual(dy.shape, y.shape)) throw new Error(`${RELU_BIAS_GRAD}: dy [${dy.shape.join(',')}] and y [${y.shape.join(',')}] differ`);
  const cols = y.shape[y.shape.length - 1] ?? 1;
  const rows = tf.util.sizeFromShape(y.shape) / Math.max(cols, 1);
  const dz = backend.makeOutput([...y.shape], 'float32');
  const db = backend.makeOutput([cols], 'float32');
  const simd = cols >= 4 && rows > 0 ? simdLoops(backend) : null;
  if (simd !== null) {
    const block = backend.makeOutput([cols], 'float32');
    try {
      simd.reluGradColumnSums(floats(backend, dy).byteOffset, floats(backend, y).byteOffset, floats(backend, dz).byteOffset,
        rows, cols, floats(backend, db).byteOffset, floats(backend, block).byteOffset, BLOCK_ROWS);
    } finally {
      disposeAll(backend, [block]);
    }
    return [dz, db];
  }
  const dys = floats(backend, dy);
  const ys = floats(backend, y);
  const dzs = floats(backend, dz);
  const totals = new Float64Array(cols);
  for (let r = 0, at = 0; r < rows; r++) {
    for (let c = 0; c < cols; c++, at++) {
      const v = ys[at]!;
      // tfjs's Step: NaN stays NaN; then the product rounds as tfjs's Multiply does.
      const g = Math.fround(dys[at]! * (Number.isNaN(v) ? NaN : v > 0 ? 1 : 0));
      dzs[at] = g;
      totals[c] = totals[c]! + g;
    }
  }
  floats(backend, db).set(totals);
  return [dz, db];
};

/** Keras's clip of probabilities, [ε, 1 − ε], in float32 as tfjs compares them. */
function clipRange(eps: number): { low: number; high: number } {
  return { low: Math.fround(eps), high: Math.fround(1 - eps) };
}

/** inputs {dy (pooled), y (the ReLU's output)}, attrs PoolAttrs (tilesExactly). Outputs [dz (y's shape), db]. */
const maxPoolReluBiasGrad: KernelFunc = ({ inputs, backend: b, attrs }) => {
  const backend = wasmBackend(b);
  const dy = input(inputs, 'dy', MAX_POOL_RELU_BIAS_GRAD);
  const y = input(inputs, 'y', MAX_POOL_RELU_BIAS_GRAD);
  const pool = attrs as unknown as PoolAttrs;
  const simd = simdLoops(backend);
  if (!tilesExactly(y.shape, pool) || simd === null) throw new Error(`${MAX_POOL_RELU_BIAS_GRAD}: needs SIMD and windows that tile [${y.shape.join(',')}] exactly`);
  const [n, h, w, c] = y.shape as [number, number, number, number];
  const s = pool.strides;
  if (!tf.util.arraysEqual(dy.shape, [n, h / s, w / s, c])) throw new Error(`${MAX_POOL_RELU_BIAS_GRAD}: dy is [${dy.shape.join(',')}]`);
  const dz = backend.makeOutput([...y.shape], 'float32');
  const db = backend.makeOutput([c], 'float32');
  const block = backend.makeOutput([c], 'float32');
  try {
    simd.maxPoolGradTiled(floats(backend, y).byteOffset, floats(backend, dy).byteOffset, floats(backend, dz).byteOffset, n, h, w, c,
      h / s, w / s, s, s, s, s, 0, 0, 1, floats(backend, db).byteOffset, floats(backend, block).byteOffset);
  } finally {
    disposeAll(backend, [block]);
  }
  return [dz, db];
};

/** Rows and classes of a [n, classes] tensor, with labels int32 [n]. */
function classShape(kernel: string, logits: TensorInfo, labels: TensorInfo): { n: number; k: number } {
  if (logits.shape.length !== 2) throw new Error(`${kernel}: logits must be [examples, classes], got [${logits.shape.join(',')}]`);
  const [n, k] = logits.shape as [number, number];
  if (labels.dtype !== 'int32' || labels.shape.length !== 1 || labels.shape[0] !== n) throw new Error(`${kernel}: labels must be int32 [${n}]`);
  return { n, k };
}

/**
 * inputs {logits [n, k], labels int32 [n]}. Outputs [mean loss (scalar), probabilities [n, k],
 * right answers (scalar, float32: how many rows' first largest probability is the label)].
 */
const softmaxCrossEntropy: KernelFunc = ({ inputs, backend: b }) => {
  const backend = wasmBackend(b);
  const logits = input(inputs, 'logits', SOFTMAX_CROSS_ENTROPY);
  const labels = input(inputs, 'labels', SOFTMAX_CROSS_ENTROPY);
  const { n, k } = classShape(SOFTMAX_CROSS_ENTROPY, logits, labels);
  const loss = backend.makeOutput([], 'float32');
  const probs = backend.makeOutput([n, k], 'float32');
  const correct = backend.makeOutput([], 'float32');
  const z = floats(backend, logits);
  const p = floats(backend, probs);
  const t = backend.typedArrayFromHeap(labels) as Int32Array;
  const { low, high } = clipRange(backend.epsilon());
  let total = 0;
  let right = 0;
  for (let i = 0; i < n; i++) {
    const row = i * k;
    let max = -Infinity;
    for (let j = 0; j < k; j++) max = Math.max(max, z[row + j]!);
    let sum = 0;
    for (let j = 0; j < k; j++) sum += Math.exp(z[row + j]! - max);
    let best = 0;
    for (let j = 0; j < k; j++) {
      p[row + j] = Math.exp(z[row + j]! - max) / sum;
      if (p[row + j]! > p[row + best]!) best = j;
    }
    const label = t[i]!;
    const pt = label >= 0 && label < k ? p[row + label]! : 0;
    total -= Math.log(Math.min(Math.max(pt, low), high));
    if (best === label) right++;
  }
  floats(backend, loss)[0] = total / Math.max(n, 1);
  floats(backend, correct)[0] = right;
  return [loss, probs, correct];
};

/** inputs {probs [n, k], labels int32 [n], dy (scalar)}. Output dlogits [n, k]. */
const softmaxCrossEntropyGrad: KernelFunc = ({ inputs, backend: b }) => {
  const backend = wasmBackend(b);
  const probs = input(inputs, 'probs', SOFTMAX_CROSS_ENTROPY_GRAD);
  const labels = input(inputs, 'labels', SOFTMAX_CROSS_ENTROPY_GRAD);
  const dy = input(inputs, 'dy', SOFTMAX_CROSS_ENTROPY_GRAD);
  const { n, k } = classShape(SOFTMAX_CROSS_ENTROPY_GRAD, probs, labels);
  const dz = backend.makeOutput([n, k], 'float32');
  const p = floats(backend, probs);
  const t = backend.typedArrayFromHeap(labels) as Int32Array;
  const scale = floats(backend, dy)[0]! / Math.max(n, 1);
  const g = floats(backend, dz);
  const { low, high } = clipRange(backend.epsilon());
  for (let i = 0; i < n; i++) {
    const row = i * k;
    const label = t[i]!;
    const pt = label >= 0 && label < k ? p[row + label]! : 0;
    const passes = pt >= low && pt <= high;
    for (let j = 0; j < k; j++) g[row + j] = passes ? (p[row + j]! - (j === label ? 1 : 0)) * scale : 0;
  }
  return dz;
};

/**
 * inputs {value, m, v, g, accBeta1, accBeta2} (the last two scalars: β1ᵗ and β2ᵗ), attrs AdamAttrs.
 * Outputs [new value, new m, new v]. Constants are rounded to float32 as tfjs's scalars are.
 */
const adamUpdate: KernelFunc = ({ inputs, backend: b, attrs }) => {
  const backend = wasmBackend(b);
  const { beta1, beta2, learningRate, epsilon } = attrs as unknown as AdamAttrs;
  const value = input(inputs, 'value', ADAM_UPDATE);
  const n = tf.util.sizeFromShape(value.shape);
  const outs = [0, 1, 2].map(() => backend.makeOutput([...value.shape], 'float32'));
  const [w, m, v, g] = ['value', 'm', 'v', 'g'].map((name) => floats(backend, input(inputs, name, ADAM_UPDATE)));
  const acc1 = floats(backend, input(inputs, 'accBeta1', ADAM_UPDATE))[0]!;
  const acc2 = floats(backend, input(inputs, 'accBeta2', ADAM_UPDATE))[0]!;
  const f = Math.fround;
  const k = { b1: f(beta1), c1: f(1 - beta1), b2: f(beta2), c2: f(1 - beta2), a1: f(1 - acc1), a2: f(1 - acc2), eps: f(epsilon), lr: f(-learningRate) };
  const [ow, om, ov] = outs.map((o) => floats(backend, o));
  const simd = simdLoops(backend);
  if (simd !== null) {
    simd.adamUpdate(w!.byteOffset, m!.byteOffset, v!.byteOffset, g!.byteOffset, ow!.byteOffset, om!.byteOffset, ov!.byteOffset, n,
      k.b1, k.c1, k.b2, k.c2, k.a1, k.a2, k.eps, k.lr);
    return outs;
  }
  for (let i = 0; i < n; i++) {
    const gi = g![i]!;
    const mi = f(f(m![i]! * k.b1) + f(gi * k.c1));
    const vi = f(f(v![i]! * k.b2) + f(f(gi * gi) * k.c2));
    om![i] = mi;
    ov![i] = vi;
    ow![i] = f(f(f(mi / k.a1) / f(f(Math.sqrt(f(vi / k.a2))) + k.eps)) * k.lr) + w![i]!;
  }
  return outs;
};

const KERNELS: [string, KernelFunc][] = [
  [MAX_POOL_RELU_BIAS_GRAD, maxPoolReluBiasGrad],
  [ADAM_UPDATE, adamUpdate],
  [RELU_BIAS_GRAD, reluBiasGrad],
  [SOFTMAX_CROSS_ENTROPY, softmaxCrossEntropy],
  [SOFTMAX_CROSS_ENTROPY_GRAD, softmaxCrossEntropyGrad],
];

/** Registers the fused step's kernels for the wasm backend (once; they have no stock version). */
export function registerFusedWasm(): void {
  for (const [kernelName, kernelFunc] of KERNELS) {
    // getKernel's declared type omits the undefined it returns for a missing kernel.
    if ((tf.getKernel(kernelName, BACKEND) as tf.KernelConfig | undefined) === undefined) tf.registerKernel({ kernelName, backendName: BACKEND, kernelFunc });
  }
}
