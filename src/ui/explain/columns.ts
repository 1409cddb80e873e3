// The overview's columns for one explanation: the input, each layer as maps or units, the classes; and unit ↔ place.

import type { LayerType } from '../../model/architecture';
import type { Explanation } from '../../model/explanation';
import type { UnitRef } from '../../model/units';
import { isMapUnit, volumeIndex } from '../../model/units';
import type { ColumnSpec } from './layout';

export interface OverviewColumn {
  /** Layer index; -1 for the network's input. */
  layer: number;
  /** 'pass': a Dropout, drawn slim, since at inference its output is its input. */
  kind: 'input' | 'maps' | 'units' | 'output' | 'pass';
  type: LayerType | 'input';
  /** [height, width, channels] or [units]. */
  shape: number[];
  values: Float32Array;
}

export const SHORT_NAMES: Record<LayerType | 'input', string> = {
  input: 'Input',
  conv2d: 'Conv',
  maxPooling2d: 'MaxPool',
  averagePooling2d: 'AvgPool',
  batchNormalization: 'BatchNorm',
  dropout: 'Dropout',
  flatten: 'Flatten',
  dense: 'Dense',
};

export function overviewColumns(e: Explanation): OverviewColumn[] {
  const last = e.layers.length - 1;
  const columns: OverviewColumn[] = [{ layer: -1, kind: 'input', type: 'input', shape: [e.side, e.side, 1], values: e.input }];
  e.architecture.layers.forEach((layer, i) => {
    const out = e.layers[i]!;
    const kind = layer.type === 'dropout' ? 'pass' : i === last && out.shape.length === 1 ? 'output' : out.shape.length === 3 ? 'maps' : 'units';
    columns.push({ layer: i, kind, type: layer.type, shape: out.shape, values: out.values });
  });
  return columns;
}

/** The layer whose column draws layer `layer`'s output: a Dropout's is its input's (at inference they are the same values). */
export function drawnLayer(e: Explanation, layer: number): number {
  let l = layer;
  while (l >= 0 && e.architecture.layers[l]?.type === 'dropout') l--;
  return l;
}

/** The layout's view of the columns, one each. */
export function columnSpecs(columns: readonly OverviewColumn[]): ColumnSpec[] {
  return columns.map((c): ColumnSpec => {
    if (c.kind === 'maps' || c.kind === 'input') return { kind: c.kind, height: c.shape[0]!, width: c.shape[1]!, count: c.kind === 'input' ? 1 : c.shape[2]! };
    return { kind: c.kind, height: c.shape[0]!, width: 1, count: 1 };
  });
}

/** The value of `unit` in its column's values, or undefined when it is not there. */
export function valueOf(column: OverviewColumn, unit: UnitRef): number | undefined {
  if (column.shape.length === 3 && isMapUnit(unit)) return column.values[volumeIndex(unit.row, unit.col, unit.channel, column.shape[1]!, column.shape[2]!)];
  if (column.shape.length === 1 && !isMapUnit(unit)) return column.values[unit.unit];
  return undefined;
}

