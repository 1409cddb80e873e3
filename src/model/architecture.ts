// The architecture file format (version 1): the one description of a network.

import type { DatasetId } from './datasets';

/** Identifies a cnn-playground architecture document. */
export const FORMAT = 'cnn-playground/architecture';
/** The only version this build reads and writes. */
export const VERSION = 1;

export const ACTIVATIONS = ['relu', 'sigmoid', 'tanh', 'softmax', 'linear'] as const;
export type Activation = (typeof ACTIVATIONS)[number];

export const PADDINGS = ['valid', 'same'] as const;
export type Padding = (typeof PADDINGS)[number];

export const LAYER_TYPES = [
  'conv2d',
  'maxPooling2d',
  'averagePooling2d',
  'dropout',
  'flatten',
  'dense',
  'batchNormalization',
] as const;
export type LayerType = (typeof LAYER_TYPES)[number];

/** Allowed input sizes: MNIST as is, or zero-padded by 2 on each side (LeNet-5). */
export const INPUT_SIZES = [28, 32] as const;

export type InputSize = (typeof INPUT_SIZES)[number];

/**
 * Keras's `kernel_regularizer` (L1L2): adds l1·Σ|w| + l2·Σw² over the layer's kernel (not its
 * bias) to the loss. Optional in format v1; absent means no penalty.
 */
export interface KernelRegularizer {
  l1: number;
  l2: number;
}

export interface Conv2DLayer {
  type: 'conv2d';
  /** Number of filters (output channels). */
  filters: number;
  /** Side of the square kernel. */
  kernelSize: number;
  /** Step between receptive fields, both directions. */
  strides: number;
  padding: Padding;
  activation: Activation;
  kernelRegularizer?: KernelRegularizer;
}

export interface PoolingLayer {
  type: 'maxPooling2d' | 'averagePooling2d';
  /** Side of the square pooling window. */
  poolSize: number;
  /** Step between windows; Keras defaults it to poolSize. */
  strides: number;
  padding: Padding;
}

export interface DropoutLayer {
  type: 'dropout';
  /** Fraction of inputs zeroed during training, in [0, 1). */
  rate: number;
}

export interface FlattenLayer {
  type: 'flatten';
}

export interface DenseLayer {
  type: 'dense';
  units: number;
  activation: Activation;
  kernelRegularizer?: KernelRegularizer;
}

export interface BatchNormalizationLayer {
  type: 'batchNormalization';
}

export type Layer =
  | Conv2DLayer
  | PoolingLayer
  | DropoutLayer
  | FlattenLayer
  | DenseLayer
  | BatchNormalizationLayer;

export interface InputSpec {
  height: InputSize;
  width: InputSize;
  channels: 1;
}

export interface Architecture {
  format: typeof FORMAT;
  version: typeof VERSION;
  input: InputSpec;
  layers: Layer[];
  /**
   * The data the network is for; absent means MNIST (links and files from before datasets), and
   * the app writes it only for the others. For `custom` the last layer's units give the classes.
   */
  dataset?: Exclude<DatasetId, 'mnist'>;
}

/** The layers that can carry a kernel regulariser (those with a kernel). */
export type RegularizableLayer = Conv2DLayer | DenseLayer;

export function isRegularizable(layer: Layer): layer is RegularizableLayer {
  return layer.type === 'conv2d' || layer.type === 'dense';
}

/** The layer's regulariser when it adds anything to the loss; null when absent or all zero. */
export function activeRegularizer(layer: Layer): KernelRegularizer | null {
  if (!isRegularizable(layer) || !layer.kernelRegularizer) return null;
  const { l1, l2 } = layer.kernelRegularizer;
  return l1 !== 0 || l2 !== 0 ? layer.kernelRegularizer : null;
}

/** A sensible new layer of each type, as the palette adds it. */
export function defaultLayer(type: LayerType): Layer {
  switch (type) {
    case 'conv2d':
      return { type, filters: 16, kernelSize: 3, strides: 1, padding: 'valid', activation: 'relu' };
    case 'maxPooling2d':
    case 'averagePooling2d':
      return { type, poolSize: 2, strides: 2, padding: 'valid' };
    case 'dropout':
      return { type, rate: 0.2 };
    case 'flatten':
      return { type };
    case 'dense':
      return { type, units: 64, activation: 'relu' };
    case 'batchNormalization':
      return { type };
    default:
      return assertNever(type);
  }
}

export function makeArchitecture(size: InputSize, layers: Layer[], dataset?: DatasetId): Architecture {
  const arch: Architecture = { format: FORMAT, version: VERSION, input: { height: size, width: size, channels: 1 }, layers };
  return withDataset(arch, dataset);
}

/** The dataset a network is for (MNIST when it names none). */
export function datasetOf(arch: Architecture): DatasetId {
  return arch.dataset ?? 'mnist';
}

/** The same network for another dataset; MNIST is written as no field, so old links stay as they were. */
export function withDataset(arch: Architecture, dataset: DatasetId | undefined): Architecture {
  const rest: Architecture = { ...arch };
  delete rest.dataset;
  return dataset === undefined || dataset === 'mnist' ? rest : { ...rest, dataset };
}

/**
 * The identity of a network as one string: two architectures with the same key are the same
 * network, so weights trained for one fit the other. The worker tags its weights with it and the
 * store compares it (state/selectors.ts); nothing else should build it.
 */
export function architectureKey(arch: Architecture): string {
  return JSON.stringify(arch);
}

/** Human names for the palette and messages. */
export const LAYER_LABELS: Record<LayerType, string> = {
  conv2d: 'Conv2D',
  maxPooling2d: 'MaxPooling2D',
  averagePooling2d: 'AveragePooling2D',
  dropout: 'Dropout',
  flatten: 'Flatten',
  dense: 'Dense',
  batchNormalization: 'BatchNormalization',
};

export function assertNever(x: never): never {
  throw new Error(`Unexpected value: ${JSON.stringify(x)}`);
}
