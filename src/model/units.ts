// Naming one unit of a network: a cell of a feature map, or one unit of a flat layer.

import type { Shape } from './shape';

/** One unit: a cell (row, col) of map `channel` of a volume layer, or unit `unit` of a flat layer. */
export type UnitRef = { layer: number; channel: number; row: number; col: number } | { layer: number; unit: number };

export type MapUnit = Extract<UnitRef, { channel: number }>;

export function isMapUnit(u: UnitRef): u is MapUnit {
  return 'channel' in u;
}

/** Index of cell (row, col, channel) in a height × width × channels volume stored channels last, as tfjs stores it. */
export function volumeIndex(row: number, col: number, channel: number, width: number, channels: number): number {
  return (row * width + col) * channels + channel;
}

/** The cell behind index `i` of a channels-last volume: the inverse of volumeIndex. */
export function volumeCell(i: number, width: number, channels: number): { row: number; col: number; channel: number } {
  const pixel = Math.floor(i / channels);
  return { row: Math.floor(pixel / width), col: pixel % width, channel: i % channels };
}

/** Where unit `u` sits in its layer's output values, or -1 when it lies outside `shape`. */
export function unitIndex(u: UnitRef, shape: Shape): number {
  if (shape.kind === 'flat') {
    if (isMapUnit(u) || !Number.isInteger(u.unit) || u.unit < 0 || u.unit >= shape.units) return -1;
    return u.unit;
  }
  if (!isMapUnit(u)) return -1;
  const { row, col, channel } = u;
  const inside = [row, col, channel].every(Number.isInteger) && row >= 0 && col >= 0 && channel >= 0;
  if (!inside || row >= shape.height || col >= shape.width || channel >= shape.channels) return -1;
  return volumeIndex(row, col, channel, shape.width, shape.channels);
}

/** "map 3, row 5, column 7" or "unit 12", counting from 1 as people do. */
export function unitLabel(u: UnitRef): string {
  return isMapUnit(u) ? `map ${u.channel + 1}, row ${u.row + 1}, column ${u.col + 1}` : `unit ${u.unit + 1}`;
}

export function sameUnit(a: UnitRef | null, b: UnitRef | null): boolean {
  if (!a || !b) return a === b;
  if (a.layer !== b.layer) return false;
  if (isMapUnit(a) && isMapUnit(b)) return a.channel === b.channel && a.row === b.row && a.col === b.col;
  return !isMapUnit(a) && !isMapUnit(b) && a.unit === b.unit;
}
