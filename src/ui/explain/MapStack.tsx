// One conv, pooling or batch-norm layer in the overview: its stack of maps, each a canvas whose cells can be pointed at and clicked.
import type { MouseEvent } from 'react';
import { memo, useEffect, useMemo, useRef } from 'react';
import type { UnitRef } from '../../model/units';
import { rangeOf } from '../inspect/paint';
import type { OverviewColumn } from './columns';
import { grayColor, paintCells } from './colors';
import { MAP_GAP } from './layout';

/** The cell of a w × h map under a pointer on its canvas (the cells cover the canvas evenly). */
export function cellAt(e: { clientX: number; clientY: number }, canvas: HTMLElement, w: number, h: number): { row: number; col: number } {
  const r = canvas.getBoundingClientRect();
  const col = Math.min(w - 1, Math.max(0, Math.floor(((e.clientX - r.left) / r.width) * w)));
  const row = Math.min(h - 1, Math.max(0, Math.floor(((e.clientY - r.top) / r.height) * h)));
  return { row, col };
}

export interface UnitEvents {
  onHover: (unit: UnitRef | null) => void;
  onSelect: (unit: UnitRef) => void;
  register: (key: string, el: HTMLElement | null) => void;
}

interface Props extends UnitEvents {
  column: OverviewColumn;
  cell: number;
  gridColumns: number;
  ownScale: boolean;
  /** The map holding the selected unit, which carries its values (`data-values`) for checks and tools. */
  selectedChannel: number | null;
}

export const MapStack = memo(function MapStack({ column, cell, gridColumns, ownScale, selectedChannel, onHover, onSelect, register }: Props) {
  const [h, w, c] = column.shape as [number, number, number];
  const canvases = useRef<(HTMLCanvasElement | null)[]>([]);
  const whole = useMemo(() => rangeOf(column.values.length, (i) => column.values[i]!), [column.values]);
  useEffect(() => {
    for (let k = 0; k < c; k++) {
      const at = (i: number) => column.values[i * c + k]!;
      const { lo, hi } = ownScale ? rangeOf(h * w, at) : whole;
      paintCells(canvases.current[k] ?? null, w, h, (i) => grayColor(at(i), lo, hi));
    }
  }, [column.values, ownScale, whole, h, w, c]);
  const selectedValues = useMemo(
    () => (selectedChannel === null ? undefined : JSON.stringify(Array.from({ length: h * w }, (_, i) => column.values[i * c + selectedChannel]))),
    [selectedChannel, column.values, h, w, c],
  );
  const unitAt = (e: MouseEvent<HTMLCanvasElement>, channel: number): UnitRef => ({ layer: column.layer, channel, ...cellAt(e, e.currentTarget, w, h) });
  return (
    <div className="ov-maps" style={{ gridTemplateColumns: `repeat(${gridColumns}, ${w * cell}px)`, gap: MAP_GAP }}>
      {Array.from({ length: c }, (_, k) => (
        <canvas
          key={k}
          ref={(el) => {
            canvases.current[k] = el;
            register(`map:${column.layer}:${k}`, el);
          }}
          className="ov-map"
          width={w}
          height={h}
          style={{ width: w * cell, height: h * cell }}
          data-testid="feature-map"
          data-layer={column.layer}
          data-channel={k}
          data-height={h}
          data-width={w}
          data-values={k === selectedChannel ? selectedValues : undefined}
          aria-hidden="true"
          onPointerMove={(e) => onHover(unitAt(e, k))}
          onPointerLeave={() => onHover(null)}
          onClick={(e) => onSelect(unitAt(e, k))}
        />
      ))}
    </div>
  );
});
