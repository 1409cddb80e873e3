// The training forward pass and loss of a tfjs-layers model on the fused ops (wasm): the same maths as model.apply.
//
// Conv2D and Dense layers with ReLU or linear activations run as fused ops (a ReLU conv with the
// max pooling that tiles it as one), batch normalisation as two kernels, a last Dense softmax
// layer as logits and a fused softmax–cross-entropy, seeded dropout with its mask drawn once a
// run (tfjs draws the identical mask every step); every other layer (other pooling, flatten,
// other activations) runs as tfjs-layers runs it in training. Batch statistics, moving averages
// and dropout masks come out exactly as tfjs-layers makes them.
// The weights stay the model's own variables: inference, inspection and saving see no difference.

import * as tf from '@tensorflow/tfjs';
import type { PoolAttrs } from '../kernels/fusedWasm';
import { RELU_BIAS_GRAD, tilesExactly } from '../kernels/fusedWasm';
import { BACKEND } from '../kernels/wasmKernels';
import { correctCount, crossEntropy } from '../metrics';
import type { StepCache } from './cache';
import type { ConvGeometry, FusedActivation } from './ops';
import { batchNormTraining, conv2dBiasActivation, conv2dReluMaxPool, denseBiasActivation, softmaxCrossEntropy } from './ops';

/** How one layer runs in the fused pass. */
type Stage =
  | { kind: 'conv'; geometry: ConvGeometry; activation: FusedActivation }
  /** A ReLU conv and the max pooling after it, whose windows tile its output exactly. */
  | { kind: 'convPool'; geometry: ConvGeometry; pool: PoolAttrs }
  /** Done by the stage before (the pooling of a convPool). */
  | { kind: 'skip' }
  | { kind: 'dense'; activation: FusedActivation }
  /** The last layer: Dense with softmax, trained through logits. */
  | { kind: 'logits' }
  | { kind: 'batchNorm'; momentum: number; epsilon: number }
  /** Dropout with a fixed seed: tfjs draws the same mask at every step, so it is drawn once. */
  | { kind: 'dropout'; rate: number; seed: number }
  | { kind: 'layer' };

interface LayerConfig {
  activation?: unknown;
  poolSize?: unknown;
  rate?: unknown;
  seed?: unknown;
  noiseShape?: unknown;
  axis?: unknown;
  momentum?: unknown;
  epsilon?: unknown;
  center?: unknown;
  scale?: unknown;
  strides?: unknown;
  padding?: unknown;
  dilationRate?: unknown;
  dataFormat?: unknown;
  useBias?: unknown;
}

const ones = (v: unknown) => v === undefined || v === 1 || (Array.isArray(v) && v.every((d) => d === 1));
const fusable = (a: unknown): a is FusedActivation => a === 'relu' || a === 'linear';

function stageOf(layer: tf.layers.Layer, last: boolean): Stage {
  const className = layer.getClassName();
  const c = layer.getConfig() as LayerConfig;
  if (className === 'BatchNormalization') {
    // Over the last axis, with both γ and β (as the builder makes it).
    const plain = c.axis === -1 && c.center === true && c.scale === true && typeof c.momentum === 'number' && typeof c.epsilon === 'number';
    return plain && layer.weights.length === 4 ? { kind: 'batchNorm', momentum: c.momentum as number, epsilon: c.epsilon as number } : { kind: 'layer' };
  }
  if (className === 'Dropout') {
    const { rate, seed, noiseShape } = c;
    const seeded = typeof rate === 'number' && rate > 0 && rate < 1 && typeof seed === 'number' && noiseShape == null;
    return seeded ? { kind: 'dropout', rate: rate as number, seed: seed as number } : { kind: 'layer' };
  }
  if (className !== 'Conv2D' && className !== 'Dense') return { kind: 'layer' };
  // Only the plain cases: two weights (kernel, bias), channels last, no dilation.
  if (c.useBias === false || layer.trainableWeights.length !== 2 || !ones(c.dilationRate)) return { kind: 'layer' };
  if (className === 'Dense') {
    if (last && c.activation === 'softmax') return { kind: 'logits' };
    return fusable(c.activation) ? { kind: 'dense', activation: c.activation } : { kind: 'layer' };
  }
  const strides = Array.isArray(c.strides) ? c.strides : [c.strides, c.strides];
  const padOk = c.padding === 'valid' || c.padding === 'same';
  if (!fusable(c.activation) || !padOk || c.dataFormat !== 'channelsLast' || strides.length !== 2) return { kind: 'layer' };
  return { kind: 'conv', geometry: { strides: strides as [number, number], pad: c.padding as 'valid' | 'same' }, activation: c.activation };
}

/** The stages of each model, worked out once (a model's layers never change). */
const plans = new WeakMap<tf.LayersModel, Stage[]>();

/** The pooling of `layer` as MaxPoolReluBiasGrad takes it, if it is a max pooling that tiles `input` exactly. */
function tilingPool(layer: tf.layers.Layer | undefined, input: readonly (number | null)[]): PoolAttrs | null {
  if (layer?.getClassName() !== 'MaxPooling2D') return null;
  const c = layer.getConfig() as LayerConfig;
  const size = Array.isArray(c.poolSize) ? c.poolSize : [c.poolSize, c.poolSize];
  const strides = Array.isArray(c.strides) ? c.strides : [c.strides, c.strides];
  if (c.padding !== 'valid' || size[0] !== size[1] || strides[0] !== strides[1] || c.dataFormat !== 'channelsLast') return null;
  const pool = { filterSize: size[0] as number, strides: strides[0] as number };
  return tilesExactly(input.map((d) => d ?? 1), pool) ? pool : null;
}

