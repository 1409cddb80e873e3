// How big the overview draws a network so it fits its box: one cell scale for every map, and each stack's grid.

/** One column of the overview: the input image, a layer's maps, a flat layer's units, or the class outputs. */
export type ColumnKind = 'input' | 'maps' | 'units' | 'output' | 'pass';

export interface ColumnSpec {
  kind: ColumnKind;
  /** Map side (maps, input), or unit count (units, output). */
  height: number;
  width: number;
  /** Maps in the stack (1 for the rest). */
  count: number;
}

export interface OverviewLayout {
  /** 'across': layers left to right, each stack in columns of at most `bodyHeight`; 'down': layers top to bottom, maps wrapping. */
  direction: 'across' | 'down';
  /** CSS pixels per map cell (at least MIN_CELL, so a click always lands on one cell). */
  cell: number;
  /** Input image's pixels per cell: bigger than the maps' when there is room. */
  inputCell: number;
  /** Maps per row of each column's grid. */
  gridColumns: number[];
  /** Width the columns need, gaps included ('across'). */
  width: number;
}

export const MIN_CELL = 3;
const MAX_CELL = 8;
export const MAP_GAP = 3;
export const COLUMN_GAP = 12;
/** Widths of the columns that do not scale with the cells: a flat layer's strip (wider with its pager, in rem as its text is), the classes (rem). */
export const UNITS_WIDTH = 26;
export const PAGED_UNITS_REM = 2.9;
export const OUTPUT_REM = 7.5;
/** A Dropout: a slim dashed line (it passes values on when predicting). */
export const PASS_WIDTH = 6;
const INPUT_MIN_WIDTH = 90;
/** Below this width (a tablet's or a phone's box) a network that does not fit across goes top to bottom instead. */
const NARROW = 800;
/** A flat layer's smallest cell across, so a pointer lands on one unit (UnitStrip pages beyond it). */
export const MIN_UNIT_CELL = 4;

function inputCellFor(cell: number, side: number): number {
  return Math.max(cell, INPUT_MIN_WIDTH / side);
}

/** Maps per row, and the width, of a stack of `count` maps of `px` pixels in a column at most `height` tall. */
function stack(count: number, px: number, height: number): { columns: number; width: number } {
  const rows = Math.max(1, Math.floor((height + MAP_GAP) / (px + MAP_GAP)));
  const columns = Math.ceil(count / rows);
  return { columns, width: columns * (px + MAP_GAP) - MAP_GAP };
}

/** The 'across' layout at cell scale `cell`, and the width it needs; `rem`: the root font size in pixels. */
function across(specs: readonly ColumnSpec[], cell: number, bodyHeight: number, rem: number): OverviewLayout {
  const gridColumns: number[] = [];
  let width = 0;
  const inputCell = inputCellFor(cell, specs[0]?.width ?? 28);
  for (const spec of specs) {
    let w: number;
    if (spec.kind === 'maps') {
      const s = stack(spec.count, spec.width * cell, bodyHeight);
      gridColumns.push(s.columns);
      w = s.width;
    } else {
      gridColumns.push(1);
      const units = spec.height * MIN_UNIT_CELL > bodyHeight ? PAGED_UNITS_REM * rem : UNITS_WIDTH;
      w = spec.kind === 'input' ? spec.width * inputCell : spec.kind === 'units' ? units : spec.kind === 'pass' ? PASS_WIDTH : OUTPUT_REM * rem;
    }
    width += w;
  }
  width += COLUMN_GAP * Math.max(0, specs.length - 1);
  return { direction: 'across', cell, inputCell, gridColumns, width };
}

/**
 * The largest cell scale at which the whole network fits `boxWidth` across with stacks no taller
 * than `bodyHeight`. When even MIN_CELL does not fit, a desktop's box keeps the layers across and
 * scrolls sideways (the height still fits the screen); a tablet's or phone's lays them top to
 * bottom, each stack wrapping across it.
 */
export function layoutOverview(specs: readonly ColumnSpec[], boxWidth: number, bodyHeight: number, rem = 16): OverviewLayout {
  for (let cell = MAX_CELL; cell >= MIN_CELL; cell--) {
    const layout = across(specs, cell, bodyHeight, rem);
    if (layout.width <= boxWidth) return layout;
  }
  if (boxWidth >= NARROW) return across(specs, MIN_CELL, bodyHeight, rem);
  // Top to bottom: as large as fits the box's width, maps wrapping into rows.
  const widest = Math.max(1, ...specs.filter((s) => s.kind === 'maps').map((s) => s.width));
  // About six of the widest maps to a row: big enough to read, few enough rows to scroll through.
  const cell = Math.max(MIN_CELL, Math.min(MAX_CELL, Math.floor(boxWidth / widest / 6)));
  const gridColumns = specs.map((s) => (s.kind === 'maps' ? Math.max(1, Math.min(s.count, Math.floor((boxWidth + MAP_GAP) / (s.width * cell + MAP_GAP)))) : 1));
  return { direction: 'down', cell, inputCell: inputCellFor(cell, specs[0]?.width ?? 28), gridColumns, width: boxWidth };
}
