// The lines over the overview: from the unit pointed at (or selected) to every value it reads, and a box on each window.
import { useEffect, useRef } from 'react';
import type { Architecture } from '../../model/architecture';
import type { Read } from '../../model/reads';
import { unitReads } from '../../model/reads';
import type { UnitRef } from '../../model/units';
import { isMapUnit } from '../../model/units';
import type { UnitPlaces } from './UnitStrip';

/** Where the overview's pieces are on screen: map canvases by `map:layer:channel`, class rows by `class:k`, flat layers' strips. */
export interface Places {
  elements: Map<string, HTMLElement>;
  units: Map<number, UnitPlaces>;
}

interface Box {
  x: number;
  y: number;
  w: number;
  h: number;
}

const centre = (b: Box) => ({ x: b.x + b.w / 2, y: b.y + b.h / 2 });

/** Rows r0..r1, columns c0..c1 (inclusive) of a w × h map drawn on `el`, in `root`'s coordinates. */
function cellsBox(el: HTMLElement, root: DOMRect, w: number, h: number, r0: number, c0: number, r1: number, c1: number): Box {
  const r = el.getBoundingClientRect();
  const cw = r.width / w;
  const ch = r.height / h;
  return { x: r.left - root.left + c0 * cw, y: r.top - root.top + r0 * ch, w: (c1 - c0 + 1) * cw, h: (r1 - r0 + 1) * ch };
}

/** The box of one unit on screen, or null when it is not drawn (another page of its layer, a dropout). */
export function unitBox(unit: UnitRef, shapes: number[][], places: Places, root: DOMRect): Box | null {
  if (isMapUnit(unit)) {
    const el = places.elements.get(`map:${unit.layer}:${unit.channel}`);
    const shape = shapes[unit.layer + 1];
    return el && shape ? cellsBox(el, root, shape[1]!, shape[0]!, unit.row, unit.col, unit.row, unit.col) : null;
  }
  const row = places.elements.get(`class:${unit.unit}`);
  const strip = places.units.get(unit.layer);
  if (strip) {
    const i = strip.shown.indexOf(unit.unit);
    if (i < 0) return null;
    const rows = Math.ceil(strip.shown.length / strip.perRow);
    return cellsBox(strip.el, root, strip.perRow, rows, Math.floor(i / strip.perRow), i % strip.perRow, Math.floor(i / strip.perRow), i % strip.perRow);
  }
  if (row) {
    const r = row.getBoundingClientRect();
    return { x: r.left - root.left, y: r.top - root.top, w: r.width, h: r.height };
  }
  return null;
}

/** The boxes a read covers on screen. `shapes[layer + 1]` is layer's output shape ([0] the input). */
function readBoxes(read: Read, shapes: number[][], places: Places, root: DOMRect): Box[] {
  const shape = shapes[read.layer + 1];
  if (!shape) return [];
  if (read.kind === 'units') {
    const strip = places.units.get(read.layer);
    if (!strip) return [];
    const wanted = read.units === 'all' ? strip.shown : read.units;
    return wanted.map((u) => unitBox({ layer: read.layer, unit: u }, shapes, places, root)).filter((b): b is Box => b !== null);
  }
  const [h, w, c] = shape as [number, number, number];
  const channels = read.kind === 'cell' ? [read.channel] : read.channels === 'all' ? Array.from({ length: c }, (_, k) => k) : read.channels;
  const rect = read.kind === 'cell' ? { top: read.row, left: read.col, bottom: read.row, right: read.col } : read.rect;
  return channels.flatMap((k) => {
    const el = places.elements.get(`map:${read.layer}:${k}`);
    return el ? [cellsBox(el, root, w, h, rect.top, rect.left, rect.bottom, rect.right)] : [];
  });
}

interface Props {
  root: HTMLElement | null;
  architecture: Architecture;
  /** Output shapes, [0] being the input's: shapes[layer + 1]. */
  shapes: number[][];
  places: Places;
  /** The unit whose reads to draw. */
  unit: UnitRef | null;
  /** Maps a layer to the one whose column draws it (a Dropout's input). */
  drawn: (layer: number) => number;
  /** Changes whenever the layout may have moved (new answer, resize, page). */
  version: string;
}

const SVG = 'http://www.w3.org/2000/svg';

function shape(tag: 'line' | 'rect', cls: string, attrs: Record<string, number>): SVGElement {
  const el = document.createElementNS(SVG, tag);
  el.setAttribute('class', cls);
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, v.toFixed(1));
  return el;
}

/**
 * Drawn straight into the SVG in the next animation frame: the boxes come from where the browser
 * put the canvases (read in the frame's own layout, not forced in React's commit), and a hover
 * redraws only these few shapes, not the overview.
 */
/** Replace `out`'s shapes with the lines and boxes from `unit` to what it reads. */
function drawLines(out: SVGSVGElement, root: HTMLElement | null, p: Omit<Props, 'root' | 'version'>): void {
  out.replaceChildren();
  const { unit, architecture, shapes, places, drawn } = p;
  if (!root || !unit) return;
  const base = root.getBoundingClientRect();
  // Coordinates inside the scrolled content, so the drawing scrolls with it.
  const rootBox = new DOMRect(base.left - root.scrollLeft, base.top - root.scrollTop, base.width, base.height);
  const from = unitBox({ ...unit, layer: drawn(unit.layer) }, shapes, places, rootBox);
  const reads = unitReads(architecture, unit).map((r) => ({ ...r, layer: drawn(r.layer) }));
  const boxes = reads.flatMap((r) => readBoxes(r, shapes, places, rootBox));
  out.setAttribute('width', String(root.scrollWidth));
  out.setAttribute('height', String(root.scrollHeight));
  if (from) {
    const s = centre(from);
    for (const b of boxes) {
      const e = centre(b);
      out.append(shape('line', 'ov-line', { x1: s.x, y1: s.y, x2: e.x, y2: e.y }));
    }
  }
  for (const b of boxes) if (b.w > 6 || b.h > 6) out.append(shape('rect', 'ov-window', { x: b.x - 0.5, y: b.y - 0.5, width: b.w + 1, height: b.h + 1 }));
  if (from) out.append(shape('rect', 'ov-unit', { x: from.x - 1, y: from.y - 1, width: from.w + 2, height: from.h + 2 }));
}

export function Lines({ root, architecture, shapes, places, unit, drawn, version }: Props) {
  const svg = useRef<SVGSVGElement>(null);
  useEffect(() => {
    const frame = requestAnimationFrame(() => {
      if (svg.current) drawLines(svg.current, root, { architecture, shapes, places, unit, drawn });
    });
    return () => cancelAnimationFrame(frame);
  }, [root, architecture, shapes, places, unit, drawn, version]);
  return <svg ref={svg} className="ov-lines" data-testid="overview-lines" aria-hidden="true" />;
}
