// Loss, accuracy and evaluation over batches, computed on the device and read with await data().

import * as tf from '@tensorflow/tfjs';
import type { Split } from './dataset';
import { makeBatch } from './dataset';
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
 * Loss and accuracy of `model` over a whole split, in chunks, reading the device once per chunk.
 * Inference mode: dropout off, batch norm on its moving statistics.
 */
export async function scoreSplit(
  model: tf.LayersModel,
  split: Split,
  indices: ArrayLike<number>,
  side: number,
  options: { chunk?: number; keepPredictions?: boolean } = {},
): Promise<SplitScore> {
  const chunk = safeChunk(model, options.chunk ?? 500);
  const predictions = options.keepPredictions ? new Int32Array(indices.length) : undefined;
  const confidences = options.keepPredictions ? new Float32Array(indices.length) : undefined;
  let lossSum = 0;
  let correct = 0;
  for (let start = 0; start < indices.length; start += chunk) {
    const ids = Array.prototype.slice.call(indices, start, Math.min(start + chunk, indices.length)) as number[];
    const { xs, labels } = makeBatch(split, ids, side);
    const [loss, right, predicted, confidence] = tf.tidy(() => {
      const probs = model.predict(xs) as tf.Tensor;
      return [crossEntropy(probs, labels).mul(ids.length), correctCount(probs, labels), tf.argMax(probs, 1), tf.max(probs, 1)];
    });
    xs.dispose();
    labels.dispose();
    try {
      const [l, r, p, c] = await Promise.all([loss.data(), right.data(), predictions ? predicted.data() : null, confidences ? confidence.data() : null]);
      lossSum += l[0]!;
      correct += r[0]!;
      if (predictions && p) predictions.set(p as Int32Array, start);
      if (confidences && c) confidences.set(c as Float32Array, start);
    } finally {
      tf.dispose([loss, right, predicted, confidence]);
    }
  }
  const n = Math.max(indices.length, 1);
  return { loss: lossSum / n, acc: correct / n, predictions, confidences };
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
