// Checkpoints of a run for replay: when they are taken, what to call them, and which survive a memory limit.
//
// When. The weights before the first batch, after 1, 10, 100 and 1,000 batches of the first
// epoch (those that fall inside it), and at the end of every epoch. Most of the change happens
// early: the loss of a first epoch falls roughly linearly in the logarithm of the batches done,
// so one checkpoint per power of ten shows that phase in steps of about equal change, where
// evenly spaced ones would all land on its flat tail. After the first epoch, change is slow
// and the end of each epoch (which is also when validation is scored) is enough.
//
// The limit. Checkpoints take 4 bytes per weight each (the simple CNN's 592,074 weights make
// 2.37 MB). When they would take more than the limit, one is dropped at a time: the one whose
// two neighbours are closest together in training time (batches done), the earliest of a tie.
// That keeps the survivors as evenly spread over the run as they can be: a run of epochs
// 0…10 thinned to six keeps 0, 2, 4, 6, 8, 10. The first (where the run began) and the latest
// always survive, even when the two alone exceed the limit.

import { groupDigits } from './format';

/** Batches of the first epoch after which a checkpoint is taken (those before its last batch). */
export const EARLY_BATCHES: readonly number[] = [1, 10, 100, 1000];

/** The default limit on the memory the checkpoints of one run take in the worker, in megabytes. */
export const CHECKPOINT_BUDGET_MB = 64;

/**
 * The most a run's checkpoints may take to be kept with it in the history (IndexedDB): enough for
 * a 10-epoch run of the seed's CNNs (15 checkpoints of 2.4 MB take 36 MB: thinned runs of them
 * fit), small enough that a dozen runs do not fill a phone's storage.
 */
export const HISTORY_CHECKPOINTS_MB = 40;

/** Megabytes as the limit counts them: decimal, as formatBytes shows them. */
export const MB = 1_000_000;

export type CheckpointKind = 'start' | 'batch' | 'epoch';

/** What the page knows of a checkpoint; the weights stay in the worker. */
export interface CheckpointInfo {
  /** Unique within a session, in the order taken: a checkpoint keeps its id when others are thinned. */
  id: number;
  kind: CheckpointKind;
  /** Batches trained since the weights were fresh (the x of the per-batch curves). */
  step: number;
  /** Epochs done, fractional inside an epoch: 0.25 after 10 of 40 batches. */
  epoch: number;
  /** Bytes its weights take. */
  bytes: number;
}

/** Whether the end of 1-based `batch` of epoch `epochIndex` (0-based) gets a checkpoint; the epoch's last batch waits for the epoch's own. */
export function isEarlyCheckpoint(epochIndex: number, batch: number, batchesPerEpoch: number): boolean {
  return epochIndex === 0 && batch < batchesPerEpoch && EARLY_BATCHES.includes(batch);
}

/** The early checkpoints an epoch of `batchesPerEpoch` batches gets (the first epoch only). */
export function earlyBatches(batchesPerEpoch: number): number[] {
  return EARLY_BATCHES.filter((b) => b < batchesPerEpoch);
}

/** Epochs done after `batch` batches of epoch `epochIndex`, as the scrubber's data-value gives it. */
export function epochAt(epochIndex: number, batch: number, batchesPerEpoch: number): number {
  return batch >= batchesPerEpoch ? epochIndex + 1 : epochIndex + batch / batchesPerEpoch;
}

/** How many checkpoints a run of `epochs` epochs (from `startEpoch`) takes before any thinning. */
export function plannedCount(epochs: number, batchesPerEpoch: number, startEpoch = 0): number {
  return 1 + (startEpoch === 0 ? earlyBatches(batchesPerEpoch).length : 0) + Math.max(0, epochs - startEpoch);
}


/** A checkpoint in words: "before training", "after 10 batches", "end of epoch 3". */
export function describeCheckpoint(c: Pick<CheckpointInfo, 'kind' | 'step' | 'epoch'>): string {
  switch (c.kind) {
    case 'start':
      return c.epoch === 0 ? 'before training' : `epoch ${formatEpoch(c.epoch)}, where this run went on`;
    case 'batch':
      return c.step === 1 ? 'after 1 batch' : `after ${groupDigits(c.step)} batches`;
    case 'epoch':
      return `end of epoch ${formatEpoch(c.epoch)}`;
  }
}

