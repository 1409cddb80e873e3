// The network overview for one input: the input, every layer's maps or units, the class outputs, and lines to what a unit reads.
import type { KeyboardEvent } from 'react';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { LAYER_LABELS } from '../../model/architecture';
import type { Explanation } from '../../model/explanation';
import { groupDigits } from '../../model/format';
import { receptiveField } from '../../model/receptiveField';
import type { UnitRef } from '../../model/units';
import { isMapUnit, sameUnit, unitLabel } from '../../model/units';
import type { OverviewColumn } from './columns';
import { columnSpecs, drawnLayer, overviewColumns, SHORT_NAMES, valueOf } from './columns';
import { useAppStore } from '../../state/store';
import { num } from './colors';
import { ClassOutputs, InputImage } from './EndColumns';
import { layoutOverview } from './layout';
import type { Places } from './Lines';
import { Lines } from './Lines';
import { MapStack } from './MapStack';
import type { UnitPlaces } from './UnitStrip';
import { UnitStrip } from './UnitStrip';

interface Props {
  explanation: Explanation;
  classNames: readonly string[];
  selected: UnitRef | null;
  onSelect: (unit: UnitRef) => void;
  ownScale: boolean;
  caption: string;
}

/** Height of the column headings above the stacks. */
const HEAD = 34;

/**
 * Room for the stacks: what the window's height leaves below the panel's own heading and tools
 * (`above`), so the whole panel fits the screen when scrolled to (a 1280×800 screen included).
 */
function bodyHeightFor(viewport: number, above: number): number {
  return Math.max(300, Math.min(680, viewport - above - HEAD - 16));
}

/** The unit a key moves the keyboard's cursor to in `column`, or null when the key is not a move. */
function moved(column: OverviewColumn, at: UnitRef, key: string): UnitRef | null {
  if (isMapUnit(at)) {
    const [h, w, c] = column.shape as [number, number, number];
    const step: Record<string, [number, number, number]> = { ArrowUp: [-1, 0, 0], ArrowDown: [1, 0, 0], ArrowLeft: [0, -1, 0], ArrowRight: [0, 1, 0], PageUp: [0, 0, -1], PageDown: [0, 0, 1] };
    const d = step[key];
    if (key === 'Home') return { ...at, row: 0, col: 0 };
    if (!d) return null;
    return { layer: at.layer, row: Math.min(h - 1, Math.max(0, at.row + d[0])), col: Math.min(w - 1, Math.max(0, at.col + d[1])), channel: Math.min(c - 1, Math.max(0, at.channel + d[2])) };
  }
  const n = column.values.length;
  const d = { ArrowUp: -1, ArrowLeft: -1, ArrowDown: 1, ArrowRight: 1, PageUp: -10, PageDown: 10 }[key];
  if (key === 'Home') return { layer: at.layer, unit: 0 };
  if (key === 'End') return { layer: at.layer, unit: n - 1 };
  return d === undefined ? null : { layer: at.layer, unit: Math.min(n - 1, Math.max(0, at.unit + d)) };
}

function firstUnit(column: OverviewColumn): UnitRef {
  return column.shape.length === 3 ? { layer: column.layer, channel: 0, row: 0, col: 0 } : { layer: column.layer, unit: 0 };
}

function describe(column: OverviewColumn): string {
  if (column.kind === 'input') return `Input, ${column.shape[0]}×${column.shape[1]} pixels`;
  const name = `Layer ${column.layer + 1}, ${LAYER_LABELS[column.type as keyof typeof LAYER_LABELS]}`;
  if (column.shape.length === 3) return `${name}: ${column.shape[2]} maps of ${column.shape[0]}×${column.shape[1]}. Arrow keys move, Page Up and Down change map, Enter explains the unit.`;
  return `${name}: ${groupDigits(column.values.length)} units. Arrow keys move, Enter explains the unit.`;
}

