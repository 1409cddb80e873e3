// Chart rows from what a run streamed or stored: smoothed, downsampled, and lined up for overlays.

import type { Row, XY } from '../../model/curves';
import { downsampleIndices, grid, mergeSeries, resample, smooth } from '../../model/curves';
import type { BatchPoint, EpochPoint, RunRecord } from '../../state/history/record';

/** Points drawn per line: plenty for a few hundred pixels, cheap enough to redraw live. */
export const MAX_DRAWN_POINTS = 200;

/**
 * Per-batch rows for the live charts: x is the batch number, `loss`/`acc` the raw values and
 * `loss_smooth`/`acc_smooth` the smoothed ones. Smoothing runs over every point; only then is the
 * series cut down (keeping the shape of the raw loss), so the smoothed line does not change with it.
 */
export function batchRows(points: readonly { step: number; loss: number; acc: number }[], weight: number, max = MAX_DRAWN_POINTS): Row[] {
  const steps = points.map((p) => p.step);
  const loss = points.map((p) => p.loss);
  const acc = points.map((p) => p.acc);
  const lossSmooth = smooth(loss, weight);
  const accSmooth = smooth(acc, weight);
  return downsampleIndices(steps, loss, max).map((i) => ({ x: steps[i]!, loss: loss[i]!, loss_smooth: lossSmooth[i]!, acc: acc[i]!, acc_smooth: accSmooth[i]! }) as Row);
}

/** Per-epoch rows, with the seed's names: loss, acc, val_loss, val_acc. */
export function epochRows(epochs: readonly EpochPoint[]): Row[] {
  return epochs.map((e) => ({ x: e.epoch, loss: e.loss, acc: e.acc, val_loss: e.val_loss, val_acc: e.val_acc }) as Row);
}

export type EpochMetric = 'loss' | 'acc' | 'val_loss' | 'val_acc';

/** One column per run (keyed by run id) of an epoch metric, against the epoch. */
export function overlayEpochRows(runs: readonly RunRecord[], metric: EpochMetric): Row[] {
  return mergeSeries(runs.map((r) => ({ key: r.id, points: r.epochs.map((e) => ({ x: e.epoch, y: e[metric] })) })));
}

/**
 * One column per run of a smoothed per-batch metric, against epochs done (runs with different
 * batch sizes line up), resampled onto one shared grid so hovering shows every run at once.
 */
export function overlayBatchRows(runs: readonly RunRecord[], metric: 'loss' | 'acc', weight: number, points = 150): Row[] {
  const curves = runs.map((r) => ({ key: r.id, points: smoothed(r.batches, metric, weight) }));
  const end = Math.max(0, ...curves.map((c) => c.points.at(-1)?.x ?? 0));
  const xs = grid(0, end, points);
  return mergeSeries(curves.map((c) => ({ key: c.key, points: resample(c.points, xs) })));
}

function smoothed(batches: readonly BatchPoint[], metric: 'loss' | 'acc', weight: number): XY[] {
  const ys = smooth(batches.map((b) => b[metric]), weight);
  return batches.map((b, i) => ({ x: b.epoch, y: ys[i]! }));
}

/** Epoch axis: whole epochs 1…n (at most about ten ticks); one epoch gets room either side. */
export function epochAxis(last: number): { domain: [number, number]; ticks: number[] } {
  if (last <= 1) return { domain: [0.5, 1.5], ticks: [1] };
  const step = Math.ceil(last / 10);
  const ticks = Array.from({ length: last }, (_, i) => i + 1).filter((e) => e === 1 || e % step === 0);
  return { domain: [1, last], ticks };
}

/**
 * A percent axis for accuracies from `min` up to 100%: starts at a round level below `min` (so
 * late progress is not squashed at the top) with 4–6 round ticks.
 */
export function percentAxis(min: number): { domain: [number, number]; ticks: number[] } {
  const low = Number.isFinite(min) ? Math.min(Math.max(min, 0), 1) : 0;
  const span = 1 - Math.floor(low * 10) / 10;
  const step = span <= 0.1 ? 0.02 : span <= 0.2 ? 0.05 : span <= 0.5 ? 0.1 : 0.2;
  const start = Math.max(0, Math.floor(low / step + 1e-9) * step);
  const count = Math.round((1 - start) / step);
  const ticks = Array.from({ length: count + 1 }, (_, i) => Math.round((start + i * step) * 1000) / 1000);
  return { domain: [ticks[0]!, 1], ticks };
}

/** The smallest and largest finite values in the given columns of `rows` (±Infinity when there are none). */
export function columnRange(rows: readonly Row[], keys: readonly string[]): { min: number; max: number } {
  let min = Number.POSITIVE_INFINITY;
  let max = Number.NEGATIVE_INFINITY;
  for (const row of rows) {
    for (const k of keys) {
      const v = row[k];
      if (v === undefined || !Number.isFinite(v)) continue;
      if (v < min) min = v;
      if (v > max) max = v;
    }
  }
  return { min, max };
}

/**
 * An axis from 0 to a round value at or above `max`, with 3–6 ticks a round step apart
 * (1, 2, 2.5 or 5 times a power of ten), e.g. max 2.2 → 0, 0.5, …, 2.5.
 */
export function zeroBasedAxis(max: number): { domain: [number, number]; ticks: number[] } {
  if (!Number.isFinite(max) || max <= 0) return { domain: [0, 1], ticks: [0, 0.25, 0.5, 0.75, 1] };
  const power = 10 ** Math.floor(Math.log10(max / 5));
  const step = [1, 2, 2.5, 5, 10].map((m) => m * power).find((s) => max / s <= 5) ?? 10 * power;
  const count = Math.ceil(max / step - 1e-9);
  const ticks = Array.from({ length: count + 1 }, (_, i) => Number((i * step).toPrecision(12)));
  return { domain: [0, ticks[ticks.length - 1]!], ticks };
}