function planOf(model: tf.LayersModel): Stage[] {
  let plan = plans.get(model);
  if (!plan) {
    plan = model.layers.map((layer, i) => stageOf(layer, i === model.layers.length - 1));
    // A ReLU conv whose max pooling tiles its output: one stage, one backward pass for both.
    plan.forEach((stage, i) => {
      const pool = stage.kind === 'conv' && stage.activation === 'relu' ? tilingPool(model.layers[i + 1], model.layers[i]!.outputShape as (number | null)[]) : null;
      if (stage.kind === 'conv' && pool) {
        plan![i] = { kind: 'convPool', geometry: stage.geometry, pool };
        plan![i + 1] = { kind: 'skip' };
      }
    });
    plans.set(model, plan);
  }
  return plan;
}

/** The fused pass needs the wasm backend with our kernels registered. */
export function fusedAvailable(): boolean {
  // getKernel's declared type omits the undefined it returns for a missing kernel.
  return tf.getBackend() === BACKEND && (tf.getKernel(RELU_BIAS_GRAD, BACKEND) as tf.KernelConfig | undefined) !== undefined;
}

function weights(layer: tf.layers.Layer): [tf.Tensor, tf.Tensor] {
  const [kernel, bias] = layer.trainableWeights;
  return [kernel!.read(), bias!.read()];
}

/**
 * A batch-normalisation layer in training: the batch's statistics normalise it, and the moving
 * averages move towards them exactly as tfjs-layers moves them (orig − (orig − value)·(1 − momentum)).
 */
function normalise(layer: tf.layers.Layer, x: tf.Tensor, momentum: number, epsilon: number): tf.Tensor {
  const [gamma, beta] = layer.trainableWeights;
  const [movingMean, movingVariance] = layer.nonTrainableWeights;
  const { y, mean, variance } = batchNormTraining(x, gamma!.read() as tf.Tensor1D, beta!.read() as tf.Tensor1D, epsilon);
  tf.tidy(() => {
    for (const [variable, value] of [[movingMean!, mean], [movingVariance!, variance]] as const) {
      const orig = variable.read();
      variable.write(tf.sub(orig, tf.mul(tf.sub(orig, value), 1 - momentum)));
    }
  });
  tf.dispose([mean, variance]);
  return y;
}

function dropoutMultiplier(shape: number[], rate: number, seed: number): tf.Tensor {
  const keep = 1 - rate;
  return tf.tidy(() => tf.div(tf.floor(tf.add(tf.randomUniform(shape, 0, 1, 'float32', seed), keep)), keep));
}

/**
 * Mean cross-entropy of the model on (xs, labels) in training mode, and its right answers. Call
 * under a tape. `cache` (one per run) keeps what every step would compute alike.
 */
export function fusedLoss(model: tf.LayersModel, xs: tf.Tensor, labels: tf.Tensor1D, cache?: StepCache): { loss: tf.Scalar; correct: tf.Scalar } {
  const plan = planOf(model);
  let h = xs;
  // The images need no gradient: until a layer with weights has run, nothing before needs one.
  let needDx = false;
  for (let i = 0; i < model.layers.length; i++) {
    const layer = model.layers[i]!;
    const stage = plan[i]!;
    switch (stage.kind) {
      case 'conv': {
        const [kernel, bias] = weights(layer);
        h = conv2dBiasActivation(h as tf.Tensor4D, kernel as tf.Tensor4D, bias as tf.Tensor1D, stage.geometry, stage.activation, needDx);
        break;
      }
      case 'convPool': {
        const [kernel, bias] = weights(layer);
        h = conv2dReluMaxPool(h as tf.Tensor4D, kernel as tf.Tensor4D, bias as tf.Tensor1D, stage.geometry, stage.pool, needDx);
        break;
      }
      case 'skip':
        break;
      case 'dropout': {
        // tf.dropout's own multiplier, floor(uniform + keep) / keep, from the same seeded draw.
        const { rate, seed } = stage;
        const x = h;
        const multiplier = cache
          ? cache.get(`${layer.name}:${x.shape.join('x')}`, () => dropoutMultiplier(x.shape, rate, seed))
          : dropoutMultiplier(x.shape, rate, seed);
        h = tf.mul(x, multiplier);
        break;
      }
      case 'dense':
      case 'logits': {
        // tfjs's Dense maps the last axis of a volume; only flat inputs are fused.
        if (h.rank !== 2) {
          h = layer.apply(h, { training: true }) as tf.Tensor;
          break;
        }
        const [kernel, bias] = weights(layer);
        const x = h as tf.Tensor2D;
        if (stage.kind === 'logits') return softmaxCrossEntropy(denseBiasActivation(x, kernel as tf.Tensor2D, bias as tf.Tensor1D, 'linear', needDx), labels);
        h = denseBiasActivation(x, kernel as tf.Tensor2D, bias as tf.Tensor1D, stage.activation, needDx);
        break;
      }
      case 'batchNorm':
        h = h.rank >= 2 ? normalise(layer, h, stage.momentum, stage.epsilon) : (layer.apply(h, { training: true }) as tf.Tensor);
        break;
      case 'layer':
        h = layer.apply(h, { training: true }) as tf.Tensor;
        break;
    }
    if (layer.trainableWeights.length > 0) needDx = true;
  }
  // The network does not end in a Dense softmax: Keras's loss on its output, as the layers path computes it.
  return { loss: crossEntropy(h, labels), correct: correctCount(h, labels) };
}
