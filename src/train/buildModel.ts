// Architecture (format v1) -> tfjs-layers Sequential model, matching the seed's Keras code.

import * as tf from '@tensorflow/tfjs';
import type { Architecture, Layer } from '../model/architecture';
import { activeRegularizer, assertNever } from '../model/architecture';

type LayerArgs = { inputShape?: number[]; name?: string };

/** Keras's default initialiser (Glorot uniform), seeded per layer when a seed is given. */
function kernelInit(seed: number | undefined, index: number) {
  return seed === undefined ? undefined : tf.initializers.glorotUniform({ seed: seed + index * 7919 });
}

/** Keras's kernel_regularizer as tfjs's L1L2 (serialised as such in model.json); none when absent. */
function kernelRegularizer(layer: Layer) {
  const r = activeRegularizer(layer);
  return r ? tf.regularizers.l1l2({ l1: r.l1, l2: r.l2 }) : undefined;
}

function toTfLayer(layer: Layer, args: LayerArgs, index: number, seed?: number, momentum?: number): tf.layers.Layer {
  switch (layer.type) {
    case 'conv2d':
      return tf.layers.conv2d({
        ...args,
        filters: layer.filters,
        kernelSize: layer.kernelSize,
        strides: layer.strides,
        padding: layer.padding,
        activation: layer.activation,
        kernelInitializer: kernelInit(seed, index),
        kernelRegularizer: kernelRegularizer(layer),
      });
    case 'maxPooling2d':
      return tf.layers.maxPooling2d({ ...args, poolSize: layer.poolSize, strides: layer.strides, padding: layer.padding });
    case 'averagePooling2d':
      return tf.layers.averagePooling2d({ ...args, poolSize: layer.poolSize, strides: layer.strides, padding: layer.padding });
    case 'dropout':
      return tf.layers.dropout({ ...args, rate: layer.rate, seed: seed === undefined ? undefined : seed + index });
    case 'flatten':
      return tf.layers.flatten(args);
    case 'dense':
      return tf.layers.dense({ ...args, units: layer.units, activation: layer.activation, kernelInitializer: kernelInit(seed, index), kernelRegularizer: kernelRegularizer(layer) });
    case 'batchNormalization':
      return tf.layers.batchNormalization({ ...args, momentum });
    default:
      return assertNever(layer);
  }
}

/** Build the (uncompiled) model; layer i is named `layer_i` so views can find it. */
/**
 * `momentum`: batch normalisation's, from batchNormMomentum(settings) when the model is built to
 * train; tfjs's default (Keras's 0.99) otherwise, where only inference matters.
 */
export function buildModel(arch: Architecture, seed?: number, momentum?: number): tf.Sequential {
  const { height, width, channels } = arch.input;
  return tf.sequential({
    layers: arch.layers.map((layer, i) =>
      toTfLayer(layer, { name: `layer_${i}`, ...(i === 0 ? { inputShape: [height, width, channels] } : {}) }, i, seed, momentum),
    ),
  });
}
