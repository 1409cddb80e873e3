// Which values one unit reads in the layer before it: a window of maps, one cell, or units of a flat layer.

import type { Architecture } from './architecture';
import { analyze } from './analyze';
import type { PixelRect } from './receptiveField';
import type { UnitRef } from './units';
import { isMapUnit, volumeCell } from './units';
import { windowAt } from './window';

/** What a unit reads; `layer` is the layer whose output it reads, -1 for the network's input. */
export type Read =
  /** A window (clipped to the map) in the given maps, or in every map. */
  | { kind: 'window'; layer: number; channels: number[] | 'all'; rect: PixelRect }
  | { kind: 'cell'; layer: number; channel: number; row: number; col: number }
  /** Some units of a flat layer, or all of them. */
  | { kind: 'units'; layer: number; units: number[] | 'all' };

/** What `unit` reads, or [] when the network or the unit does not exist. */
export function unitReads(arch: Architecture, unit: UnitRef): Read[] {
  const row = analyze(arch).rows[unit.layer];
  const input = row?.inputShape;
  if (!row || !input || !row.outputShape) return [];
  const from = unit.layer - 1;
  const layer = row.layer;
  switch (layer.type) {
    case 'conv2d':
    case 'maxPooling2d':
    case 'averagePooling2d': {
      if (!isMapUnit(unit) || input.kind !== 'spatial') return [];
      const size = layer.type === 'conv2d' ? layer.kernelSize : layer.poolSize;
      const { top, left } = windowAt({ size, stride: layer.strides, padding: layer.padding, inHeight: input.height, inWidth: input.width }, unit.row, unit.col);
      const rect = { top: Math.max(0, top), left: Math.max(0, left), bottom: Math.min(input.height - 1, top + size - 1), right: Math.min(input.width - 1, left + size - 1) };
      return [{ kind: 'window', layer: from, channels: layer.type === 'conv2d' ? 'all' : [unit.channel], rect }];
    }
    case 'flatten': {
      if (isMapUnit(unit)) return [];
      if (input.kind === 'flat') return [{ kind: 'units', layer: from, units: [unit.unit] }];
      const cell = volumeCell(unit.unit, input.width, input.channels);
      return [{ kind: 'cell', layer: from, ...cell }];
    }
    case 'dense':
      return [{ kind: 'units', layer: from, units: 'all' }];
    case 'dropout':
    case 'batchNormalization':
      return isMapUnit(unit) ? [{ kind: 'cell', layer: from, channel: unit.channel, row: unit.row, col: unit.col }] : [{ kind: 'units', layer: from, units: [unit.unit] }];
  }
}
