// Painting a tensor's histograms over time on a canvas: stacked ridges (oldest at the back) or a heat strip, TensorBoard-style.

import type { TensorHistograms } from '../../model/histogram';

export type HistogramMode = 'ridges' | 'heat';

export interface Ink {
  /** The layer type's colour (as the builder draws the layer). */
  layer: string;
  text: string;
  muted: string;
  panel: string;
  grid: string;
  /** The selected moment's outline. */
  focus: string;
}

/** Size the canvas for its CSS box and the screen's pixel ratio; returns the context in CSS pixels. */
export function prepare(canvas: HTMLCanvasElement, width: number, height: number): CanvasRenderingContext2D | null {
  const ratio = Math.min(window.devicePixelRatio || 1, 3);
  const w = Math.max(1, Math.round(width * ratio));
  const h = Math.max(1, Math.round(height * ratio));
  if (canvas.width !== w) canvas.width = w;
  if (canvas.height !== h) canvas.height = h;
  const ctx = canvas.getContext('2d');
  if (!ctx) return null;
  ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
  ctx.clearRect(0, 0, width, height);
  return ctx;
}

/** `#2563eb` and an opacity -> `rgb(37 99 235 / 0.5)`. */
export function withAlpha(hex: string, alpha: number): string {
  const m = /^#?([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(hex.trim());
  if (!m) return hex;
  return `rgb(${parseInt(m[1]!, 16)} ${parseInt(m[2]!, 16)} ${parseInt(m[3]!, 16)} / ${alpha.toFixed(3)})`;
}

/** Room kept around the plot: value ticks below, moment labels on the right. */
export const PAD = { left: 4, right: 44, top: 6, bottom: 18 } as const;

function formatValue(v: number): string {
  if (v === 0) return '0';
  const a = Math.abs(v);
  if (a >= 100 || a < 0.01) return v.toExponential(0).replace('e-', 'e−').replace('-', '−');
  return (Math.round(v * 100) / 100).toString().replace('-', '−');
}

/** Ticks along the value axis: the two ends, and 0 when it lies well inside. */
function valueTicks(lo: number, hi: number): number[] {
  const ticks = [lo, hi];
  const span = hi - lo;
  if (lo < 0 && hi > 0 && -lo > span * 0.15 && hi > span * 0.15) ticks.push(0);
  return ticks;
}

function drawValueAxis(ctx: CanvasRenderingContext2D, t: TensorHistograms, x0: number, x1: number, y: number, ink: Ink): void {
  ctx.strokeStyle = ink.grid;
  ctx.lineWidth = 1;
  ctx.beginPath();
  ctx.moveTo(x0, y + 0.5);
  ctx.lineTo(x1, y + 0.5);
  ctx.stroke();
  ctx.fillStyle = ink.muted;
  ctx.font = '10px system-ui, sans-serif';
  ctx.textBaseline = 'top';
  for (const v of valueTicks(t.bins.lo, t.bins.hi)) {
    const x = x0 + ((v - t.bins.lo) / (t.bins.hi - t.bins.lo)) * (x1 - x0);
    ctx.textAlign = v === t.bins.lo ? 'left' : v === t.bins.hi ? 'right' : 'center';
    ctx.fillText(formatValue(v), x, y + 4);
    ctx.fillRect(Math.round(x) - 0.5, y, 1, 3);
  }
}

/** Which column a point of the canvas falls on (for clicks), or null. */
export function columnAt(mode: HistogramMode, columns: number, width: number, height: number, x: number, y: number): number | null {
  if (columns === 0) return null;
  if (mode === 'heat') {
    const plot = width - PAD.left - PAD.right;
    const c = Math.floor(((x - PAD.left) / plot) * columns);
    return c >= 0 && c < columns ? c : null;
  }
  const { baseline, step } = ridgeGeometry(columns, height);
  // The nearest baseline at or below the point: each ridge rises from its own baseline.
  const c = Math.ceil((y - baseline(0)) / step);
  return Math.min(columns - 1, Math.max(0, c));
}

function ridgeGeometry(columns: number, height: number) {
  const plotTop = PAD.top;
  const plotBottom = height - PAD.bottom;
  // Each ridge may rise over three of the gaps between baselines, so shapes overlap a little.
  const gaps = columns - 1 + 3;
  const step = (plotBottom - plotTop) / Math.max(gaps, 1);
  const rise = step * 3;
  return { step, rise, baseline: (c: number) => plotTop + rise + c * step };
}

/**
 * Stacked ridges: the oldest moment at the back (top), the newest in front (bottom); each ridge is
 * scaled to its own peak, so shapes compare however the counts spread. The selected one is solid.
 */
