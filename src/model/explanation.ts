// What the worker tells about one input: every layer's output, the logits, the heat map, and one unit's weights.
// Plain data (typed arrays), so the worker, the store and the views share one description.

import type { Architecture } from './architecture';
import type { MapUnit, UnitRef } from './units';
import type { WeightsRef } from './checkpoints';
import { LIVE } from './checkpoints';

/** Which weights a question is about: the live ones, or a checkpoint of the run (replay, checkpoints.ts). */
export type { WeightsRef } from './checkpoints';

export const LIVE_WEIGHTS: WeightsRef = LIVE;

/** How the heat map is made: the gradient of the class's logit with respect to each pixel, times the pixel. */
export const SALIENCY_METHOD = 'gradient × input' as const;

export interface Saliency {
  /** The class explained. */
  target: number;
  /** side × side values, row-major: ∂logit/∂pixel · pixel, unscaled (positive: pushed the class up). */
  values: Float32Array;
}

/** The weights one unit's detail needs, read in the same moment as the layer outputs beside them. */
export type UnitWeights =
  | {
      kind: 'conv';
      unit: MapUnit;
      /** The filter's kernel, kernelSize × kernelSize × input channels, tfjs's order (row, column, channel). */
      kernel: Float32Array;
      bias: number;
      /** Every filter's pre-activation at this cell: only for a softmax activation, which needs them all. */
      siblings: Float32Array | null;
    }
  | {
      kind: 'dense';
      unit: Extract<UnitRef, { unit: number }>;
      /** The unit's column of the kernel: one weight per input. */
      weights: Float32Array;
      bias: number;
      /** Every unit's pre-activation: only for a softmax activation. */
      siblings: Float32Array | null;
    }
  | { kind: 'batchNorm'; unit: UnitRef; mean: number; variance: number; gamma: number; beta: number; epsilon: number }
  /** Pooling, Flatten and Dropout have no weights: the layer outputs tell their whole story. */
  | { kind: 'none'; unit: UnitRef };

export interface LayerOutput {
  /** [height, width, channels] for volumes, [units] for flat layers. */
  shape: number[];
  /** Channels last, as tfjs stores them. Flatten and Dropout share their input's array (same values). */
  values: Float32Array;
}

export interface Explanation {
  /** The network the weights belong to, so the views lay out what was computed. */
  architecture: Architecture;
  epochsDone: number;
  /** The worker's answer counter: a larger one was computed on weights at least as new. */
  seq: number;
  /** What the first layer read: side × side values in [0, 1] (32×32 networks get the zero border). */
  input: Float32Array;
  side: number;
  /** The true class of a test digit; null for a drawn one. */
  label: number | null;
  /** Every layer's output, in order. */
  layers: LayerOutput[];
  /** The last layer's pre-activations (before softmax). */
  logits: Float32Array;
  /** The last layer's output: the class probabilities. */
  probabilities: Float32Array;
  saliency: Saliency;
  /** The selected unit's weights; null when none was asked for or it does not exist in this network. */
  unit: UnitWeights | null;
}
