// Replay state: the run's checkpoints and gradient samples as the worker reports them, the moment shown, the two compared, and the undo of a restore.

import type { GradientSample, ReplayTimeline } from '../train/protocol';
import type { TrainingSlice } from './trainingSlice';

/** Gradient samples kept for the chart; older ones are halved beyond this. */
export const MAX_GRADIENT_SAMPLES = 400;

/** A moment the compare view names: a checkpoint by id, the first one kept, or the live weights. */
export type MomentKey = number | 'first' | 'live';

/** What a restore replaced on the page, for its Undo. */
export interface RestoreUndo {
  /** What was restored, in words ("end of epoch 2"), and what it replaced. */
  restored: string;
  replaced: string;
  page: Pick<TrainingSlice, 'epochs' | 'batchPoints' | 'latestBatch' | 'evaluation'> & { runEpoch: number; gradients: GradientSample[] };
}

export interface ReplayView {
  /** The worker's latest word on the checkpoints of the weights it holds; null before any. */
  timeline: ReplayTimeline | null;
  gradients: GradientSample[];
  /** The checkpoint the scrubber shows; null: the live weights (as without replay). */
  shownId: number | null;
  compare: { from: MomentKey; to: MomentKey };
  undo: RestoreUndo | null;
  /** A restore, undo or replay that failed, in words. */
  error: string | null;
  /** Which history runs have their checkpoints kept (replayHistory.ts). */
  index: Record<string, { count: number; bytes: number; savedAt: number }>;
  /** Whether the last run's checkpoints were kept with it in the history, in words. */
  kept: string | null;
}

export interface ReplaySlice {
  replay: ReplayView;
}

export function initialReplayView(): ReplayView {
  return { timeline: null, gradients: [], shownId: null, compare: { from: 'first', to: 'live' }, undo: null, error: null, index: {}, kept: null };
}

export function initialReplay(): ReplaySlice {
  return { replay: initialReplayView() };
}
