// Replay in the worker: a second model that holds a checkpoint's weights, so questions can be
// answered about any moment of the run without touching the live weights, and each moment's test scores.
//
// One model serves every checkpoint (its weights are swapped in when another is asked about), so
// replay costs one model's memory beyond the checkpoints themselves. Test scores are computed on
// demand and kept per checkpoint: 10,000 guesses and confidences, 80 KB each.

import type * as tf from '@tensorflow/tfjs';
import type { Architecture } from '../model/architecture';
import type { FlipList, Flipped } from '../model/compare';
import { flippedDigits } from '../model/compare';
import { buildModel } from './buildModel';
import type { Checkpoint } from './checkpoints';
import { CheckpointStore } from './checkpoints';
import type { MnistBytes } from './dataset';
import { PIXELS } from './dataset';
import type { Subject } from './inspect';
import { confusionOf, scoreSplit } from './metrics';
import type { Evaluation } from './protocol';
import type { TestScores } from './scores';
import { restoreSnapshot } from './trainer';

/** A moment of the run: a checkpoint by id, or the weights the network has now. */
export type Moment = number | 'live';

/** Scores and the confusion they give, for one moment. */
export interface MomentScores extends TestScores {
  evaluation: Evaluation;
}

export class Replay {
  readonly store = new CheckpointStore();
  private model: tf.Sequential | null = null;
  private modelKey: string | null = null;
  /** The checkpoint whose weights `model` holds now. */
  private holds: number | null = null;
  private readonly scores = new Map<number, MomentScores>();

  /** The replay model holding checkpoint `c` of a network built from `architecture` (JSON `key`). */
  subject(c: Checkpoint, architecture: Architecture, key: string): Subject {
    if (!this.model || this.modelKey !== key) {
      this.forgetModel();
      this.model = buildModel(architecture);
      this.modelKey = key;
    }
    if (this.holds !== c.id) {
      restoreSnapshot(this.model, c.weights);
      this.holds = c.id;
    }
    return { model: this.model, architecture, epochsDone: c.epoch };
  }

  /** Drop the replay model (another backend took over: its tensors belong to the old one). */
  forgetModel(): void {
    try {
      this.model?.dispose();
    } catch {
      // The backend that held it may be gone, and its tensors with it.
    }
    this.model = null;
    this.modelKey = null;
    this.holds = null;
  }

  /** Fresh weights: no checkpoint or score of earlier training applies any more. */
  clear(): void {
    this.store.clear();
    this.scores.clear();
    this.forgetModel();
  }

  /** Scores kept for checkpoints the memory limit has since dropped go too. */
  private prune(): void {
    for (const id of this.scores.keys()) if (!this.store.get(id)) this.scores.delete(id);
  }

  /** The test scores of checkpoint `id` if they were computed already. */
  scoresKept(id: number): MomentScores | null {
    return this.scores.get(id) ?? null;
  }

  /** The test scores of checkpoint `id` (scored once, then kept). */
  async scoresOf(id: number, subject: Subject, data: MnistBytes): Promise<MomentScores> {
    this.prune();
    const kept = this.scores.get(id);
    if (kept) return kept;
    const scores = await scoreTestSet(subject, data);
    if (this.store.get(id)) this.scores.set(id, scores);
    return scores;
  }
}

/** Score `subject` on the whole test set: guesses, confidences, and the confusion matrix. */
export async function scoreTestSet(subject: Subject, data: MnistBytes): Promise<MomentScores> {
  const all = new Uint32Array(data.testLabels.length).map((_, i) => i);
  const side = subject.architecture.input.height;
  const score = await scoreSplit(subject.model, { images: data.testImages, labels: data.testLabels }, all, side, { keepPredictions: true });
  // As many classes as the network has outputs (the dataset's), never a fixed ten.
  const last = subject.architecture.layers.at(-1);
  const classes = last?.type === 'dense' ? last.units : 10;
  const { confusion, perClassAccuracy } = confusionOf(data.testLabels, score.predictions!, classes);
  const evaluation = { testError: (1 - score.acc) * 100, classes, testCount: data.testLabels.length, confusion, perClassAccuracy };
  return { predictions: score.predictions!, confidences: score.confidences!, evaluation };
}

function flipList(indices: number[], data: MnistBytes, before: TestScores, after: TestScores, limit: number): FlipList {
  // Most confident later guess first: for fixed digits the surest new right answers, for broken ones the surest new mistakes.
  const order = indices.slice().sort((a, b) => after.confidences[b]! - after.confidences[a]! || a - b);
  const shown = Uint32Array.from(order.slice(0, limit));
  const images = new Uint8Array(shown.length * PIXELS);
  shown.forEach((idx, k) => images.set(data.testImages.subarray(idx * PIXELS, (idx + 1) * PIXELS), k * PIXELS));
  return {
    total: indices.length,
    images,
    indices: shown,
    labels: Uint8Array.from(shown, (i) => data.testLabels[i]!),
    before: Uint8Array.from(shown, (i) => before.predictions[i]!),
    after: Uint8Array.from(shown, (i) => after.predictions[i]!),
  };
}

/** The test digits that flipped between two scorings, the first `limit` of each way with their images. */
export function flippedBetween(before: TestScores, after: TestScores, data: MnistBytes, limit: number): Flipped {
  const flips = flippedDigits(data.testLabels, before.predictions, after.predictions);
  return {
    fixed: flipList(flips.fixed, data, before, after, limit),
    broken: flipList(flips.broken, data, before, after, limit),
    rightBefore: flips.rightBefore,
    rightAfter: flips.rightAfter,
    count: data.testLabels.length,
  };
}

