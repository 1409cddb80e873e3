// Validation: what is wrong with a layer or the whole network, in words a learner can act on.

import type { Architecture, Layer } from './architecture';
import { LAYER_LABELS, assertNever } from './architecture';

/** A change that repairs a problem in one click. Pure: returns a new architecture. */
export interface Fix {
  label: string;
  apply: (arch: Architecture) => Architecture;
}

export interface Issue {
  /** Index of the offending layer, or null for the network as a whole. */
  layerIndex: number | null;
  message: string;
  fix?: Fix;
}

/** Beyond these a network is too big or too slow to train in a browser tab. */
export const LIMITS = {
  maxLayers: 40,
  maxParams: 10_000_000,
  maxConnections: 100_000_000,
  /**
   * Layer outputs (32-bit floats, the input included) one batch may hold: 400 MB forward, about
   * three times that with the gradients of training, which a tab's WASM memory (4 GB at most)
   * still holds. The seed's simple CNN at the largest batch, 2,048, needs 66 million.
   */
  maxBatchActivations: 100_000_000,
} as const;

/** "Conv2D (layer 3)": how messages name a layer (1-based, as people count). */
export function layerName(layer: Layer, index: number): string {
  return `${LAYER_LABELS[layer.type]} (layer ${index + 1})`;
}

function wholeAtLeastOne(field: string, value: number): string | null {
  if (Number.isInteger(value) && value >= 1) return null;
  return `${field} must be a whole number of at least 1 (it is ${Number.isFinite(value) ? value : 'empty'})`;
}

/** Above this a penalty outweighs the loss it regularises from the first batch (Keras examples use 0.0001 to 0.01). */
export const MAX_REGULARIZATION = 1;

function regularizerProblems(layer: Layer): string[] {
  if ((layer.type !== 'conv2d' && layer.type !== 'dense') || !layer.kernelRegularizer) return [];
  return (['l1', 'l2'] as const).flatMap((key) => {
    const v = layer.kernelRegularizer![key];
    if (Number.isFinite(v) && v >= 0 && v <= MAX_REGULARIZATION) return [];
    return [`the ${key.toUpperCase()} regulariser must be from 0 to ${MAX_REGULARIZATION} (it is ${Number.isFinite(v) ? v : 'empty'}; 0.0005 is a usual start)`];
  });
}

/** Problems with a layer's own settings, before any shape is known. */
export function fieldProblems(layer: Layer): string[] {
  const problems: (string | null)[] = [];
  switch (layer.type) {
    case 'conv2d':
      problems.push(
        wholeAtLeastOne('filters', layer.filters),
        wholeAtLeastOne('kernel size', layer.kernelSize),
        wholeAtLeastOne('stride', layer.strides),
      );
      break;
    case 'maxPooling2d':
    case 'averagePooling2d':
      problems.push(wholeAtLeastOne('pool size', layer.poolSize), wholeAtLeastOne('stride', layer.strides));
      break;
    case 'dense':
      problems.push(wholeAtLeastOne('units', layer.units));
      break;
    case 'dropout':
      if (!(Number.isFinite(layer.rate) && layer.rate >= 0 && layer.rate < 1)) {
        problems.push(`rate must be at least 0 and below 1 (it is ${Number.isFinite(layer.rate) ? layer.rate : 'empty'})`);
      }
      break;
    case 'flatten':
    case 'batchNormalization':
      break;
    default:
      assertNever(layer);
  }
  return [...problems.filter((p): p is string => p !== null), ...regularizerProblems(layer)];
}

export function withLayers(arch: Architecture, layers: Layer[]): Architecture {
  return { ...arch, layers };
}

export function insertLayer(arch: Architecture, at: number, layer: Layer): Architecture {
  const layers = arch.layers.slice();
  layers.splice(at, 0, layer);
  return withLayers(arch, layers);
}

export function removeLayer(arch: Architecture, at: number): Architecture {
  return withLayers(arch, arch.layers.filter((_, i) => i !== at));
}

export function replaceLayer(arch: Architecture, at: number, layer: Layer): Architecture {
  return withLayers(arch, arch.layers.map((l, i) => (i === at ? layer : l)));
}

export const insertFlattenFix = (at: number): Fix => ({
  label: 'Insert Flatten before it',
  apply: (arch) => insertLayer(arch, at, { type: 'flatten' }),
});

export const removeLayerFix = (at: number): Fix => ({
  label: 'Remove this layer',
  apply: (arch) => removeLayer(arch, at),
});

export const samePaddingFix = (at: number): Fix => ({
  label: "Use padding 'same'",
  apply: (arch) => {
    const layer = arch.layers[at];
    if (!layer || !('padding' in layer)) return arch;
    return replaceLayer(arch, at, { ...layer, padding: 'same' });
  },
});

/** The output layer every MNIST classifier needs: ten probabilities, one per digit. */
export const OUTPUT_LAYER: Layer = { type: 'dense', units: 10, activation: 'softmax' };

/** The output layer for `classes` classes: one probability each. */
export function outputLayer(classes: number): Layer {
  return { type: 'dense', units: classes, activation: 'softmax' };
}