/** 0.25 -> "0.25", 3 -> "3": short, exact enough to tell checkpoints apart. */
export function formatEpoch(epoch: number): string {
  return Number.isInteger(epoch) ? String(epoch) : String(Math.round(epoch * 1000) / 1000);
}

/**
 * The checkpoints that survive `budgetBytes`, in order (the same objects), by the rule at the top
 * of this file. `list` must be in the order taken (steps not decreasing).
 */
export function thinToBudget<T extends Pick<CheckpointInfo, 'step' | 'bytes'>>(list: readonly T[], budgetBytes: number): T[] {
  const kept = list.slice();
  let total = kept.reduce((sum, c) => sum + c.bytes, 0);
  while (total > budgetBytes && kept.length > 2) {
    let drop = 1;
    let narrowest = Infinity;
    for (let i = 1; i < kept.length - 1; i++) {
      const span = kept[i + 1]!.step - kept[i - 1]!.step;
      if (span < narrowest) {
        narrowest = span;
        drop = i;
      }
    }
    total -= kept[drop]!.bytes;
    kept.splice(drop, 1);
  }
  return kept;
}

/** What the limit means for a network whose checkpoints take `bytesEach`: how many fit. */
export function checkpointsThatFit(bytesEach: number, budgetBytes: number): number {
  return bytesEach <= 0 ? Infinity : Math.max(2, Math.floor(budgetBytes / bytesEach));
}

/** One position of the scrubber: a checkpoint, or the weights the network has now (always the last). */
export interface Moment {
  /** The checkpoint shown, or null for live weights that no checkpoint holds (mid-epoch, say). */
  id: number | null;
  /** True for the last position: views ask about the live weights there, exactly as without replay. */
  live: boolean;
  step: number;
  epoch: number;
  label: string;
}

/** Where the live weights stand; `label` overrides "now" (early stopping went back to a best epoch, say). */
export interface LivePoint {
  step: number;
  epoch: number;
  label?: string;
}

/**
 * The scrubber's positions: every checkpoint kept, then the live weights. When the latest
 * checkpoint was taken where the live weights still are (a run that ended with an epoch), it is
 * the live position itself rather than a copy of it.
 */
export function timeline(checkpoints: readonly CheckpointInfo[], live: LivePoint): Moment[] {
  const moments: Moment[] = checkpoints.map((c) => ({ id: c.id, live: false, step: c.step, epoch: c.epoch, label: describeCheckpoint(c) }));
  const last = moments.at(-1);
  if (last && last.step === live.step && last.epoch === live.epoch && live.label === undefined) {
    last.live = true;
  } else {
    moments.push({ id: null, live: true, step: live.step, epoch: live.epoch, label: live.label ?? `epoch ${formatEpoch(live.epoch)}` });
  }
  return moments;
}

/** A moment in a few characters, for labels beside small charts: "start", "10 b", "ep 3", "now". */
export function shortLabel(m: Moment, first: boolean): string {
  if (m.live) return 'now';
  if (first && m.step === 0) return 'start';
  return Number.isInteger(m.epoch) ? `ep ${m.epoch}` : `${groupDigits(m.step)} b`;
}

/** A checkpoint with its weights, as the history stores it and gives it back to the worker. */
export interface CheckpointWeights {
  kind: CheckpointKind;
  step: number;
  epoch: number;
  values: Float32Array[];
  shapes: number[][];
}

/** Which weights a question is about: the live ones (the default), or a checkpoint's. */
export type WeightsRef = { kind: 'live' } | { kind: 'checkpoint'; id: number };

export const LIVE: WeightsRef = { kind: 'live' };

/** What the worker says about the current run's checkpoints whenever they change. */
export interface ReplayTimeline {
  checkpoints: CheckpointInfo[];
  /** Checkpoints taken since the weights were fresh, before any were thinned. */
  taken: number;
  /** Bytes the kept ones take, and the limit. */
  bytes: number;
  budgetBytes: number;
  /** Where the live weights stand. */
  live: LivePoint;
}