export function Overview({ explanation, classNames, selected, onSelect, ownScale, caption }: Props) {
  const columns = useMemo(() => overviewColumns(explanation), [explanation]);
  const [root, setRoot] = useState<HTMLDivElement | null>(null);
  const [box, setBox] = useState({ width: 800, viewport: typeof window === 'undefined' ? 800 : window.innerHeight, above: 120, rem: 16 });
  // Presenter mode enlarges the type, and with it the panel's heading and the text columns.
  const presenter = useAppStore((s) => s.prefs.presenter);
  useEffect(() => {
    if (!root) return;
    const measure = () => {
      const panel = root.closest('section')?.getBoundingClientRect().top ?? 0;
      const rem = parseFloat(getComputedStyle(document.documentElement).fontSize) || 16;
      setBox({ width: root.clientWidth, viewport: window.innerHeight, above: Math.max(0, Math.round(root.getBoundingClientRect().top - panel)), rem });
    };
    // Measured after layout, never forcing one: the observer reports the box as soon as it is laid
    // out (and on every resize), a frame after a class change (presenter mode) catches the rest.
    const frame = requestAnimationFrame(measure);
    const observer = new ResizeObserver(measure);
    observer.observe(root);
    const onResize = measure;
    window.addEventListener('resize', onResize);
    return () => {
      cancelAnimationFrame(frame);
      observer.disconnect();
      window.removeEventListener('resize', onResize);
    };
  }, [root, presenter]);
  const bodyHeight = bodyHeightFor(box.viewport, box.above);
  const specs = useMemo(() => columnSpecs(columns), [columns]);
  const layout = useMemo(() => layoutOverview(specs, box.width, bodyHeight, box.rem), [specs, box.width, bodyHeight, box.rem]);

  const [hover, setHover] = useState<UnitRef | null>(null);
  const [cursor, setCursor] = useState<UnitRef | null>(null);
  const onHover = useCallback((u: UnitRef | null) => setHover((h) => (sameUnit(h, u) ? h : u)), []);
  // One mutable registry for the component's life: the columns add their elements, the lines read them.
  const [places] = useState<Places>(() => ({ elements: new Map(), units: new Map() }));
  const [placesVersion, setPlacesVersion] = useState(0);
  const register = useCallback((key: string, el: HTMLElement | null) => {
    if (el) places.elements.set(key, el);
    else places.elements.delete(key);
  }, [places]);
  const registerUnits = useCallback((layer: number, p: UnitPlaces | null) => {
    if (p) places.units.set(layer, p);
    else places.units.delete(layer);
    setPlacesVersion((v) => v + 1);
  }, [places]);

  const pointed = hover ?? cursor ?? selected;
  const field = useMemo(() => (pointed ? receptiveField(explanation.architecture, pointed) : null), [explanation.architecture, pointed]);
  const shapes = useMemo(() => [columns[0]!.shape, ...explanation.layers.map((l) => l.shape)], [columns, explanation.layers]);
  const drawn = useCallback((layer: number) => drawnLayer(explanation, layer), [explanation]);

  const onKey = (column: OverviewColumn) => (e: KeyboardEvent<HTMLDivElement>) => {
    const at = cursor && cursor.layer === column.layer ? cursor : firstUnit(column);
    if (e.key === 'Enter' || e.key === ' ') {
      e.preventDefault();
      onSelect(at);
      return;
    }
    if (e.key === 'Escape') {
      setCursor(null);
      return;
    }
    const next = moved(column, at, e.key);
    if (next) {
      e.preventDefault();
      setCursor(next);
    }
  };
  const said = cursor ? columns.find((c) => c.layer === cursor.layer) : undefined;
  const cursorValue = said && cursor ? valueOf(said, cursor) : undefined;

  return (
    <div className="overview-wrap">
      <div ref={setRoot} className={`overview ${layout.direction}`} data-testid="overview" data-direction={layout.direction} data-cell={layout.cell}>
        {columns.map((column, i) => {
          const grid = layout.gridColumns[i]!;
          const name = column.kind === 'input' ? 'Input' : `${column.layer + 1} ${SHORT_NAMES[column.type]}`;
          const shape = column.shape.length === 3 ? `${column.shape[2]}@${column.shape[0]}×${column.shape[1]}` : groupDigits(column.values.length);
          const testId = column.kind === 'input' ? 'overview-input-column' : column.type === 'flatten' ? 'flatten-layer' : column.kind === 'pass' ? 'dropout-layer' : 'feature-layer';
          const focusable = column.kind !== 'input' && column.kind !== 'pass';
          return (
            <div
              key={column.layer}
              className={`ov-col ov-${column.kind} layer-${column.type}`}
              data-testid={testId}
              data-layer={column.layer}
              data-layer-type={column.type}
              data-shape={column.shape.join('x')}
              data-maps={column.shape.length === 3 ? column.shape[2] : 0}
              tabIndex={focusable ? 0 : undefined}
              role={focusable ? 'group' : undefined}
              aria-label={focusable ? describe(column) : undefined}
              onKeyDown={focusable ? onKey(column) : undefined}
              onFocus={focusable ? () => setCursor((c) => (c && c.layer === column.layer ? c : selected && selected.layer === column.layer ? selected : firstUnit(column))) : undefined}
              onBlur={focusable ? () => setCursor(null) : undefined}
            >
              <div className="ov-head" title={column.kind === 'input' ? 'What the first layer reads' : `${LAYER_LABELS[column.type as keyof typeof LAYER_LABELS]}, output ${column.shape.join('×')}`}>
                {column.kind !== 'pass' && <span className="ov-name">{name}</span>}
                {column.kind !== 'pass' && <span className="ov-shape">{column.kind === 'input' ? `${column.shape[0]}×${column.shape[1]}` : shape}</span>}
              </div>
              {column.kind === 'input' && <InputImage column={column} cell={layout.inputCell} register={register} field={field} caption={caption} />}
              {column.kind === 'maps' && (
                <MapStack
                  column={column}
                  cell={layout.cell}
                  gridColumns={grid}
                  ownScale={ownScale}
                  selectedChannel={selected && isMapUnit(selected) && selected.layer === column.layer ? selected.channel : null}
                  onHover={onHover}
                  onSelect={onSelect}
                  register={register}
                />
              )}
              {column.kind === 'units' && (
                <UnitStrip
                  column={column}
                  direction={layout.direction}
                  room={layout.direction === 'across' ? bodyHeight : box.width}
                  rem={box.rem}
                  cursor={cursor && !isMapUnit(cursor) && cursor.layer === column.layer ? cursor.unit : null}
                  onHover={onHover}
                  onSelect={onSelect}
                  register={register}
                  registerUnits={registerUnits}
                  testId={column.type === 'flatten' ? 'flatten-strip' : 'activation-strip'}
                />
              )}
              {column.kind === 'output' && (
                <ClassOutputs column={column} classNames={classNames} active={cursor && !isMapUnit(cursor) && cursor.layer === column.layer ? cursor.unit : null} onHover={onHover} onSelect={onSelect} register={register} />
              )}
              {column.kind === 'pass' && <span className="ov-pass" title={`Layer ${column.layer + 1}, Dropout: off when predicting, it passes values on`} />}
            </div>
          );
        })}
        <Lines root={root} architecture={explanation.architecture} shapes={shapes} places={places} unit={pointed} drawn={drawn} version={`${explanation.seq}:${box.width}:${layout.cell}:${placesVersion}`} />
      </div>
      <p className="visually-hidden" aria-live="polite">
        {cursor && said ? `${unitLabel(cursor)}: ${cursorValue === undefined ? '' : num(cursorValue)}` : ''}
      </p>
    </div>
  );
}
