// Receptive fields: which pixels of the network's input one unit can see, through every conv and pooling layer before it.

import type { Architecture } from './architecture';
import { analyze } from './analyze';
import type { Shape } from './shape';
import type { UnitRef } from './units';
import { isMapUnit, volumeCell } from './units';
import { windowAt } from './window';

/** A rectangle of pixels, inclusive at both ends. */
export interface PixelRect {
  top: number;
  left: number;
  bottom: number;
  right: number;
}

export interface ReceptiveField {
  /** The pixels of the input the unit reads, clipped to the input. */
  rect: PixelRect;
  /** Height and width of the field before clipping: it may reach past the edge, into padding. */
  height: number;
  width: number;
  /** True when it is the whole input (every dense unit, for one). */
  whole: boolean;
}

/** What is known about a unit's field at one layer's output: a rectangle of cells, or units of a flat layer. */
type Reach =
  | { kind: 'cells'; clipped: PixelRect; full: PixelRect }
  | { kind: 'unit'; index: number }
  | { kind: 'all' };

const wholeOf = (shape: Extract<Shape, { kind: 'spatial' }>): PixelRect => ({ top: 0, left: 0, bottom: shape.height - 1, right: shape.width - 1 });

/** The same reach one layer earlier: at the input of the layer whose output `reach` describes. */
function stepBack(reach: Reach, layer: Architecture['layers'][number], input: Shape): Reach {
  if (reach.kind === 'all') return input.kind === 'spatial' ? cellsOf(wholeOf(input)) : reach;
  switch (layer.type) {
    case 'conv2d':
    case 'maxPooling2d':
    case 'averagePooling2d': {
      if (reach.kind !== 'cells' || input.kind !== 'spatial') return { kind: 'all' };
      const size = layer.type === 'conv2d' ? layer.kernelSize : layer.poolSize;
      const spec = { size, stride: layer.strides, padding: layer.padding, inHeight: input.height, inWidth: input.width };
      const back = (r: PixelRect): PixelRect => {
        const a = windowAt(spec, r.top, r.left);
        const b = windowAt(spec, r.bottom, r.right);
        return { top: a.top, left: a.left, bottom: b.top + size - 1, right: b.left + size - 1 };
      };
      // Cells in the padding read nothing, so the clipped field is clipped again at every layer.
      const clipped = back(reach.clipped);
      return {
        kind: 'cells',
        clipped: { top: Math.max(0, clipped.top), left: Math.max(0, clipped.left), bottom: Math.min(input.height - 1, clipped.bottom), right: Math.min(input.width - 1, clipped.right) },
        full: back(reach.full),
      };
    }
    case 'flatten': {
      if (reach.kind !== 'unit' || input.kind !== 'spatial') return reach;
      const { row, col } = volumeCell(reach.index, input.width, input.channels);
      return cellsOf({ top: row, left: col, bottom: row, right: col });
    }
    case 'dense':
      return input.kind === 'spatial' ? cellsOf(wholeOf(input)) : { kind: 'all' };
    case 'dropout':
    case 'batchNormalization':
      return reach; // one value in, the same value's place out
  }
}

function cellsOf(rect: PixelRect): Reach {
  return { kind: 'cells', clipped: rect, full: { ...rect } };
}

/**
 * The receptive field of `unit`, or null when the network or the unit does not exist.
 * Conv and pooling windows widen it (with their stride and padding); dense units see everything
 * their input sees; a Flatten unit sees what its one cell of the maps before it sees.
 */
export function receptiveField(arch: Architecture, unit: UnitRef): ReceptiveField | null {
  const rows = analyze(arch).rows;
  const row = rows[unit.layer];
  if (!row?.outputShape || rows.slice(0, unit.layer + 1).some((r) => !r.inputShape || !r.outputShape)) return null;
  const out = row.outputShape;
  let reach: Reach;
  if (isMapUnit(unit)) {
    if (out.kind !== 'spatial' || unit.row < 0 || unit.col < 0 || unit.row >= out.height || unit.col >= out.width) return null;
    reach = cellsOf({ top: unit.row, left: unit.col, bottom: unit.row, right: unit.col });
  } else {
    if (out.kind !== 'flat' || unit.unit < 0 || unit.unit >= out.units) return null;
    reach = { kind: 'unit', index: unit.unit };
  }
  for (let j = unit.layer; j >= 0; j--) reach = stepBack(reach, rows[j]!.layer, rows[j]!.inputShape!);
  const input = { kind: 'spatial' as const, height: arch.input.height, width: arch.input.width, channels: arch.input.channels };
  const whole = wholeOf(input);
  if (reach.kind !== 'cells') return { rect: whole, height: input.height, width: input.width, whole: true };
  const { clipped, full } = reach;
  return {
    rect: clipped,
    height: full.bottom - full.top + 1,
    width: full.right - full.left + 1,
    whole: clipped.top === 0 && clipped.left === 0 && clipped.bottom === whole.bottom && clipped.right === whole.right,
  };
}

/** The `data-receptive-field` form: "top,left,bottom,right". */
export function rectKey(r: PixelRect): string {
  return `${r.top},${r.left},${r.bottom},${r.right}`;
}
