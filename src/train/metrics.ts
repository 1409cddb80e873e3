// Loss, accuracy and evaluation over batches, computed on the device and read with await data().

import * as tf from '@tensorflow/tfjs';
import type { Split } from './dataset';
import { makeBatch } from './dataset';
import { yieldToEvents } from './events';
import { safeChunk } from './memory';

/** Mean categorical cross-entropy of softmax outputs `probs` against integer `labels`. */
export function crossEntropy(probs: tf.Tensor, labels: tf.Tensor1D): tf.Scalar {
  // One-hot as wide as the network's outputs: ten for MNIST, as many as the learner's classes.
  return tf.tidy(() => tf.metrics.categoricalCrossentropy(tf.oneHot(labels, probs.shape[1] ?? 10), probs).mean() as tf.Scalar);
}

/** How many rows of `probs` pick the right label. */
export function correctCount(probs: tf.Tensor, labels: tf.Tensor1D): tf.Scalar {
  return tf.tidy(() => tf.equal(tf.argMax(probs, 1), labels).sum() as tf.Scalar);
}

export interface SplitScore {
  loss: number;
  acc: number;
  /** Predicted digit per example, in order (only when asked for). */
  predictions?: Int32Array;
  /** Probability of the predicted digit per example (with predictions). */
  confidences?: Float32Array;
}

/**
 * Loss and accuracy of `model` over a whole split, in chunks whose sums stay on the device and
 * are read once at the end (no read back per chunk). Between chunks the worker answers its
 * queued messages. Inference mode: dropout off, batch norm on its moving statistics.
 */
export async function scoreSplit(
  model: tf.LayersModel,
  split: Split,
  indices: ArrayLike<number>,
  side: number,
  options: { chunk?: number; keepPredictions?: boolean } = {},
): Promise<SplitScore> {
  const chunk = safeChunk(model, options.chunk ?? 500);
  const keep = options.keepPredictions ?? false;
  let sums = { loss: tf.scalar(0), right: tf.scalar(0) };
  const predicted: tf.Tensor[] = [];
  const confidence: tf.Tensor[] = [];
  try {
    for (let start = 0; start < indices.length; start += chunk) {
      const ids = Array.prototype.slice.call(indices, start, Math.min(start + chunk, indices.length)) as number[];
      const { xs, labels } = makeBatch(split, ids, side);
      const next = tf.tidy(() => {
        const probs = model.predict(xs) as tf.Tensor;
        if (keep) {
          predicted.push(tf.keep(tf.argMax(probs, 1)));
          confidence.push(tf.keep(tf.max(probs, 1)));
        }
        return { loss: sums.loss.add(crossEntropy(probs, labels).mul(ids.length)) as tf.Scalar, right: sums.right.add(correctCount(probs, labels)) as tf.Scalar };
      });
      tf.dispose([xs, labels, sums.loss, sums.right]);
      sums = next;
      if (start + chunk < indices.length) await yieldToEvents();
    }
    const all = (parts: tf.Tensor[]) => (parts.length > 1 ? tf.concat(parts) : parts[0]!);
    const [p, c] = keep && predicted.length > 0 ? [all(predicted), all(confidence)] : [null, null];
    try {
      const [l, r, pv, cv] = await Promise.all([sums.loss.data(), sums.right.data(), p?.data(), c?.data()]);
      const n = Math.max(indices.length, 1);
      return {
        loss: l[0]! / n,
        acc: r[0]! / n,
        predictions: keep ? Int32Array.from((pv as Int32Array | undefined) ?? []) : undefined,
        confidences: keep ? Float32Array.from((cv as Float32Array | undefined) ?? []) : undefined,
      };
    } finally {
      if (p && predicted.length > 1) tf.dispose([p, c!]);
    }
  } finally {
    tf.dispose([sums.loss, sums.right, ...predicted, ...confidence]);
  }
}

/** Confusion counts, confusion[true * classes + predicted], and accuracy per true class. */
export function confusionOf(labels: ArrayLike<number>, predictions: ArrayLike<number>, classes = 10): { confusion: number[]; perClassAccuracy: number[] } {
  const confusion = new Array<number>(classes * classes).fill(0);
  for (let i = 0; i < labels.length; i++) {
    const k = labels[i]! * classes + predictions[i]!;
    confusion[k] = (confusion[k] ?? 0) + 1;
  }
  const perClassAccuracy = Array.from({ length: classes }, (_, t) => {
    const row = confusion.slice(t * classes, t * classes + classes);
    const total = row.reduce((a, b) => a + b, 0);
    return total === 0 ? 0 : row[t]! / total;
  });
  return { confusion, perClassAccuracy };
}
