// The selected unit's arithmetic from one explanation: which kind of detail it is and every number the detail shows.

import type { Layer } from '../../model/architecture';
import type { Explanation, UnitWeights } from '../../model/explanation';
import type { BatchNormParams, ConvUnit, DenseUnit, PoolUnit, Volume } from '../../model/unitMath';
import { batchNormUnit, convUnit, denseUnit, poolUnit } from '../../model/unitMath';
import type { UnitRef } from '../../model/units';
import { isMapUnit, unitIndex } from '../../model/units';
import { flat, spatial } from '../../model/shape';

/** How many of a dense unit's contributions the detail lists one by one. */
export const TOP_CONTRIBUTIONS = 10;

export type Detail =
  /** `output`: the layer's maps as the forward pass computed them, to check the step-through's sums against at every position. */
  | { kind: 'conv'; spec: Extract<Layer, { type: 'conv2d' }>; input: Volume; output: Volume; weights: Extract<UnitWeights, { kind: 'conv' }>; math: ConvUnit }
  | { kind: 'pool'; spec: Extract<Layer, { type: 'maxPooling2d' | 'averagePooling2d' }>; input: Volume; math: PoolUnit }
  | { kind: 'batchNorm'; input: number; params: BatchNormParams; math: ReturnType<typeof batchNormUnit> }
  | { kind: 'dense'; spec: Extract<Layer, { type: 'dense' }>; input: Float32Array; weights: Extract<UnitWeights, { kind: 'dense' }>; math: DenseUnit; last: boolean }
  /** Flatten and Dropout: the value of one unit before them. */
  | { kind: 'pass'; spec: Extract<Layer, { type: 'flatten' | 'dropout' }>; from: UnitRef };

export interface DetailOf {
  unit: UnitRef;
  /** The unit's output as the forward pass computed it. */
  value: number;
  /** Conv and dense: the detail's own sum of weight × input plus bias. */
  preactivation: number | null;
  detail: Detail;
}

/** The input volume (or vector) layer `layer` read: the layer before's output, or the image. */
export function inputOf(e: Explanation, layer: number): { shape: number[]; values: Float32Array } {
  return layer > 0 ? e.layers[layer - 1]! : { shape: [e.side, e.side, 1], values: e.input };
}

const volumeOf = (x: { shape: number[]; values: Float32Array }): Volume => ({ height: x.shape[0]!, width: x.shape[1]!, channels: x.shape[2] ?? 1, values: x.values });

const shapeOf = (s: number[]) => (s.length === 3 ? spatial(s[0]!, s[1]!, s[2]!) : flat(s[0]!));

/** The detail of the unit the explanation carries weights for, or null when it carries none. */
export function detailOf(e: Explanation): DetailOf | null {
  const w = e.unit;
  if (!w) return null;
  const unit = w.unit;
  const spec = e.architecture.layers[unit.layer];
  const out = e.layers[unit.layer];
  if (!spec || !out) return null;
  const index = unitIndex(unit, shapeOf(out.shape));
  if (index < 0) return null;
  const value = out.values[index]!;
  const input = inputOf(e, unit.layer);
  switch (spec.type) {
    case 'conv2d': {
      if (w.kind !== 'conv' || !isMapUnit(unit)) return null;
      const siblings = w.siblings ? { values: w.siblings, self: unit.channel } : undefined;
      const math = convUnit(volumeOf(input), w.kernel, w.bias, spec, unit.row, unit.col, siblings);
      return { unit, value, preactivation: math.preactivation, detail: { kind: 'conv', spec, input: volumeOf(input), output: volumeOf(out), weights: w, math } };
    }
    case 'maxPooling2d':
    case 'averagePooling2d': {
      if (!isMapUnit(unit)) return null;
      const op = spec.type === 'maxPooling2d' ? 'max' : 'average';
      const math = poolUnit(volumeOf(input), unit.channel, { op, poolSize: spec.poolSize, strides: spec.strides, padding: spec.padding }, unit.row, unit.col);
      return { unit, value, preactivation: null, detail: { kind: 'pool', spec, input: volumeOf(input), math } };
    }
    case 'batchNormalization': {
      if (w.kind !== 'batchNorm') return null;
      const x = input.values[unitIndex(unit, shapeOf(input.shape))]!;
      return { unit, value, preactivation: null, detail: { kind: 'batchNorm', input: x, params: w, math: batchNormUnit(x, w) } };
    }
    case 'dense': {
      if (w.kind !== 'dense' || isMapUnit(unit)) return null;
      const siblings = w.siblings ? { values: w.siblings, self: unit.unit } : undefined;
      const math = denseUnit(input.values, w.weights, w.bias, spec.activation, TOP_CONTRIBUTIONS, siblings);
      return { unit, value, preactivation: math.preactivation, detail: { kind: 'dense', spec, input: input.values, weights: w, math, last: unit.layer === e.layers.length - 1 } };
    }
    case 'flatten':
    case 'dropout': {
      const before = shapeOf(input.shape);
      // Flatten's unit i is value i of the maps before it, laid out channels last.
      const from: UnitRef =
        spec.type === 'flatten' && !isMapUnit(unit) && before.kind === 'spatial'
          ? { layer: unit.layer - 1, row: Math.floor(unit.unit / (before.width * before.channels)), col: Math.floor(unit.unit / before.channels) % before.width, channel: unit.unit % before.channels }
          : { ...unit, layer: unit.layer - 1 };
      return { unit, value, preactivation: null, detail: { kind: 'pass', spec, from } };
    }
  }
}
