// A flat layer in the overview (Flatten, Dense): its units as a strip of cells, paged, in order or strongest first.
import type { MouseEvent } from 'react';
import { memo, useEffect, useMemo, useRef, useState } from 'react';
import { groupDigits } from '../../model/format';
import type { UnitRef } from '../../model/units';
import { rangeOf } from '../inspect/paint';
import type { OverviewColumn } from './columns';
import { grayColor, paintCells } from './colors';
import type { UnitEvents } from './MapStack';

/** Where a flat layer's units are drawn, for lines to reach them: the canvas, the units shown in order, and cells per row. */
export interface UnitPlaces {
  el: HTMLCanvasElement;
  shown: number[];
  perRow: number;
}

interface Props extends UnitEvents {
  column: OverviewColumn;
  direction: 'across' | 'down';
  /** Room for the strip: its height across, its width down. */
  room: number;
  /** Root font size in pixels: the pager's text scales with it. */
  rem: number;
  /** The unit the keyboard is on in this layer, so its page is the one shown. */
  cursor: number | null;
  registerUnits: (layer: number, places: UnitPlaces | null) => void;
  testId: string;
}

/** Smallest cell, so a tap or click lands on one unit. */
const MIN_CELL = 4;
const DOWN_CELL = 9;
/** The pager under a paged strip, across: four short lines of small text. */
const PAGER_REM = 7.5;
/** Across, each unit is a wide short cell: easy to see and to point at. */
const STRIP_WIDTH = 22;

export const UnitStrip = memo(function UnitStrip({ column, direction, room, rem, cursor, onHover, onSelect, registerUnits, testId }: Props) {
  const units = column.values.length;
  const perRow = direction === 'across' ? 1 : Math.max(8, Math.floor(room / DOWN_CELL));
  const paged = direction === 'across' ? units * MIN_CELL > room : units > perRow * 8;
  // Across, the pager takes some of the column's height.
  const height = paged && direction === 'across' ? room - PAGER_REM * rem : room;
  const perPage = direction === 'across' ? Math.max(8, Math.floor(height / MIN_CELL)) : perRow * 8;
  const [page, setPage] = useState(0);
  const [strongest, setStrongest] = useState(true);
  const order = useMemo(() => {
    const all = Array.from({ length: units }, (_, i) => i);
    return paged && strongest ? all.sort((a, b) => Math.abs(column.values[b]!) - Math.abs(column.values[a]!) || a - b) : all;
  }, [column.values, units, paged, strongest]);
  const pages = Math.ceil(units / perPage);
  // Follow the keyboard to the page its unit is on.
  const cursorPage = cursor === null ? null : Math.floor(order.indexOf(cursor) / perPage);
  const shownPage = Math.min(pages - 1, cursorPage ?? page);
  const shown = useMemo(() => order.slice(shownPage * perPage, (shownPage + 1) * perPage), [order, shownPage, perPage]);
  const rows = Math.ceil(shown.length / perRow);
  const cell = direction === 'across' ? Math.max(MIN_CELL, Math.min(12, Math.floor(height / shown.length))) : DOWN_CELL;
  const canvas = useRef<HTMLCanvasElement>(null);
  const whole = useMemo(() => rangeOf(units, (i) => column.values[i]!), [column.values, units]);
  useEffect(() => {
    paintCells(canvas.current, perRow, rows, (i) => (i < shown.length ? grayColor(column.values[shown[i]!]!, whole.lo, whole.hi) : [24, 24, 24]));
    if (canvas.current) registerUnits(column.layer, { el: canvas.current, shown, perRow });
  }, [column.values, shown, perRow, rows, whole, registerUnits, column.layer]);
  useEffect(() => () => registerUnits(column.layer, null), [registerUnits, column.layer]);

  const unitAt = (e: MouseEvent<HTMLCanvasElement>): UnitRef | null => {
    const r = e.currentTarget.getBoundingClientRect();
    const col = Math.floor(((e.clientX - r.left) / r.width) * perRow);
    const row = Math.floor(((e.clientY - r.top) / r.height) * rows);
    const i = row * perRow + col;
    return i >= 0 && i < shown.length ? { layer: column.layer, unit: shown[i]! } : null;
  };
  const first = shownPage * perPage + 1;
  return (
    <div className="ov-units">
      <canvas
        ref={canvas}
        className="ov-strip"
        data-testid={testId}
        data-units={units}
        data-layer={column.layer}
        style={{ width: direction === 'across' ? STRIP_WIDTH : perRow * cell, height: rows * cell }}
        aria-hidden="true"
        onPointerMove={(e) => onHover(unitAt(e))}
        onPointerLeave={() => onHover(null)}
        onClick={(e) => {
          const u = unitAt(e);
          if (u) onSelect(u);
        }}
      />
      {paged && (
        <div className="ov-pager" role="group" aria-label={`Layer ${column.layer + 1}: which of its ${groupDigits(units)} units to show`}>
          <button type="button" onClick={() => setStrongest(!strongest)} aria-pressed={strongest} title="Show the strongest units first, or all in order">
            {strongest ? 'top' : 'all'}
          </button>
          <button type="button" disabled={shownPage === 0} onClick={() => setPage(shownPage - 1)} aria-label="Previous units">
            ‹
          </button>
          <button type="button" disabled={shownPage >= pages - 1} onClick={() => setPage(shownPage + 1)} aria-label="Next units">
            ›
          </button>
          <span className="ov-range">
            {groupDigits(first)}–{groupDigits(first + shown.length - 1)}
            <br />
            of {groupDigits(units)}
          </span>
        </div>
      )}
    </div>
  );
});