export function paintRidges(ctx: CanvasRenderingContext2D, t: TensorHistograms, width: number, height: number, selected: number, labels: readonly string[], ink: Ink): void {
  const columns = t.counts.length;
  const x0 = PAD.left;
  const x1 = width - PAD.right;
  const { rise, baseline } = ridgeGeometry(columns, height);
  const bins = t.bins.count;
  const xOf = (b: number) => x0 + ((b + 0.5) / bins) * (x1 - x0);
  const ridge = (c: number) => {
    const counts = t.counts[c]!;
    const peak = Math.max(1, ...counts);
    const y0 = baseline(c);
    ctx.beginPath();
    ctx.moveTo(x0, y0);
    for (let b = 0; b < bins; b++) ctx.lineTo(xOf(b), y0 - (counts[b]! / peak) * rise);
    ctx.lineTo(x1, y0);
  };
  for (let c = 0; c < columns; c++) {
    const age = columns === 1 ? 1 : c / (columns - 1);
    ridge(c);
    ctx.closePath();
    // Newer ridges in fuller colour; a panel-coloured fill first hides the ridges behind.
    ctx.fillStyle = ink.panel;
    ctx.fill();
    ctx.fillStyle = withAlpha(ink.layer, c === selected ? 0.85 : 0.14 + 0.4 * age);
    ctx.fill();
    ctx.lineWidth = 1;
    ctx.strokeStyle = withAlpha(ink.layer, 0.95);
    ctx.stroke();
  }
  // The selected moment's outline on top of everything, so ridges in front never hide it.
  if (selected >= 0 && selected < columns) {
    ridge(selected);
    ctx.lineWidth = 2.5;
    ctx.strokeStyle = ink.focus;
    ctx.stroke();
  }
  // Labels on the right: the first, the selected and the last moment.
  ctx.font = '10px system-ui, sans-serif';
  ctx.textAlign = 'left';
  ctx.textBaseline = 'middle';
  const labelled = new Set([0, columns - 1, selected]);
  for (const c of labelled) {
    if (c < 0 || c >= columns) continue;
    ctx.fillStyle = c === selected ? ink.text : ink.muted;
    ctx.fillText(labels[c] ?? '', x1 + 6, baseline(c));
  }
  drawValueAxis(ctx, t, x0, x1, height - PAD.bottom + 1, ink);
}

/**
 * A heat strip: one column per moment, oldest on the left; each cell's depth of colour is the
 * share of the column's numbers in that bin (square-root scaled, so thin tails show).
 */
export function paintHeat(ctx: CanvasRenderingContext2D, t: TensorHistograms, width: number, height: number, selected: number, labels: readonly string[], ink: Ink): void {
  const columns = t.counts.length;
  const x0 = PAD.left;
  const x1 = width - PAD.right;
  const y0 = PAD.top;
  const y1 = height - PAD.bottom;
  const bins = t.bins.count;
  const cw = (x1 - x0) / Math.max(columns, 1);
  const ch = (y1 - y0) / bins;
  for (let c = 0; c < columns; c++) {
    const counts = t.counts[c]!;
    const peak = Math.max(1, ...counts);
    for (let b = 0; b < bins; b++) {
      if (counts[b] === 0) continue;
      ctx.fillStyle = withAlpha(ink.layer, 0.08 + 0.92 * Math.sqrt(counts[b]! / peak));
      // Low values at the bottom, as on a value axis.
      ctx.fillRect(x0 + c * cw, y1 - (b + 1) * ch, Math.ceil(cw), Math.ceil(ch));
    }
  }
  if (selected >= 0 && selected < columns) {
    ctx.strokeStyle = ink.focus;
    ctx.lineWidth = 2;
    ctx.strokeRect(x0 + selected * cw + 1, y0 + 1, Math.max(cw - 2, 1), y1 - y0 - 2);
  }
  // The value axis runs up the right side here.
  ctx.fillStyle = ink.muted;
  ctx.font = '10px system-ui, sans-serif';
  ctx.textAlign = 'left';
  for (const v of valueTicks(t.bins.lo, t.bins.hi)) {
    const y = y1 - ((v - t.bins.lo) / (t.bins.hi - t.bins.lo)) * (y1 - y0);
    ctx.textBaseline = v === t.bins.lo ? 'bottom' : v === t.bins.hi ? 'top' : 'middle';
    ctx.fillText(formatValue(v), x1 + 6, y);
  }
  // Moment labels under the first, the selected and the last column.
  ctx.textBaseline = 'top';
  for (const c of new Set([0, selected, columns - 1])) {
    if (c < 0 || c >= columns) continue;
    ctx.fillStyle = c === selected ? ink.text : ink.muted;
    ctx.textAlign = c === 0 ? 'left' : c === columns - 1 ? 'right' : 'center';
    ctx.fillText(labels[c] ?? '', c === 0 ? x0 : c === columns - 1 ? x1 : x0 + (c + 0.5) * cw, y1 + 4);
  }
}
